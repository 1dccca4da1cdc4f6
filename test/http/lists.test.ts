// List cache keys: two queries that filter differently never share an answer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allocation, F1, F2 } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const records = {
  allocations: [
    allocation('al-f1', { amounts: { '2024': 1_00 } }),
    allocation('al-f2', { finess: F2, amounts: { '2024': 1_00 } }),
  ],
};
const ids = (r: { json: { items: Array<{ id: string }> } }) => r.json.items.map((a) => a.id);

test('A filter value holding an encoded "&name=" is one value, not a second filter, in either order', async () => {
  for (const order of ['split first', 'encoded first'] as const) {
    // Given two allocations and no write between the reads (the list cache lives until the next write)
    const { as } = await smallSetup(records);
    const planner = as(USERS.planner);
    const split = `/api/allocations?q=${F1}&ids=al-f1`;
    const encoded = `/api/allocations?q=${F1}%26ids%3Dal-f1`;
    // When both are read, in this order
    const first = await planner.get(order === 'split first' ? split : encoded);
    const second = await planner.get(order === 'split first' ? encoded : split);
    const [s, e] = order === 'split first' ? [first, second] : [second, first];
    // Then the split query finds al-f1 and the encoded one searches for the whole text, finding nothing
    assert.equal(ids(s), ['al-f1'], order);
    assert.equal(ids(e), [], order);
  }
});

test('The same filters in another order or encoding share the same answer', async () => {
  const { as } = await smallSetup(records);
  const planner = as(USERS.planner);
  const a = await planner.get(`/api/allocations?finess=${F2}&status=proposed`);
  const b = await planner.get(`/api/allocations?status=%70roposed&finess=${F2}`);
  assert.equal([ids(a), ids(b)], [['al-f2'], ['al-f2']]);
});

test.run();
