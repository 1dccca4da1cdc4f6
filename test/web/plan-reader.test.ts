// The plan-data context's reader: each reference list is asked for once per reader, a failed read
// is asked for again, and a new reader (a new sign-in, a FINESS import) reads afresh.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planReader } from '../../web/api/plan.js';

const realFetch = globalThis.fetch;
/** A server that answers the regions list, failing the first `failures` calls. */
const serve = (failures = 0) => {
  const calls: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    calls.push(String(input));
    if (calls.length <= failures)
      return new Response(JSON.stringify({ status: 503, title: 'Indisponible' }), {
        status: 503,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    return new Response(JSON.stringify({ items: [{ code: '11', name: 'Île-de-France' }] }), {
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof fetch;
  return calls;
};

test.after.each(() => {
  globalThis.fetch = realFetch;
});

test('one reader asks for a list once, however many views read it', async () => {
  const calls = serve();
  const reader = planReader();
  const [a, b] = await Promise.all([reader.regions(), reader.regions()]);
  await reader.regions();
  assert.equal(a, [{ code: '11', name: 'Île-de-France' }]);
  assert.is(a, b);
  assert.equal(calls, ['/api/regions']);
});

test('a failed read is not kept: the next one asks again', async () => {
  const calls = serve(1);
  const reader = planReader();
  await reader.regions().then(
    () => assert.unreachable('the first read fails'),
    (e: Error) => assert.is(e.message, 'Indisponible'),
  );
  assert.equal(await reader.regions(), [{ code: '11', name: 'Île-de-France' }]);
  assert.is(calls.length, 2);
});

test('a new reader reads again', async () => {
  const calls = serve();
  await planReader().regions();
  await planReader().regions();
  assert.is(calls.length, 2);
});

test.run();
