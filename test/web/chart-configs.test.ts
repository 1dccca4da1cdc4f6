import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BreakdownRow } from '../../server/contract/plan.js';
import { barsHeight, byRegionConfig, regionsByAllocated } from '../../web/lib/chart-configs.js';

const region = (key: string, label: string, allocatedCents: number): BreakdownRow => ({
  key,
  label,
  allocatedCents,
  approvedCents: 0,
  paidCents: 0,
});
const rows = [
  region('24', 'Centre-Val de Loire', 840_000_00),
  region('11', 'Île-de-France', 5_100_000_00),
  region('02', 'Martinique', 0),
  region('93', 'Provence-Alpes-Côte d’Azur', 840_000_00),
];

test('regionsByAllocated: regions without money left out, largest allocation first, ties by name', () => {
  assert.equal(
    regionsByAllocated(rows).map((r) => r.key),
    ['11', '24', '93'],
  );
  assert.equal(
    rows.map((r) => r.key),
    ['24', '11', '02', '93'],
    'the input is left as it was',
  );
});

test('byRegionConfig: horizontal bars in that order, every full name on the axis', () => {
  const c = byRegionConfig(regionsByAllocated(rows));
  assert.is(c.options?.indexAxis, 'y');
  assert.equal(c.data.labels, ['Île-de-France', 'Centre-Val de Loire', 'Provence-Alpes-Côte d’Azur']);
  assert.equal(c.data.datasets[0]!.data, [5_100_000_00, 840_000_00, 840_000_00]);
  assert.is((c.options?.scales?.y?.ticks as { autoSkip?: boolean } | undefined)?.autoSkip, false);
});

test('barsHeight: grows with the categories, never below the minimum', () => {
  assert.is(barsHeight(1), 320);
  assert.is(barsHeight(18), 90 + 18 * 34);
});

test.run();
