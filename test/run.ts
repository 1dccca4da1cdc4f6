// Runs every suite with uvu and ends with one line "N passed, N failed, N skipped".
// uvu alone prints its totals on separate lines and exits 0 when nothing ran: a run with no
// test fails here. Browser suites (test/e2e) run in their own process after the others.
// With JALON_TEST_DATABASE_URL (a PostgreSQL where the tests may create schemas and databases),
// every suite runs a second time on the PostgreSQL engine (JALON_TEST_STORE=postgres), but for
// the ones in ONE_ENGINE; the browser suites' server then opens a database of its own; JALON_TEST_STORE=postgres alone runs that pass only. The last line sums all.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const uvu = 'node_modules/uvu/bin.js';
const only = process.argv[2];
const groups: Array<[string, string]> = only
  ? [['test', only]]
  : [
      ['test', '^(?!e2e/).*\\.test\\.ts$'],
      ['test/e2e', '\\.test\\.ts$'],
    ];

/** Paths under test/ (uvu ignore patterns) that the PostgreSQL pass leaves out: they open no
 *  store (pure rules over a PlanState built in memory, shared and web code, the source's
 *  architecture, the OpenAPI linter), they test the embedded engine itself (journal,
 *  snapshots, disk faults, a data file under SIGKILL) through JournalStore, or they start server
 *  processes on PostgreSQL themselves whatever the engine under test. */
const ONE_ENGINE = [
  '^(domain|shared|web)(/|$)',
  '^architecture\\.test\\.ts$',
  '^main\\.test\\.ts$',
  '^openapi/lint\\.test\\.ts$',
  '^store/(store|faults|full-disk|audit-file|derived)\\.test\\.ts$',
  // PostgreSQL itself, on databases or schemas of their own (JALON_TEST_DATABASE_URL) whatever the
  // engine under test (real server processes for instances, faults, views): once is enough
  '^store/pg-(instances|faults|views|engine|shared)\\.test\\.ts$',
  // copies and backups between the two engines, each opened by the test itself
  '^scripts/(migrate|backup)\\.test\\.ts$',
];

const databaseUrl = process.env.JALON_TEST_DATABASE_URL;
const chosen = process.env.JALON_TEST_STORE;
if (chosen && chosen !== 'postgres' && chosen !== 'journal') {
  console.log(`JALON_TEST_STORE=${chosen}: journal or postgres`);
  process.exit(1);
}
if (chosen === 'postgres' && !databaseUrl) {
  console.log('JALON_TEST_STORE=postgres needs JALON_TEST_DATABASE_URL (scripts/pg-throwaway.sh start prints one)');
  process.exit(1);
}
const engines = chosen ? [chosen] : databaseUrl ? ['journal', 'postgres'] : ['journal'];

let passed = 0,
  failed = 0,
  skipped = 0,
  ran = 0;
const subtotals: string[] = [];
for (const engine of engines) {
  const pg = engine === 'postgres';
  if (engines.length > 1 || pg)
    console.log(pg ? '\n— PostgreSQL engine (JALON_TEST_STORE=postgres) —\n' : '\n— embedded engine (journal) —\n');
  const before = { passed, failed, skipped },
    started = Date.now();
  for (const [dir, pattern] of groups) {
    if (!existsSync(dir)) continue;
    // the browser suites run on both engines: their server opens a database of its own
    const ignores = ['helpers', ...(pg && dir === 'test' ? ONE_ENGINE : [])].flatMap((i) => ['-i', i]);
    const r = spawnSync(process.execPath, ['--import', 'tsx', uvu, dir, pattern, '--no-color', ...ignores], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_ENV: 'test', JALON_TEST_STORE: engine },
    });
    process.stdout.write(r.stdout);
    const num = (label: string) => Number(r.stdout.match(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
    // uvu's Total counts the tests that ran; skipped ones are counted apart
    const total = num('Total'),
      p = num('Passed'),
      s = num('Skipped');
    ran += total;
    passed += p;
    skipped += s;
    failed += total - p;
    if (r.status !== 0 && total - p === 0) failed += 1; // crashed before counting
  }
  subtotals.push(
    `${engine}: ${passed - before.passed} passed, ${failed - before.failed} failed` +
      `${skipped > before.skipped ? `, ${skipped - before.skipped} skipped` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
if (ran === 0) {
  console.log('no test ran');
  failed += 1;
}
if (engines.length > 1) console.log(`\n${subtotals.join('\n')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
