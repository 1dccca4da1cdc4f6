// Tranches: what each gate waits for, the payment rule on a tranche, an allocation's tranches
// checked, and freeing the unmet ones of a window (the dashboard counting the avenant that lowers it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Allocation } from '../../server/contract/plan.js';
import type { Declaration } from '../../server/contract/windows.js';
import { buildBucketSet, keptBuckets } from '../../server/domain/buckets.js';
import { dashboard } from '../../server/domain/dashboard.js';
import { freeUnmet } from '../../server/domain/free-unmet.js';
import { formatEuros } from '../../server/domain/money.js';
import { checkPayment } from '../../server/domain/payments.js';
import { payableTranches } from '../../server/domain/payable.js';
import { assertTranches, trancheStatuses } from '../../server/domain/tranches.js';
import { refuses } from '../helpers/assert.js';
import {
  allocation,
  completion,
  ctx,
  F1,
  F2,
  milestone,
  payment,
  planOf,
  storeOf,
  validated,
  type PlanRecords,
} from '../helpers/plan.js';
import { application, fundingWindow, objectiveTranche } from '../helpers/windows.js';

const REVIEWER = ctx('finances@jalon.test', '2026-11-29T10:00:00.000Z');
const at = (day: string) => ctx('planif@jalon.test', `${day}T10:00:00.000Z`);

/** A declaration of `objective`, with the checks given (conforme unless said). */
const declaration = (
  id: string,
  objective: string,
  checks: { ars?: 'conforme' | 'non_conforme'; ans?: 'conforme' | 'non_conforme' } = {},
  applicationId = 'app-1',
  createdAt = '2025-01-10T10:00:00.000Z',
): Declaration => ({
  id,
  rev: '1',
  createdAt,
  updatedAt: createdAt,
  applicationId,
  objective,
  achievedOn: '2025-01-05',
  evidence: [{ sha256: 'a'.repeat(64), name: 'preuve.pdf', type: 'application/pdf', size: 10 }],
  ...(checks.ars
    ? {
        arsCheck: {
          verdict: checks.ars,
          at: '2025-02-01T10:00:00.000Z',
          ...(checks.ars === 'non_conforme' ? { reason: 'x' } : {}),
        },
      }
    : {}),
  ...(checks.ans
    ? {
        ansCheck: {
          verdict: checks.ans,
          at: '2025-03-01T10:00:00.000Z',
          ...(checks.ans === 'non_conforme' ? { reason: 'x' } : {}),
        },
      }
    : {}),
});

/** F1's grant of 1 000,00 € on D1: 500,00 € / 300,00 € / 200,00 € for its three objectives. */
const grant = (o: Partial<Allocation> = {}): Allocation =>
  allocation('al-w', {
    status: 'approved',
    amounts: { '2024': 1_000_00 },
    approvedAt: '2024-05-10T10:00:00.000Z',
    engagements: [{ at: '2024-05-10T10:00:00.000Z', amounts: { '2024': 1_000_00 } }],
    applicationId: 'app-1',
    tranches: [
      objectiveTranche('D1-AD-1', 500_00),
      objectiveTranche('D1-AD-2', 300_00),
      objectiveTranche('D1-EX-1', 200_00),
    ],
    ...o,
  });

const records = (o: PlanRecords = {}): PlanRecords => ({
  windows: [fundingWindow()],
  applications: [application('app-1', { state: 'granted', grantedCents: 1_000_00, allocationId: 'al-w' })],
  allocations: [grant()],
  ...o,
});

