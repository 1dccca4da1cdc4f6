import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { debounce } from '../../web/lib/debounce.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('debounce: one call once typing pauses, with the last value; cancel drops it', async () => {
  const seen: string[] = [];
  const search = debounce((q: string) => seen.push(q), 30);
  search('b');
  search('br');
  search('bre');
  assert.equal(seen, [], 'nothing while typing');
  await wait(60);
  assert.equal(seen, ['bre']);
  search('brest');
  search.cancel();
  await wait(60);
  assert.equal(seen, ['bre'], 'a cancelled call never comes');
});

test.run();
