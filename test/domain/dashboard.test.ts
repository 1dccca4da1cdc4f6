import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MONTHS } from '../../server/domain/buckets.js';
import { dashboard, monthsThrough, spreadOverMonths } from '../../server/domain/dashboard.js';
import { MAX_AMOUNT_CENTS, MAX_PLAN_CENTS } from '../../server/domain/money.js';
import type { Allocation } from '../../server/contract/plan.js';
import { allocation, envelope, F2, payment, planOf } from '../helpers/plan.js';

test('spreadOverMonths: 100 cents → months 1-8 get 8, months 9-12 get 9', () => {
  assert.equal(spreadOverMonths(100), [8, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9]);
});

test('spreadOverMonths: exact for 0, 1, 11, 12, 13 and a large odd amount', () => {
  assert.equal(spreadOverMonths(0), new Array(12).fill(0));
  assert.equal(spreadOverMonths(1), [...new Array(11).fill(0), 1]);
  assert.equal(spreadOverMonths(11), [0, ...new Array(11).fill(1)]);
  assert.equal(spreadOverMonths(12), new Array(12).fill(1));
  assert.equal(spreadOverMonths(13), [...new Array(11).fill(1), 2]);
  const big = 2_000_000_007;
  const s = spreadOverMonths(big);
  assert.is(
    s.reduce((a, b) => a + b, 0),
    big,
  );
  assert.ok(
    s.every(
      (c) =>
        Number.isInteger(c) &&
        (c === 166_666_667 || c === 166_666_667 + 1 || c === 166_666_666 + 1 || c === 166_666_666),
    ),
  );
});

const plan = () =>
  planOf({
    envelopes: [
      envelope({ totalCents: 10_000_00 }),
      envelope({ id: 'env-b', code: 'ENV-B', status: 'announced', totalCents: 5_000_00 }),
    ],
    allocations: [
      allocation('al-1', { amounts: { '2023': 100, '2024': 1_200_00 }, status: 'approved' }), // F1, 11, axis 4
      allocation('al-2', { amounts: { '2024': 300_00 }, finess: F2 }), // proposed, 84
      allocation('al-3', { amounts: { '2024': 999_00 }, status: 'rejected' }), // never counted
      allocation('al-4', {
        envelopeId: 'env-b',
        actionId: 'act-exe',
        amounts: { '2026': 12 },
        status: 'approved',
        revision: { amounts: { '2026': 24, '2027': 5 }, proposedAt: 'x' },
      }), // holds max per year
    ],
    payments: [
      payment('p1', 'al-1', 50, '2023-03-15'),
      payment('p2', 'al-1', 100_00, '2024-12-31'),
      payment('p3', 'al-4', 12, '2026-01-01'),
    ],
  });

test('Totals: envelopes by status; allocated = held amounts; approved; paid — on committed envelopes only, exact', async () => {
  const d = dashboard(await plan(), {});
  const { byStatus, ...totals } = d.totals;
  // env-b is announced: its 29 cents allocated (12 approved and paid) are not money yet
  assert.equal(totals, {
    envelopeCents: 15_000_00,
    committedCents: 10_000_00,
    announcedCents: 5_000_00,
    allocatedCents: 100 + 1_200_00 + 300_00,
    approvedCents: 100 + 1_200_00,
    paidCents: 50 + 100_00,
    remainingCents: 10_000_00 - (100 + 1_200_00 + 300_00),
  });
  // the top-level money figures are the committed ones, as the tiles read them
  const { totalCents, ...committed } = byStatus.committed;
  assert.is(totalCents, totals.committedCents);
  assert.equal(committed, {
    allocatedCents: totals.allocatedCents,
    approvedCents: totals.approvedCents,
    paidCents: totals.paidCents,
    remainingCents: totals.remainingCents,
  });
});

