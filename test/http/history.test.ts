// Undo and redo over HTTP: each planner's own steps (edit, proposal, withdrawal, bulk), replayed as
// new writes under the same rules, refused when someone else changed the row, kept across a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import { JournalStore } from '../../server/store/store.js';
import { fixedClock, setup } from '../helpers/app.js';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, envelope, F1, F2, F3 } from '../helpers/plan.js';
import { smallData, smallSetup, USERS } from '../helpers/small.js';

// Envelope env-a: 1 000,00 €; al-prop 100,00 € on 2024 (proposed), al-app 300,00 € on 2023 (approved).
const records = () => ({
  envelopes: [envelope({ totalCents: 1_000_00 })],
  allocations: [
    allocation('al-prop', { finess: F3, amounts: { '2024': 100_00 } }),
    allocation('al-app', { finess: F2, amounts: { '2023': 300_00 }, status: 'approved', approvedBy: USERS.reviewer }),
  ],
});
const ctx = async () => {
  const s = await smallSetup(records());
  const planner = s.as(USERS.planner),
    planner2 = s.as(USERS.planner2);
  const etag = async (id: string) => (await planner.get(`/api/allocations/${id}`)).headers.get('etag')!;
  const edit = async (who: typeof planner, id: string, amounts: Record<string, number>) => {
    const r = await who.patch(`/api/allocations/${id}`, { amounts }, { 'if-match': await etag(id) });
    assert.is(r.status, 200, JSON.stringify(r.json));
    return r.json;
  };
  return { ...s, planner, planner2, etag, edit };
};
type Caller = Awaited<ReturnType<typeof ctx>>['planner'];
/** An undo, redo or discard as the grid makes it: with the ETag of the history just read. */
const move = async (who: Caller, d: 'undo' | 'redo' | 'discard') =>
  who.post(`/api/history/${d}`, undefined, { 'if-match': (await who.get('/api/history')).headers.get('etag')! });

test('Undo of a cell edit puts the amounts back as a new write, audited as an undo of the edit; redo applies it again', async () => {
  const { planner, store, edit } = await ctx();
  // Given the planner changed al-prop from 100,00 € to 250,00 €
  const edited = await edit(planner, 'al-prop', { '2024': 250_00 });
  const h = await planner.get('/api/history');
  assert.is(h.status, 200);
  assert.is(h.json.undo.length, 1);
  assert.equal(h.json.redo, []);
  assert.is(h.json.undo[0].label, `Modification : Établissement ${F3} — ACT-AD (ENV-A)`);
  const original = (await store.auditEvents()).at(-1)!;
  assert.equal([original.action, original.id], ['update', 'al-prop']);
  // When they undo
  const u = await move(planner, 'undo');
  // Then the row holds 100,00 € again, with a new rev, and the answer names it
  assert.is(u.status, 200, JSON.stringify(u.json));
  const now = store.get('allocations', 'al-prop')!;
  assert.equal(now.amounts, { '2024': 100_00 });
  assert.is.not(now.rev, edited.rev);
  assert.equal(u.json.changed, [{ id: 'al-prop', allocation: now }]);
  assert.is(u.json.history.undo.length, 0);
  assert.is(u.json.history.redo.length, 1);
  const undone = (await store.auditEvents()).at(-1)!;
  assert.equal([undone.action, undone.entity, undone.id, undone.ref], ['undo', 'allocations', 'al-prop', original.seq]);
  assert.equal((undone.after as { amounts: unknown }).amounts, { '2024': 100_00 });
  assert.is((await store.verifyAudit()).problem, null);
  // And redo applies the edit again, referring to the same original event
  const r = await move(planner, 'redo');
  assert.is(r.status, 200, JSON.stringify(r.json));
  assert.equal(store.get('allocations', 'al-prop')!.amounts, { '2024': 250_00 });
  const redone = (await store.auditEvents()).at(-1)!;
  assert.equal([redone.action, redone.ref], ['redo', original.seq]);
  assert.is(r.json.history.undo.length, 1);
  // and an undo after the redo checks the redone rev
  assert.is((await move(planner, 'undo')).status, 200);
  assert.equal(store.get('allocations', 'al-prop')!.amounts, { '2024': 100_00 });
});

