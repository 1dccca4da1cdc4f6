// Browser test fixtures: a real server on a free port with a temp data file, Debian's Chromium
// through playwright-core, and per-page checks (no console error, axe, screenshot).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { suite, type Test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildWeb } from '../../scripts/build-web.js';
import { chromePath, launchChromium } from '../../scripts/chromium.js';
import { freePort, serverNodeArgs } from '../../scripts/server-process.js';
import { adminUrl, freshDatabase, type TestDatabase } from '../helpers/pg-db.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const PASSWORD = 'CaRE-cyber-2027';
export const SHOTS = join(root, 'test-results/screenshots');
export { chromePath };
export const browserMissing = (): string | null =>
  existsSync(chromePath)
    ? null
    : `Chromium introuvable (${chromePath}) : installez « chromium » ou définissez CHROME_PATH`;

export interface Env {
  base: string;
  browser: Browser;
  stop(): Promise<void>;
}

export const start = async (): Promise<Env> => {
  // assets of its own: a bench or another run building dist/web at the same time cannot empty them
  const dir = mkdtempSync(join(tmpdir(), 'jalon-e2e-'));
  await buildWeb({ outDir: join(dir, 'web') });
  const port = await freePort();
  // the PostgreSQL pass (JALON_TEST_STORE=postgres): the server on a database of its own
  const db: TestDatabase | null =
    process.env.JALON_TEST_STORE === 'postgres' && adminUrl ? await freshDatabase() : null;
  const server: ChildProcess = spawn(process.execPath, serverNodeArgs(), {
    cwd: root,
    env: {
      ...process.env,
      ...(db ? { JALON_STORE: db.url } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      JALON_DATA: join(dir, 'jalon.json'),
      JALON_WEB_DIR: join(dir, 'web'),
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 30_000);
    const onData = (b: Buffer) => {
      log += b.toString();
      if (log.includes(`:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', (b: Buffer) => {
      log += b.toString();
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${log}`));
    });
  });
  const browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
  return {
    base: `http://127.0.0.1:${port}`,
    browser,
    stop: async () => {
      await browser.close().catch(() => {});
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
      await db?.drop();
    },
  };
};

/** Browser refusals the UI shows on purpose (412/422/403 on refused saves) are logged by
 *  Chromium as "Failed to load resource"; anything else is a real error, unless a test adds
 *  the one it provokes to `allowed` (a wrong password's 401). */
const EXPECTED = /Failed to load resource: the server responded with a status of (403|412|422)/;

export interface Session {
  context: BrowserContext;
  page: Page;
  errors: string[];
  allowed: RegExp[];
}

export const open = async (env: Env, path: string): Promise<Session> => {
  const context = await env.browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  const allowed: RegExp[] = [EXPECTED];
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowed.some((r) => r.test(m.text()))) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(env.base + path);
  return { context, page, errors, allowed };
};

export const login = async (page: Page, email: string) => {
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
};

/** `path` in a fresh page, signed in as `email` through the login form it shows first. */
export const openAs = async (env: Env, path: string, email: string): Promise<Session> => {
  const s = await open(env, path);
  await login(s.page, email);
  return s;
};

/** A file of browser stories: a uvu suite whose context holds a server started before its first
 *  test and stopped after its last (closing the browser closes every page left open). Without
 *  Chromium it holds one skipped test instead — a failed one in CI, where the browser is required —
 *  and the stories it is then given are not registered. */
export const browserSuite = <T extends object = object>(name: string): Test<T & { env: Env }> => {
  const e2e = suite<T & { env: Env }>(name);
  const missing = browserMissing();
  if (!missing) {
    e2e.before(async (ctx) => {
      ctx.env = await start();
    });
    e2e.after(async (ctx) => {
      await ctx.env?.stop();
    });
    return e2e;
  }
  if (process.env.CI === 'true')
    e2e('browser available (required in CI)', () =>
      assert.unreachable(`${missing} — en CI le navigateur est obligatoire.`),
    );
  else {
    console.log(`browser tests skipped: ${missing}`);
    e2e.skip(`${name} (Chromium missing)`, () => {});
  }
  const ignored = () => {};
  const hook = Object.assign(() => {}, { each: ignored });
  return Object.assign(ignored, { only: ignored, skip: ignored, before: hook, after: hook, run: () => e2e.run() });
};

