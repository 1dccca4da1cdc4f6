import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { centsToInput, formatEuros, readEuros, type EurosSyntax } from '../../shared/money.js';

// fr-FR groups thousands with a narrow no-break space (U+202F); on screen the euro sign follows a
// no-break space (U+00A0), in the server's messages a plain one.
const G = '\u202f',
  S = '\u00a0';

test('formatEuros: exact cents, French grouping, decimal comma, no-break space before €', () => {
  assert.is(formatEuros(0), `0,00${S}€`);
  assert.is(formatEuros(1), `0,01${S}€`);
  assert.is(formatEuros(123_456), `1${G}234,56${S}€`);
  assert.is(formatEuros(2_000_000_000), `20${G}000${G}000,00${S}€`);
  assert.is(formatEuros(-5), `-0,05${S}€`);
  assert.is(formatEuros(Number.MAX_SAFE_INTEGER), `90${G}071${G}992${G}547${G}409,91${S}€`);
});

test('formatEuros with a plain space, as the server words its messages', () => {
  assert.is(formatEuros(123_456, { space: ' ' }), `1${G}234,56 €`);
  assert.is(formatEuros(10 + 20, { space: ' ' }), '0,30 €');
});

test('centsToInput: an editable French string, without decimals when there are none', () => {
  assert.equal([123456, 100000, 5, 0, 1_000_000_001].map(centsToInput), [
    `1${G}234,56`,
    `1${G}000`,
    '0,05',
    '0',
    `10${G}000${G}000,01`,
  ]);
});

const read = (syntax: EurosSyntax) => (s: string) => {
  const r = readEuros(s, syntax);
  return r === null ? null : 'cents' in r ? r.cents : r.problem;
};

test('readEuros as typed in a field: spaces group thousands, the comma is the decimal mark', () => {
  // Given what a planner types in a grid cell, When it is read, Then exact cents or the problem
  assert.equal(
    ['1 234,56', '1\u202f234,56 €', '12', '12,5', '12,', '1234.5', '0.29', '007'].map(read('input')),
    [123456, 123456, 1200, 1250, 1200, 123450, 29, 700],
  );
  assert.equal(['-5', '1,234', 'abc', '1.234,56', '1.500', '12 EUR', '90071992547409,92'].map(read('input')), [
    'negative',
    'decimals',
    'unreadable',
    'unreadable',
    'unreadable',
    'unreadable',
    'tooBig',
  ]);
  assert.is(read('input')('  '), null);
  assert.equal(readEuros('12,345'), { problem: 'decimals', digits: '12345' });
});

test('readEuros from a spreadsheet: dots or commas group thousands, the last single one is the decimal mark', () => {
  assert.equal(
    [
      '1 234,56',
      '1234.56',
      '1.234,56',
      '1,234.56',
      '0,1',
      '12',
      '1 000 000 €',
      '\u00A0150\u202F000,00',
      '0.29',
      '4.35',
      '1.234.567',
      '12 EUR',
      '90071992547409,91',
    ].map(read('sheet')),
    [123456, 123456, 123456, 123456, 10, 1200, 100000000, 15000000, 29, 435, 123456700, 1200, 9007199254740991],
  );
  assert.equal(['-5', 'abc', '1,2,3', '1.2,5', '90071992547409,92'].map(read('sheet')), [
    'negative',
    'unreadable',
    'separators',
    'mixed',
    'tooBig',
  ]);
  assert.equal(readEuros('1.500', 'sheet'), { problem: 'decimals', digits: '1500' });
  assert.is(read('sheet')(''), null);
});

test.run();
