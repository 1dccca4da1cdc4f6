// The engagement curve's months: an approval (or an avenant) dated outside 2023-2027 still counts,
// at the plan's first or last month, so the monthly series adds up to the approved total.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { GroupTotals } from '../../server/domain/bucket.js';
import {
  addAllocation,
  addPayment,
  buildBucketSet,
  buildBuckets,
  engagedByMonth,
  MONTHS,
} from '../../server/domain/buckets.js';
import { dashboard } from '../../server/domain/dashboard.js';
import { dashboardGhts } from '../../server/domain/dashboard-ghts.js';
import {
  allocation,
  basics,
  envelope,
  establishment,
  F1,
  F2,
  ght,
  payment,
  planOf,
  pooled,
  siretWithKey,
  withKey,
} from '../helpers/plan.js';

const LAST = MONTHS.length - 1;

test('An engagement after the plan counts in its last month, one before it in its first', () => {
  // Given an approval in 2022, an avenant (+50,00 €) in 2028 and one (−20,00 €) in March 2027
  const a = allocation('al-x', {
    amounts: { '2024': 130_00 },
    status: 'approved',
    approvedAt: '2022-12-15T10:00:00.000Z',
    engagements: [
      { at: '2022-12-15T10:00:00.000Z', amounts: { '2024': 100_00 } },
      { at: '2028-02-01T10:00:00.000Z', amounts: { '2024': 50_00 } },
      { at: '2027-03-10T10:00:00.000Z', amounts: { '2024': -20_00 } },
    ],
  });
  // When its months are read, Then none is dropped
  assert.equal(engagedByMonth(a), [
    [0, 100_00],
    [LAST, 50_00],
    [MONTHS.indexOf('2027-03'), -20_00],
  ]);
});

test('The monthly approved series sums to the approved total when the approval is dated after the plan', async () => {
  // Given an allocation approved (without engagements) on 2028-01-05
  const plan = await planOf({
    allocations: [
      allocation('al-late', { amounts: { '2027': 75_00 }, status: 'approved', approvedAt: '2028-01-05T09:00:00.000Z' }),
    ],
  });
  // When the buckets are built
  const buckets = [...buildBuckets(plan).values()];
  const byYear = buckets.reduce((s, b) => s + b.approvedByYear.reduce((x, y) => x + y, 0), 0);
  const byMonth = buckets.reduce((s, b) => s + b.approvedByMonth.reduce((x, y) => x + y, 0), 0);
  // Then the series counts it, in December 2027, as the totals do
  assert.is(byYear, 75_00);
  assert.is(byMonth, 75_00);
  assert.is(
    buckets.reduce((s, b) => s + b.approvedByMonth[LAST]!, 0),
    75_00,
  );
});

const GRADES = siretWithKey('1300000000001');
const M1 = withKey('91000001');
const ghtPlan = () =>
  planOf({
    envelopes: [envelope({ id: 'env-a' }), envelope({ id: 'env-b', code: 'ANN', status: 'announced' })],
    establishments: [...basics().establishments, establishment(M1, { ght: 'GHT sud' })],
    ghts: [ght('sud', { code: 'GHT sud', name: 'GHT Sud francilien', supportFiness: M1 })],
    pooled: [pooled(GRADES)],
    allocations: [
      allocation('al-1', { envelopeId: 'env-a', finess: M1, amounts: { '2024': 300_00 }, status: 'approved' }),
      allocation('al-2', { envelopeId: 'env-a', finess: GRADES, actionId: 'act-exe', amounts: { '2025': 120_01 } }),
      allocation('al-3', { envelopeId: 'env-a', finess: F2, amounts: { '2024': 50_00 } }),
      allocation('al-4', { envelopeId: 'env-b', finess: M1, amounts: { '2026': 999_99 } }),
      allocation('al-5', { envelopeId: 'env-a', finess: F1, actionId: 'act-exe', amounts: { '2027': 7_00 } }),
    ],
    payments: [payment('p-1', 'al-1', 100_00), payment('p-2', 'al-1', 25_00, '2022-05-01')],
  });
const sumOf = (ts: Iterable<GroupTotals>) => {
  const s = { allocatedCents: 0, approvedCents: 0, paidCents: 0 };
  for (const t of ts) for (const k of Object.keys(s) as Array<keyof GroupTotals>) s[k] += t[k];
  return s;
};