test('Each tranche says what its objective waits for, and is payable only once both checks are conforme', async () => {
  // Given D1-AD-1 achieved, D1-AD-2 awaiting the ANS, D1-EX-1 never declared
  const plan = await planOf(
    records({
      declarations: [
        declaration('d1', 'D1-AD-1', { ars: 'conforme', ans: 'conforme' }),
        declaration('d2', 'D1-AD-2', { ars: 'conforme' }),
      ],
      payments: [{ ...payment('p1', 'al-w', 200_00, '2025-04-01'), tranche: 'D1-AD-1' }],
    }),
  );
  // Then only D1-AD-1 is payable, for what remains of it
  assert.equal(
    trancheStatuses(plan, plan.allocations.get('al-w')!).map((s) => [
      s.code,
      s.payable,
      s.paidCents,
      s.payableCents,
      s.missing,
    ]),
    [
      ['D1-AD-1', true, 200_00, 300_00, undefined],
      ['D1-AD-2', false, 0, 0, 'objectif D1-AD-2 : contrôle ANS en attente'],
      ['D1-EX-1', false, 0, 0, 'objectif D1-EX-1 : non déclaré'],
    ],
  );
});

test('The last declaration decides: refused by the ARS, by the ANS, pending the ARS', async () => {
  const plan = await planOf(
    records({
      declarations: [
        declaration('d1', 'D1-AD-1', { ars: 'non_conforme' }),
        declaration('d2', 'D1-AD-2', { ars: 'conforme', ans: 'non_conforme' }),
        declaration('d3', 'D1-EX-1', { ars: 'non_conforme' }),
        // declared again after the refusal: awaiting the ARS
        declaration('d4', 'D1-EX-1', {}, 'app-1', '2025-02-15T10:00:00.000Z'),
      ],
    }),
  );
  assert.equal(
    trancheStatuses(plan, plan.allocations.get('al-w')!).map((s) => s.missing),
    [
      'objectif D1-AD-1 : jugé non conforme par l’ARS',
      'objectif D1-AD-2 : jugé non conforme par l’ANS',
      'objectif D1-EX-1 : contrôle ARS en attente',
    ],
  );
});

test('A payment on a gated tranche is refused with what is missing; on the achieved one, within its remainder', async () => {
  const plan = await planOf(
    records({
      declarations: [
        declaration('d1', 'D1-AD-1', { ars: 'conforme', ans: 'conforme' }),
        declaration('d2', 'D1-AD-2', { ars: 'conforme' }),
      ],
    }),
  );
  const pay = (o: { tranche?: string; amountCents?: number }) =>
    checkPayment(
      plan,
      {
        ...payment('p-n', 'al-w', o.amountCents ?? 100_00, '2026-11-01'),
        ...(o.tranche ? { tranche: o.tranche } : {}),
      },
      REVIEWER,
    );
  const gated = refuses(
    () => pay({ tranche: 'D1-AD-2' }),
    422,
    'Tranche D1-AD-2 non payable : objectif D1-AD-2 : contrôle ANS en attente',
  );
  assert.equal(gated.errors, [{ path: 'tranche', message: 'objectif D1-AD-2 : contrôle ANS en attente.' }]);
  assert.equal(
    refuses(() => pay({}), 422, 'indiquez la tranche versée (D1-AD-1, D1-AD-2, D1-EX-1)').errors[0]?.path,
    'tranche',
  );
  refuses(() => pay({ tranche: 'SOLDE' }), 422, 'Tranche « SOLDE » inconnue');
  const over = refuses(() => pay({ tranche: 'D1-AD-1', amountCents: 500_01 }), 422, 'reste 500,00 € sur 500,00 €');
  assert.is(over.errors[0]?.path, 'amountCents');
  assert.is(pay({ tranche: 'D1-AD-1', amountCents: 500_00 }).amountCents, 500_00);
});

