// The grid's column orders: by words (French collation), by amounts, stable, reversible.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Allocation } from '../../server/contract/plan.js';
import { sortRows } from '../../web/lib/grid-sort.js';

const row = (id: string, finess: string, o: Partial<Allocation> = {}): Allocation => ({
  id,
  rev: '1',
  createdAt: '',
  updatedAt: '',
  envelopeId: 'env',
  finess,
  actionId: 'act',
  amounts: {},
  status: 'proposed',
  ...o,
});
const names = {
  establishment: (f: string) => ({ '1': 'Hôpital Nord', '2': 'hopital est', '3': 'CH de Versailles' })[f] ?? f,
  action: (id: string) => id,
};
const rows = [
  row('a', '1', { amounts: { '2024': 500_00 }, status: 'approved' }),
  row('b', '2', { amounts: { '2024': 90_000_00 } }),
  row('c', '3', { amounts: { '2023': 1_00 } }),
  row('d', '1', {
    amounts: { '2024': 500_00 },
    revision: { amounts: { '2024': 700_00 }, proposedAt: '', proposedBy: '' },
    status: 'approved',
  }),
];
const ids = (r: Allocation[]) => r.map((x) => x.id).join('');

test('No order: the rows as they came (a copy)', () => {
  const out = sortRows(rows, null, names);
  assert.is(ids(out), 'abcd');
  assert.is.not(out, rows);
});

test('By establishment: accents and case aside; stable; descending reverses', () => {
  assert.is(ids(sortRows(rows, { key: 'establishment', ascending: true }, names)), 'cbad');
  assert.is(ids(sortRows(rows, { key: 'establishment', ascending: false }, names)), 'adbc');
});

test('By a year, by the total (an avenant counts its new amounts), by what is approved', () => {
  assert.is(ids(sortRows(rows, { key: '2024', ascending: true }, names)), 'cadb');
  assert.is(ids(sortRows(rows, { key: 'total', ascending: false }, names)), 'bdac');
  assert.is(ids(sortRows(rows, { key: 'approved', ascending: false }, names)), 'adbc');
  assert.is(ids(sortRows(rows, { key: 'status', ascending: true }, names)), 'bcad');
});

test.run();
