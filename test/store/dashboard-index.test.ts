// The dashboard's incremental buckets must always equal a full recomputation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildBucketSet, keptBuckets } from '../../server/domain/buckets.js';
import { dashboard } from '../../server/domain/dashboard.js';
import { ACCOUNTS, setup, TODAY } from '../helpers/app.js';

const sameAsScratch = (store: Awaited<ReturnType<typeof setup>>['store']) => {
  const plan = store.plan;
  for (const f of [{}, { region: '11' }, { axis: 4 }, { envelopeId: [...plan.envelopes.keys()][0]! }]) {
    assert.equal(dashboard(plan, f, keptBuckets(plan)), dashboard(plan, f, buildBucketSet(plan)));
  }
};

test('Given the demo plan, when nothing changed, then the kept buckets equal a recomputation', async () => {
  const { store } = await setup();
  sameAsScratch(store);
});

test('Given edits, approvals, payments, deletions and a region change, then buckets still equal a recomputation', async () => {
  const { store, as } = await setup();
  const planner = as(ACCOUNTS.planner),
    reviewer = as(ACCOUNTS.reviewer);
  store.plan.index.buckets(); // built once, then kept up to date
  const proposed = [...store.plan.allocations.values()].filter((a) => a.status === 'proposed').slice(0, 3);
  for (const a of proposed) {
    const r = await planner.patch(
      `/api/allocations/${a.id}`,
      { amounts: { ...a.amounts } },
      { 'if-match': `"${a.rev}"` },
    );
    assert.equal(r.status, 200, JSON.stringify(r.json));
  }
  const ok = await reviewer.post(`/api/allocations/${proposed[0]!.id}/approve`);
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  const pay = await reviewer.post('/api/payments', {
    allocationId: proposed[0]!.id,
    amountCents: 1234,
    paidOn: TODAY, // approved today: a payment cannot precede its approval
  });
  assert.equal(pay.status, 201, JSON.stringify(pay.json));
  sameAsScratch(store);
  const del = await planner.del(`/api/allocations/${proposed[1]!.id}`, {
    'if-match': `"${store.get('allocations', proposed[1]!.id)!.rev}"`,
  });
  assert.equal(del.status, 204);
  // an establishment whose allocations no regional earmark ties to its region (else 422)
  const free = (f: string) =>
    [...store.plan.index.allocationsByFiness(f)].every(
      (a) => a.status === 'rejected' || !store.get('envelopes', a.envelopeId)!.earmark?.regions?.length,
    );
  const est = [...store.all('establishments')].find(
    (e) => free(e.finess) && [...store.plan.index.allocationsByFiness(e.finess)].length > 0,
  )!;
  const moved = await planner.patch(
    `/api/establishments/${est.finess}`,
    { region: est.region === '11' ? '84' : '11' },
    { 'if-match': `"${est.rev}"` },
  );
  assert.equal(moved.status, 200, JSON.stringify(moved.json));
  sameAsScratch(store);
});

test.run();