test('Totals equal the sums of every breakdown (committed envelopes, year, region, axis); announced money is in none', async () => {
  const d = dashboard(await plan(), {});
  for (const rows of [d.byEnvelope.filter((r) => r.status === 'committed'), d.byYear, d.byAxis]) {
    assert.is(
      rows.reduce((s, r) => s + r.allocatedCents, 0),
      d.totals.allocatedCents,
    );
    assert.is(
      rows.reduce((s, r) => s + r.approvedCents, 0),
      d.totals.approvedCents,
    );
    assert.is(
      rows.reduce((s, r) => s + r.paidCents, 0),
      d.totals.paidCents,
    );
  }
  assert.is(
    d.byRegion.reduce((s, r) => s + r.allocatedCents, 0),
    d.totals.allocatedCents,
  );
  const a = d.byEnvelope.find((r) => r.key === 'env-a')!;
  assert.equal(
    [a.allocatedCents, a.remainingCents, a.status],
    [1_500_00 + 100, 10_000_00 - 1_500_00 - 100, 'committed'],
  );
  assert.is(d.byYear.find((r) => r.key === '2024')!.byAxis['4'], 1_500_00);
  // env-b's allocation (announced, axis 1, 2026-2027) is in its envelope's row and nowhere else
  const b = d.byEnvelope.find((r) => r.key === 'env-b')!;
  assert.equal([b.status, b.allocatedCents, b.approvedCents, b.paidCents], ['announced', 29, 12, 12]);
  assert.equal(
    [d.byAxis.find((r) => r.key === '1')!.allocatedCents, d.byYear[3]!.allocatedCents, d.byYear[4]!.allocatedCents],
    [0, 0, 0],
  );
  assert.equal([d.byYear[3]!.byAxis, d.byYear[4]!.byAxis], [{}, {}]);
});

test('Series: 60 months as columns, cumulative, the schedule spread with remainders last, approved and paid at their dates', async () => {
  const d = dashboard(await plan(), {});
  const { months } = d.series;
  assert.equal(months, MONTHS);
  assert.equal([months[0], months[59]], ['2023-01', '2027-12']);
  for (const column of [d.series.plannedCents, d.series.approvedCents, d.series.paidCents])
    assert.is(column.length, 60);
  const at = (m: string) => {
    const i = months.indexOf(m);
    return {
      plannedCents: d.series.plannedCents[i],
      approvedCents: d.series.approvedCents[i],
      paidCents: d.series.paidCents[i],
    };
  };
  // 2023: 100 cents planned: 8 per month for 8 months, then 9
  assert.is(at('2023-01').plannedCents, 8);
  assert.is(at('2023-08').plannedCents, 64);
  assert.is(at('2023-09').plannedCents, 73);
  assert.is(at('2023-12').plannedCents, 100);
  // approved at the approval's date (these fixtures carry none: their last write, January 2023),
  // the whole approved amount of every year at once — env-b's 12 cents are announced: not money
  assert.is(at('2023-01').approvedCents, 100 + 1_200_00);
  // nothing planned on committed envelopes after 2024 (env-b's 2026-2027 amounts are announced)
  assert.is(at('2027-12').plannedCents, at('2024-12').plannedCents);
  assert.is(at('2026-01').paidCents, at('2025-12').paidCents);
  // payments: 50 in March 2023, 100,00 € in Dec 2024
  assert.is(at('2023-02').paidCents, 0);
  assert.is(at('2023-03').paidCents, 50);
  assert.is(at('2024-11').paidCents, 50);
  assert.is(at('2024-12').paidCents, 100_50);
  // the end of the series equals the totals
  const last = at('2027-12');
  assert.equal(
    [last.plannedCents, last.approvedCents, last.paidCents],
    [d.totals.allocatedCents, d.totals.approvedCents, d.totals.paidCents],
  );
  for (let i = 1; i < 60; i++) assert.ok(d.series.plannedCents[i]! >= d.series.plannedCents[i - 1]!);
});

