// GHT records and pooled regional resources (domain rules): SIRET keys, membership, the support
// establishment's scope, and pooled resources held to their region's credits like establishments.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createAllocation } from '../../server/domain/allocations.js';
import { assertEstablishmentDeletable, updateEstablishment } from '../../server/domain/catalog.js';
import { assertDelegationDeletable, updateDelegation } from '../../server/domain/delegations.js';
import { assertGhtDeletable, createGht, updateGht } from '../../server/domain/ghts.js';
import { finessScope } from '../../server/domain/plan.js';
import { createPooled, updatePooled } from '../../server/domain/pooled.js';
import { delegatedBudget } from '../../server/domain/region-budget.js';
import { isValidSiret, siretProblem } from '../../server/domain/siret.js';
import { refuses } from '../helpers/assert.js';
import {
  allocation,
  ctx,
  delegation,
  EJ,
  envelope,
  establishment,
  F1,
  F2,
  ght,
  planOf,
  pooled,
  siretWithKey,
  SITE,
  withKey,
} from '../helpers/plan.js';

const PLANNER = ctx('planif@jalon.test');
const GRADES = siretWithKey('1300000000001'); // a GRADeS of Île-de-France
const M1 = withKey('91000001'); // members of « GHT sud » (Île-de-France)
const M2 = withKey('91000002');

test('SIRET: the Luhn key over 14 digits; La Poste (SIREN 356 000 000) by the sum of its digits, a multiple of 5', () => {
  // IBM France's head office and La Poste's, both valid by Luhn; two La Poste offices valid only by
  // their own rule (test vectors of public SIRET validators)
  for (const s of ['73282932000074', '35600000000048', '35600000009075', '35600000009093', GRADES])
    assert.ok(isValidSiret(s), s);
  assert.is(siretProblem(GRADES), null);
  // one digit changed: the key no longer holds
  const wrong = GRADES.slice(0, 13) + String((Number(GRADES[13]) + 1) % 10);
  assert.is(siretProblem(wrong), 'Clé de contrôle (Luhn) du numéro SIRET incorrecte.');
  assert.not.ok(isValidSiret('73282932000075'));
  // La Poste's rule holds for La Poste only: 50000000000000 has a digit sum of 5, and fails Luhn
  assert.not.ok(isValidSiret('50000000000000'));
  assert.not.ok(isValidSiret('35600000009090')); // La Poste, digit sum 23
  assert.match(siretProblem('7328293200007')!, /14 chiffres/);
  assert.match(siretProblem('7328293200007A')!, /14 chiffres/);
});

const members = () => [
  establishment(F1),
  establishment(M1, { ght: 'GHT sud' }),
  establishment(M2, { ght: 'GHT sud', finessEj: M2 }),
  establishment(withKey('91000003'), { finessEj: M2 }), // a site of M2's legal entity
  establishment(F2, { region: '84' }),
  establishment(EJ),
  establishment(SITE, { finessEj: EJ }),
];

test('A GHT groups the establishments carrying its code; its support establishment sees them (and their sites), as a legal entity its sites', async () => {
  const plan = await planOf({
    establishments: members(),
    ghts: [ght('ght-sud', { code: 'GHT sud', supportFiness: M1 })],
  });
  assert.equal([...plan.index.membersOf('GHT sud')].map((e) => e.finess).sort(), [M1, M2].sort());
  assert.equal([...finessScope(plan, M1)].sort(), [M1, M2, withKey('91000003')].sort());
  // a member that is not the support sees itself (and its own sites) only
  assert.equal([...finessScope(plan, M2)].sort(), [M2, withKey('91000003')].sort());
  // the legal entity's scope is as before
  assert.equal([...finessScope(plan, EJ)].sort(), [EJ, SITE].sort());
});

