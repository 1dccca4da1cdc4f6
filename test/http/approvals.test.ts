// Approvals over HTTP: announced credits (422), withdrawing an approval (unapprove), and
// approving several allocations at once (all or nothing, separation of duties).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { decide } from '../helpers/decide.js';
import { allocation, envelope, F1, F2, F3, payment } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const ctx = async () => {
  const s = await smallSetup({
    envelopes: [
      envelope({ totalCents: 1_000_00 }),
      envelope({ id: 'env-ann', code: 'CARE-ANNONCE', status: 'announced', totalCents: 5_000_00 }),
    ],
    allocations: [
      allocation('al-p1', { amounts: { '2024': 100_00 } }),
      allocation('al-p2', { finess: F2, amounts: { '2024': 150_00, '2025': 50_00 } }),
      allocation('al-ann', { envelopeId: 'env-ann', finess: F3, amounts: { '2026': 300_00 } }),
      allocation('al-byfin', { finess: F3, amounts: { '2024': 10_00 }, createdBy: USERS.reviewer }),
      allocation('al-app', {
        finess: F1,
        actionId: 'act-exe',
        amounts: { '2023': 200_00 },
        status: 'approved',
        approvedBy: USERS.reviewer2,
        approvedAt: '2024-02-01T09:00:00.000Z',
      }),
      allocation('al-paid', {
        finess: F2,
        actionId: 'act-exe',
        amounts: { '2023': 100_00 },
        status: 'approved',
        approvedBy: USERS.reviewer2,
      }),
    ],
    payments: [payment('pay-1', 'al-paid', 25_00, '2024-05-01')],
  });
  const reviewer = s.as(USERS.reviewer),
    reviewer2 = s.as(USERS.reviewer2),
    planner = s.as(USERS.planner);
  for (const c of [reviewer, reviewer2, planner]) await c.get('/api/me');
  return { ...s, reviewer, reviewer2, planner };
};

test('Approving an allocation on an announced envelope is 422 (envelopeId) and changes nothing; proposing on it is fine', async () => {
  const { reviewer, planner, store } = await ctx();
  const r = await unchanged(store, () => reviewer.post('/api/allocations/al-ann/approve'));
  isProblem(r, 422, 'envelopeId');
  assert.is(
    r.json.detail,
    "Les crédits de l'enveloppe CARE-ANNONCE sont annoncés, non engagés : la dotation ne peut pas être approuvée.",
  );
  const p = await planner.post('/api/allocations', {
    envelopeId: 'env-ann',
    finess: F1,
    actionId: 'act-ad',
    amounts: { '2027': 100_00 },
  });
  assert.equal([p.status, p.json.status], [201, 'proposed']);
});

test('Unapprove: back to proposed with the reason, an engagement of minus the approved amounts, an audit event « unapprove »', async () => {
  const { reviewer, store } = await ctx();
  const r = await decide(reviewer, '/api/allocations/al-app/unapprove', { reason: 'Pièce justificative manquante' });
  assert.is(r.status, 200, JSON.stringify(r.json));
  assert.equal(
    [r.json.status, r.json.approvedAt, r.json.unapprovedBy, r.json.unapprovalReason],
    ['proposed', undefined, USERS.reviewer, 'Pièce justificative manquante'],
  );
  assert.equal(r.json.engagements, [
    { at: '2024-02-01T09:00:00.000Z', amounts: { '2023': 200_00 } },
    { at: '2026-11-29T10:00:00.000Z', amounts: { '2023': -200_00 } },
  ]);
  assert.is(r.headers.get('etag'), `"${r.json.rev}"`);
  const audit = await reviewer.get('/api/audit?entity=allocations&id=al-app');
  const ev = audit.json.items[0];
  assert.equal(
    [ev.action, ev.actor, ev.before.status, ev.after.status, ev.after.unapprovalReason],
    ['unapprove', USERS.reviewer, 'approved', 'proposed', 'Pièce justificative manquante'],
  );
  assert.is(store.get('allocations', 'al-app')!.status, 'proposed');
});

