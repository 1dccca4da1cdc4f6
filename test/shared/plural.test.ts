import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { agree, count, countWith, nounWith, plural, pluralize, type Noun } from '../../shared/plural.js';

const etablissement = { one: 'établissement', other: 'établissements' };
const enveloppe: Noun = { one: 'enveloppe', other: 'enveloppes', gender: 'f' };
const versement: Noun = { one: 'versement', other: 'versements', gender: 'm' };
const engage = { m: 'engagé' };
const nbsp = '\u00a0';
const group = new Intl.NumberFormat('fr-FR').format(1_000_000); // the thousands separator ICU uses

test('French plurals: 0 and 1 are singular, 2 and more plural (not English rules)', () => {
  // Given counts a page shows, When worded, Then as French writes them
  assert.equal(
    [0, 1, 2, 17].map((n) => pluralize(n, { one: '{n} établissement recevra', other: '{n} établissements recevront' })),
    ['0 établissement recevra', '1 établissement recevra', '2 établissements recevront', '17 établissements recevront'],
  );
  assert.equal(plural(1.5, etablissement), 'établissement');
  assert.equal(count(2, etablissement), `2${nbsp}établissements`);
});

test('a round million takes « de » when a "many" form is given, and falls back to the plural otherwise', () => {
  const euros = { one: '{n} euro', other: '{n} euros', many: '{n} d’euros' };
  assert.equal(pluralize(1_000_000, euros), `${group} d’euros`);
  assert.equal(pluralize(1_000_001, euros), `${new Intl.NumberFormat('fr-FR').format(1_000_001)} euros`);
  assert.equal(plural(2_000_000, etablissement), 'établissements');
});

test('adjectives agree in gender and number with their noun', () => {
  assert.equal(countWith(1, enveloppe, engage), `1${nbsp}enveloppe engagée`);
  assert.equal(countWith(0, enveloppe, engage), `0${nbsp}enveloppe engagée`);
  assert.equal(countWith(3, enveloppe, engage), `3${nbsp}enveloppes engagées`);
  assert.equal(nounWith(2, versement, { m: 'annulé' }), 'versements annulés');
  assert.equal(agree({ m: 'nouveau', f: 'nouvelle', mp: 'nouveaux' }, 'm', 2), 'nouveaux');
  assert.equal(agree({ m: 'nouveau', f: 'nouvelle', mp: 'nouveaux' }, 'f', 2), 'nouvelles');
  assert.equal(agree({ m: 'précis' }, 'm', 2), 'précis');
  assert.equal(agree({ m: 'précis' }, 'f', 2), 'précises');
});

test.run();
