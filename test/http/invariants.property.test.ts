// Property: whatever sequence of creates, bulk creates, edits (avenants included), approvals,
// rejections, deletions, payments, their cancellations, envelope edits and delegations to the ARS
// (created, edited, removed) goes through the API, the money adds up — allocated ≤ envelope (total
// and per year), paid ≤ approved, and the three conservation rules of delegations (delegated ≤
// envelope, a delegated region's allocations ≤ its credits, the others' ≤ the national reserve),
// per year and in total — recomputed from the stored records; refusals change nothing. Two grants
// of a funding window are paid tranche by tranche (one payment, a batch) while their objectives'
// declarations are checked (conforme or not, declared again) and the unmet tranches freed: net paid
// per tranche stays within [0, its amount], only on tranches whose objective passed both checks,
// never on a freed one, and the tranches not freed add up to the allocation.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PLAN_YEARS } from '../../shared/years.js';
import type { Allocation } from '../../server/contract/plan.js';
import type { Declaration } from '../../server/contract/windows.js';
import { firstBroken } from '../../server/store/audit-chain.js';
import type { DataFile } from '../../server/store/schema.js';
import { allocation, delegation, envelope, F1, F2, F3 } from '../helpers/plan.js';
import { application, fundingWindow, objectiveTranches } from '../helpers/windows.js';
import { smallData, USERS } from '../helpers/small.js';
import { loggedInRuns } from '../helpers/property.js';

const STAFF = [USERS.planner, USERS.planner2, USERS.reviewer, USERS.reviewer2] as const;

/** A window's grants, paid tranche by tranche: F1 1 000 cents (500 / 300 / 200), F2 600 (300 / 180 / 120). */
const OBJECTIVES = ['D1-AD-1', 'D1-AD-2', 'D1-EX-1'] as const;
const GRANTS = [
  { app: 'app-1', alloc: 'al-w1', finess: F1, region: '11', cents: [500, 300, 200] },
  { app: 'app-2', alloc: 'al-w2', finess: F2, region: '84', cents: [300, 180, 120] },
] as const;
const grant = (g: (typeof GRANTS)[number]): Allocation =>
  allocation(g.alloc, {
    envelopeId: 'env-w',
    finess: g.finess,
    status: 'approved',
    amounts: { '2024': g.cents[0] + g.cents[1] + g.cents[2] },
    approvedAt: '2024-05-10T10:00:00.000Z',
    engagements: [{ at: '2024-05-10T10:00:00.000Z', amounts: { '2024': g.cents[0] + g.cents[1] + g.cents[2] } }],
    applicationId: g.app,
    tranches: objectiveTranches(g.app, g.cents),
  });

// Small envelopes so that the limits are hit often: env-a split by year, env-b total only.
const records = {
  envelopes: [
    envelope({ totalCents: 1_000, yearlyCents: { '2023': 600, '2024': 500 } }),
    envelope({ id: 'env-b', code: 'ENV-B', totalCents: 800 }),
    envelope({ id: 'env-w', code: 'ENV-W', totalCents: 2_000 }),
  ],
  // one approved allocation to start from, so that avenants and payments come early; the window's grants
  allocations: [
    allocation('al-0', { envelopeId: 'env-b', amounts: { '2024': 300 }, status: 'approved' }),
    ...GRANTS.map(grant),
  ],
  windows: [fundingWindow({ envelopeId: 'env-w' })],
  applications: GRANTS.map((g) =>
    application(g.app, { finess: g.finess, region: g.region, state: 'granted', allocationId: g.alloc }),
  ),
  // Île-de-France (F1, EJ, SITE) holds a delegation of env-a from the start; F2 (84) and F3 (94) draw on the reserve
  delegations: [delegation('del-0', { envelopeId: 'env-a', region: '11', amounts: { '2023': 200, '2024': 200 } })],
};