test('Unapprove is refused when something was paid (422 with the amount), without a reason (400), for a planner (403), without If-Match (428), on a stale one (412)', async () => {
  const { reviewer, planner, store } = await ctx();
  const paid = await unchanged(store, () => decide(reviewer, '/api/allocations/al-paid/unapprove', { reason: 'x' }));
  isProblem(paid, 422);
  assert.match(paid.json.detail, /25,00 € déjà versés/);
  isProblem(
    await unchanged(store, () => decide(reviewer, '/api/allocations/al-app/unapprove', { reason: ' ' })),
    400,
    'reason',
  );
  isProblem(await unchanged(store, () => decide(reviewer, '/api/allocations/al-app/unapprove', {})), 400, 'reason');
  isProblem(await unchanged(store, () => decide(planner, '/api/allocations/al-app/unapprove', { reason: 'x' })), 403);
  // a decision requires the version read, as PATCH does: 428 without If-Match
  const bare = await unchanged(store, () => reviewer.post('/api/allocations/al-app/unapprove', { reason: 'x' }));
  isProblem(bare, 428);
  assert.match(bare.json.detail, /If-Match/);
  isProblem(
    await unchanged(store, () =>
      reviewer.post('/api/allocations/al-app/unapprove', { reason: 'x' }, { 'if-match': '"old"' }),
    ),
    412,
  );
  isProblem(await unchanged(store, () => decide(reviewer, '/api/allocations/al-p1/unapprove', { reason: 'x' })), 422);
  isProblem(await unchanged(store, () => decide(reviewer, '/api/allocations/nope/unapprove', { reason: 'x' })), 404);
});

test('Unapprove follows separation of duties: the proposer cannot withdraw the approval (403), another reviewer can', async () => {
  const { reviewer, reviewer2, store } = await ctx();
  assert.is((await reviewer2.post('/api/allocations/al-byfin/approve')).status, 200);
  const own = await unchanged(store, () => decide(reviewer, '/api/allocations/al-byfin/unapprove', { reason: 'x' }));
  isProblem(own, 403);
  assert.match(own.json.detail, /que vous avez proposée/);
  assert.is((await decide(reviewer2, '/api/allocations/al-byfin/unapprove', { reason: 'x' })).json.status, 'proposed');
});

test('Unapprove: who last changed the proposal cannot withdraw its approval either (403), as for approving', async () => {
  const s = await smallSetup({
    allocations: [
      allocation('al-chg', {
        amounts: { '2024': 10_00 },
        status: 'approved',
        updatedBy: USERS.reviewer,
        approvedBy: USERS.reviewer2,
        approvedAt: '2024-02-01T09:00:00.000Z',
      }),
    ],
  });
  const reviewer = s.as(USERS.reviewer),
    reviewer2 = s.as(USERS.reviewer2);
  for (const c of [reviewer, reviewer2]) await c.get('/api/me');
  const etag = (await reviewer.get('/api/allocations/al-chg')).headers.get('etag')!;
  const own = await unchanged(s.store, () =>
    reviewer.post('/api/allocations/al-chg/unapprove', { reason: 'x' }, { 'if-match': etag }),
  );
  isProblem(own, 403);
  assert.match(own.json.detail, /proposée ou modifiée/);
  // the approver (the record's last writer through the approval itself) may withdraw their decision
  const ok = await reviewer2.post('/api/allocations/al-chg/unapprove', { reason: 'x' }, { 'if-match': etag });
  assert.is(ok.status, 200, JSON.stringify(ok.json));
});

