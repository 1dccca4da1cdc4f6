// Debian's Chromium through playwright-core, as the browser tests and bench:web start it: headless,
// and without the background connections that this machine's closed network refuses.
import { chromium, type Browser } from 'playwright-core';

export const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** `extra`: more flags, e.g. a remote debugging port for Lighthouse. */
export const launchChromium = (extra: readonly string[] = []): Promise<Browser> =>
  chromium.launch({
    executablePath: chromePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extra,
    ],
  });
