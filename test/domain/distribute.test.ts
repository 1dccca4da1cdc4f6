// Distribution rules to the cent: each rule's shares add up exactly to its total, the remainder of a
// division goes one cent each in FINESS order, and bad parameters are refused on their field.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  eligibleFor,
  splitByWeights,
  splitFor,
  type Candidate,
  type DistributionInput,
} from '../../server/domain/distribute.js';
import { refuses } from '../helpers/assert.js';
import { EJ, envelope, F1, F2, F3, planOf, pooled, siretWithKey, SITE } from '../helpers/plan.js';

const base = { envelopeId: 'env-a', actionId: 'act-ad', year: '2024' } as const;
const rule = (o: Partial<DistributionInput> & Pick<DistributionInput, 'rule'>): DistributionInput => ({
  ...base,
  ...o,
});
const c = (finess: string, o: Partial<Candidate> = {}): Candidate => ({ finess, region: '11', priority: false, ...o });
const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
const paths = (fn: () => unknown) => refuses(fn, 422).errors.map((e) => e.path);

test('equal: 100 cents among 3 go 34 / 33 / 33, the remainder cent to the first FINESS', () => {
  const s = splitFor(rule({ rule: 'equal', totalCents: 100 }), [c('a'), c('b'), c('c')]);
  assert.equal(s.shares, [34, 33, 33]);
  assert.equal(s.remainders, [1, 0, 0]);
  assert.is(s.leftCents, 0);
});

test('equal: 10 000,01 € among 7 is exact, 2 remainder cents to the first two', () => {
  const cs = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((f) => c(f));
  const s = splitFor(rule({ rule: 'equal', totalCents: 1_000_001 }), cs);
  assert.equal(s.shares, [142_858, 142_858, 142_857, 142_857, 142_857, 142_857, 142_857]);
  assert.is(sum(s.shares), 1_000_001);
  assert.is(sum(s.remainders), 2);
});

test('equal: a per-beneficiary amount gives each the same, no remainder; both or neither amount, or a negative one, is refused on its field', () => {
  const s = splitFor(rule({ rule: 'equal', perBeneficiaryCents: 250 }), [c('a'), c('b')]);
  assert.equal(s.shares, [250, 250]);
  assert.equal(s.remainders, [0, 0]);
  assert.equal(
    paths(() => splitFor(rule({ rule: 'equal', totalCents: 10, perBeneficiaryCents: 5 }), [c('a')])),
    ['perBeneficiaryCents'],
  );
  assert.equal(
    paths(() => splitFor(rule({ rule: 'equal' }), [c('a')])),
    ['totalCents'],
  );
  assert.equal(
    paths(() => splitFor(rule({ rule: 'equal', totalCents: -1 }), [c('a')])),
    ['totalCents'],
  );
});

test('fixed_plus_staff: 10,00 € = 1,00 € each + 7,00 € by staff 10 / 30 / unknown → 2,75 / 6,25 / 1,00', () => {
  const cs = [c('a', { staff: 10 }), c('b', { staff: 30 }), c('c')];
  const s = splitFor(rule({ rule: 'fixed_plus_staff', totalCents: 1_000, fixedCents: 100 }), cs);
  assert.equal(s.shares, [275, 625, 100]);
  assert.is(sum(s.shares), 1_000);
  // one more cent: 701 by 1 : 3 is 175,25 / 525,75, floored; the cent left to the first with staff
  const t = splitFor(rule({ rule: 'fixed_plus_staff', totalCents: 1_001, fixedCents: 100 }), cs);
  assert.equal(t.shares, [276, 625, 100]);
  assert.equal(t.remainders, [1, 0, 0]);
});

test('fixed_plus_staff: staff in fractions of a full-time equivalent (0,5 and 1,5 ETP) weigh exactly 1 : 3', () => {
  const s = splitFor(rule({ rule: 'fixed_plus_staff', totalCents: 101, fixedCents: 0 }), [
    c('a', { staff: 0.5 }),
    c('b', { staff: 1.5 }),
  ]);
  assert.equal(s.shares, [26, 75]);
});

