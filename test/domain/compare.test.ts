// Comparing the plan with scenarios: each scenario column is the plan once that scenario is
// promoted (its lines instead of what it replaces, paid approved allocations kept at what was
// paid), to the cent, by envelope, year, region, category, axis and GHT, with who gains or loses
// and each milestone's coverage.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compare } from '../../server/domain/compare.js';
import { allocation, EJ, envelope, F1, F2, F3, milestone, payment, planOf, SITE } from '../helpers/plan.js';
import { line, scenario } from '../helpers/scenarios.js';

// env-a (1 000,00 €): F1 proposed 100,00 € in 2024; F2 approved 200,00 €, 50,00 € paid; F3 rejected
const records = () => ({
  envelopes: [envelope({ totalCents: 100_000 }), envelope({ id: 'env-b', code: 'ENV-B', totalCents: 50_000 })],
  allocations: [
    allocation('al-1', { amounts: { '2024': 10_000 } }),
    allocation('al-2', { finess: F2, amounts: { '2024': 20_000 }, status: 'approved' }),
    allocation('al-3', { finess: F3, amounts: { '2024': 999 }, status: 'rejected' }),
    // outside the compared envelopes: SITE funded on the milestone's action in every column
    allocation('al-4', { envelopeId: 'env-b', finess: SITE, amounts: { '2024': 500 } }),
  ],
  payments: [payment('pay-1', 'al-2', 5_000)],
  milestones: [milestone('m-1', { target: { actionId: 'act-ad', population: 'priority', share: 1 } })],
  scenarios: [
    // national, on env-a: F1 raised, F3 and EJ added, nothing for F2 (kept at what was paid)
    scenario('sc-1', { basis: { at: '', allocationRevs: { 'al-1': '1', 'al-2': '1', 'al-3': '1' } } }),
    // Auvergne-Rhône-Alpes only: F2 raised; F1 (Île-de-France) stays as the plan has it
    scenario('sc-2', { region: '84', basis: { at: '', allocationRevs: { 'al-2': '1' } } }),
  ],
  scenarioLines: [
    line('l-1', 'sc-1', { amounts: { '2024': 15_000 }, sourceAllocationId: 'al-1' }),
    line('l-2', 'sc-1', { finess: F3, amounts: { '2025': 30_000 } }),
    line('l-3', 'sc-1', { finess: EJ, amounts: { '2025': 1_000 } }),
    line('l-4', 'sc-2', { finess: F2, amounts: { '2024': 25_000 }, sourceAllocationId: 'al-2' }),
  ],
});

const row = (rows: Array<{ key: string; cents: number[] }>, key: string) => rows.find((r) => r.key === key)?.cents;

test('Given a plan and two scenarios, each column adds up to the cent, per envelope, year, region, category, axis and GHT', async () => {
  const plan = await planOf(records());
  const cmp = compare(plan, [plan.scenarios.get('sc-1')!, plan.scenarios.get('sc-2')!]);
  assert.equal(cmp.envelopeIds, ['env-a']);
  assert.equal(
    cmp.columns.map((c) => [c.key, c.stale ?? null]),
    [
      ['plan', null],
      ['sc-1', []],
      ['sc-2', []],
    ],
  );
  // plan: 100 + 200 (the rejected one holds nothing); sc-1: 150 + 300 + 10 + F2 kept at its 50 paid; sc-2: 100 + 250
  assert.equal(cmp.totalCents, [30_000, 51_000, 35_000]);
  assert.equal(cmp.byEnvelope[0]!.cents, [30_000, 51_000, 35_000]);
  assert.equal(cmp.byEnvelope[0]!.remainingCents, [70_000, 49_000, 65_000]);
  assert.equal(row(cmp.byYear, '2024'), [30_000, 20_000, 35_000]);
  assert.equal(row(cmp.byYear, '2025'), [0, 31_000, 0]);
  assert.equal(row(cmp.byRegion, '11'), [10_000, 16_000, 10_000]);
  assert.equal(row(cmp.byRegion, '84'), [20_000, 5_000, 25_000]);
  assert.equal(row(cmp.byRegion, '94'), [0, 30_000, 0]);
  assert.equal(row(cmp.byCategory, 'public'), [10_000, 15_000, 10_000]);
  assert.equal(row(cmp.byCategory, 'private_forprofit'), [20_000, 5_000, 25_000]);
  assert.equal(row(cmp.byCategory, 'private_nonprofit'), [0, 31_000, 0]);
  assert.equal(cmp.byAxis, [{ key: '4', label: 'Axe 4', cents: [30_000, 51_000, 35_000] }]);
  assert.equal(cmp.byGht, [{ key: '', label: 'Hors GHT', cents: [30_000, 51_000, 35_000] }]);
  for (const rows of [cmp.byYear, cmp.byRegion, cmp.byCategory, cmp.byAxis, cmp.byGht])
    cmp.totalCents.forEach((t, i) =>
      assert.is(
        rows.reduce((s, r) => s + r.cents[i]!, 0),
        t,
      ),
    );
});

