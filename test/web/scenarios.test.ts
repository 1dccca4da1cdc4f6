// The scenarios page's pure parts: a distribution rule's fields read as the API's body (exact cents,
// each refusal on the API's field path), a promotion's changes grouped, the comparison's chart.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PromotionChange } from '../../server/contract/scenarios.js';
import {
  compareChartConfig,
  distributionBody,
  promotionGroups,
  type DistributeTexts,
} from '../../web/lib/scenarios.js';

const fields = (patch: Partial<DistributeTexts>): DistributeTexts => ({
  rule: 'equal',
  envelopeId: 'env-a',
  actionId: 'act-a',
  year: '2024',
  mode: 'total',
  total: '',
  per: '',
  fixed: '',
  bands: [],
  weights: {},
  categories: [],
  priority: '',
  beneficiaries: 'establishments',
  ...patch,
});

test('equal: a total in French euros is exact cents; the amount per beneficiary instead when asked', () => {
  assert.equal(distributionBody(fields({ total: '1 000 000,01', per: '5' })), {
    body: {
      rule: 'equal',
      envelopeId: 'env-a',
      actionId: 'act-a',
      year: '2024',
      eligibility: { beneficiaries: 'establishments' },
      totalCents: 100_000_001,
    },
    errors: {},
  });
  const per = distributionBody(fields({ mode: 'per', total: '9', per: '37 037,04' })).body;
  assert.is(per.perBeneficiaryCents, 3_703_704);
  assert.is(per.totalCents, undefined);
});

test('an empty amount is left to the API (it says which a rule needs); an unreadable one is refused on its field', () => {
  const { body, errors } = distributionBody(fields({ rule: 'fixed_plus_staff', total: '', fixed: '12,345' }));
  assert.is(body.totalCents, undefined);
  assert.is(body.fixedCents, undefined);
  assert.equal(Object.keys(errors), ['fixedCents']);
});

test('eligibility: categories and priority only when chosen', () => {
  const { body } = distributionBody(
    fields({
      categories: ['public'],
      priority: 'false',
      beneficiaries: 'all',
      rule: 'priority_first',
      total: '10',
      per: '2',
    }),
  );
  assert.equal(body.eligibility, { categories: ['public'], priority: false, beneficiaries: 'all' });
  assert.equal([body.totalCents, body.perBeneficiaryCents], [1_000, 200]);
});

test('size bands: staff in ETP with a French decimal comma, amounts in cents, each refusal on its band', () => {
  const { body, errors } = distributionBody(
    fields({
      rule: 'size_bands',
      bands: [
        { minStaff: '', amount: '10 000' },
        { minStaff: '1 200,5', amount: '20 000' },
        { minStaff: '300,25', amount: 'x' },
      ],
    }),
  );
  assert.equal(body.bands, [
    { minStaff: 0, amountCents: 1_000_000 },
    { minStaff: 1200.5, amountCents: 2_000_000 },
    { minStaff: 300.25, amountCents: 0 },
  ]);
  assert.equal(Object.keys(errors), ['bands.2.amountCents']);
  assert.equal(
    Object.keys(distributionBody(fields({ rule: 'size_bands', bands: [{ minStaff: '-3', amount: '1' }] })).errors),
    ['bands.0.minStaff'],
  );
});

test('region weights: whole numbers by INSEE code, empty ones left out, another refused on its region', () => {
  const { body, errors } = distributionBody(
    fields({ rule: 'region_weights', total: '500 000', weights: { '11': '2', '84': ' 1 ', '93': '', '94': '1,5' } }),
  );
  assert.equal(body.weights, { '11': 2, '84': 1 });
  assert.is(body.totalCents, 50_000_000);
  assert.equal(Object.keys(errors), ['weights.94']);
});

test('a promotion’s changes: added (created), changed (edited, avenant), withdrawn (deleted, lowered)', () => {
  const change = (op: PromotionChange['op'], id: string): PromotionChange => ({
    op,
    allocationId: id,
    finess: 'F',
    envelopeId: 'env-a',
    actionId: 'act-a',
    fromCents: 0,
    toCents: 1,
  });
  const g = promotionGroups([
    change('create', 'a'),
    change('avenant', 'b'),
    change('lower', 'c'),
    change('edit', 'd'),
    change('delete', 'e'),
  ]);
  assert.equal(
    [g.adds, g.changes, g.withdraws].map((x) => x.map((c) => c.allocationId)),
    [['a'], ['b', 'd'], ['c', 'e']],
  );
});

test('the comparison’s chart: one dataset per column in its order, the rows’ cents, horizontal for regions', () => {
  const cfg = compareChartConfig(
    [
      { key: 'plan', label: 'Plan actuel' },
      { key: 'sc-1', label: 'Montant égal' },
    ],
    [
      { key: '11', label: 'Île-de-France', cents: [100, 250] },
      { key: '84', label: 'Auvergne-Rhône-Alpes', cents: [0, 50] },
    ],
    true,
  );
  assert.equal(cfg.data.labels, ['Île-de-France', 'Auvergne-Rhône-Alpes']);
  assert.equal(
    cfg.data.datasets.map((d) => [d.label, d.data]),
    [
      ['Plan actuel', [100, 0]],
      ['Montant égal', [250, 50]],
    ],
  );
  assert.is(cfg.options?.indexAxis, 'y');
  assert.is.not(cfg.data.datasets[0]!.backgroundColor, cfg.data.datasets[1]!.backgroundColor);
});

test.run();