const amounts = fc.record(
  { '2023': fc.integer({ min: 0, max: 400 }), '2024': fc.integer({ min: 0, max: 400 }) },
  { requiredKeys: [] },
);
const pick = fc.nat(50);
// `achieved`: aim at one of the tranches whose objective passed both checks (if any), else at any
const trancheItem = fc.record({
  grant: fc.constantFrom(0, 1),
  tranche: fc.constantFrom(...OBJECTIVES),
  achieved: fc.option(fc.nat(20), { nil: undefined }),
  amount: fc.integer({ min: 1, max: 250 }),
});
const command = fc.oneof(
  // a tranche paid alone, or several in one batch (all or nothing)
  {
    arbitrary: fc.record({ op: fc.constant('payTranche' as const), item: trancheItem, who: fc.constantFrom(2, 3) }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('batch' as const),
      items: fc.uniqueArray(trancheItem, { minLength: 1, maxLength: 2, selector: (i) => `${i.grant}${i.tranche}` }),
      who: fc.constantFrom(2, 3),
    }),
    weight: 2,
  },
  // an objective's next check (the ARS, then the ANS; conforme mostly), or declared again once refused
  {
    arbitrary: fc.record({
      op: fc.constant('check' as const),
      grant: fc.constantFrom(0, 1),
      objective: fc.constantFrom(...OBJECTIVES),
      conforme: fc.integer({ min: 0, max: 9 }).map((n) => n < 9),
    }),
    weight: 10,
  },
  // the unmet tranches freed (the clock is past the window's ANS checks: every objective not achieved),
  // one time in six that it comes up: freed early, a tranche is never paid
  fc.record({ op: fc.constant('free' as const), go: fc.nat(5) }),
  {
    arbitrary: fc.record({
      op: fc.constant('pay' as const),
      pick,
      amount: fc.integer({ min: 1, max: 300 }),
      who: fc.constantFrom(2, 3),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ op: fc.constant('approve' as const), pick, who: fc.constantFrom(2, 3) }), weight: 3 },
  // a counter-entry on one of the payments (or on a counter-entry, or twice: refused)
  fc.record({ op: fc.constant('cancel' as const), payPick: fc.nat(50), who: fc.constantFrom(2, 3) }),
  {
    arbitrary: fc.record({
      op: fc.constant('edit' as const),
      pick,
      amounts,
      who: fc.constantFrom(0, 1),
      stale: fc.boolean(),
    }),
    weight: 3,
  },
  fc.record({
    op: fc.constant('create' as const),
    env: fc.constantFrom('env-a', 'env-b'),
    finess: fc.constantFrom(F1, F2, F3),
    amounts,
    who: fc.constantFrom(0, 1),
  }),
  fc.record({ op: fc.constant('edit' as const), pick, amounts, who: fc.constantFrom(0, 1), stale: fc.boolean() }),
  fc.record({ op: fc.constant('approve' as const), pick, who: fc.constantFrom(2, 3) }),
  fc.record({ op: fc.constant('reject' as const), pick, who: fc.constantFrom(2, 3) }),
  fc.record({ op: fc.constant('delete' as const), pick }),
  fc.record({
    op: fc.constant('pay' as const),
    pick,
    amount: fc.integer({ min: 1, max: 500 }),
    who: fc.constantFrom(2, 3),
  }),
  // one allocation per establishment in scope, all or nothing
  fc.record({
    op: fc.constant('bulk' as const),
    env: fc.constantFrom('env-a', 'env-b'),
    amounts,
    who: fc.constantFrom(0, 1),
  }),
  // delegations to the ARS of the three regions in the plan: created, edited (or stale), removed
  {
    arbitrary: fc.record({
      op: fc.constant('delegate' as const),
      env: fc.constantFrom('env-a', 'env-b'),
      region: fc.constantFrom('11', '84', '94'),
      amounts,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ op: fc.constant('redelegate' as const), delPick: fc.nat(50), amounts, stale: fc.boolean() }),
    weight: 2,
  },
  // a stale If-Match among them: removal is refused otherwise only when the region has allocated
  // beyond what would remain, which a run may never reach
  fc.record({ op: fc.constant('undelegate' as const), delPick: fc.nat(50), stale: fc.boolean() }),
  // envelopes shrink and grow under their allocations: a total, or env-a's yearly split
  fc.record({
    op: fc.constant('envelope' as const),
    env: fc.constantFrom('env-a', 'env-b'),
    totalCents: fc.integer({ min: 0, max: 1_600 }),
    yearly: fc.option(
      fc.record({ '2023': fc.integer({ min: 0, max: 800 }), '2024': fc.integer({ min: 0, max: 800 }) }),
      { nil: undefined },
    ),
  }),
);

