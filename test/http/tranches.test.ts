// Tranches through the API: a payment on a gated tranche refused with what is missing, payable
// once both checks are conforme, « À verser » and its batch (all or nothing), allocations given
// tranches on create and by an avenant, and freeing a window's unmet tranches.
// The window, application and declarations are put in the store directly (their routes are
// other files' work); the checks are written as the declaration routes would write them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Declaration, Tranche } from '../../server/contract/windows.js';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, envelope, F1, F2, milestone, validated } from '../helpers/plan.js';
import { ARS, regionalSetup } from '../helpers/regional.js';
import { USERS } from '../helpers/small.js';
import { application, fundingWindow, objectiveTranche as objective } from '../helpers/windows.js';

const declared = (id: string, objectiveCode: string, applicationId = 'app-1'): Declaration => ({
  id,
  rev: '1',
  createdAt: '2025-01-10T10:00:00.000Z',
  updatedAt: '2025-01-10T10:00:00.000Z',
  applicationId,
  objective: objectiveCode,
  achievedOn: '2025-01-05',
  evidence: [{ sha256: 'b'.repeat(64), name: 'preuve.pdf', type: 'application/pdf', size: 12 }],
});

const ctx = async () => {
  const s = await regionalSetup({
    envelopes: [envelope({ totalCents: 10_000_00 })],
    windows: [fundingWindow()],
    applications: [
      application('app-1', { state: 'granted', grantedCents: 1_000_00, allocationId: 'al-w' }),
      application('app-2', { finess: F2, region: '84', state: 'granted', grantedCents: 100_00, allocationId: 'al-w2' }),
    ],
    allocations: [
      allocation('al-w', {
        status: 'approved',
        amounts: { '2024': 1_000_00 },
        approvedAt: '2024-05-10T10:00:00.000Z',
        approvedBy: USERS.reviewer2,
        engagements: [{ at: '2024-05-10T10:00:00.000Z', amounts: { '2024': 1_000_00 } }],
        applicationId: 'app-1',
        tranches: [objective('D1-AD-1', 500_00), objective('D1-AD-2', 300_00), objective('D1-EX-1', 200_00)],
      }),
      allocation('al-w2', {
        finess: F2,
        status: 'approved',
        amounts: { '2024': 100_00 },
        approvedAt: '2024-05-10T10:00:00.000Z',
        applicationId: 'app-2',
        tranches: [objective('D1-AD-1', 100_00, 'app-2')],
      }),
    ],
    declarations: [declared('d1', 'D1-AD-1'), declared('d2', 'D1-AD-2'), declared('d3', 'D1-AD-1', 'app-2')],
  });
  /** The ARS then the ANS say conforme on a declaration, as the check route writes it. */
  const check = (id: string, level: 'ars' | 'ans') =>
    s.store.transact({ now: '2025-08-01T10:00:00.000Z', actor: USERS.reviewer, action: 'check' }, (tx) => {
      const d = tx.get('declarations', id)!;
      tx.put('declarations', { ...d, [`${level}Check`]: { verdict: 'conforme', at: '2025-08-01T10:00:00.000Z' } });
    });
  // log in first: a session is written on the first request, not by what the test checks
  for (const who of [USERS.reviewer, USERS.planner, USERS.etab, USERS.etab2]) await s.as(who).get('/api/me');
  return { ...s, check, reviewer: s.as(USERS.reviewer) };
};
const pay = { allocationId: 'al-w', amountCents: 500_00, paidOn: '2026-11-01', tranche: 'D1-AD-1' };

