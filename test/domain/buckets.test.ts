// The engagement curve's months: an approval (or an avenant) dated outside 2023-2027 still counts,
// at the plan's first or last month, so the monthly series adds up to the approved total.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildBuckets, engagedByMonth, MONTHS } from '../../server/domain/buckets.js';
import { allocation, planOf } from '../helpers/plan.js';

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

test.run();
