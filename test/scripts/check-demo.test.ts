// The demo plan passes its checker; announced credits approved or paid, or an engagement history
// that does not make the approved amounts, are caught.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const check = (path?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-demo.ts', ...(path ? [path] : [])], {
    encoding: 'utf8',
  });

type Rec = Record<string, any>;

test('data/demo/plan.json passes check-demo: no approval nor payment on announced credits', () => {
  const r = check();
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /Toutes les règles sont respectées/);
});

test('check-demo refuses an approval or a payment on an announced envelope, and a history that is not the approved amounts', async () => {
  const plan = JSON.parse(await readFile('data/demo/plan.json', 'utf8')) as Rec;
  const announced = plan.envelopes.find((e: Rec) => e.status === 'announced').id;
  const a = plan.allocations.find((x: Rec) => x.envelopeId === announced && x.status === 'proposed');
  Object.assign(a, {
    status: 'approved',
    approvedAt: '2026-10-01T10:00:00.000Z',
    approvedBy: 'finances@jalon.test',
    engagements: [{ at: '2026-10-01T10:00:00.000Z', amounts: a.amounts }],
  });
  plan.payments.push({ id: 'pay-x', allocationId: a.id, amountCents: 100, paidOn: '2026-11-02' });
  const other = plan.allocations.find((x: Rec) => x.status === 'approved' && x.envelopeId !== announced);
  other.engagements[0].amounts = { '2023': 1 };
  const dir = await mkdtemp(join(tmpdir(), 'jalon-check-demo-'));
  try {
    const path = join(dir, 'plan.json');
    await writeFile(path, JSON.stringify(plan, null, 2) + '\n');
    const r = check(path);
    assert.is(r.status, 1);
    assert.match(r.stderr, new RegExp(`Allocation ${a.id} : enveloppe annoncée .*ne peut pas être approuvée`));
    assert.match(r.stderr, /Versement pay-x : versement sur l'enveloppe annoncée/);
    assert.match(r.stderr, new RegExp(`Allocation ${other.id} : l'historique d'engagement ne fait pas`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