test('A milestone-gated tranche is payable once the beneficiary has a validated completion of the target action', async () => {
  const m = milestone('ms-ad', {
    title: 'Annuaires durcis',
    target: { actionId: 'act-ad', population: 'all', share: 0.8 },
  });
  const al = allocation('al-m', {
    status: 'approved',
    amounts: { '2025': 400_00 },
    approvedAt: '2025-01-10T10:00:00.000Z',
    tranches: [
      { code: 'T1', label: 'Après le jalon', amountCents: 400_00, gate: { kind: 'milestone', milestoneId: 'ms-ad' } },
    ],
  });
  const statusWith = async (completions: PlanRecords['completions']) => {
    const plan = await planOf({ milestones: [m], allocations: [al], completions });
    return trancheStatuses(plan, plan.allocations.get('al-m')!)[0]!;
  };
  assert.is((await statusWith([])).missing, 'jalon « Annuaires durcis » : action ACT-AD non réalisée');
  assert.is(
    (await statusWith([completion('c1', F1, 'act-ad', '2025-03-01')])).missing,
    'jalon « Annuaires durcis » : action ACT-AD déclarée, validation en attente',
  );
  // another establishment's validated completion does not count
  assert.is((await statusWith([validated('c2', F2, 'act-ad', '2025-03-01')])).payable, false);
  const ok = await statusWith([validated('c1', F1, 'act-ad', '2025-03-01')]);
  assert.equal([ok.payable, ok.payableCents], [true, 400_00]);
});

test('An allocation’s tranches: codes unique, positive, gates that exist, adding up to its total, none under what was paid', async () => {
  const plan = await planOf(records({ milestones: [milestone('ms-none')] }));
  const check = (o: Partial<Allocation>) => () => assertTranches(plan, grant(o));
  refuses(
    check({ tranches: [objectiveTranche('D1-AD-1', 500_00), objectiveTranche('D1-AD-1', 500_00)] }),
    422,
    'code déjà utilisé',
  );
  refuses(
    check({ tranches: [objectiveTranche('D1-AD-1', 1_000_00), objectiveTranche('D1-AD-2', 0)] }),
    422,
    'montant positif',
  );
  refuses(
    check({ tranches: [objectiveTranche('D1-AD-1', 999_99)] }),
    422,
    `Les tranches font 999,99 € pour une allocation de ${formatEuros(1_000_00)}`,
  );
  refuses(check({ tranches: [objectiveTranche('D1-XX-9', 1_000_00)] }), 422, 'ne fait pas partie des engagements');
  refuses(
    check({ tranches: [objectiveTranche('D1-AD-1', 1_000_00, 'app-none')] }),
    422,
    'candidature « app-none » introuvable',
  );
  refuses(check({ finess: F2 }), 422, 'n’est pas celle du bénéficiaire');
  refuses(
    check({
      tranches: [{ code: 'T', label: 'T', amountCents: 1_000_00, gate: { kind: 'milestone', milestoneId: 'ms-none' } }],
    }),
    422,
    'n’a pas d’action cible',
  );
  refuses(
    check({
      tranches: [{ code: 'T', label: 'T', amountCents: 1_000_00, gate: { kind: 'milestone', milestoneId: 'ms-x' } }],
    }),
    422,
    'jalon « ms-x » introuvable',
  );
  // a window's grant keeps its tranches
  refuses(check({ tranches: [] }), 422, 'ses tranches ne se retirent pas');
  // a freed tranche is out of the sum
  assertTranches(
    plan,
    grant({
      amounts: { '2024': 700_00 },
      tranches: [
        ...grant()
          .tranches!.slice(0, 2)
          .map((t, i) => (i === 1 ? { ...t, freedAt: 'x' } : t)),
        objectiveTranche('D1-EX-1', 200_00),
      ],
    }),
  );
  // payments: a tranche does not go under what was paid on it, nor disappear
  const paid = await planOf(records({ payments: [{ ...payment('p1', 'al-w', 300_00), tranche: 'D1-AD-1' }] }));
  const tr = (a: number, b: number) => [
    objectiveTranche('D1-AD-1', a),
    objectiveTranche('D1-AD-2', b),
    objectiveTranche('D1-EX-1', 200_00),
  ];
  refuses(
    () => assertTranches(paid, grant({ tranches: tr(299_99, 500_01) })),
    422,
    '300,00 € déjà versés, elle ne peut descendre en dessous',
  );
  refuses(
    () =>
      assertTranches(
        paid,
        grant({ tranches: [objectiveTranche('D1-AD-2', 800_00), objectiveTranche('D1-EX-1', 200_00)] }),
      ),
    422,
    'déjà versés sur la tranche D1-AD-1 : gardez-la',
  );
  assertTranches(paid, grant({ tranches: tr(300_00, 500_00) }));
});

