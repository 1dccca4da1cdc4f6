// Runs every suite with uvu and ends with one line "N passed, N failed, N skipped".
// uvu alone prints its totals on separate lines and exits 0 when nothing ran: a run with no
// test fails here. Browser suites (test/e2e) run in their own process after the others.
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

let passed = 0,
  failed = 0,
  skipped = 0,
  ran = 0;
for (const [dir, pattern] of groups) {
  if (!existsSync(dir)) continue;
  const r = spawnSync(process.execPath, ['--import', 'tsx', uvu, dir, pattern, '--no-color', '-i', 'helpers'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'test' },
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
if (ran === 0) {
  console.log('no test ran');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
