// A beneficiary named in a sheet or picked by bulk allocation: a FINESS (9 characters) or a pooled
// resource's SIRET (14 digits), told apart by length, each key checked; bulk targets of both kinds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bulkTargets } from '../../server/domain/bulk.js';
import { beneficiaryKey } from '../../server/domain/import-allocations.js';
import { matchesSearch } from '../../server/domain/text.js';
import { allocation, F1, F2, planOf, pooled, siretWithKey, withKey } from '../helpers/plan.js';

const GRADES = siretWithKey('1300000000001');
const CYBER = siretWithKey('8400000000002');

test('beneficiaryKey: FINESS by its 9 characters, SIRET by its 14 digits (spaces dropped), refusals naming which', () => {
  assert.equal(beneficiaryKey(F1), { key: F1, problem: null });
  assert.equal(beneficiaryKey(' 2a0000000 '.toUpperCase()).problem?.startsWith('FINESS 2A0000000 : '), true);
  assert.equal(beneficiaryKey(GRADES), { key: GRADES, problem: null });
  assert.equal(beneficiaryKey(`${GRADES.slice(0, 9)} ${GRADES.slice(9)}`), { key: GRADES, problem: null });
  assert.equal(beneficiaryKey(Number(GRADES)), { key: GRADES, problem: null });
  const wrong = `${GRADES.slice(0, 13)}${(Number(GRADES[13]) + 1) % 10}`;
  assert.equal(beneficiaryKey(wrong), {
    key: wrong,
    problem: `SIRET ${wrong} : Clé de contrôle (Luhn) du numéro SIRET incorrecte.`,
  });
  assert.match(beneficiaryKey('1234567890123').problem!, /^FINESS ou SIRET « 1234567890123 » : un FINESS compte 9/);
  assert.equal(beneficiaryKey(null).problem, 'FINESS ou SIRET manquant.');
  // a spreadsheet's number cell without its leading zero is still a FINESS
  const f = withKey('01000001');
  assert.equal(beneficiaryKey(Number(f)), { key: f, problem: null });
});

test('matchesSearch: an establishment by FINESS or name, a pooled resource by SIRET or name', () => {
  assert.ok(matchesSearch({ siret: GRADES, name: 'GRADeS' }, GRADES.slice(2, 8)));
  assert.ok(matchesSearch({ siret: GRADES, name: 'Groupement régional' }, 'REGIONAL'));
  assert.not.ok(matchesSearch({ siret: GRADES, name: 'GRADeS' }, 'CH'));
  assert.ok(matchesSearch({ finess: F1, name: 'CH' }, F1.slice(0, 4)));
});

test('bulkTargets: establishments by default, pooled resources or both on request; filters apply to both, category and priority exclude pooled ones; those already funded are skipped', async () => {
  const plan = await planOf({
    pooled: [pooled(GRADES, { name: 'GRADeS' }), pooled(CYBER, { name: 'Cyber ARA', region: '84' })],
    allocations: [allocation('al-1', { finess: CYBER, amounts: { '2024': 1_00 } })],
  });
  const input = (filter: object) => ({ envelopeId: 'env-a', actionId: 'act-ad', amounts: { '2024': 5_00 }, filter });
  const keys = (filter: object) => bulkTargets(plan, input(filter)).targets.map((b) => b.key);
  assert.not.ok(keys({}).includes(GRADES));
  assert.ok(keys({}).includes(F1) && keys({}).includes(F2));
  const pooledOnly = bulkTargets(plan, input({ beneficiaries: 'pooled' }));
  assert.equal(
    [pooledOnly.targets.map((b) => b.key), pooledOnly.skipped, pooledOnly.totalCents],
    [[GRADES], [CYBER], 5_00],
  );
  assert.ok(keys({ beneficiaries: 'all', region: '11' }).includes(GRADES));
  assert.not.ok(keys({ beneficiaries: 'all', region: '84' }).includes(GRADES));
  assert.equal(keys({ beneficiaries: 'all', q: 'grades' }), [GRADES]);
  assert.equal(keys({ beneficiaries: 'pooled', category: 'public' }), []);
  assert.equal(keys({ beneficiaries: 'pooled', priority: true }), []);
});

test.run();