test('Freeing: refused until declarations close; then the undeclared and refused objectives go back, pending ones wait for the end of the ANS checks', async () => {
  const decls = [
    declaration('d1', 'D1-AD-1', { ars: 'conforme', ans: 'conforme' }), // achieved
    declaration('d2', 'D1-AD-2', { ars: 'conforme' }), // pending ANS
    // D1-EX-1 never declared
  ];
  const plan = await planOf(records({ declarations: decls }));
  const w = plan.windows.get('win-d1')!;
  refuses(() => freeUnmet(plan, w, at('2025-06-30')), 422, 'après la clôture des déclarations (le 30/06/2025)');
  // the day after declarations close: D1-EX-1 (never declared) only
  const r = freeUnmet(plan, w, at('2025-07-01'));
  assert.equal([r.count, r.cents, r.tranches.map((t) => t.code)], [1, 200_00, ['D1-EX-1']]);
  const a = r.allocations[0]!;
  assert.equal(a.amounts, { '2024': 800_00 });
  assert.equal(a.engagements?.at(-1), { at: '2025-07-01T10:00:00.000Z', amounts: { '2024': -200_00 } });
  assert.equal(
    a.tranches?.map((t) => [t.code, t.amountCents, t.freedAt ?? null]),
    [
      ['D1-AD-1', 500_00, null],
      ['D1-AD-2', 300_00, null],
      ['D1-EX-1', 200_00, '2025-07-01T10:00:00.000Z'],
    ],
  );
  assert.equal([r.window?.freedAt, r.window?.freedBy], ['2025-07-01T10:00:00.000Z', 'planif@jalon.test']);
  // the lowered allocation still passes its tranche rules
  assertTranches(plan, a);
  // after the ANS checks end: D1-AD-2, still pending, goes too
  const late = freeUnmet(plan, w, at('2026-01-01'));
  assert.equal([late.count, late.cents, late.tranches.map((t) => t.code)], [2, 500_00, ['D1-AD-2', 'D1-EX-1']]);
  assert.equal(late.allocations[0]!.amounts, { '2024': 500_00 });
});

test('Freeing: a refused objective goes back; a tranche with a payment stays; an avenant awaiting a decision is left as it is', async () => {
  const refused = await planOf(
    records({ declarations: [declaration('d1', 'D1-AD-1', { ars: 'conforme', ans: 'non_conforme' })] }),
  );
  const r = freeUnmet(refused, refused.windows.get('win-d1')!, at('2025-07-01'));
  assert.equal(
    r.tranches.map((t) => t.code),
    ['D1-AD-1', 'D1-AD-2', 'D1-EX-1'],
  );
  assert.equal(r.allocations[0]!.amounts, {});
  // a payment on a tranche keeps it (whatever its objective's state says)
  const paid = await planOf(records({ payments: [{ ...payment('p1', 'al-w', 100_00), tranche: 'D1-AD-2' }] }));
  assert.equal(
    freeUnmet(paid, paid.windows.get('win-d1')!, at('2026-01-01')).tranches.map((t) => t.code),
    ['D1-AD-1', 'D1-EX-1'],
  );
  // an allocation awaiting an avenant
  const pending = await planOf(
    records({ allocations: [grant({ revision: { amounts: { '2024': 1_200_00 }, proposedAt: 'x' } })] }),
  );
  const s = freeUnmet(pending, pending.windows.get('win-d1')!, at('2025-07-01'));
  assert.equal([s.count, s.allocations.length, s.skipped.map((x) => x.allocationId)], [0, 0, ['al-w']]);
  assert.is(s.window, undefined);
});

