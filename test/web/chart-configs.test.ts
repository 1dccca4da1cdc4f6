import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BreakdownRow, Series } from '../../server/contract/plan.js';
import {
  barsHeight,
  byRegionConfig,
  chartMilestones,
  hasDelegated,
  regionsByAllocated,
  shortLabel,
  spendChartConfig,
} from '../../web/lib/chart-configs.js';

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

test('byRegionConfig: no « Délégué » bars while no region holds delegated credits', () => {
  const c = byRegionConfig(regionsByAllocated(rows));
  assert.equal(
    c.data.datasets.map((d) => d.label),
    ['Alloué', 'Approuvé', 'Versé'],
  );
  assert.is(hasDelegated(rows), false);
});

// Given Île-de-France delegated 6 000 000,00 € (5 100 000,00 allocated) and Martinique delegated
// 250 000,00 € with nothing allocated yet
const delegatedRows = [
  { ...rows[0]!, delegatedCents: 0 },
  { ...rows[1]!, delegatedCents: 6_000_000_00 },
  { ...rows[2]!, delegatedCents: 250_000_01 },
  { ...rows[3]!, delegatedCents: 0 },
];

test('regionsByAllocated keeps a region that only has delegated money, after those with allocations', () => {
  assert.equal(
    regionsByAllocated(delegatedRows).map((r) => [r.key, r.delegatedCents]),
    [
      ['11', 6_000_000_00],
      ['24', 0],
      ['93', 0],
      ['02', 250_000_01],
    ],
  );
});

test('byRegionConfig: « Délégué » first, beside allocated, approved and paid, to the cent, in the rows’ order', () => {
  const c = byRegionConfig(regionsByAllocated(delegatedRows));
  assert.equal(
    c.data.datasets.map((d) => [d.label, d.data]),
    [
      ['Délégué', [6_000_000_00, 0, 0, 250_000_01]],
      ['Alloué', [5_100_000_00, 840_000_00, 840_000_00, 0]],
      ['Approuvé', [0, 0, 0, 0]],
      ['Versé', [0, 0, 0, 0]],
    ],
  );
  assert.equal(c.data.labels, ['Île-de-France', 'Centre-Val de Loire', 'Provence-Alpes-Côte d’Azur', 'Martinique']);
  // four distinct colours: a legend tells them apart
  assert.is(new Set(c.data.datasets.map((d) => d.backgroundColor)).size, 4);
});

test('barsHeight: grows with the categories and their bars, never below the minimum', () => {
  assert.is(barsHeight(1), 320);
  assert.is(barsHeight(18), 90 + 18 * 34);
  assert.is(barsHeight(18, undefined, 4), 90 + 18 * 44);
});

const months = Array.from(
  { length: 60 },
  (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
);
const series = (through: number, today?: string): Series => ({
  months,
  plannedCents: months.map((_, i) => (i + 1) * 100),
  approvedCents: months.slice(0, through).map((_, i) => (i + 1) * 50),
  paidCents: months.slice(0, through).map((_, i) => (i + 1) * 10),
  ...(today ? { today } : {}),
});
const ms = [
  { title: 'Fin du plan', date: '2027-12-31' },
  { title: 'B même mois', date: '2023-03-31' },
  { title: 'A même mois', date: '2023-03-31' },
  { title: 'Deux mois après', date: '2023-05-31' },
  { title: 'Loin', date: '2024-06-30' },
  { title: 'Hors du plan', date: '2029-01-01' },
];

test('chartMilestones: in date order, numbered from 1, nearby months staggered on rows, none outside the plan', () => {
  assert.equal(
    chartMilestones(series(60), ms).map((m) => [m.n, m.title, m.x, m.row]),
    [
      [1, 'A même mois', 2, 0],
      [2, 'B même mois', 2, 1],
      [3, 'Deux mois après', 4, 2],
      [4, 'Loin', 17, 0],
      [5, 'Fin du plan', 59, 0],
    ],
  );
});

test('spendChartConfig: numbers on the lines (never titles that overlap), a today line, approved and paid as long as the series give', () => {
  const c = spendChartConfig(series(47, '2026-11-29'), ms);
  const annotations = (c.options?.plugins as { annotation: { annotations: Record<string, Record<string, unknown>> } })
    .annotation.annotations;
  const labelOf = (k: string) => annotations[k]!.label as { content: string; yAdjust?: number };
  assert.equal(Object.keys(annotations), ['today', 'm1', 'm2', 'm3', 'm4', 'm5']);
  assert.equal(
    ['m1', 'm2', 'm3', 'm4', 'm5'].map((k) => labelOf(k).content),
    ['1', '2', '3', '4', '5'],
  );
  assert.equal(
    ['m1', 'm2', 'm3'].map((k) => labelOf(k).yAdjust),
    [-0, -20, -40],
  );
  assert.equal([annotations.today!.xMin, labelOf('today').content], [46, 'aujourd’hui']);
  const [planned, approved, paid] = c.data.datasets;
  assert.equal([planned!.data.length, approved!.data.length, paid!.data.length], [60, 47, 47]);
  assert.equal([approved!.label, paid!.label], ['Approuvé', 'Versé']);
  // without a date, no today line
  assert.not.ok(
    'today' in
      (spendChartConfig(series(60), []).options!.plugins as { annotation: { annotations: object } }).annotation
        .annotations,
  );
});

test('A category label is cut on a phone-wide chart only, and the cut says so', () => {
  assert.is(shortLabel('Provence-Alpes-Côte d’Azur', 800), 'Provence-Alpes-Côte d’Azur');
  assert.is(shortLabel('Provence-Alpes-Côte d’Azur', 320), 'Provence-Alpes…');
  assert.is(shortLabel('Bretagne', 320), 'Bretagne');
  assert.is(shortLabel('Bourgogne-Franche-Comté', 320), 'Bourgogne-Franc…');
});

test.run();