const held = (a: Allocation, y: string): number => {
  const v = (x: Allocation['amounts'] | undefined) => (x as Record<string, number | undefined> | undefined)?.[y] ?? 0;
  if (a.status === 'rejected') return 0;
  return a.status === 'approved' ? Math.max(v(a.amounts), v(a.revision?.amounts)) : v(a.amounts);
};

/** The three conservation rules of delegations, per year and in total, from the stored records. */
const checkDelegations = (data: DataFile) => {
  const allocs = Object.values(data.collections.allocations);
  const regionOf = (a: Allocation) => data.collections.establishments[a.finess]?.region ?? '';
  for (const env of Object.values(data.collections.envelopes)) {
    const dels = Object.values(data.collections.delegations).filter((d) => d.envelopeId === env.id);
    const regions = new Set(dels.map((d) => d.region));
    const mine = allocs.filter((a) => a.envelopeId === env.id);
    const sum = (ys: readonly string[], f: (y: string) => number) => ys.reduce((s, y) => s + f(y), 0);
    const delegated = (y: string, r?: string) =>
      dels.filter((d) => !r || d.region === r).reduce((s, d) => s + (d.amounts[y as '2023'] ?? 0), 0);
    const allocated = (y: string, inRegion: (r: string) => boolean) =>
      mine.filter((a) => inRegion(regionOf(a))).reduce((s, a) => s + held(a, y), 0);
    const reserve = (r: string) => !regions.has(r);
    // 1. the delegations never exceed the envelope, its year budget where split
    const d = sum(PLAN_YEARS, (y) => delegated(y));
    assert.ok(d <= env.totalCents, `${env.code}: ${d} delegated > ${env.totalCents}`);
    for (const y of PLAN_YEARS) {
      if (env.yearlyCents)
        assert.ok(delegated(y) <= (env.yearlyCents[y] ?? 0), `${env.code} ${y}: ${delegated(y)} delegated > split`);
      // 2. a region holding a delegation allocates within its credits
      for (const r of regions)
        assert.ok(
          allocated(y, (x) => x === r) <= delegated(y, r),
          `${env.code} ${r} ${y}: ${allocated(y, (x) => x === r)} allocated > ${delegated(y, r)} delegated`,
        );
      // 3. the other regions within the national reserve
      if (env.yearlyCents)
        assert.ok(
          allocated(y, reserve) <= (env.yearlyCents[y] ?? 0) - delegated(y),
          `${env.code} ${y}: reserve exceeded`,
        );
    }
    for (const r of regions) {
      const a = sum(PLAN_YEARS, (y) => allocated(y, (x) => x === r));
      assert.ok(a <= sum(PLAN_YEARS, (y) => delegated(y, r)), `${env.code} ${r}: ${a} allocated > its credits`);
    }
    const outside = sum(PLAN_YEARS, (y) => allocated(y, reserve));
    assert.ok(outside <= env.totalCents - d, `${env.code}: ${outside} allocated > reserve ${env.totalCents - d}`);
  }
};

/** The objective's last declaration passed both checks (recomputed from the stored records). */
const achieved = (data: DataFile, applicationId: string, objective: string): boolean => {
  const last = Object.values(data.collections.declarations)
    .filter((d) => d.applicationId === applicationId && d.objective === objective)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
    .at(-1);
  return last?.arsCheck?.verdict === 'conforme' && last.ansCheck?.verdict === 'conforme';
};

/** Tranches: every payment names one; net paid per tranche within [0, amount], only on a tranche
 *  not freed whose objective passed both checks; the tranches not freed add up to the allocation. */