test('Filters: envelope, region and axis restrict allocations (and the envelope filter the totals)', async () => {
  const p = await plan();
  // an announced envelope alone: its figures stand in byStatus.announced and its row, no money
  const b = dashboard(p, { envelopeId: 'env-b' });
  assert.equal(
    [b.totals.envelopeCents, b.totals.allocatedCents, b.totals.paidCents, b.byEnvelope.length],
    [5_000_00, 0, 0, 1],
  );
  assert.equal(
    [
      b.totals.byStatus.announced.allocatedCents,
      b.totals.byStatus.announced.paidCents,
      b.byEnvelope[0]!.allocatedCents,
    ],
    [29, 12, 29],
  );
  assert.is(b.series.plannedCents.at(-1), 0);
  const a = dashboard(p, { envelopeId: 'env-a' });
  assert.equal(
    [a.totals.envelopeCents, a.totals.allocatedCents, a.totals.paidCents],
    [10_000_00, 1_500_00 + 100, 100_50],
  );
  const r84 = dashboard(p, { region: '84' });
  assert.equal([r84.totals.allocatedCents, r84.totals.approvedCents], [300_00, 0]);
  // axis 1 has only env-b's announced allocation: no money on it
  const ax1 = dashboard(p, { axis: 1 });
  assert.equal([ax1.totals.allocatedCents, ax1.totals.approvedCents], [0, 0]);
  assert.equal([ax1.totals.byStatus.announced.allocatedCents, ax1.totals.byStatus.announced.approvedCents], [29, 12]);
});

test('Envelopes are national: a region or axis filter leaves what they have left to allocate as it is', async () => {
  const p = await plan();
  const all = dashboard(p, {});
  const remaining = (d: ReturnType<typeof dashboard>) => [
    d.totals.envelopeCents,
    d.totals.remainingCents,
    ...d.byEnvelope.map((r) => r.remainingCents),
  ];
  assert.equal(remaining(all), [
    15_000_00,
    10_000_00 - (100 + 1_200_00 + 300_00),
    10_000_00 - (100 + 1_200_00 + 300_00),
    5_000_00 - 29,
  ]);
  for (const f of [{ region: '84' }, { region: '11' }, { axis: 1 }, { axis: 4 }, { region: '84', axis: 4 }])
    assert.equal(remaining(dashboard(p, f)), remaining(all), JSON.stringify(f));
  // while what was allocated follows the filter
  assert.is(dashboard(p, { region: '84' }).byEnvelope.find((r) => r.key === 'env-a')!.allocatedCents, 300_00);
  // an envelope filter keeps that envelope's own figures
  assert.equal(
    dashboard(p, { envelopeId: 'env-b', region: '84' }).totals.byStatus.announced.remainingCents,
    5_000_00 - 29,
  );
});

test('Tiles: committed and announced credits counted apart, what remains measured against committed credits', async () => {
  // Given env-a committed (10 000 €) and env-b announced (5 000 €) with 29 cents allocated on it
  const d = dashboard(await plan(), {});
  // Then allocated, approved, paid and remaining on committed envelopes leave announced ones out
  assert.equal(d.totals.byStatus.committed, {
    totalCents: 10_000_00,
    allocatedCents: 100 + 1_200_00 + 300_00,
    approvedCents: 100 + 1_200_00,
    paidCents: 50 + 100_00,
    remainingCents: 10_000_00 - (100 + 1_200_00 + 300_00),
  });
  assert.equal(d.totals.byStatus.announced, {
    totalCents: 5_000_00,
    allocatedCents: 29,
    approvedCents: 12,
    paidCents: 12,
    remainingCents: 5_000_00 - 29,
  });
  // and the top-level totals are the committed figures: announced ones are never added to them
  for (const k of ['allocatedCents', 'approvedCents', 'paidCents', 'remainingCents'] as const)
    assert.is(d.totals.byStatus.committed[k], d.totals[k], k);
  // under a region filter allocated follows the region, what remains stays national
  const r84 = dashboard(await plan(), { region: '84' });
  assert.equal(
    [r84.totals.byStatus.committed.allocatedCents, r84.totals.byStatus.committed.remainingCents],
    [300_00, 10_000_00 - (100 + 1_200_00 + 300_00)],
  );
});