test('Undo of a proposal removes it; undo of a withdrawal brings it back (same id); an approved one cannot be withdrawn', async () => {
  const { planner, store, etag } = await ctx();
  const created = await planner.post('/api/allocations', {
    envelopeId: 'env-a',
    finess: F1,
    actionId: 'act-exe',
    amounts: { '2025': 50_00 },
  });
  assert.is(created.status, 201);
  assert.match((await planner.get('/api/history')).json.undo[0].label, /^Proposition : /);
  assert.is((await move(planner, 'undo')).status, 200);
  assert.is(store.get('allocations', created.json.id), undefined);
  assert.is((await move(planner, 'redo')).status, 200);
  assert.equal(store.get('allocations', created.json.id)!.amounts, { '2025': 50_00 });

  // withdraw a proposal, then undo the withdrawal
  const before = store.get('allocations', 'al-prop')!;
  assert.is((await planner.del('/api/allocations/al-prop', { 'if-match': await etag('al-prop') })).status, 204);
  assert.is(store.get('allocations', 'al-prop'), undefined);
  assert.match((await planner.get('/api/history')).json.undo[0].label, /^Retrait : /);
  const u = await move(planner, 'undo');
  assert.is(u.status, 200, JSON.stringify(u.json));
  const back = store.get('allocations', 'al-prop')!;
  assert.equal(
    [back.amounts, back.status, back.createdAt, back.createdBy],
    [before.amounts, 'proposed', before.createdAt, before.createdBy],
  );
  assert.is((await store.auditEvents()).at(-1)!.action, 'undo');

  // an approved allocation is changed by an avenant, never deleted
  const refused = await unchanged(store, async () =>
    planner.del('/api/allocations/al-app', { 'if-match': await etag('al-app') }),
  );
  isProblem(refused, 422, 'status');
  assert.match(refused.json.detail, /approuvée ne se retire pas : modifiez ses montants par un avenant/);
});

test('Undo of a withdrawal whose action was retired since is refused (422 actionId) and changes nothing', async () => {
  const { planner, store, etag } = await ctx();
  // Given the planner withdrew al-prop (action ACT-AD), then retired ACT-AD
  assert.is((await planner.del('/api/allocations/al-prop', { 'if-match': await etag('al-prop') })).status, 204);
  const act = await planner.get('/api/actions/act-ad');
  const retired = await planner.post('/api/actions/act-ad/retire', undefined, { 'if-match': act.headers.get('etag')! });
  assert.is(retired.status, 200, JSON.stringify(retired.json));
  // When they undo the withdrawal
  const u = await unchanged(store, () => move(planner, 'undo'));
  // Then it is refused as a new proposal on a retired action would be, and the step stays
  isProblem(u, 422, 'actionId');
  assert.match(u.json.detail, /retirée du catalogue/);
  assert.is(store.get('allocations', 'al-prop'), undefined);
  assert.match((await planner.get('/api/history')).json.undo[0].label, /^Retrait : /);
});

test('A bulk allocation is one step: one undo removes every allocation it made', async () => {
  const { planner, store } = await ctx();
  const bulk = await planner.post('/api/allocations/bulk', {
    envelopeId: 'env-a',
    actionId: 'act-exe',
    amounts: { '2026': 10_00 },
  });
  assert.is(bulk.status, 201, JSON.stringify(bulk.json));
  const made = [...store.all('allocations')].filter((a) => a.actionId === 'act-exe');
  assert.ok(made.length >= 3, `${made.length} made`);
  const h = (await planner.get('/api/history')).json;
  assert.is(h.undo.length, 1);
  assert.equal([h.undo[0].action, h.undo[0].count], ['bulk', made.length]);
  assert.is(h.undo[0].label, `Allocation groupée : ${made.length}\u00a0allocations`);
  const u = await move(planner, 'undo');
  assert.is(u.status, 200, JSON.stringify(u.json));
  assert.is(u.json.changed.length, made.length);
  assert.equal(
    [...store.all('allocations')].filter((a) => a.actionId === 'act-exe'),
    [],
  );
  assert.is((await move(planner, 'redo')).status, 200);
  assert.is([...store.all('allocations')].filter((a) => a.actionId === 'act-exe').length, made.length);
});

test('An undo after another user changed the row is refused (409, who and when) and changes nothing; the step stays', async () => {
  const { planner, planner2, store, edit, clock } = await ctx();
  await edit(planner, 'al-prop', { '2024': 250_00 });
  clock.set('2026-11-29T11:02:00.000Z'); // 12 h 02 in Paris (winter time)
  await edit(planner2, 'al-prop', { '2024': 400_00 });
  const r = await unchanged(store, () => move(planner, 'undo'));
  isProblem(r, 409, 'al-prop');
  assert.is(r.json.title, 'Annulation impossible');
  assert.is(r.json.detail, 'Modifié par planif2@jalon.test à 12 h 02 : annulation impossible.');
  assert.is((await planner.get('/api/history')).json.undo.length, 1);
  // the step that can no longer be undone leaves the stack, nothing else changes
  const rows = structuredClone(store.exportData().collections.allocations);
  const d = await move(planner, 'discard');
  assert.is(d.status, 200, JSON.stringify(d.json));
  assert.equal(d.json, { undo: [], redo: [] });
  assert.equal(store.exportData().collections.allocations, rows);
  isProblem(await unchanged(store, () => move(planner, 'discard')), 422);
  // the other planner's history is their own
  assert.is((await planner2.get('/api/history')).json.undo[0].label.startsWith('Modification'), true);
  // nothing to redo is 422
  isProblem(await unchanged(store, () => move(planner, 'redo')), 422);
});