test('A payment on a gated tranche is 422 with what is missing, until both checks are conforme; then within the tranche', async () => {
  const { reviewer, store, check } = await ctx();
  const gated = await unchanged(store, () => reviewer.post('/api/payments', pay));
  isProblem(gated, 422, 'tranche');
  assert.match(gated.json.detail, /^Tranche D1-AD-1 non payable : objectif D1-AD-1 : contrôle ARS en attente\.$/);
  await check('d1', 'ars');
  const ans = await unchanged(store, () => reviewer.post('/api/payments', pay));
  assert.match(ans.json.detail, /objectif D1-AD-1 : contrôle ANS en attente/);
  // no tranche named, an unknown one, one never declared
  isProblem(
    await unchanged(store, () => reviewer.post('/api/payments', { ...pay, tranche: undefined })),
    422,
    'tranche',
  );
  isProblem(await unchanged(store, () => reviewer.post('/api/payments', { ...pay, tranche: 'SOLDE' })), 422, 'tranche');
  const none = await unchanged(store, () => reviewer.post('/api/payments', { ...pay, tranche: 'D1-EX-1' }));
  assert.match(none.json.detail, /objectif D1-EX-1 : non déclaré/);
  // When the ANS says conforme
  await check('d1', 'ans');
  // Then one cent above the tranche is refused, the tranche itself accepted, then nothing more
  isProblem(
    await unchanged(store, () => reviewer.post('/api/payments', { ...pay, amountCents: 500_01 })),
    422,
    'amountCents',
  );
  const ok = await reviewer.post('/api/payments', pay);
  assert.is(ok.status, 201, JSON.stringify(ok.json));
  assert.is(ok.json.tranche, 'D1-AD-1');
  const more = await unchanged(store, () => reviewer.post('/api/payments', { ...pay, amountCents: 1 }));
  assert.match(more.json.detail, /reste 0,00 € sur 500,00 €/);
  // a counter-entry keeps the tranche and gives it back
  const cancel = await reviewer.post(
    '/api/payments/' + ok.json.id + '/cancel',
    { reason: 'erreur de RIB' },
    { 'if-match': `"${ok.json.rev}"` },
  );
  assert.equal([cancel.status, cancel.json.tranche, cancel.json.amountCents], [201, 'D1-AD-1', -500_00]);
  assert.is((await reviewer.post('/api/payments', pay)).status, 201);
});

test('An allocation’s tranches are read with what each waits for, by who may read the allocation', async () => {
  const { as, check } = await ctx();
  await check('d1', 'ars');
  await check('d1', 'ans');
  await check('d2', 'ars');
  const mine = await as(USERS.etab).get('/api/allocations/al-w/tranches');
  assert.equal(
    mine.json.map((t: { code: string; payableCents: number; missing?: string }) => [
      t.code,
      t.payableCents,
      t.missing ?? null,
    ]),
    [
      ['D1-AD-1', 500_00, null],
      ['D1-AD-2', 0, 'objectif D1-AD-2 : contrôle ANS en attente'],
      ['D1-EX-1', 0, 'objectif D1-EX-1 : non déclaré'],
    ],
  );
  isProblem(await as(USERS.etab2).get('/api/allocations/al-w/tranches'), 404);
  isProblem(await as(ARS.reviewerAra).get('/api/allocations/al-w/tranches'), 404);
  assert.is((await as(USERS.planner).get('/api/allocations/al-w/tranches')).json.length, 3);
});

test('À verser lists the payable tranches with their total, scoped like payments and filtered', async () => {
  const { reviewer, as, check } = await ctx();
  const empty = await reviewer.get('/api/payments/payable');
  assert.equal([empty.status, empty.json.count, empty.json.totalCents], [200, 0, 0]);
  for (const id of ['d1', 'd3']) {
    await check(id, 'ars');
    await check(id, 'ans');
  }
  await check('d2', 'ars');
  const all = await reviewer.get('/api/payments/payable');
  assert.equal(
    all.json.items.map((x: { allocationId: string; code: string; payableCents: number }) => [
      x.allocationId,
      x.code,
      x.payableCents,
    ]),
    [
      ['al-w', 'D1-AD-1', 500_00],
      ['al-w2', 'D1-AD-1', 100_00],
    ],
  );
  assert.equal([all.json.count, all.json.totalCents], [2, 600_00]);
  assert.equal((await reviewer.get('/api/payments/payable?region=84')).json.totalCents, 100_00);
  assert.equal((await reviewer.get('/api/payments/payable?windowId=win-d1&envelopeId=env-a')).json.count, 2);
  assert.equal((await reviewer.get('/api/payments/payable?envelopeId=env-none')).json.count, 0);
  // an establishment reads its own
  const mine = await as(USERS.etab2).get('/api/payments/payable');
  assert.equal([mine.status, mine.json.items.map((x: { finess: string }) => x.finess)], [200, [F2]]);
  // and nobody but a reviewer records a batch
  const batch = { paidOn: '2026-11-01', items: [{ allocationId: 'al-w2', tranche: 'D1-AD-1', amountCents: 100_00 }] };
  assert.is((await as(USERS.etab2).post('/api/payments/batch', batch)).status, 403);
  assert.is((await as(USERS.planner).post('/api/payments/batch', batch)).status, 403);
});

