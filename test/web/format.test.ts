import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatPercent, formatSignedEuros, parseEuros } from '../../web/lib/format.js';

test('parseEuros: what a cell accepts, in cents, and the French reason it refuses the rest', () => {
  // Given what a planner may type, When the grid reads it, Then exact cents or a message
  assert.equal(
    ['1 234,56', '', '12.5', '1 000 €'].map(parseEuros),
    [123456, 0, 1250, 100000].map((cents) => ({ ok: true, cents })),
  );
  assert.equal(
    ['-5', '12,345', '1.234,56', '90071992547409,92'].map(parseEuros).map((r) => (r.ok ? r.cents : r.error)),
    [
      'Montant négatif refusé.',
      'Deux décimales au plus (centimes).',
      'Montant invalide : saisissez par exemple « 1 234,56 ».',
      'Montant trop grand.',
    ],
  );
});

test('formatSignedEuros keeps the sign with its amount', () => {
  assert.equal([50025, -5, 0].map(formatSignedEuros), ['+\u00a0500,25\u00a0€', '−\u00a00,05\u00a0€', '0,00\u00a0€']);
});

test('formatPercent: a decimal under 1 % and just below 100 %, never « 0 % » for something nor « 100 % » for less than all', () => {
  const pct = new Intl.NumberFormat('fr-FR', { style: 'percent' }).format(0.42).replace('42', ''); // the space ICU puts before %
  assert.equal(
    [0, 0.003, 0.0004, 0.0096, 0.42, 0.9996, 0.995, 1, 1.25].map(formatPercent),
    ['0', '0,3', '<\u00a00,1', '1,0', '42', '99,9', '99,5', '100', '125'].map((n) => n + pct),
  );
});

test.run();