test('Undo goes through the rules: a restored amount that no longer fits the envelope is 422', async () => {
  const { planner, planner2, store, edit } = await ctx();
  // planif lowers al-prop to free money, planif2 takes it, planif's undo would overspend
  await edit(planner, 'al-prop', { '2024': 10_00 });
  const taken = await planner2.post('/api/allocations', {
    envelopeId: 'env-a',
    finess: F1,
    actionId: 'act-ad',
    amounts: { '2025': 690_00 },
  });
  assert.is(taken.status, 201, JSON.stringify(taken.json));
  isProblem(await unchanged(store, () => move(planner, 'undo')), 422);
});

test('A new change clears the redo stack; If-Match on undo guards against a stale history (412)', async () => {
  const { planner, store, edit } = await ctx();
  await edit(planner, 'al-prop', { '2024': 150_00 });
  await edit(planner, 'al-prop', { '2024': 200_00 });
  const h = await planner.get('/api/history');
  isProblem(await unchanged(store, () => planner.post('/api/history/undo', {}, { 'if-match': '"stale"' })), 412);
  assert.is((await planner.post('/api/history/undo', {}, { 'if-match': h.headers.get('etag')! })).status, 200);
  assert.is((await planner.get('/api/history')).json.redo.length, 1);
  await edit(planner, 'al-prop', { '2024': 175_00 });
  const after = (await planner.get('/api/history')).json;
  assert.equal([after.undo.length, after.redo.length], [2, 0]);
  assert.is(store.count('steps'), 2); // the redone-no-more step is gone
});

test('Undo, redo and discard require If-Match (428 without it, nothing changed); two tabs: the second Ctrl+Z is 412, not the step before', async () => {
  const { planner, store, edit } = await ctx();
  await edit(planner, 'al-prop', { '2024': 150_00 });
  await edit(planner, 'al-prop', { '2024': 200_00 });
  for (const d of ['undo', 'redo', 'discard']) {
    const r = await unchanged(store, () => planner.post(`/api/history/${d}`));
    isProblem(r, 428);
    assert.is(r.json.title, 'En-tête If-Match requis');
  }
  assert.equal(store.count('steps'), 2);
  // two tabs read the same history; the first undoes 200 → 150
  const tag = (await planner.get('/api/history')).headers.get('etag')!;
  const first = await planner.post('/api/history/undo', undefined, { 'if-match': tag });
  assert.is(first.status, 200, JSON.stringify(first.json));
  assert.equal(store.get('allocations', 'al-prop')!.amounts, { '2024': 150_00 });
  // the second tab's Ctrl+Z, with what it read, would undo 150 → 100: refused, nothing changed
  const second = await unchanged(store, () => planner.post('/api/history/undo', undefined, { 'if-match': tag }));
  isProblem(second, 412);
  assert.is(second.json.title, 'Historique modifié entre-temps');
  isProblem(await unchanged(store, () => planner.post('/api/history/discard', undefined, { 'if-match': tag })), 412);
  // the ETag of the move's answer is the history's as now stored: the next move goes with it
  const fresh = first.headers.get('etag')!;
  assert.is(fresh, (await planner.get('/api/history')).headers.get('etag'));
  assert.is.not(fresh, tag);
  const redo = await planner.post('/api/history/redo', undefined, { 'if-match': fresh });
  assert.is(redo.status, 200, JSON.stringify(redo.json));
  assert.equal(store.get('allocations', 'al-prop')!.amounts, { '2024': 200_00 });
  const undo = await planner.post('/api/history/undo', undefined, { 'if-match': redo.headers.get('etag')! });
  assert.is(undo.status, 200, JSON.stringify(undo.json));
  const d = await planner.post('/api/history/discard', undefined, { 'if-match': undo.headers.get('etag')! });
  assert.is(d.status, 200, JSON.stringify(d.json));
  assert.is(d.headers.get('etag'), (await planner.get('/api/history')).headers.get('etag'));
});

