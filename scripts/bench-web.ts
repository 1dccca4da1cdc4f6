// npm run bench:web [-- --runs 5 --scroll-seconds 5 --keep]: the national plan in headless Chromium.
// Generates the plan in a temp folder, builds the web assets, starts a real server and measures:
// navigation → the dashboard's charts on screen drawn, a grid cell saved → the remaining amount shown,
// frames while scrolling the 3,000-row grid, and the gzipped JS of the first page (login).
// Times are medians over --runs; the last line printed is one JSON object (see README, "Performance").
import { spawnSync, type ChildProcess } from 'node:child_process';
import { startServer } from './server-process.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    establishments: { type: 'string', default: '3000' },
    'scroll-seconds': { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
  },
});
const RUNS = Number(opts.runs),
  SCROLL_S = Number(opts['scroll-seconds']);
const root = new URL('..', import.meta.url).pathname;
const PASSWORD = 'CaRE-cyber-2027';
// The grids measured: an envelope's every row (the biggest one), its proposed rows (editable
// without an avenant), and one action of the D1 envelope (3,000 establishments, one row each).
const BIG = 'env-care-socle',
  SCROLLED = { envelope: 'env-care-d1', actionId: 'act-d1-ad' };

const log = (...xs: unknown[]) => console.log('[bench:web]', ...xs);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};
const r0 = Math.round,
  r1 = (n: number) => Math.round(n * 10) / 10;

const dir = await mkdtemp(join(tmpdir(), 'jalon-bench-web-'));
let server: ChildProcess | undefined, browser: Browser | undefined;
process.on('exit', () => {
  server?.kill('SIGKILL');
});

/** Runs in the page before its scripts: every frame, looks for what the bench waits for and
 *  stamps the first frame it is seen in (performance.now() counts from the navigation). */