test('An ARS reviewer reads and pays its region’s tranches only; another region’s allocation is unknown to it, unnamed', async () => {
  const { as, store, check } = await ctx();
  for (const id of ['d1', 'd3']) {
    await check(id, 'ars');
    await check(id, 'ans');
  }
  const ara = as(ARS.reviewerAra);
  const mine = await ara.get('/api/payments/payable');
  assert.equal(
    [mine.json.items.map((x: { allocationId: string }) => x.allocationId), mine.json.totalCents],
    [['al-w2'], 100_00],
  );
  assert.is((await ara.get('/api/payments/payable?region=11')).json.count, 0);
  const other = await unchanged(store, () =>
    ara.post('/api/payments/batch', {
      paidOn: '2026-11-01',
      items: [
        { allocationId: 'al-w2', tranche: 'D1-AD-1', amountCents: 100_00 },
        { allocationId: 'al-w', tranche: 'D1-AD-1', amountCents: 500_00 },
      ],
    }),
  );
  isProblem(other, 404, 'items.1');
  assert.match(other.json.detail, /^Versement 2, allocation al-w, tranche D1-AD-1 : Allocation « al-w » introuvable\./);
  assert.not.match(other.json.detail, /Établissement/);
  const ok = await ara.post('/api/payments/batch', {
    paidOn: '2026-11-01',
    items: [{ allocationId: 'al-w2', tranche: 'D1-AD-1', amountCents: 100_00 }],
  });
  assert.equal([ok.status, ok.json.count], [201, 1]);
});

test('A batch is all or nothing: a refused line names its index and nothing is recorded; then all lines go in one step', async () => {
  const { reviewer, store, check } = await ctx();
  for (const id of ['d1', 'd2', 'd3']) {
    await check(id, 'ars');
    await check(id, 'ans');
  }
  const items = [
    { allocationId: 'al-w', tranche: 'D1-AD-1', amountCents: 500_00 },
    { allocationId: 'al-w2', tranche: 'D1-AD-1', amountCents: 100_00 },
    { allocationId: 'al-w', tranche: 'D1-AD-2', amountCents: 300_01 },
  ];
  const refused = await unchanged(store, () => reviewer.post('/api/payments/batch', { paidOn: '2026-11-01', items }));
  isProblem(refused, 422, 'items.2.amountCents');
  assert.match(
    refused.json.detail,
    /^Versement 3, allocation al-w \(Établissement \d+\), tranche D1-AD-2 : Versement supérieur au reste de la tranche D1-AD-2/,
  );
  assert.match(refused.json.detail, /Aucun versement n’a été enregistré\.$/);
  // a line on a tranche still gated, an allocation that does not exist
  const gated = await unchanged(store, () =>
    reviewer.post('/api/payments/batch', {
      paidOn: '2026-11-01',
      items: [items[0], { allocationId: 'al-w', tranche: 'D1-EX-1', amountCents: 1 }],
    }),
  );
  isProblem(gated, 422, 'items.1.tranche');
  assert.match(gated.json.detail, /objectif D1-EX-1 : non déclaré/);
  isProblem(
    await unchanged(store, () =>
      reviewer.post('/api/payments/batch', { paidOn: '2026-11-01', items: [{ ...items[0], allocationId: 'al-none' }] }),
    ),
    404,
  );
  // the same tranche twice, no line: 400
  isProblem(
    await unchanged(store, () =>
      reviewer.post('/api/payments/batch', { paidOn: '2026-11-01', items: [items[0], items[0]] }),
    ),
    400,
    'items',
  );
  isProblem(
    await unchanged(store, () => reviewer.post('/api/payments/batch', { paidOn: '2026-11-01', items: [] })),
    400,
    'items',
  );
  // When every line is within its tranche
  const ok = await reviewer.post('/api/payments/batch', {
    paidOn: '2026-11-01',
    items: [items[0], items[1], { ...items[2], amountCents: 300_00 }],
  });
  // Then the three are recorded together and nothing is left to pay
  assert.equal([ok.status, ok.json.count, ok.json.totalCents], [201, 3, 900_00], JSON.stringify(ok.json));
  assert.equal(
    ok.json.items.map((p: { tranche: string; createdBy: string }) => [p.tranche, p.createdBy]),
    [
      ['D1-AD-1', USERS.reviewer],
      ['D1-AD-1', USERS.reviewer],
      ['D1-AD-2', USERS.reviewer],
    ],
  );
  assert.is([...store.all('payments')].length, 3);
  assert.equal((await reviewer.get('/api/payments/payable')).json.totalCents, 0);
});