test('The GHT roll-ups are the sums of their cells, committed envelopes only in the national ones', async () => {
  // Given a GHT member, a pooled resource and establishments outside any GHT, on a committed and an announced envelope
  const plan = await ghtPlan();
  // When the GHT totals are built
  const g = buildBucketSet(plan).groups;
  // Then each roll-up is what its cells add up to, to the cent
  const cells = [...g.cells.values()];
  for (const code of ['GHT sud', '', '*pooled']) {
    const of = (pick: (c: (typeof cells)[number]) => boolean) =>
      sumOf(cells.filter((c) => c.group === code && pick(c)));
    assert.equal(
      g.committed.get(code),
      of((c) => c.envelopeId === 'env-a'),
      code,
    );
    assert.equal(
      g.byEnvelope.get('env-b')?.get(code) ?? sumOf([]),
      of((c) => c.envelopeId === 'env-b'),
      code,
    );
    for (const axis of ['1', '4'])
      assert.equal(
        g.committedByAxis.get(axis)?.get(code) ?? sumOf([]),
        of((c) => c.envelopeId === 'env-a' && c.axis === axis),
        `${code} ${axis}`,
      );
  }
  assert.equal(g.committed.get('GHT sud'), { allocatedCents: 300_00, approvedCents: 300_00, paidCents: 125_00 });
  assert.equal(g.committed.get('*pooled'), { allocatedCents: 120_01, approvedCents: 0, paidCents: 0 });
  assert.equal(g.byEnvelope.get('env-b')?.get('GHT sud')?.allocatedCents, 999_99);
  assert.equal(
    g.pooledCells.map((c) => c.envelopeId + c.region),
    ['env-a11'],
  );
});

test('Taking allocations and payments out and putting them back leaves the buckets and GHT totals as a recomputation', async () => {
  // Given the buckets of the plan
  const plan = await ghtPlan();
  const set = buildBucketSet(plan);
  const filters = [{}, { region: '11' }, { axis: 4 }, { envelopeId: 'env-a' }, { envelopeId: 'env-a', axis: 1 }];
  const read = (s: typeof set) => filters.map((f) => [dashboard(plan, f, s, '2026-12-02'), dashboardGhts(plan, f, s)]);
  const before = read(set);
  // When every payment and allocation is taken out, then put back
  for (const p of plan.payments.values()) addPayment(set, plan, p, -1);
  for (const a of plan.allocations.values()) addAllocation(set, plan, a, -1);
  const empty = dashboardGhts(plan, {}, set);
  for (const a of plan.allocations.values()) addAllocation(set, plan, a, 1);
  for (const p of plan.payments.values()) addPayment(set, plan, p, 1);
  // Then nothing was left in between, and the dashboards and GHT breakdowns are those of a recomputation
  assert.equal(
    empty.map((r) => r.allocatedCents + r.approvedCents + r.paidCents),
    [0, 0, 0],
  );
  assert.equal(read(set), before);
  assert.equal(before, read(buildBucketSet(plan)));
});

test('The breakdown by GHT adds up to the dashboard under every filter, each GHT record in its region, committed envelopes only', async () => {
  // Given GHT sud (M1: 300,00 € approved, 125,00 € paid on env-a; 999,99 € on the announced env-b),
  // the pooled resource (120,01 €), F1 (7,00 €, axis 4) and F2 (50,00 €, region 84) outside any GHT
  const plan = await ghtPlan();
  const set = buildBucketSet(plan);
  const rows = (f: Parameters<typeof dashboardGhts>[1]) =>
    dashboardGhts(plan, f, set).map((r) => [r.key, r.label, r.allocatedCents, r.approvedCents, r.paidCents]);
  // When it is read nationally, Then the GHT, « Hors GHT » and « Ressources mutualisées », to the cent
  assert.equal(rows({}), [
    ['GHT sud', 'GHT Sud francilien', 300_00, 300_00, 125_00],
    ['', 'Hors GHT', 57_00, 0, 0],
    ['*pooled', 'Ressources mutualisées', 120_01, 0, 0],
  ]);
  // an announced envelope is not money yet; region 84 has no GHT record
  assert.equal(rows({ envelopeId: 'env-b' }), [
    ['GHT sud', 'GHT Sud francilien', 0, 0, 0],
    ['', 'Hors GHT', 0, 0, 0],
    ['*pooled', 'Ressources mutualisées', 0, 0, 0],
  ]);
  assert.equal(rows({ region: '84' }), [
    ['', 'Hors GHT', 50_00, 0, 0],
    ['*pooled', 'Ressources mutualisées', 0, 0, 0],
  ]);
  // and under each filter its rows add up to the dashboard's totals
  const filters = [
    {},
    { region: '11' },
    { region: '84' },
    { axis: 4 },
    { envelopeId: 'env-a' },
    { envelopeId: 'env-a', axis: 1 },
  ];
  for (const f of filters) {
    const t = dashboard(plan, f, set).totals;
    const sum = (k: 'allocatedCents' | 'approvedCents' | 'paidCents') =>
      dashboardGhts(plan, f, set).reduce((n, r) => n + r[k], 0);
    assert.equal(
      [sum('allocatedCents'), sum('approvedCents'), sum('paidCents')],
      [t.allocatedCents, t.approvedCents, t.paidCents],
      JSON.stringify(f),
    );
  }
});

test.run();
