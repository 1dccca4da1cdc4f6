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

const demoPlan = async () => JSON.parse(await readFile('data/demo/plan.json', 'utf8')) as Rec;
/** check-demo run on `plan`, written to a folder of its own (removed after). */
const checkPlan = async (plan: Rec) => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-check-demo-'));
  try {
    const path = join(dir, 'plan.json');
    await writeFile(path, JSON.stringify(plan, null, 2) + '\n');
    return check(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

test('data/demo/plan.json passes check-demo: no approval nor payment on announced credits', () => {
  const r = check();
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /Toutes les règles sont respectées/);
});

test('check-demo refuses an approval or a payment on an announced envelope, and a history that is not the approved amounts', async () => {
  const plan = await demoPlan();
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
  const r = await checkPlan(plan);
  assert.is(r.status, 1);
  assert.match(r.stderr, new RegExp(`Allocation ${a.id} : enveloppe annoncée .*ne peut pas être approuvée`));
  assert.match(r.stderr, /Versement pay-x : versement sur l'enveloppe annoncée/);
  assert.match(r.stderr, new RegExp(`Allocation ${other.id} : l'historique d'engagement ne fait pas`));
});

test('check-demo holds the funding windows to their rules: a tranche paid before both checks, an ANS check after a non conforme, tranches off the grant, grants off 98.8 %, a missing evidence file', async () => {
  const plan = await demoPlan();
  const appOf = (id: string) => plan.applications.find((a: Rec) => a.id === id);
  // a D2 objective the ARS found conforme, awaiting the ANS: its tranche paid anyway
  const waiting = plan.declarations.find((d: Rec) => d.arsCheck?.verdict === 'conforme' && !d.ansCheck);
  const alId = appOf(waiting.applicationId).allocationId;
  plan.payments.push({
    id: 'pay-early',
    allocationId: alId,
    amountCents: 100,
    paidOn: '2026-11-02',
    tranche: waiting.objective,
  });
  // an ANS check given after the ARS said non conforme
  const refused = plan.declarations.find((d: Rec) => d.arsCheck?.verdict === 'non_conforme');
  refused.ansCheck = { verdict: 'conforme', at: '2026-11-20T10:00:00.000Z', by: 'finances@jalon.test' };
  // a grant's tranches no longer the grant split by the shares (one cent moved)
  const grant = plan.allocations.find((a: Rec) => a.applicationId && a.id !== alId);
  grant.tranches[0].amountCents += 1;
  grant.tranches[1].amountCents -= 1;
  // a D1 grant lowered by 100 €: the grants no longer 98.8 % of the envelope
  const d1 = plan.applications.find(
    (a: Rec) => a.windowId === 'win-d1' && a.state === 'granted' && a.allocationId !== grant.id,
  );
  d1.grantedCents -= 100_00;
  // a declaration naming an evidence file the demo does not have
  const other = plan.declarations.find((d: Rec) => d !== waiting && d !== refused);
  other.evidence = [{ ...other.evidence[0], sha256: 'f'.repeat(64) }];
  const r = await checkPlan(plan);
  assert.is(r.status, 1);
  assert.match(
    r.stderr,
    new RegExp(
      `Versement pay-early : tranche ${waiting.objective} versée, son objectif n'a pas passé les deux contrôles`,
    ),
  );
  assert.match(r.stderr, new RegExp(`Déclaration ${refused.id} : contrôle ANS sans contrôle ARS conforme`));
  assert.match(r.stderr, new RegExp(`les tranches de ${grant.id} ne sont pas l'accord`));
  assert.match(r.stderr, new RegExp(`Candidature ${d1.id} : l'allocation ${d1.allocationId} n'est pas l'accord`));
  assert.match(r.stderr, /Guichet D1 : accords de \d+ centimes, 98,8 % de l'enveloppe attendus/);
  assert.match(r.stderr, new RegExp(`Déclaration ${other.id} : pièce preuve-[a-z0-9-]+\\.pdf absente`));
});

test.run();