const checkTranches = (data: DataFile) => {
  for (const a of Object.values(data.collections.allocations)) {
    if (!a.tranches?.length) continue;
    const paid = new Map<string, number>();
    for (const p of Object.values(data.collections.payments))
      if (p.allocationId === a.id) {
        assert.ok(
          p.tranche && a.tranches.some((t) => t.code === p.tranche),
          `${a.id}: payment ${p.id} outside a tranche`,
        );
        paid.set(p.tranche!, (paid.get(p.tranche!) ?? 0) + p.amountCents);
      }
    for (const t of a.tranches) {
      const net = paid.get(t.code) ?? 0;
      assert.ok(net >= 0 && net <= t.amountCents, `${a.id} ${t.code}: net paid ${net} outside [0, ${t.amountCents}]`);
      if (net > 0) {
        assert.ok(!t.freedAt, `${a.id} ${t.code}: freed with ${net} paid`);
        const g = t.gate;
        assert.ok(
          g.kind === 'objective' && achieved(data, g.applicationId, g.objective),
          `${a.id} ${t.code}: ${net} paid on a tranche whose objective is not achieved`,
        );
      }
    }
    const inForce = a.tranches.filter((t) => !t.freedAt).reduce((s, t) => s + t.amountCents, 0);
    const total = PLAN_YEARS.reduce((s, y) => s + (a.amounts[y] ?? 0), 0);
    assert.is(inForce, total, `${a.id}: tranches not freed ${inForce} ≠ allocation ${total}`);
    if (a.status === 'approved' && !a.revision) {
      const engaged = (a.engagements ?? []).reduce(
        (s, e) => s + PLAN_YEARS.reduce((t, y) => t + (e.amounts[y] ?? 0), 0),
        0,
      );
      assert.is(engaged, total, `${a.id}: engagements ${engaged} ≠ approved ${total}`);
    }
  }
};

const checkInvariants = (data: DataFile) => {
  checkDelegations(data);
  checkTranches(data);
  const allocs = Object.values(data.collections.allocations);
  for (const env of Object.values(data.collections.envelopes)) {
    const mine = allocs.filter((a) => a.envelopeId === env.id);
    const total = mine.reduce((s, a) => s + PLAN_YEARS.reduce((t, y) => t + held(a, y), 0), 0);
    assert.ok(total <= env.totalCents, `${env.code}: ${total} allocated > ${env.totalCents}`);
    if (env.yearlyCents)
      for (const y of PLAN_YEARS) {
        const inYear = mine.reduce((s, a) => s + held(a, y), 0);
        assert.ok(inYear <= (env.yearlyCents[y] ?? 0), `${env.code} ${y}: ${inYear} > ${env.yearlyCents[y] ?? 0}`);
      }
  }
  for (const a of allocs) {
    const paid = Object.values(data.collections.payments)
      .filter((p) => p.allocationId === a.id)
      .reduce((s, p) => s + p.amountCents, 0);
    if (paid > 0) assert.is(a.status, 'approved', `payments on a ${a.status} allocation ${a.id}`);
    assert.ok(paid >= 0, `${a.id}: net paid ${paid} < 0`);
    const approved = a.status === 'approved' ? PLAN_YEARS.reduce((s, y) => s + (a.amounts[y] ?? 0), 0) : 0;
    assert.ok(paid <= approved, `${a.id}: paid ${paid} > approved ${approved}`);
  }
  for (const p of Object.values(data.collections.payments)) {
    assert.ok(data.collections.allocations[p.allocationId], `orphan payment ${p.id}`);
    // a counter-entry and the payment it cancels name each other, same allocation, opposite amounts
    const o = p.cancelsId ? data.collections.payments[p.cancelsId] : undefined;
    if (p.cancelsId)
      assert.equal(
        [o?.cancelledBy, o?.allocationId, o?.amountCents, o?.cancelsId],
        [p.id, p.allocationId, -p.amountCents, undefined],
        `counter-entry ${p.id}`,
      );
    if (p.cancelledBy) assert.is(data.collections.payments[p.cancelledBy]?.cancelsId, p.id, `cancelled ${p.id}`);
  }
  assert.is(firstBroken(data.audit), null);
};