const watchers = () => {
  const w = window as unknown as { __seen: Record<string, number>; __gridTotal?: number };
  w.__seen = {};
  const shell = () => document.querySelector('app-shell')?.shadowRoot;
  const checks: Record<string, () => boolean> = {
    // the charts on the screen drawn (those below the fold are drawn when scrolled to)
    charts: () => {
      const figures = [
        ...(shell()?.querySelector('jalon-dashboard-page')?.shadowRoot?.querySelectorAll('jalon-chart-figure') ?? []),
      ].filter((f) => f.getBoundingClientRect().top < innerHeight);
      const charts = figures.map(
        (f) => f.shadowRoot?.querySelector('jalon-chart') as (Element & { drawn?: boolean }) | null,
      );
      return charts.length > 0 && charts.every((c) => c?.drawn);
    },
    grid: () => {
      const page = shell()?.querySelector('jalon-allocations-page')?.shadowRoot;
      const count = page?.querySelector('.toolbar .count')?.textContent?.replace(/\D/g, '');
      const rows = page?.querySelector('jalon-allocation-grid')?.shadowRoot?.querySelector('tbody tr[data-id]');
      return !!rows && w.__gridTotal !== undefined && count === String(w.__gridTotal);
    },
  };
  const name = location.pathname === '/dashboard' ? 'charts' : location.pathname === '/allocations' ? 'grid' : '';
  const tick = () => {
    if (checks[name]?.()) w.__seen[name] = performance.now();
    else if (name) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};
const seen = async (page: Page, name: string) => {
  await page.waitForFunction((n) => n in ((window as unknown as { __seen?: object }).__seen ?? {}), name, {
    timeout: 60_000,
  });
  return page.evaluate((n) => (window as unknown as { __seen: Record<string, number> }).__seen[n]!, name);
};

try {
  // --- the plan, the assets, the server
  log(`generating ${opts.establishments} establishments in ${dir}`);
  const gen = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts/gen.ts'), '--establishments', opts.establishments, '--out', dir],
    { encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error(gen.stderr);
  const webDir = join(dir, 'web'); // assets of its own, out of the tests' way
  const build = spawnSync('npm', ['run', 'build:web', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, JALON_WEB_DIR: webDir },
  });
  if (build.status !== 0) throw new Error(build.stderr || build.stdout);
  const running = await startServer(join(dir, 'jalon.json'), { JALON_WEB_DIR: webDir });
  server = running.child;
  const base = running.base;
  browser = await launchChromium();
  const b = browser;
  /** A fresh browser profile (empty HTTP cache), signed in when an email is given. */
  const session = async (email?: string): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await b.newContext({
      viewport: { width: 1440, height: 1000 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    if (email) {
      const res = await context.request.post(`${base}/api/session`, { data: { email, password: PASSWORD } });
      if (!res.ok()) throw new Error(`login ${email}: ${res.status()}`);
    }
    // tsx compiles this file with keepNames: functions sent to the page call its __name helper
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript(watchers);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    // say so rather than time out silently
    page.on('response', (r) => {
      if (r.status() >= 400 && r.status() !== 401) log(`HTTP ${r.status()} ${r.url()}`);
    });
    return { context, page };
  };

  // --- first page: every JS file the login page loads, gzipped (the server sends them precompressed)
  const first = await session();
  const scripts = new Set<string>();
  first.page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
  });
  await first.page.goto(`${base}/login`);
  await first.page.getByLabel('Mot de passe').waitFor();
  await first.page.waitForLoadState('networkidle');
  await first.context.close();
  let jsGzip = 0;
  for (const p of scripts) jsGzip += gzipSync(await readFile(join(webDir, p))).length;
  const firstPageJsGzipKB = r1(jsGzip / 1024);
  log(`first page (login): ${scripts.size} JS files, ${firstPageJsGzipKB} KB gzip (budget 150 KB)`);

  // --- dashboard: navigation → the charts on screen drawn, fresh profile each time
  const dashMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await session('reviewer1@jalon.test');
    await page.goto(`${base}/dashboard`);
    dashMs.push(await seen(page, 'charts'));
    await context.close();
  }
  log(
    `dashboard charts on screen drawn: median ${r0(median(dashMs))} ms [${dashMs.map(r0).join(', ')}] (target 1,500)`,
  );

  // --- allocation grid: all rows of the biggest envelope; then edits on its proposed rows
  const planner = await session('planner1@jalon.test');
  const total = async (q: Record<string, string>) => {
    const res = await planner.context.request.get(
      `${base}/api/allocations?${new URLSearchParams({ ...q, limit: '1' })}`,
    );
    return ((await res.json()) as { total: number }).total;
  };
  const openGrid = async (q: Record<string, string>) => {
    const n = await total({
      envelopeId: q.envelope!,
      ...(q.status ? { status: q.status } : {}),
      ...(q.actionId ? { actionId: q.actionId } : {}),
    });
    await planner.page.addInitScript((x) => {
      (window as unknown as { __gridTotal: number }).__gridTotal = x;
    }, n);
    await planner.page.goto(`${base}/allocations?${new URLSearchParams(q)}`);
    return { rows: n, ms: await seen(planner.page, 'grid') };
  };
  const gridMs: number[] = [];
  let gridRows = 0;
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    const g = await openGrid({ envelope: BIG });
    gridMs.push(g.ms);
    gridRows = g.rows;
  }
  log(
    `allocation grid, ${gridRows} rows of ${BIG}: all shown in median ${r0(median(gridMs))} ms [${gridMs.map(r0).join(', ')}]`,
  );

  const p = planner.page;
  const edited = await openGrid({ envelope: BIG, status: 'proposed' });
  await p.locator('jalon-budget-summary:not([updating]) tr.remaining').waitFor();
  const editMs: number[] = [];
  for (let r = 0, done = 0; done < Math.max(RUNS, 5) && r < 40; r++) {
    const cell = p.locator(`[data-testid="allocation-grid"] td[data-r="${r}"][data-c="2"]`);
    const cents = Number((await cell.innerText()).replace(/\D/g, ''));
    if (cents < 100) continue; // lower a non-zero 2025 amount by 1 €: never over the envelope
    await cell.click();
    await p.keyboard.press('Enter');
    const input = cell.locator('input');
    await input.fill(((cents - 100) / 100).toFixed(2).replace('.', ','));
    await p.evaluate(() => {
      const w = window as unknown as { __edit: Promise<number> };
      const remaining = () =>
        document
          .querySelector('app-shell')
          ?.shadowRoot?.querySelector('jalon-allocations-page')
          ?.shadowRoot?.querySelector('jalon-budget-summary')
          ?.shadowRoot?.querySelector('tr.remaining')?.textContent;
      const before = remaining();
      w.__edit = new Promise((resolve) => {
        let t0 = 0;
        addEventListener(
          'keydown',
          (e) => {
            if (e.key === 'Enter') t0 ||= performance.now();
          },
          { capture: true, once: true },
        );
        const tick = () =>
          t0 && remaining() !== before ? resolve(performance.now() - t0) : requestAnimationFrame(tick);
        requestAnimationFrame(tick);
      });
    });
    await input.press('Enter');
    editMs.push(await p.evaluate(() => (window as unknown as { __edit: Promise<number> }).__edit));
    await p.locator('[data-testid="grid-live"]', { hasText: 'Enregistré' }).waitFor();
    done++;
  }
  log(
    `cell saved → remaining updated (${edited.rows} proposed rows shown): median ${r0(median(editMs))} ms [${editMs.map(r0).join(', ')}] (target 150)`,
  );

  // --- scrolling the 3,000-row grid at a steady 3,000 px/s, frames timed by requestAnimationFrame
  const scrolled = await openGrid(SCROLLED);
  const scrolls: Array<{ frames: number; dropped: number; longest: number }> = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    scrolls.push(
      await p.evaluate(
        async ({ seconds, top }) => {
          const grid = document
            .querySelector('app-shell')
            ?.shadowRoot?.querySelector('jalon-allocations-page')
            ?.shadowRoot?.querySelector('jalon-allocation-grid');
          const s = grid!.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
          s.scrollTop = top;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const times: number[] = [];
          await new Promise<void>((done) => {
            const step = (ts: number) => {
              times.push(ts);
              s.scrollTop = top + ((ts - times[0]!) / 1000) * 3000;
              if (ts - times[0]! < seconds * 1000) requestAnimationFrame(step);
              else done();
            };
            requestAnimationFrame(step);
          });
          const gaps = times.slice(1).map((t, k) => t - times[k]!);
          return { frames: gaps.length, dropped: gaps.filter((g) => g > 25).length, longest: Math.max(...gaps) };
        },
        { seconds: SCROLL_S, top: i * SCROLL_S * 3000 },
      ),
    );
  }
  const scrollFrames = median(scrolls.map((s) => s.frames)),
    droppedFrames = median(scrolls.map((s) => s.dropped));
  log(
    `scrolling ${scrolled.rows} rows for ${SCROLL_S} s: median ${scrollFrames} frames, ${droppedFrames} over 25 ms, longest ${r1(median(scrolls.map((s) => s.longest)))} ms ` +
      `[${scrolls.map((s) => `${s.frames}/${s.dropped}/${r1(s.longest)}`).join(', ')}]`,
  );
  await planner.context.close();

  console.log(
    JSON.stringify({
      dashboardChartsMs: r0(median(dashMs)),
      editToRemainingMs: r0(median(editMs)),
      scrollFrames,
      droppedFrames,
      firstPageJsGzipKB,
    }),
  );
} finally {
  await browser?.close().catch(() => {});
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited; // a clean stop compacts the journal into the snapshot
  }
  if (!opts.keep) await rm(dir, { recursive: true, force: true });
}