test('An allocation takes milestone-gated tranches on create, checked; an avenant changes them; payment follows the milestone', async () => {
  const { as, store } = await ctx();
  await store.transact({ now: '2026-01-01T00:00:00.000Z' }, (tx) => {
    tx.put(
      'milestones',
      milestone('ms-ad', { title: 'Annuaires durcis', target: { actionId: 'act-exe', population: 'all', share: 0.5 } }),
    );
  });
  const planner = as(USERS.planner);
  const gate = { kind: 'milestone', milestoneId: 'ms-ad' };
  const body = {
    envelopeId: 'env-a',
    finess: F1,
    actionId: 'act-exe',
    amounts: { '2025': 400_00 },
    tranches: [
      { code: 'T1', label: 'Avance', amountCents: 100_00, gate },
      { code: 'T2', label: 'Solde', amountCents: 300_00, gate },
    ],
  };
  const short = await unchanged(store, () =>
    planner.post('/api/allocations', { ...body, amounts: { '2025': 400_01 } }),
  );
  isProblem(short, 422, 'tranches');
  assert.match(short.json.detail, /Les tranches font 400,00 € pour une allocation de 400,01 €/);
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/allocations', {
        ...body,
        tranches: [{ ...body.tranches[0], gate: { kind: 'milestone', milestoneId: 'ms-x' } }],
      }),
    ),
    422,
    'tranches.0.gate',
  );
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/allocations', { ...body, tranches: [{ ...body.tranches[0], amountCents: 0 }] }),
    ),
    400,
    'tranches.0.amountCents',
  );
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/allocations', { ...body, tranches: [{ ...body.tranches[0], gate: { kind: 'other' } }] }),
    ),
    400,
  );
  const created = await planner.post('/api/allocations', body);
  assert.is(created.status, 201, JSON.stringify(created.json));
  assert.equal(
    created.json.tranches.map((t: Tranche) => t.code),
    ['T1', 'T2'],
  );
  const approved = await as(USERS.reviewer).post(`/api/allocations/${created.json.id}/approve`);
  assert.is(approved.status, 200, JSON.stringify(approved.json));
  // an avenant that changes the amounts alone no longer adds up; with its tranches it does
  const id = created.json.id;
  const rev = () => ({ 'if-match': `"${store.get('allocations', id)!.rev}"` });
  isProblem(
    await unchanged(store, () => planner.patch(`/api/allocations/${id}`, { amounts: { '2025': 500_00 } }, rev())),
    422,
    'tranches',
  );
  const avenant = await planner.patch(
    `/api/allocations/${id}`,
    {
      amounts: { '2025': 500_00 },
      tranches: [...body.tranches, { code: 'T3', label: 'Complément', amountCents: 100_00, gate }],
    },
    rev(),
  );
  assert.is(avenant.status, 200, JSON.stringify(avenant.json));
  assert.equal([avenant.json.tranches.length, avenant.json.revision.tranches.length], [2, 3]);
  const decided = await as(USERS.reviewer).post(`/api/allocations/${id}/approve`);
  assert.equal(
    [decided.json.tranches.map((t: Tranche) => t.code), decided.json.revision],
    [['T1', 'T2', 'T3'], undefined],
  );
  // the milestone's action not done: refused with it; validated: paid
  const reviewer = as(USERS.reviewer);
  const p = { allocationId: id, amountCents: 100_00, paidOn: '2026-11-29', tranche: 'T1' };
  const refused = await unchanged(store, () => reviewer.post('/api/payments', p));
  assert.match(
    refused.json.detail,
    /^Tranche T1 non payable : jalon « Annuaires durcis » : action ACT-EXE non réalisée\.$/,
  );
  await store.transact({ now: '2026-01-01T00:00:00.000Z' }, (tx) => {
    tx.put('completions', validated('c-1', F1, 'act-exe', '2025-10-01'));
  });
  assert.is((await reviewer.post('/api/payments', p)).status, 201);
});

