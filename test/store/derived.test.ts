// Store.derived: caches of data computed from the records are forgotten by every write, and by
// a refused one (a read in between may have seen it half-done).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyData } from '../../server/store/schema.js';
import { JournalStore } from '../../server/store/store.js';
import { action } from '../helpers/plan.js';

const NOW = '2026-11-29T10:00:00.000Z';

test('Given a derived value, when a write is acknowledged, then it is gone; reads alone keep it', async () => {
  const s = await JournalStore.open({ seed: emptyData });
  s.derived<number>('n').set('k', 1);
  assert.is(s.derived<number>('n').get('k'), 1);
  await s.transact({ now: NOW }, (tx) => {
    tx.put('actions', action('act-1'));
  });
  assert.is(s.derived<number>('n').get('k'), undefined);
});

test('Given a derived value computed during a write that is then refused, then it is gone too', async () => {
  const s = await JournalStore.open({ seed: emptyData });
  await s
    .transact({ now: NOW }, (tx) => {
      tx.put('actions', action('act-1'));
      s.derived<number>('count').set('actions', s.count('actions')); // sees the half-done write
      throw new Error('refused');
    })
    .catch(() => undefined);
  assert.is(s.count('actions'), 0);
  assert.is(s.derived<number>('count').get('actions'), undefined);
});

test.run();