test('fixed_plus_staff: fixed parts beyond the total, a negative fixed part, or no staff for the variable part: 422 on the field', () => {
  const cs = [c('a', { staff: 1 }), c('b'), c('c')];
  assert.equal(
    paths(() => splitFor(rule({ rule: 'fixed_plus_staff', totalCents: 1_000, fixedCents: 400 }), cs)),
    ['fixedCents'],
  );
  assert.equal(
    paths(() => splitFor(rule({ rule: 'fixed_plus_staff', totalCents: 1_000, fixedCents: -1 }), cs)),
    ['fixedCents'],
  );
  assert.equal(
    paths(() => splitFor(rule({ rule: 'fixed_plus_staff', totalCents: 1_000, fixedCents: 100 }), [c('b'), c('c')])),
    ['eligibility'],
  );
});

test('size_bands: the amount of the band each one reaches; unknown staff takes the smallest band; no remainder', () => {
  const bands = [
    { minStaff: 300, amountCents: 8_000 },
    { minStaff: 0, amountCents: 1_000 },
    { minStaff: 50, amountCents: 3_000 },
  ];
  const s = splitFor(rule({ rule: 'size_bands', bands }), [
    c('a', { staff: 10 }),
    c('b', { staff: 50 }),
    c('c', { staff: 1_200 }),
    c('d'),
  ]);
  assert.equal(s.shares, [1_000, 3_000, 8_000, 1_000]);
  assert.equal(s.remainders, [0, 0, 0, 0]);
  assert.equal(
    paths(() => splitFor(rule({ rule: 'size_bands', bands: [{ minStaff: 0, amountCents: -5 }] }), [c('a')])),
    ['bands.0.amountCents'],
  );
  assert.equal(
    paths(() =>
      splitFor(
        rule({
          rule: 'size_bands',
          bands: [
            { minStaff: 0, amountCents: 1 },
            { minStaff: 0, amountCents: 2 },
          ],
        }),
        [c('a')],
      ),
    ),
    ['bands'],
  );
  assert.equal(
    paths(() => splitFor(rule({ rule: 'size_bands', bands: [] }), [c('a')])),
    ['bands'],
  );
});

test('priority_first: priority establishments get 3,00 € each first, the others share what remains', () => {
  const cs = [c('a', { priority: true }), c('b'), c('c', { priority: true }), c('d')];
  const s = splitFor(rule({ rule: 'priority_first', totalCents: 1_001, perBeneficiaryCents: 300 }), cs);
  assert.equal(s.shares, [300, 201, 300, 200]);
  assert.equal(s.remainders, [0, 1, 0, 0]);
  assert.is(sum(s.shares), 1_001);
});

test('priority_first: not enough for every priority establishment: the total split among them alone, the others nothing', () => {
  const cs = [c('a', { priority: true }), c('b'), c('c', { priority: true })];
  const s = splitFor(rule({ rule: 'priority_first', totalCents: 501, perBeneficiaryCents: 300 }), cs);
  assert.equal(s.shares, [251, 0, 250]);
  assert.is(sum(s.shares), 501);
});

test('priority_first: with nobody but priority establishments, what they do not take is left (leftCents), never given twice', () => {
  const cs = [c('a', { priority: true }), c('b', { priority: true })];
  const s = splitFor(rule({ rule: 'priority_first', totalCents: 1_000, perBeneficiaryCents: 300 }), cs);
  assert.equal(s.shares, [300, 300]);
  assert.is(s.leftCents, 400);
  assert.equal(
    paths(() => splitFor(rule({ rule: 'priority_first', totalCents: 1_000 }), cs)),
    ['perBeneficiaryCents'],
  );
});