test('A GHT is refused with an unknown region, a support establishment unknown or outside the region, members outside it, a duplicate code; its code never changes', async () => {
  const plan = await planOf({
    establishments: members(),
    ghts: [ght('ght-sud', { code: 'GHT sud', supportFiness: M1 })],
  });
  const input = { code: 'GHT nord', name: 'GHT Nord', region: '11', supportFiness: F1 };
  assert.is(createGht(plan, 'ght-n', input, PLANNER).supportFiness, F1);
  const paths = (o: object) =>
    refuses(() => createGht(plan, 'ght-n', { ...input, ...o }, PLANNER), 422).errors.map((e) => e.path);
  assert.equal(paths({ region: '99' }), ['region']);
  assert.equal(paths({ supportFiness: withKey('91000099') }), ['supportFiness']);
  assert.equal(paths({ supportFiness: F2 }), ['supportFiness']);
  // « GHT sud »'s members are in Île-de-France: the GHT cannot be placed in Auvergne-Rhône-Alpes
  const cur = plan.ghts.get('ght-sud')!;
  assert.equal(
    refuses(() => updateGht(plan, cur, { region: '84', supportFiness: F2 }, PLANNER), 422).errors.map((e) => e.path),
    ['region'],
  );
  refuses(() => updateGht(plan, cur, { code: 'GHT autre' }, PLANNER), 422, 'ne se modifie pas');
  refuses(() => createGht(plan, 'ght-n', { ...input, code: 'GHT sud' }, PLANNER), 409);
  // with members it stays; without, it goes
  refuses(() => assertGhtDeletable(plan, cur), 422, '2 établissements membres');
  assertGhtDeletable(plan, { ...cur, code: 'GHT vide' });
});

test('An establishment joins a GHT of its region only; the support neither leaves the region nor is deleted', async () => {
  const plan = await planOf({
    establishments: members(),
    ghts: [ght('ght-sud', { code: 'GHT sud', supportFiness: M1 })],
  });
  const f2 = plan.establishments.get(F2)!;
  assert.equal(
    refuses(() => updateEstablishment(plan, f2, { ght: 'GHT sud' }, PLANNER), 422).errors.map((e) => e.path),
    ['ght'],
  );
  // a code no record names is kept as it is (the free field establishments had before GHT records)
  assert.is(updateEstablishment(plan, f2, { ght: 'GHT Rhône' }, PLANNER).ght, 'GHT Rhône');
  const m1 = plan.establishments.get(M1)!;
  const moved = refuses(() => updateEstablishment(plan, m1, { region: '84', ght: null }, PLANNER), 422);
  assert.equal(
    moved.errors.map((e) => e.path),
    ['region'],
  );
  refuses(() => assertEstablishmentDeletable(plan, m1), 422, 'support du GHT');
});

const env = envelope({ totalCents: 10_000_00, yearlyCents: { '2024': 6_000_00, '2025': 4_000_00 } });
const grades = pooled(GRADES, { name: 'GRADeS Île-de-France', serves: [F1] });

test('A pooled resource: SIRET key checked (422 on siret), one region, the establishments it serves in that region', async () => {
  const plan = await planOf({ establishments: members() });
  const input = { siret: GRADES, name: 'GRADeS', region: '11', serves: [F1, M1, F1] };
  assert.equal(createPooled(plan, input, PLANNER).serves, [F1, M1]);
  const paths = (o: object) =>
    refuses(() => createPooled(plan, { ...input, ...o }, PLANNER), 422).errors.map((e) => e.path);
  assert.equal(paths({ siret: `${GRADES.slice(0, 13)}${(Number(GRADES[13]) + 1) % 10}` }), ['siret']);
  assert.equal(paths({ siret: '123' }), ['siret']);
  assert.equal(paths({ region: '99' }), ['region']);
  assert.equal(paths({ serves: [F1, F2, withKey('91000099')] }), ['serves.1', 'serves.2']);
  // an establishment it serves does not leave its region, nor the plan
  const plan2 = await planOf({ establishments: members(), pooled: [grades] });
  refuses(() => updateEstablishment(plan2, plan2.establishments.get(F1)!, { region: '84' }, PLANNER), 422);
  refuses(() => assertEstablishmentDeletable(plan2, plan2.establishments.get(F1)!), 422, 'servi par');
});