test('Random API sequences never break the money invariants; refused requests change nothing', async () => {
  // every account logged in once; each run starts from a copy of that data (sessions included)
  const run = await loggedInRuns(() => smallData(records), STAFF);
  let accepted = 0,
    refused = 0;
  const acceptedBy: Record<string, number> = {},
    refusedBy: Record<string, number> = {};

  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 50, size: 'max' }), async (cmds) => {
      const { store, call } = await run();
      let declared = 0;
      /** The tranche an item names: with `achieved`, one whose objective passed both checks. */
      const aimed = (i: { grant: number; tranche: string; achieved?: number }) => {
        const data = store.exportData();
        const done = GRANTS.flatMap((g) =>
          OBJECTIVES.filter((o) => achieved(data, g.app, o)).map((o) => ({ alloc: g.alloc, tranche: o })),
        );
        return i.achieved !== undefined && done.length
          ? done[i.achieved % done.length]!
          : { alloc: GRANTS[i.grant]!.alloc, tranche: i.tranche };
      };
      for (const c of cmds) {
        // the window's grants are paid by their own commands (payTranche, batch, free)
        const ids = [...store.all('allocations')]
          .map((a) => a.id)
          .filter((id) => !id.startsWith('al-w'))
          .sort();
        const target = 'pick' in c && ids.length ? store.get('allocations', ids[c.pick % ids.length]!)! : null;
        if ('pick' in c && !target) continue;
        const before = store.exportData();
        let r;
        switch (c.op) {
          case 'create':
            r = await call(c.who, 'POST', '/api/allocations', {
              envelopeId: c.env,
              finess: c.finess,
              actionId: 'act-ad',
              amounts: c.amounts,
            });
            break;
          case 'edit':
            r = await call(
              c.who,
              'PATCH',
              `/api/allocations/${target!.id}`,
              { amounts: c.amounts },
              { 'if-match': c.stale ? '"stale"' : `"${target!.rev}"` },
            );
            break;
          case 'approve':
            r = await call(c.who, 'POST', `/api/allocations/${target!.id}/approve`);
            break;
          case 'reject':
            r = await call(c.who, 'POST', `/api/allocations/${target!.id}/reject`, { reason: 'test' });
            break;
          case 'delete':
            r = await call(0, 'DELETE', `/api/allocations/${target!.id}`, undefined, {
              'if-match': `"${target!.rev}"`,
            });
            break;
          case 'cancel': {
            const pays = [...store.all('payments')].sort((a, b) => a.id.localeCompare(b.id));
            if (!pays.length) continue;
            const pay = pays[c.payPick % pays.length]!;
            r = await call(
              c.who,
              'POST',
              `/api/payments/${pay.id}/cancel`,
              { reason: 'test' },
              { 'if-match': `"${pay.rev}"` },
            );
            break;
          }
          case 'pay':
            r = await call(c.who, 'POST', '/api/payments', {
              allocationId: target!.id,
              amountCents: c.amount,
              paidOn: '2026-11-01',
            });
            break;
          case 'bulk':
            r = await call(c.who, 'POST', '/api/allocations/bulk', {
              envelopeId: c.env,
              actionId: 'act-ad',
              amounts: c.amounts,
            });
            break;
          case 'delegate':
            r = await call(0, 'POST', '/api/delegations', {
              envelopeId: c.env,
              region: c.region,
              amounts: c.amounts,
              reference: 'délégation',
              notifiedOn: '2024-01-15',
            });
            break;
          case 'redelegate':
          case 'undelegate': {
            const dels = [...store.all('delegations')].sort((a, b) => a.id.localeCompare(b.id));
            if (!dels.length) continue;
            const del = dels[c.delPick % dels.length]!;
            const ifMatch = { 'if-match': c.stale ? '"stale"' : `"${del.rev}"` };
            r =
              c.op === 'redelegate'
                ? await call(1, 'PATCH', `/api/delegations/${del.id}`, { amounts: c.amounts }, ifMatch)
                : await call(0, 'DELETE', `/api/delegations/${del.id}`, undefined, ifMatch);
            break;
          }
          case 'payTranche': {
            const t = aimed(c.item);
            r = await call(c.who, 'POST', '/api/payments', {
              allocationId: t.alloc,
              amountCents: c.item.amount,
              paidOn: '2026-11-01',
              tranche: t.tranche,
            });
            break;
          }
          case 'batch':
            r = await call(c.who, 'POST', '/api/payments/batch', {
              paidOn: '2026-11-01',
              // two items aimed at the same tranche: the first one only (a tranche twice is a 400)
              items: c.items
                .map((i) => {
                  const t = aimed(i);
                  return { allocationId: t.alloc, tranche: t.tranche, amountCents: i.amount };
                })
                .filter(
                  (x, n, all) =>
                    all.findIndex((y) => y.allocationId === x.allocationId && y.tranche === x.tranche) === n,
                ),
            });
            break;
          case 'free':
            if (c.go) continue;
            r = await call(0, 'POST', '/api/windows/win-d1/free-unmet');
            break;
          case 'check': {
            // written as the declaration routes would (their API is another file's): the objective's
            // last declaration gets its next check, or a new declaration follows a refused one
            const app = GRANTS[c.grant]!.app;
            const last = [...store.all('declarations')]
              .filter((d) => d.applicationId === app && d.objective === c.objective)
              .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
              .at(-1);
            const check = {
              verdict: c.conforme ? 'conforme' : 'non_conforme',
              at: '2025-08-01T10:00:00.000Z',
            } as const;
            const next: Declaration | null =
              !last || last.arsCheck?.verdict === 'non_conforme' || last.ansCheck?.verdict === 'non_conforme'
                ? {
                    id: `dec-${++declared}`,
                    rev: '',
                    createdAt: new Date(Date.parse('2025-01-01T00:00:00.000Z') + declared * 1000).toISOString(),
                    updatedAt: '2025-01-01T00:00:00.000Z',
                    applicationId: app,
                    objective: c.objective,
                    achievedOn: '2025-01-01',
                    evidence: [{ sha256: 'c'.repeat(64), name: 'preuve.pdf', type: 'application/pdf', size: 9 }],
                  }
                : !last.arsCheck
                  ? { ...last, arsCheck: { ...check, ...(c.conforme ? {} : { reason: 'test' }) } }
                  : !last.ansCheck
                    ? { ...last, ansCheck: { ...check, ...(c.conforme ? {} : { reason: 'test' }) } }
                    : null;
            if (next)
              await store.transact({ now: '2025-08-01T10:00:00.000Z', action: 'check' }, (tx) => {
                tx.put('declarations', next);
              });
            checkInvariants(store.exportData());
            continue;
          }
          case 'envelope': {
            const env = store.get('envelopes', c.env)!;
            r = await call(
              0,
              'PATCH',
              `/api/envelopes/${c.env}`,
              { totalCents: c.totalCents, ...(c.env === 'env-a' && c.yearly ? { yearlyCents: c.yearly } : {}) },
              { 'if-match': `"${env.rev}"` },
            );
            break;
          }
        }
        assert.ok(r.status < 500, `${c.op}: ${r.status} ${JSON.stringify(r.json)}`);
        if (r.status >= 400) {
          refused++;
          assert.ok(
            [403, 409, 412, 422].includes(r.status),
            `${c.op}: unexpected ${r.status} ${JSON.stringify(r.json)}`,
          );
          refusedBy[c.op] = (refusedBy[c.op] ?? 0) + 1;
          assert.equal(store.exportData(), before, `${c.op} refused with ${r.status} but changed the data`);
        } else {
          accepted++;
          acceptedBy[c.op] = (acceptedBy[c.op] ?? 0) + 1;
          if ((c.op === 'edit' || c.op === 'redelegate') && c.stale)
            assert.unreachable('a stale If-Match was accepted');
        }
        checkInvariants(store.exportData());
      }
    }),
    { numRuns: 200 },
  );
  console.log(`property: ${accepted} accepted, ${refused} refused`, JSON.stringify({ acceptedBy, refusedBy }));
  assert.ok(
    accepted > 1000 && refused > 500,
    `accepted ${accepted}, refused ${refused}: the generator should exercise both`,
  );
  // every kind of command both goes through and gets refused now and then (at least once: a
  // withdrawal is accepted ~10 times in 200 runs now that only a proposal without payments can
  // go, and a higher bar made the test fail by chance)
  for (const op of [
    'create',
    'bulk',
    'edit',
    'approve',
    'reject',
    'delete',
    'pay',
    'envelope',
    'delegate',
    'redelegate',
    'undelegate',
    'payTranche',
    'batch',
  ])
    assert.ok(
      (acceptedBy[op] ?? 0) > 0 && (refusedBy[op] ?? 0) > 0,
      `${op}: ${acceptedBy[op] ?? 0} accepted, ${refusedBy[op] ?? 0} refused`,
    );
});

test.run();