test('region_weights: 1,00 € by equal weights among 3 regions, then equally inside each: exact, remainders in FINESS order', () => {
  const cs = [
    c('a', { region: '11' }),
    c('b', { region: '11' }),
    c('c', { region: '84' }),
    c('d', { region: '94' }),
    c('e', { region: '94' }),
    c('f', { region: '94' }),
  ];
  const s = splitFor(rule({ rule: 'region_weights', totalCents: 100, weights: { '11': 1, '84': 1, '94': 1 } }), cs);
  // 33 / 33 / 33 by region; 11's 33 is 17 + 16; the cent the regions leave goes to « a »
  assert.equal(s.shares, [18, 16, 33, 11, 11, 11]);
  assert.equal(s.remainders, [2, 0, 0, 0, 0, 0]);
  assert.is(sum(s.shares), 100);
});

test('region_weights: a region without weight gets nothing; 20 M€ by 3 : 7 is exact (no float on large cents)', () => {
  const cs = [c('a', { region: '11' }), c('b', { region: '84' }), c('c', { region: '94' })];
  const s = splitFor(rule({ rule: 'region_weights', totalCents: 2_000_000_000, weights: { '11': 3, '84': 7 } }), cs);
  assert.equal(s.shares, [600_000_000, 1_400_000_000, 0]);
});

test('region_weights: a negative weight, a weight on a region with nobody eligible, or no positive weight: 422 on the field', () => {
  const cs = [c('a', { region: '11' }), c('b', { region: '84' })];
  assert.equal(
    paths(() => splitFor(rule({ rule: 'region_weights', totalCents: 10, weights: { '11': 1, '84': -2 } }), cs)),
    ['weights.84'],
  );
  assert.equal(
    paths(() => splitFor(rule({ rule: 'region_weights', totalCents: 10, weights: { '11': 1, '52': 2 } }), cs)),
    ['weights.52'],
  );
  assert.equal(
    paths(() => splitFor(rule({ rule: 'region_weights', totalCents: 10, weights: { '11': 0 } }), cs)),
    ['weights'],
  );
});

test('splitByWeights: 65 M€ by uneven weights adds up to the cent', () => {
  const s = splitByWeights(6_500_000_000, [123_456, 654_321, 1, 0]);
  assert.is(sum(s.shares), 6_500_000_000);
  assert.is(s.shares[3], 0);
  assert.ok(sum(s.remainders) < 3);
});

test('eligibleFor: the filter, the envelope’s earmark and a scenario’s region, in FINESS order; pooled resources on demand', async () => {
  const siret = siretWithKey('1234567800012');
  const plan = await planOf({
    envelopes: [envelope(), envelope({ id: 'env-p', code: 'ENV-P', earmark: { priorityOnly: true } })],
    pooled: [pooled(siret)],
  });
  const keys = (o: Parameters<typeof eligibleFor>[1], region?: string) =>
    eligibleFor(plan, o, region).map((b) => b.key);
  assert.equal(keys({ envelopeId: 'env-a' }), [F3, F2, F1, EJ, SITE]);
  assert.equal(keys({ envelopeId: 'env-a', eligibility: { categories: ['private_nonprofit'] } }), [F3, EJ, SITE]);
  assert.equal(keys({ envelopeId: 'env-a', eligibility: { regions: ['84', '94'] } }), [F3, F2]);
  assert.equal(keys({ envelopeId: 'env-a', eligibility: { priority: false } }), [F3, F2]);
  assert.equal(keys({ envelopeId: 'env-p' }), [F1, EJ, SITE]);
  assert.equal(keys({ envelopeId: 'env-a' }, '11'), [F1, EJ, SITE]);
  assert.equal(keys({ envelopeId: 'env-a', eligibility: { beneficiaries: 'pooled' } }), [siret]);
  // a pooled resource has no category: a category filter leaves it out
  assert.equal(keys({ envelopeId: 'env-a', eligibility: { beneficiaries: 'all', categories: ['public'] } }), [F1]);
});

test.run();