test('The beneficiaries that gain or lose, largest change first, with what each scenario moves', async () => {
  const plan = await planOf(records());
  const cmp = compare(plan, [plan.scenarios.get('sc-1')!, plan.scenarios.get('sc-2')!]);
  assert.equal(
    cmp.beneficiaries.items.map((b) => [b.finess, b.planCents, b.cents, b.deltaCents]),
    [
      [F3, 0, [30_000, 0], [30_000, 0]],
      [F2, 20_000, [5_000, 25_000], [-15_000, 5_000]],
      [F1, 10_000, [15_000, 10_000], [5_000, 0]],
      [EJ, 0, [1_000, 0], [1_000, 0]],
    ],
  );
  assert.equal(cmp.movers, [
    { gainers: 3, gainedCents: 36_000, losers: 1, lostCents: 15_000 },
    { gainers: 1, gainedCents: 5_000, losers: 0, lostCents: 0 },
  ]);
  const one = compare(plan, [plan.scenarios.get('sc-1')!], { limit: 1 });
  assert.equal([one.beneficiaries.total, one.beneficiaries.items.length], [4, 1]);
});

test('Coverage: the priority population funded on the milestone’s action, on any envelope, per column', async () => {
  const plan = await planOf(records());
  const [cov] = compare(plan, [plan.scenarios.get('sc-1')!, plan.scenarios.get('sc-2')!]).coverage;
  // priority: F1, EJ, SITE; SITE is funded on env-b whatever the column, EJ only in sc-1
  assert.equal(
    { ...cov, share: cov!.share.map((s) => Math.round(s * 1000)) },
    {
      milestoneId: 'm-1',
      title: 'm-1',
      actionId: 'act-ad',
      population: 'priority',
      targetShare: 1,
      populationCount: 3,
      funded: [2, 3, 2],
      share: [667, 1000, 667],
    },
  );
});

test('A regional comparison counts the region’s beneficiaries; what remains counts the other regions as the plan has them', async () => {
  const plan = await planOf(records());
  const cmp = compare(plan, [plan.scenarios.get('sc-2')!], { region: '84' });
  assert.is(cmp.region, '84');
  assert.equal(cmp.totalCents, [20_000, 25_000]);
  assert.equal(
    cmp.byRegion.map((r) => r.key),
    ['84'],
  );
  // F1's 100,00 € in Île-de-France stays in both columns
  assert.equal(cmp.byEnvelope[0]!.remainingCents, [70_000, 65_000]);
  assert.equal(cmp.coverage[0]!.populationCount, 0);
});

test('A scenario whose replaced allocations changed since its basis says so in its column', async () => {
  const r = records();
  r.scenarios[0] = scenario('sc-1', { basis: { at: '', allocationRevs: { 'al-1': '0', 'al-9': '1' } } });
  const plan = await planOf(r);
  const [, col] = compare(plan, [plan.scenarios.get('sc-1')!]).columns;
  assert.equal(col!.stale!.length, 4); // al-1 changed, al-2 and al-3 added, al-9 gone
  assert.ok(col!.stale!.some((s) => s.includes('al-9') && s.includes('retirée')));
});

test.run();
