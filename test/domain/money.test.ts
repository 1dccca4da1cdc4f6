import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatEuros, isCents } from '../../server/domain/money.js';

// fr-FR groups thousands with a narrow no-break space (U+202F); the euro sign follows a plain space.
const G = '\u202f';

test('formatEuros: exact cents, French grouping and decimal comma', () => {
  assert.is(formatEuros(0), '0,00 €');
  assert.is(formatEuros(1), '0,01 €');
  assert.is(formatEuros(99), '0,99 €');
  assert.is(formatEuros(100), '1,00 €');
  assert.is(formatEuros(123_456), `1${G}234,56 €`);
  assert.is(formatEuros(2_000_000_000), `20${G}000${G}000,00 €`);
  assert.is(formatEuros(-5), '-0,05 €');
  assert.is(formatEuros(Number.MAX_SAFE_INTEGER), `90${G}071${G}992${G}547${G}409,91 €`);
});

test('formatEuros never goes through floats: 0.1 + 0.2 style amounts stay exact', () => {
  assert.is(formatEuros(10 + 20), '0,30 €');
  assert.is(formatEuros(1_000_000_001), `10${G}000${G}000,01 €`);
});

test('isCents accepts only safe non-negative integers', () => {
  assert.ok(isCents(0));
  assert.ok(isCents(Number.MAX_SAFE_INTEGER));
  for (const bad of [-1, 0.5, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity, '1', null])
    assert.not.ok(isCents(bad), String(bad));
});

test.run();
