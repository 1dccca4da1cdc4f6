// Separation of duties: nobody approves what they proposed or last changed; only reviewers pay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const NOW = '2026-11-29T09:00:00.000Z';

test('A reviewer cannot approve or reject an allocation they created or last changed; another reviewer can', async () => {
  const { as, store } = await smallSetup();
  await store.transact({ now: NOW, actor: USERS.reviewer }, (tx) => {
    tx.put('allocations', allocation('al-byrev', { amounts: { '2024': 1 }, createdBy: undefined }));
  });
  await store.transact({ now: NOW, actor: USERS.planner }, (tx) => {
    tx.put('allocations', allocation('al-edited', { amounts: { '2024': 1 } }));
  });
  await store.transact({ now: NOW, actor: USERS.reviewer }, (tx) => {
    tx.put('allocations', { ...tx.get('allocations', 'al-edited')!, amounts: { '2024': 2 } });
  });
  assert.is(store.get('allocations', 'al-byrev')!.createdBy, USERS.reviewer);
  assert.is(store.get('allocations', 'al-edited')!.updatedBy, USERS.reviewer);
  const reviewer = as(USERS.reviewer),
    reviewer2 = as(USERS.reviewer2);
  await reviewer.get('/api/me');
  await reviewer2.get('/api/me');
  for (const id of ['al-byrev', 'al-edited']) {
    const r = await unchanged(store, () => reviewer.post(`/api/allocations/${id}/approve`));
    isProblem(r, 403);
    assert.match(r.json.detail, /proposée ou modifiée/);
    isProblem(await unchanged(store, () => reviewer.post(`/api/allocations/${id}/reject`, { reason: 'x' })), 403);
    const ok = await reviewer2.post(`/api/allocations/${id}/approve`);
    assert.equal([ok.status, ok.json.approvedBy], [200, USERS.reviewer2]);
  }
});

test('A reviewer cannot approve an avenant they proposed', async () => {
  const { as, store } = await smallSetup();
  await store.transact({ now: NOW, actor: USERS.planner }, (tx) => {
    tx.put(
      'allocations',
      allocation('al-rev', {
        status: 'approved',
        amounts: { '2024': 1 },
        revision: { amounts: { '2024': 5 }, proposedAt: NOW, proposedBy: USERS.reviewer },
      }),
    );
  });
  const reviewer = as(USERS.reviewer);
  await reviewer.get('/api/me');
  isProblem(await unchanged(store, () => reviewer.post('/api/allocations/al-rev/approve')), 403);
  assert.is((await as(USERS.reviewer2).post('/api/allocations/al-rev/approve')).json.amounts['2024'], 5);
});

test('Planners propose but neither approve nor pay; reviewers approve and pay but never edit allocations', async () => {
  const { as, store } = await smallSetup({ allocations: [allocation('al-1', { amounts: { '2024': 1 } })] });
  const planner = as(USERS.planner),
    reviewer = as(USERS.reviewer),
    admin = as(USERS.admin);
  for (const c of [planner, reviewer, admin]) await c.get('/api/me');
  for (const c of [planner, admin]) {
    isProblem(await unchanged(store, () => c.post('/api/allocations/al-1/approve')), 403);
    isProblem(
      await unchanged(store, () =>
        c.post('/api/payments', { allocationId: 'al-1', amountCents: 1, paidOn: '2024-01-01' }),
      ),
      403,
    );
  }
  isProblem(
    await unchanged(store, () =>
      reviewer.patch('/api/allocations/al-1', { amounts: { '2024': 2 } }, { 'if-match': '"1"' }),
    ),
    403,
  );
  isProblem(
    await unchanged(store, () =>
      reviewer.post('/api/allocations', { envelopeId: 'env-a', finess: 'x', actionId: 'act-ad', amounts: {} }),
    ),
    403,
  );
  isProblem(await unchanged(store, () => admin.post('/api/envelopes', {})), 403);
});

test.run();