test('Freeing lowers allocated and approved on the dashboard by the tranche, as a recomputation does; run twice, it frees nothing more', async () => {
  // Given the grant of 1 000,00 €, 300,00 € of it paid on the achieved D1-AD-1
  const store = await storeOf(
    records({
      declarations: [declaration('d1', 'D1-AD-1', { ars: 'conforme', ans: 'conforme' })],
      payments: [{ ...payment('p1', 'al-w', 300_00, '2025-04-01'), tranche: 'D1-AD-1' }],
    }),
  );
  const totals = () => {
    const d = dashboard(store.plan, {}, keptBuckets(store.plan), '2026-11-29');
    return [d.totals.allocatedCents, d.totals.approvedCents, d.totals.paidCents];
  };
  assert.equal(totals(), [1_000_00, 1_000_00, 300_00]);
  const free = () =>
    store.transact({ now: '2026-01-05T10:00:00.000Z', actor: 'planif@jalon.test', action: 'free-unmet' }, (tx) => {
      const r = freeUnmet(tx.plan, tx.get('windows', 'win-d1')!, at('2026-01-05'));
      for (const a of r.allocations) tx.put('allocations', a);
      if (r.window) tx.put('windows', r.window);
      return r;
    });
  // When the unmet tranches (D1-AD-2, D1-EX-1: 500,00 €) are freed
  assert.equal([(await free()).cents], [500_00]);
  // Then allocated and approved go down by them, paid stays; the kept buckets are a recomputation's
  assert.equal(totals(), [500_00, 500_00, 300_00]);
  const recomputed = dashboard(store.plan, {}, buildBucketSet(store.plan), '2026-11-29');
  assert.equal(dashboard(store.plan, {}, keptBuckets(store.plan), '2026-11-29'), recomputed);
  // the approval curve ends at what is approved now
  assert.is(recomputed.series.approvedCents.at(-1), 500_00);
  // And a second run frees nothing
  const again = await free();
  assert.equal([again.count, again.cents, again.allocations.length], [0, 0, 0]);
  assert.equal(totals(), [500_00, 500_00, 300_00]);
});

test('À verser: payable tranches only, filtered by window, region and envelope, with the total', async () => {
  const plan = await planOf(
    records({
      applications: [
        application('app-1', { state: 'granted', grantedCents: 1_000_00, allocationId: 'al-w' }),
        application('app-2', {
          finess: F2,
          region: '84',
          state: 'granted',
          grantedCents: 100_00,
          allocationId: 'al-w2',
        }),
      ],
      allocations: [
        grant(),
        grant({
          id: 'al-w2',
          finess: F2,
          amounts: { '2024': 100_00 },
          applicationId: 'app-2',
          tranches: [objectiveTranche('D1-AD-1', 100_00, 'app-2')],
        }),
      ],
      declarations: [
        declaration('d1', 'D1-AD-1', { ars: 'conforme', ans: 'conforme' }),
        declaration('d2', 'D1-AD-2', { ars: 'conforme' }),
        declaration('d3', 'D1-AD-1', { ars: 'conforme', ans: 'conforme' }, 'app-2'),
      ],
      payments: [{ ...payment('p1', 'al-w', 120_00), tranche: 'D1-AD-1' }],
    }),
  );
  const all = payableTranches(plan, {});
  assert.equal(
    all.items.map((x) => [x.allocationId, x.code, x.payableCents, x.region, x.windowId]),
    [
      ['al-w', 'D1-AD-1', 380_00, '11', 'win-d1'],
      ['al-w2', 'D1-AD-1', 100_00, '84', 'win-d1'],
    ],
  );
  assert.equal([all.count, all.totalCents], [2, 480_00]);
  assert.equal(payableTranches(plan, { region: '84' }).totalCents, 100_00);
  assert.equal(payableTranches(plan, { windowId: 'win-d2' }).count, 0);
  assert.equal(payableTranches(plan, { envelopeId: 'env-a' }).count, 2);
  assert.equal(payableTranches(plan, {}, (a) => a.finess === F2).totalCents, 100_00);
});

test.run();
