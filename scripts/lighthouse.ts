// Lighthouse on every page, signed in as the role whose page it is: prints performance,
// accessibility, best practices and CLS per page, and exits non-zero when a page misses the
// targets (performance ≥ 90, accessibility 100, best practices ≥ 95, CLS < 0.1).
// Usage: npm run lighthouse [-- --only /dashboard] [-- --desktop]
// The demo plan on a server of its own (temp data folder and assets), Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { launchChromium } from './chromium.js';
import { freePort, startServer } from './server-process.js';

const { values: opts } = parseArgs({
  options: { only: { type: 'string' }, desktop: { type: 'boolean', default: false } },
});
const PASSWORD = 'CaRE-cyber-2027';
/** Each page with the account of the role whose page it is. */
const PAGES: Array<[string, string]> = [
  ['/login', ''],
  ['/dashboard', 'finances@jalon.test'],
  ['/payments', 'finances@jalon.test'],
  ['/allocations', 'planif@jalon.test'],
  ['/import', 'planif@jalon.test'],
  ['/envelopes', 'planif@jalon.test'],
  ['/actions', 'planif@jalon.test'],
  ['/establishments', 'planif@jalon.test'],
  ['/completions', 'planif@jalon.test'],
  ['/roadmap', 'planif@jalon.test'],
  ['/audit', 'admin@jalon.test'],
  ['/users', 'admin@jalon.test'],
  ['/awards', 'etab.versailles@jalon.test'],
  ['/applications', 'etab.versailles@jalon.test'],
  ['/windows', 'planif@jalon.test'],
  // a window's page with its funnel (tables and chart), D1 of the demo plan
  ['/windows?id=win-d1', 'finances@jalon.test'],
  ['/windows?id=win-d2', 'etab.versailles@jalon.test'],
  ['/scenarios', 'planif@jalon.test'],
  ['/account', 'etab.versailles@jalon.test'],
];

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jalon-lh-'));
const webDir = join(dir, 'web');
const build = spawnSync('npm', ['run', 'build:web', '--silent'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, JALON_WEB_DIR: webDir },
});
if (build.status !== 0) throw new Error(build.stderr || build.stdout);
// development: the demo accounts exist and the session cookie is not Secure (plain http here)
const server = await startServer(join(dir, 'jalon.json'), { JALON_WEB_DIR: webDir, NODE_ENV: 'development' });
const port = await freePort();
const browser = await launchChromium([`--remote-debugging-port=${port}`]);

const cookieFor = async (email: string): Promise<string> => {
  const res = await fetch(`${server.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.base },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
};

const targets = { performance: 90, accessibility: 100, 'best-practices': 95 } as const;
let misses = 0;
try {
  for (const [path, email] of PAGES.filter(([p]) => !opts.only || p === opts.only)) {
    const headers = email ? { Cookie: await cookieFor(email) } : undefined;
    const result = await lighthouse(
      server.base + path,
      {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: Object.keys(targets),
        extraHeaders: headers,
        disableStorageReset: false,
      },
      opts.desktop ? (await import('lighthouse/core/config/desktop-config.js')).default : undefined,
    );
    if (!result) throw new Error(`no result for ${path}`);
    const { categories, audits } = result.lhr;
    const score = (k: keyof typeof targets) => Math.round((categories[k]?.score ?? 0) * 100);
    const cls = Number(audits['cumulative-layout-shift']?.numericValue ?? 0);
    const bad = [
      ...Object.entries(targets)
        .filter(([k, min]) => score(k as keyof typeof targets) < min)
        .map(([k]) => k),
      ...(cls >= 0.1 ? ['cls'] : []),
    ];
    if (bad.length) misses++;
    const failing = (Object.keys(targets) as Array<keyof typeof targets>)
      .flatMap((k) => categories[k]?.auditRefs ?? [])
      .filter((r) => r.weight > 0 && (audits[r.id]?.score ?? 1) < 0.9)
      .map((r) => r.id);
    console.log(
      `${path.padEnd(16)} ${(email || '—').padEnd(28)} perf ${score('performance')}  a11y ${score('accessibility')}` +
        `  bp ${score('best-practices')}  CLS ${cls.toFixed(3)}` +
        (['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index'] as const)
          .map(
            (id) =>
              `  ${id
                .split('-')
                .map((w) => w[0]!.toUpperCase())
                .join('')} ${Math.round(Number(audits[id]?.numericValue ?? 0))} ms`,
          )
          .join('') +
        (bad.length ? `  ✗ ${bad.join(', ')} (${failing.join(', ')})` : ''),
    );
    // what moved, so that the space it needs can be reserved
    const shifts =
      (
        audits['layout-shifts']?.details as
          { items?: Array<{ node?: { selector?: string; nodeLabel?: string }; score?: number }> } | undefined
      )?.items ?? [];
    if (cls >= 0.1)
      for (const s of shifts.slice(0, 4))
        console.log(
          `    shift ${(s.score ?? 0).toFixed(3)}  ${s.node?.selector ?? '?'}  « ${(s.node?.nodeLabel ?? '').slice(0, 60)} »`,
        );
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(misses ? `${misses} page(s) below target` : 'every page on target');
process.exit(misses ? 1 : 0);
