// redocly lint, recommended rules (redocly.yaml), on the document the server serves: no error, no
// warning, and nothing ignored beyond .redocly.lint-ignore.yaml's entries.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { POLICY } from '../../server/auth/policy.js';
import { ACCOUNTS, setup } from '../helpers/app.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');

/** The ignore file's JSON pointers: '#/paths/~1api~1health/get/responses' → 'GET /api/health'. */
const ignoredOperations = () =>
  [
    ...readFileSync(join(ROOT, '.redocly.lint-ignore.yaml'), 'utf8').matchAll(/'#\/paths\/([^/]+)\/(\w+)\/responses'/g),
  ].map(([, path, method]) => `${method!.toUpperCase()} ${path!.replace(/~1/g, '/').replace(/~0/g, '~')}`);

const lint = (dir: string) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'lint', 'openapi.json', '--format=json'], {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    let out = '',
      err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.on('close', (code) => resolve({ code, out, err }));
  });

test('redocly lint of the served document: 0 errors, 0 warnings, only the listed exceptions', async () => {
  // Given the document as a logged-in user receives it
  const { as } = await setup();
  const res = await as(ACCOUNTS.planner).get('/api/openapi.json');
  assert.is(res.status, 200);
  const dir = mkdtempSync(join(tmpdir(), 'jalon-openapi-lint-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(res.json, null, 2));
    for (const f of ['redocly.yaml', '.redocly.lint-ignore.yaml']) copyFileSync(join(ROOT, f), join(dir, f));
    // When redocly lints it
    const { code, out, err } = await lint(dir);
    // Then nothing is reported
    const report = JSON.parse(out) as {
      totals: { errors: number; warnings: number; ignored: number };
      problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>;
    };
    const problems = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    assert.equal(problems, [], err);
    assert.equal({ errors: report.totals.errors, warnings: report.totals.warnings }, { errors: 0, warnings: 0 });
    assert.is(code, 0);
    // and the ignore file hides exactly what it lists (a stale entry, or a new hidden one, fails)
    assert.is(report.totals.ignored, ignoredOperations().length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the operations exempt from operation-4xx-response are public reads with no input', async () => {
  const { as } = await setup();
  const doc = (await as(ACCOUNTS.planner).get('/api/openapi.json')).json;
  const exempt = ignoredOperations();
  assert.ok(exempt.length > 0);
  for (const key of exempt) {
    const [method, path] = key.split(' ') as [string, string];
    const op = doc.paths[path]?.[method.toLowerCase()];
    assert.ok(op, `${key} is in the document`);
    assert.is(POLICY[key], 'public', key);
    assert.is(op.parameters, undefined, key);
    assert.is(op.requestBody, undefined, key);
    assert.not.ok(
      Object.keys(op.responses).some((s) => s.startsWith('4')),
      key,
    );
  }
});

test.run();
