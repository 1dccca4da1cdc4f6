import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseEuros } from '../../server/domain/import-allocations.js';

test('a sheet amount refused says why, quoting the cell', () => {
  // Given cells a spreadsheet may hold, When the import reads them, Then each refusal names its reason
  const reasons = ['-5', 'abc', '1.2,5', '1,2,3', '1.500', '90071992547409,92'].map((s) => parseEuros(s));
  assert.equal(reasons, [
    { error: 'Montant négatif refusé (« -5 »).' },
    { error: 'Montant illisible : « abc » (euros attendus, ex. 1 234,56).' },
    { error: 'Montant illisible : « 1.2,5 ».' },
    { error: 'Montant illisible : « 1,2,3 » (séparateurs de milliers incohérents).' },
    { error: 'Montant « 1.500 » : 2 décimales au plus (un point de milliers ? écrivez 1500).' },
    { error: 'Montant trop grand : « 90071992547409,92 ».' },
  ]);
  assert.equal(parseEuros('1.234,56 €'), { cents: 123456 });
});

test.run();
