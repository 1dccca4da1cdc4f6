// The audit trail: one event per change, in the same write, hash-chained.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { firstBroken, seal } from '../../server/store/audit-chain.js';
import type { AuditEvent } from '../../server/contract/audit.js';
import { TODAY } from '../helpers/app.js';
import { allocation, F1 } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const last = (events: readonly AuditEvent[]) => events[events.length - 1]!;

test('Every API write appends an event with actor, action, entity, id, before and after', async () => {
  const { as, store } = await smallSetup({ allocations: [allocation('al-1', { amounts: { '2024': 1_00 } })] });
  const planner = as(USERS.planner),
    reviewer = as(USERS.reviewer);
  await planner.get('/api/me');
  await reviewer.get('/api/me');
  const n0 = (await store.auditEvents()).length;

  const created = await planner.post('/api/allocations', {
    envelopeId: 'env-a',
    finess: F1,
    actionId: 'act-exe',
    amounts: { '2024': 5_00 },
  });
  let e = last(await store.auditEvents());
  assert.equal(
    [e.actor, e.action, e.entity, e.id, e.before],
    [USERS.planner, 'create', 'allocations', created.json.id, null],
  );
  assert.equal((e.after as { amounts: object }).amounts, { '2024': 5_00 });

  const edited = await planner.patch(
    `/api/allocations/${created.json.id}`,
    { amounts: { '2024': 6_00 } },
    { 'if-match': created.headers.get('etag')! },
  );
  e = last(await store.auditEvents());
  assert.equal([e.actor, e.action, e.id], [USERS.planner, 'update', created.json.id]);
  assert.equal(
    [(e.before as { amounts: object }).amounts, (e.after as { amounts: object }).amounts],
    [{ '2024': 5_00 }, { '2024': 6_00 }],
  );

  await reviewer.post('/api/allocations/al-1/approve');
  e = last(await store.auditEvents());
  assert.equal(
    [e.actor, e.action, (e.before as { status: string }).status, (e.after as { status: string }).status],
    [USERS.reviewer, 'approve', 'proposed', 'approved'],
  );

  // approved today: a payment cannot precede its approval
  const pay = await reviewer.post('/api/payments', { allocationId: 'al-1', amountCents: 50, paidOn: TODAY });
  assert.is(pay.status, 201, JSON.stringify(pay.json));
  e = last(await store.auditEvents());
  assert.equal(
    [e.actor, e.entity, e.id, (e.after as { amountCents: number }).amountCents],
    [USERS.reviewer, 'payments', pay.json.id, 50],
  );

  await planner.del(`/api/allocations/${created.json.id}`, { 'if-match': edited.headers.get('etag')! });
  e = last(await store.auditEvents());
  assert.equal([e.action, e.entity, e.id, e.after], ['delete', 'allocations', created.json.id, null]);
  assert.is((e.before as { id: string }).id, created.json.id);

  assert.is((await store.auditEvents()).length, n0 + 5);
  assert.equal(
    (await store.auditEvents()).map((x) => x.seq),
    (await store.auditEvents()).map((_, i) => i + 1),
  );
  assert.is(firstBroken(await store.auditEvents()), null);
});

test('Secrets never reach the audit trail; sessions are not audited', async () => {
  const { as, store } = await smallSetup();
  await as(USERS.admin).post('/api/users', {
    email: 'x@jalon.test',
    name: 'X',
    role: 'planner',
    password: 'Une-phrase-de-passe-2026',
  });
  const tok = await as(USERS.planner).post('/api/tokens', { name: 't' });
  const text = JSON.stringify(await store.auditEvents());
  assert.not.match(text, /scrypt\$/);
  assert.not.ok(text.includes(tok.json.token));
  assert.ok((await store.auditEvents()).every((e) => e.entity !== 'sessions'));
  assert.is((await store.auditEvents()).find((e) => e.entity === 'users' && e.action !== 'seed')!.actor, USERS.admin);
});

test('GET /api/audit filters by entity, id, actor and period, newest first', async () => {
  const { as, store } = await smallSetup({ allocations: [allocation('al-1', { amounts: { '2024': 1 } })] });
  // the seeded plan's records come first, one « plan initial » event each
  const seeded = (await store.auditEvents()).length;
  assert.ok(seeded > 0);
  assert.ok((await store.auditEvents()).every((e) => e.action === 'seed' && e.actor === 'système'));
  const planner = as(USERS.planner),
    reviewer = as(USERS.reviewer);
  await planner.post('/api/actions', { code: 'A1', title: 'a', axis: 1 });
  await reviewer.post('/api/allocations/al-1/approve');
  const all = (await planner.get('/api/audit')).json;
  assert.is(all.total, seeded + 2);
  assert.equal(
    all.items.slice(0, 2).map((e: AuditEvent) => e.seq),
    [seeded + 2, seeded + 1],
  );
  assert.is((await planner.get('/api/audit?entity=allocations')).json.items[0].id, 'al-1');
  assert.is((await planner.get('/api/audit?id=al-1')).json.total, 2);
  assert.is((await planner.get(`/api/audit?actor=${USERS.reviewer}`)).json.total, 1);
  assert.is((await planner.get('/api/audit?from=2026-11-29T10:00:00.000Z&to=2026-11-29T23:59')).json.total, 2);
  assert.is((await planner.get('/api/audit?from=2026-11-28&to=2026-11-28')).json.total, 0);
});

test('firstBroken: a changed event, a changed link, a removed event, each detected at the right seq', async () => {
  const { as, store } = await smallSetup();
  const planner = as(USERS.planner);
  for (let i = 0; i < 5; i++) await planner.post('/api/actions', { code: `A${i}`, title: `a${i}`, axis: 1 });
  const events = structuredClone(await store.auditEvents()) as AuditEvent[];
  assert.is(firstBroken(events), null);
  const edited = structuredClone(events);
  (edited[2]!.after as { title: string }).title = 'falsifié';
  assert.equal(firstBroken(edited), { index: 2, seq: 3, reason: firstBroken(edited)!.reason });
  assert.match(firstBroken(edited)!.reason, /contenu/);
  const actor = structuredClone(events);
  actor[1]!.actor = 'quelqu.un@ailleurs';
  assert.is(firstBroken(actor)!.seq, 2);
  const removed = events.filter((_, i) => i !== 3);
  assert.is(firstBroken(removed)!.seq, 5);
  assert.match(firstBroken(removed)!.reason, /manquant/);
  // re-sealing one event to hide the change breaks the next link instead
  const resealed = structuredClone(edited);
  resealed[2] = seal(resealed[2]!, resealed[1]!.hash);
  assert.is(firstBroken(resealed)!.seq, 4);
});

test.run();