const PHONE = { width: 390, height: 844 };

/** The document does not scroll sideways: no wider than the window (charts get up to 3 s to follow a resize). */
export const fitsWindow = async (page: Page, what: string): Promise<void> => {
  await page
    .waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, undefined, { timeout: 3_000 })
    .catch(() => {});
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll! <= inner!, `${what}: the page is ${scroll} px wide in a ${inner} px window`);
};

/** At 390 × 844 the document does not scroll sideways; with `buttons`, every button also lies
 *  inside the window (or inside a box that scrolls on its own). */
export const fitsPhone = async (page: Page, what: string, { buttons = false } = {}): Promise<void> => {
  await page.setViewportSize(PHONE);
  await fitsWindow(page, `${what} (390 px)`);
  if (!buttons) return;
  // no named function inside: tsx would wrap it in a helper the page does not have
  const outside = await page.evaluate(() => {
    const found: string[] = [];
    const roots: Array<Document | ShadowRoot> = [document];
    for (let root = roots.pop(); root; root = roots.pop())
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
        if (el.tagName !== 'BUTTON') continue;
        const r = el.getBoundingClientRect();
        let scrolls = false;
        for (let n: Node | null = el.parentNode; n; n = n instanceof ShadowRoot ? n.host : n.parentNode)
          if (n instanceof HTMLElement && getComputedStyle(n).overflowX === 'auto') scrolls = true;
        if (r.width > 0 && !scrolls && (r.left < 0 || r.right > window.innerWidth)) found.push(el.textContent!.trim());
      }
    return found;
  });
  assert.equal(outside, [], `${what}: buttons outside the window`);
};

/** An amount as the pages print it (« 1 234,56 € », « −12 € », narrow or plain spaces) → cents. */
export const cents = (text: string): number => {
  const m = text.replace(/[\s\u202f\u00a0]/g, '').match(/^([−-])?(\d+)(?:,(\d{2}))?€$/);
  if (!m) throw new Error(`not an amount: ${text}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3] ?? 0));
};

const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core on the whole page (it walks open shadow roots); returns violations as text. */
export const axeViolations = async (page: Page): Promise<string[]> => {
  // The CSP (script-src 'self') blocks an injected <script>; evaluating the source is not blocked.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }>;
        };
      }
    ).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(' ')}`,
    );
  });
  return result;
};

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** Every page of the suites: settled, photographed, no axe violation, no console error. */
export const checkPage = async (s: Session, name: string): Promise<void> => {
  await s.page.waitForLoadState('networkidle');
  await shot(s.page, name);
  const violations = await axeViolations(s.page);
  assert.equal(violations, [], `axe on ${name}:\n${violations.join('\n')}`);
  assert.equal(s.errors, [], `console errors on ${name}`);
};

/** The dashboard's four charts, drawn: charts are drawn as they come near the screen, so each
 *  figure is scrolled to in turn and waited for, then the page goes back to the top. */
export const chartsDrawn = async (page: Page): Promise<void> => {
  const figures = page.locator('jalon-dashboard-page jalon-chart-figure');
  await figures.nth(3).waitFor({ state: 'attached' });
  for (let i = 0; i < 4; i++) {
    await figures.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((n) => {
      const root = document.querySelector('app-shell')?.shadowRoot?.querySelector('jalon-dashboard-page')?.shadowRoot;
      const figure = root?.querySelectorAll('jalon-chart-figure')[n];
      return (figure?.shadowRoot?.querySelector('jalon-chart') as (Element & { drawn?: boolean }) | null)?.drawn;
    }, i);
  }
  await page.evaluate(() => scrollTo(0, 0));
};