test('Approved is the engagement curve: each approval at its date, each avenant at its own, a withdrawal netted', async () => {
  // Given one allocation approved in March 2024 without engagements, and one whose engagements
  // record its approval (June 2023), an avenant (+300,00 € in February 2025) and a cut (−100,00 € in May 2025)
  const p = await planOf({
    envelopes: [envelope({ totalCents: 100_000_00 })],
    allocations: [
      allocation('al-1', {
        amounts: { '2024': 500_00, '2025': 500_00 },
        status: 'approved',
        approvedAt: '2024-03-12T10:00:00.000Z',
      }),
      {
        ...allocation('al-2', {
          amounts: { '2023': 1_000_00, '2024': 200_00 },
          status: 'approved',
          approvedAt: '2025-05-02T09:00:00.000Z',
        }),
        engagements: [
          { at: '2023-06-20T08:00:00.000Z', amounts: { '2023': 1_000_00 } },
          { at: '2025-02-03T08:00:00.000Z', amounts: { '2024': 300_00 } },
          { at: '2025-05-02T09:00:00.000Z', amounts: { '2024': -100_00 } },
        ],
      } as Allocation,
      // approved, then withdrawn: nothing engaged
      {
        ...allocation('al-3', { amounts: { '2024': 700_00 }, status: 'proposed', finess: F2 }),
        engagements: [
          { at: '2023-09-01T08:00:00.000Z', amounts: { '2024': 700_00 } },
          { at: '2023-10-01T08:00:00.000Z', amounts: { '2024': -700_00 } },
        ],
      } as Allocation,
    ],
  });
  // When the dashboard is computed
  const s = dashboard(p, {}).series;
  const at = (m: string) => s.approvedCents[s.months.indexOf(m)];
  // Then approved steps at those dates and nowhere else
  assert.equal(
    ['2023-05', '2023-06', '2024-02', '2024-03', '2025-01', '2025-02', '2025-04', '2025-05', '2027-12'].map(at),
    [0, 1_000_00, 1_000_00, 2_000_00, 2_000_00, 2_300_00, 2_300_00, 2_200_00, 2_200_00],
  );
  assert.is(s.approvedCents.at(-1), dashboard(p, {}).totals.approvedCents);
});

test('Approved and paid stop at today; the schedule runs on to 2027', async () => {
  const p = await plan();
  const d = dashboard(p, {}, undefined, '2024-06-15');
  assert.is(d.series.today, '2024-06-15');
  assert.is(d.series.plannedCents.length, 60);
  assert.is(d.series.approvedCents.length, 18);
  assert.is(d.series.paidCents.length, 18);
  assert.is(d.series.months[d.series.paidCents.length - 1], '2024-06');
  assert.equal([monthsThrough('2022-12-31'), monthsThrough('2023-01-01'), monthsThrough('2031-01-01')], [0, 1, 60]);
  assert.equal(dashboard(p, {}, undefined, '2022-11-02').series.paidCents, []);
  // the payment of 31 December 2024 is not on the chart yet in June, though the tiles count it
  assert.is(d.series.paidCents.at(-1), 50);
  assert.is(d.totals.paidCents, 50 + 100_00);
});

test('At the caps (1,000 envelopes of 10 Md€, each allocated, approved and paid in full) every total is exact to the cent', async () => {
  // Given a plan at the bound: all envelopes together hold MAX_PLAN_CENTS, and everything is allocated, approved and paid
  const n = MAX_PLAN_CENTS / MAX_AMOUNT_CENTS;
  const year = MAX_AMOUNT_CENTS / 5;
  const ids = Array.from({ length: n }, (_, i) => `env-${i}`);
  const p = await planOf({
    envelopes: ids.map((id, i) => envelope({ id, code: `E${i}`, totalCents: MAX_AMOUNT_CENTS })),
    allocations: ids.map((id, i) =>
      allocation(`al-${i}`, {
        envelopeId: id,
        status: 'approved',
        amounts: { '2023': year - 1, '2024': year, '2025': year, '2026': year, '2027': year + 1 },
      }),
    ),
    payments: ids.map((_, i) => payment(`p-${i}`, `al-${i}`, MAX_AMOUNT_CENTS, '2027-12-31')),
  });
  // When the dashboard is computed
  const d = dashboard(p, {});
  // Then each sum equals the exact (BigInt) one
  const exact = BigInt(MAX_AMOUNT_CENTS) * BigInt(n);
  for (const v of [
    d.totals.envelopeCents,
    d.totals.allocatedCents,
    d.totals.approvedCents,
    d.totals.paidCents,
    d.series.plannedCents.at(-1)!,
    d.series.paidCents.at(-1)!,
  ])
    assert.is(BigInt(v), exact);
  assert.is(d.totals.remainingCents, 0);
  assert.is(BigInt(d.byYear[4]!.allocatedCents), BigInt(year + 1) * BigInt(n));
  assert.ok(exact < BigInt(Number.MAX_SAFE_INTEGER));
});

test.run();