test('Freeing a window’s unmet tranches: national planners, after declarations close; lowers the allocation by an approved avenant; idempotent', async () => {
  const { as, store, clock, check } = await ctx();
  await check('d1', 'ars');
  await check('d1', 'ans');
  const planner = as(USERS.planner);
  const dash = async () => {
    const d = (await planner.get('/api/dashboard')).json;
    return [d.totals.allocatedCents, d.totals.approvedCents];
  };
  const before = await dash();
  // not for a reviewer nor an establishment; not before declarations close
  assert.is((await as(USERS.reviewer).post('/api/windows/win-d1/free-unmet')).status, 403);
  assert.is((await as(USERS.etab).post('/api/windows/win-d1/free-unmet')).status, 403);
  isProblem(await planner.post('/api/windows/win-none/free-unmet'), 404);
  clock.set('2025-06-30T20:00:00.000Z');
  const early = await unchanged(store, () => planner.post('/api/windows/win-d1/free-unmet'));
  isProblem(early, 422);
  assert.match(early.json.detail, /après la clôture des déclarations \(le 30\/06\/2025\)/);
  // When a planner frees the day after: D1-EX-1 was never declared; D1-AD-2 and app-2's D1-AD-1 await the ARS
  clock.set('2025-07-01T10:00:00.000Z');
  const r = await planner.post('/api/windows/win-d1/free-unmet');
  assert.is(r.status, 200, JSON.stringify(r.json));
  assert.equal(
    [r.json.count, r.json.cents, r.json.tranches.map((t: { code: string }) => t.code), r.json.skipped],
    [1, 200_00, ['D1-EX-1'], []],
  );
  const a = store.get('allocations', 'al-w')!;
  assert.equal(a.amounts, { '2024': 800_00 });
  assert.equal(a.engagements?.at(-1), { at: '2025-07-01T10:00:00.000Z', amounts: { '2024': -200_00 } });
  assert.equal(a.tranches?.find((t) => t.code === 'D1-EX-1')?.freedAt, '2025-07-01T10:00:00.000Z');
  assert.equal(
    [store.get('windows', 'win-d1')!.freedAt, store.get('windows', 'win-d1')!.freedBy],
    ['2025-07-01T10:00:00.000Z', USERS.planner],
  );
  // the dashboard's allocated and approved go down by the tranche
  assert.equal(await dash(), [before[0]! - 200_00, before[1]! - 200_00]);
  // the audit trail shows the avenant
  const audit = await planner.get('/api/audit?entity=allocations&id=al-w');
  assert.ok(
    audit.json.items.some((e: { action?: string }) => e.action === 'free-unmet'),
    JSON.stringify(audit.json.items.map((e: { action?: string }) => e.action)),
  );
  // a freed tranche is not paid; a second run frees nothing
  const reviewer = as(USERS.reviewer);
  const freed = await unchanged(store, () =>
    reviewer.post('/api/payments', { ...pay, paidOn: '2025-06-01', tranche: 'D1-EX-1', amountCents: 1 }),
  );
  assert.match(freed.json.detail, /Tranche D1-EX-1 non payable : tranche libérée/);
  const again = await unchanged(store, () => planner.post('/api/windows/win-d1/free-unmet'));
  assert.equal([again.status, again.json.count, again.json.cents], [200, 0, 0]);
  // after the ANS checks end, what is still not achieved goes too
  clock.set('2026-01-02T10:00:00.000Z');
  const late = await planner.post('/api/windows/win-d1/free-unmet');
  assert.equal([late.json.count, late.json.cents], [2, 400_00]);
  assert.equal(store.get('allocations', 'al-w')!.amounts, { '2024': 500_00 });
  assert.equal(store.get('allocations', 'al-w2')!.amounts, {});
  assert.equal(await dash(), [before[0]! - 600_00, before[1]! - 600_00]);
});

test.run();