test('The history keeps the last 50 steps (the oldest are dropped with their records)', async () => {
  const { planner, store, edit } = await ctx();
  for (let i = 1; i <= 53; i++) await edit(planner, 'al-prop', { '2024': i * 1_00 });
  const h = (await planner.get('/api/history')).json;
  assert.is(h.undo.length, 50);
  assert.is(store.count('steps'), 50);
  for (let i = 0; i < 50; i++) assert.is((await move(planner, 'undo')).status, 200);
  // 50 undone: back to 3,00 €, the amount before the 4th edit
  assert.equal(store.get('allocations', 'al-prop')!.amounts, { '2024': 3_00 });
  isProblem(await move(planner, 'undo'), 422);
});

test('The history survives a restart of the store (journal, then snapshot)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'h-undo-'));
  try {
    const path = join(dir, 'jalon.json');
    const seed = () => smallData(records());
    const clock = fixedClock();
    const open = async () => {
      const store = await JournalStore.open({ path, seed });
      const app = createApp({ store, clock });
      const login = await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: USERS.planner, password: 'CaRE-cyber-2027' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const call = (method: string, p: string, body?: unknown, h: Record<string, string> = {}) =>
        app.request(p, {
          method,
          headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}), ...h },
          body: body ? JSON.stringify(body) : undefined,
        });
      return { store, call };
    };
    let s = await open();
    const tag = (await s.call('GET', '/api/allocations/al-prop')).headers.get('etag')!;
    assert.is(
      (await s.call('PATCH', '/api/allocations/al-prop', { amounts: { '2024': 222_00 } }, { 'if-match': tag })).status,
      200,
    );
    await s.store.close(); // a clean stop: compacted into the snapshot
    s = await open();
    assert.is(((await (await s.call('GET', '/api/history')).json()) as { undo: unknown[] }).undo.length, 1);
    const tagged = async () => ({ 'if-match': (await s.call('GET', '/api/history')).headers.get('etag')! });
    assert.is((await s.call('POST', '/api/history/undo', undefined, await tagged())).status, 200);
    // crash-like: the undo is only in the journal
    s = await open();
    assert.equal(s.store.get('allocations', 'al-prop')!.amounts, { '2024': 100_00 });
    const h = (await (await s.call('GET', '/api/history')).json()) as { undo: unknown[]; redo: unknown[] };
    assert.equal([h.undo.length, h.redo.length], [0, 1]);
    assert.is((await s.call('POST', '/api/history/redo', undefined, await tagged())).status, 200);
    assert.equal(s.store.get('allocations', 'al-prop')!.amounts, { '2024': 222_00 });
    assert.is((await s.store.verifyAudit()).problem, null);
    await s.store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Only planners have a history', async () => {
  const { as } = await ctx();
  isProblem(await as(USERS.reviewer).get('/api/history'), 403);
  isProblem(await as(USERS.reviewer).post('/api/history/undo', undefined, { 'if-match': '"0"' }), 403);
});

test('An import is one step: its undo removes what it created and puts back what it changed', async () => {
  const { app, store, as } = await setup();
  const { upload } = await import('../import/raw.js');
  const before = structuredClone(store.exportData().collections.allocations);
  const csv = [
    'N° FINESS;Code action;Code enveloppe;2024;2025',
    '910000025;D1-AD;CARE-D1;1 234,56;',
    '780000022;D1-EXPO;CARE-D1;10000;2500,5',
    '974000036;EDR;CARE-SOCLE;30000;36000', // al-care-005, proposed at 90 000 € and 90 000 €
  ].join('\r\n');
  const res = await upload(app, USERS.planner, '/api/import/allocations', csv);
  assert.is(res.status, 201, res.text);
  assert.equal(store.get('allocations', 'al-care-005')!.amounts, { '2024': 30_000_00, '2025': 36_000_00 });
  const planner = as(USERS.planner);
  const h = (await planner.get('/api/history')).json;
  assert.is(h.undo.length, 1);
  assert.is(h.undo[0].action, 'import');
  assert.is(h.undo[0].label, 'Import : 2\u00a0allocations créées, 1\u00a0modifiée');
  assert.is((await move(planner, 'undo')).status, 200);
  const after = store.exportData().collections.allocations;
  // the same allocations as before, each with its amounts (revs moved on where one was rewritten)
  assert.equal(Object.keys(after).sort(), Object.keys(before).sort());
  for (const [id, a] of Object.entries(before)) assert.equal(after[id]!.amounts, a.amounts, id);
});

test.run();