test('Given Île-de-France delegated 3 000,00 € on 2024 and 1 000,00 € allocated to F1, a pooled resource of the region gets 2 000,00 €, not 2 000,01 €: what remains on the delegation', async () => {
  const plan = await planOf({
    envelopes: [env],
    establishments: members(),
    pooled: [grades],
    delegations: [delegation('del-1', { amounts: { '2024': 3_000_00 } })],
    allocations: [allocation('al-f1', { amounts: { '2024': 1_000_00 } })],
  });
  const draft = (cents: number) => ({
    envelopeId: 'env-a',
    finess: GRADES,
    actionId: 'act-ad',
    amounts: { '2024': cents },
  });
  const err = refuses(
    () => createAllocation(plan, 'al-g', draft(2_000_01), PLANNER),
    422,
    'reste 2 000,00 € sur la délégation Île-de-France 2024',
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['amounts.2024', 'amounts'],
  );
  assert.is(createAllocation(plan, 'al-g', draft(2_000_00), PLANNER).finess, GRADES);
});

test("A pooled resource's allocations count in its region: the delegation is not lowered below them, it does not move to a region where they would not fit, the budget shows them as pooled", async () => {
  const plan = await planOf({
    envelopes: [env],
    establishments: members(),
    pooled: [grades],
    delegations: [delegation('del-1', { amounts: { '2024': 3_000_00 } })],
    allocations: [
      allocation('al-f1', { amounts: { '2024': 1_000_00 } }),
      allocation('al-g', { finess: GRADES, amounts: { '2024': 1_500_00 }, status: 'approved' }),
    ],
  });
  const d = plan.delegations.get('del-1')!;
  refuses(
    () => updateDelegation(plan, d, { amounts: { '2024': 2_499_99 } }, PLANNER),
    422,
    'Déjà alloué en Île-de-France sur 2024 : 2 500,00 €',
  );
  refuses(() => assertDelegationDeletable(plan, d), 422);
  // to Auvergne-Rhône-Alpes (no delegation): the national reserve, 6 000,00 − 3 000,00 on 2024, takes it
  assert.is(updatePooled(plan, plan.pooled.get(GRADES)!, { region: '84', serves: [] }, PLANNER).region, '84');
  // but a delegation of 1 000,00 € there would not hold 1 500,00 €
  const plan2 = await planOf({
    envelopes: [env],
    establishments: members(),
    pooled: [grades],
    delegations: [
      delegation('del-1', { amounts: { '2024': 3_000_00 } }),
      delegation('del-2', { region: '84', amounts: { '2024': 1_000_00 } }),
    ],
    allocations: [allocation('al-g', { finess: GRADES, amounts: { '2024': 1_500_00 } })],
  });
  refuses(() => updatePooled(plan2, plan2.pooled.get(GRADES)!, { region: '84', serves: [] }, PLANNER), 422);
  const idf = delegatedBudget(plan, env).regions.find((r) => r.region === '11')!;
  assert.equal(
    [idf.allocatedCents, idf.pooled],
    [2_500_00, { allocatedCents: 1_500_00, approvedCents: 1_500_00, paidCents: 0 }],
  );
});

test('An envelope earmarked on categories or priority establishments does not fund a pooled resource; one earmarked on its region does', async () => {
  const draft = { envelopeId: 'env-a', finess: GRADES, actionId: 'act-ad', amounts: { '2024': 100_00 } };
  for (const earmark of [{ categories: ['public' as const] }, { priorityOnly: true }, { regions: ['84'] }]) {
    const plan = await planOf({ envelopes: [envelope({ earmark })], establishments: members(), pooled: [grades] });
    assert.equal(
      refuses(() => createAllocation(plan, 'al-g', draft, PLANNER), 422).errors.map((e) => e.path),
      ['finess'],
    );
  }
  const plan = await planOf({
    envelopes: [envelope({ earmark: { regions: ['11'] } })],
    establishments: members(),
    pooled: [grades],
  });
  assert.is(createAllocation(plan, 'al-g', draft, PLANNER).status, 'proposed');
});

test.run();