test('Bulk approve: all or nothing; a refusal names the allocation and why; duties and announced credits hold; the confirmed total is checked', async () => {
  const { reviewer, reviewer2, planner, store } = await ctx();
  const versions = (...ids: string[]) => ids.map((id) => ({ id, rev: store.get('allocations', id)?.rev ?? '' }));
  // one of the reviewer's own proposals in the batch: 403, nothing approved
  const own = await unchanged(store, () =>
    reviewer.post('/api/allocations/approve', {
      items: versions('al-p1', 'al-p2', 'al-byfin'),
      expectedTotalCents: 260_00,
    }),
  );
  isProblem(own, 403, 'items.2');
  assert.match(own.json.detail, /^Allocation al-byfin \(Établissement \S+, ACT-AD, ENV-A\) : Vous ne pouvez pas/);
  // an announced envelope: 422 naming it
  const ann = await unchanged(store, () =>
    reviewer.post('/api/allocations/approve', { items: versions('al-p1', 'al-ann'), expectedTotalCents: 400_00 }),
  );
  isProblem(ann, 422, 'items.1');
  assert.match(ann.json.detail, /al-ann .*CARE-ANNONCE sont annoncés, non engagés/);
  // an unknown id: 404; twice the same id, no id, a planner: 400, 400, 403
  isProblem(
    await unchanged(store, () =>
      reviewer.post('/api/allocations/approve', {
        items: [...versions('al-p1'), { id: 'zz', rev: '1' }],
        expectedTotalCents: 100_00,
      }),
    ),
    404,
  );
  isProblem(
    await unchanged(store, () =>
      reviewer.post('/api/allocations/approve', {
        items: versions('al-p1', 'al-p1'),
        expectedTotalCents: 200_00,
      }),
    ),
    400,
    'items',
  );
  isProblem(
    await unchanged(store, () => reviewer.post('/api/allocations/approve', { items: [], expectedTotalCents: 0 })),
    400,
    'items',
  );
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/allocations/approve', { items: versions('al-p1'), expectedTotalCents: 100_00 }),
    ),
    403,
  );
  // without the confirmed total: 400
  isProblem(
    await unchanged(store, () => reviewer.post('/api/allocations/approve', { items: versions('al-p1') })),
    400,
    'expectedTotalCents',
  );
  // a row changed since it was read (its version): 412 naming it, nothing approved
  const read = versions('al-p1', 'al-p2');
  await store.transact({ now: '2026-11-29T11:00:00.000Z', actor: USERS.planner }, (tx) => {
    tx.put('allocations', { ...tx.get('allocations', 'al-p2')! });
  });
  const changed = await unchanged(store, () =>
    reviewer.post('/api/allocations/approve', { items: read, expectedTotalCents: 300_00 }),
  );
  isProblem(changed, 412, 'items.1');
  assert.match(changed.json.detail, /^Allocation al-p2 \(.*\) : .*modifi.*Aucune allocation n’a été approuvée\./);
  // the total the user confirmed is no longer the total: 412
  const moved = await unchanged(store, () =>
    reviewer.post('/api/allocations/approve', { items: versions('al-p1', 'al-p2'), expectedTotalCents: 250_00 }),
  );
  isProblem(moved, 412);
  assert.match(moved.json.detail, /300,00 €/);
  // Then the right total approves both in one write, each with its audit event
  const ok = await reviewer.post('/api/allocations/approve', {
    items: versions('al-p1', 'al-p2'),
    expectedTotalCents: 300_00,
  });
  assert.equal([ok.status, ok.json.count, ok.json.totalCents], [200, 2, 300_00]);
  assert.equal(
    ok.json.items.map((a: { id: string; status: string; approvedBy: string }) => [a.id, a.status, a.approvedBy]),
    [
      ['al-p1', 'approved', USERS.reviewer],
      ['al-p2', 'approved', USERS.reviewer],
    ],
  );
  const events = (await reviewer.get('/api/audit?actor=finances%40jalon.test')).json.items;
  assert.equal(
    events.slice(0, 2).map((e: { action: string; id: string }) => [e.action, e.id]),
    [
      ['approve', 'al-p2'],
      ['approve', 'al-p1'],
    ],
  );
  // and the other reviewer may approve the one that was the first reviewer's own
  assert.is(
    (await reviewer2.post('/api/allocations/approve', { items: versions('al-byfin'), expectedTotalCents: 10_00 })).json
      .count,
    1,
  );
});

test('The review list sorts by establishment, amount or date proposed (« - » reverses); an unknown order is 400', async () => {
  const { reviewer, planner, store } = await ctx();
  // al-p1 proposed last: the planner changes it now
  await store.transact({ now: '2026-12-01T08:00:00.000Z', actor: USERS.planner }, (tx) => {
    tx.put('allocations', { ...tx.get('allocations', 'al-p1')!, amounts: { '2024': 120_00 } });
  });
  await store.transact({ now: '2026-11-01T08:00:00.000Z', actor: USERS.planner }, (tx) => {
    tx.put('allocations', { ...tx.get('allocations', 'al-p2')! });
  });
  const ids = async (q: string) =>
    (await reviewer.get(`/api/allocations?status=proposed&envelopeId=env-a&${q}`)).json.items.map(
      (a: { id: string }) => a.id,
    );
  // amounts: al-byfin 10,00 €, al-p1 120,00 €, al-p2 200,00 €
  assert.equal(await ids('sort=amount'), ['al-byfin', 'al-p1', 'al-p2']);
  assert.equal(await ids('sort=-amount'), ['al-p2', 'al-p1', 'al-byfin']);
  assert.equal(await ids('sort=-proposed'), ['al-p1', 'al-p2', 'al-byfin']);
  // names « Établissement <FINESS> », accents aside: F3 (2A…), F2 (69…), F1 (75…)
  assert.equal(await ids('sort=establishment'), ['al-byfin', 'al-p2', 'al-p1']);
  assert.equal(await ids('sort=-establishment'), ['al-p1', 'al-p2', 'al-byfin']);
  const bad = await reviewer.get('/api/allocations?sort=nope');
  isProblem(bad, 400, 'sort');
  assert.match(bad.json.detail, /establishment, amount, proposed, approved/);
  assert.is((await planner.get('/api/allocations?sort=-amount&status=proposed')).status, 200);
});

test.run();
