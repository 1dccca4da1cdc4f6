// Two PgStore instances in one process on one schema, each behind its own app: what one writes
// the other sees within a bounded delay, versions hold across them, writes at once never
// over-allocate, the audit chain verifies on both; and a database gone is StoreUnavailable (503
// with Retry-After) while reads go on from memory, saying so, until it comes back.
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import { StoreUnavailable } from '../../server/store/errors.js';
import type { Store } from '../../server/store/interface.js';
import type { PgStore } from '../../server/store/pg/store.js';
import { DEMO_PASSWORD, fixedClock } from '../helpers/app.js';
import { action, allocation, envelope, F1, NOW } from '../helpers/plan.js';
import { freshSchema, noSeed, openPg, PG_URL, pgTest, relay, sql } from '../helpers/pg.js';
import { smallData, USERS } from '../helpers/small.js';

const it = pgTest('store/pg-shared');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An app on a store, logged in once per account; `cookie` lets another app reuse a session. */
const appOn = (store: Store) => {
  const app = createApp({ store, clock: fixedClock() });
  const cookies = new Map<string, string>();
  const call = async (
    who: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    if (!cookies.has(who)) {
      const r = await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: who, password: DEMO_PASSWORD }),
      });
      if (r.status !== 200) throw new Error(`login ${who}: ${r.status}`);
      cookies.set(who, r.headers.get('set-cookie')!.split(';')[0]!);
    }
    const res = await app.request(path, {
      method,
      headers: { cookie: cookies.get(who)!, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as any) : null };
  };
  return { app, call, cookies };
};

const pair = async (records: Parameters<typeof smallData>[0] = {}) => {
  const schema = freshSchema();
  const a = await openPg({ schema, seed: () => smallData(records), dropSchemaOnClose: true });
  const b = await openPg({ schema, seed: noSeed });
  return {
    schema,
    a,
    b,
    close: async () => {
      await b.close();
      await a.close();
    },
  };
};

it('A write on one instance is seen on the other within a bounded delay, and each reads its own writes at once', async () => {
  const { a, b, close } = await pair();
  try {
    const delays: number[] = [];
    for (let i = 0; i < 40; i++) {
      const writer = i % 2 ? b : a,
        reader = i % 2 ? a : b;
      const r = await writer.transact({ now: NOW, actor: USERS.planner }, (tx) =>
        tx.put('actions', action(`act-${i}`, { title: `t${i}` })),
      );
      assert.is(writer.get('actions', `act-${i}`)!.rev, r.rev);
      const at = performance.now();
      while (reader.get('actions', `act-${i}`)?.rev !== r.rev) {
        if (performance.now() - at > 2000) assert.unreachable(`act-${i} not seen on the other instance after 2 s`);
        await sleep(1);
      }
      delays.push(performance.now() - at);
    }
    delays.sort((x, y) => x - y);
    const p99 = delays[Math.ceil(delays.length * 0.99) - 1]!;
    console.log(`  cross-instance visibility: p50 ${delays[20]!.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    assert.ok(p99 < 750, `p99 ${p99} ms`);
    assert.equal(a.exportData(), b.exportData());
  } finally {
    await close();
  }
});

it('If-Match holds across instances: a version read on one and changed on the other is 412 there, whatever the instance; a session is valid on both', async () => {
  const { a, b, close } = await pair({
    allocations: [allocation('al-1', { amounts: { '2024': 100_00 } })],
  });
  try {
    const A = appOn(a),
      B = appOn(b);
    const read = await B.call(USERS.planner, 'GET', '/api/allocations/al-1');
    const etag = read.headers.get('etag')!;
    // the session opened on B is the one A sees (sessions are records in the database)
    A.cookies.set(USERS.planner, B.cookies.get(USERS.planner)!);
    const first = await A.call(
      USERS.planner,
      'PATCH',
      '/api/allocations/al-1',
      { amounts: { '2024': 150_00 } },
      { 'if-match': etag },
    );
    assert.is(first.status, 200, JSON.stringify(first.json));
    // B may not have heard of A's write yet: the stale version is refused all the same
    const second = await B.call(
      USERS.planner,
      'PATCH',
      '/api/allocations/al-1',
      { amounts: { '2024': 90_00 } },
      { 'if-match': etag },
    );
    assert.is(second.status, 412, JSON.stringify(second.json));
    assert.equal(b.get('allocations', 'al-1')!.amounts, { '2024': 150_00 });
    const again = await A.call(
      USERS.planner,
      'PATCH',
      '/api/allocations/al-1',
      { amounts: { '2024': 90_00 } },
      { 'if-match': etag },
    );
    assert.is(again.status, 412);
    assert.equal(a.get('allocations', 'al-1')!.amounts, { '2024': 150_00 });
  } finally {
    await close();
  }
});

it('An API token created on one instance works at once on the other (the other looks for it before answering 401), ten times running', async () => {
  const { a, b, close } = await pair();
  try {
    const A = appOn(a),
      B = appOn(b);
    for (let i = 0; i < 10; i++) {
      const made = await A.call(USERS.planner, 'POST', '/api/tokens', { name: `script ${i}`, expiresInDays: 30 });
      assert.is(made.status, 201, JSON.stringify(made.json));
      const res = await B.app.request('/api/allocations', { headers: { authorization: `Bearer ${made.json.token}` } });
      assert.is(res.status, 200, `try ${i}: ${res.status}`);
    }
    // an unknown token is still refused, after the look
    const forged = await B.app.request('/api/allocations', { headers: { authorization: 'Bearer jalon_forged' } });
    assert.is(forged.status, 401);
  } finally {
    await close();
  }
});

it('Writes at once on both instances never over-allocate: 10 proposals of 200,00 € on a 500,00 € year, 2 accepted', async () => {
  const { schema, a, b, close } = await pair({
    envelopes: [envelope({ totalCents: 500_00, yearlyCents: { '2024': 500_00 } })],
  });
  try {
    const A = appOn(a),
      B = appOn(b);
    const sites = [...a.all('establishments')].map((e) => e.finess);
    const drafts = sites.flatMap((finess) =>
      ['act-ad', 'act-exe'].map((actionId) => ({ envelopeId: 'env-a', finess, actionId, amounts: { '2024': 200_00 } })),
    );
    assert.is(drafts.length, 10);
    await A.call(USERS.planner, 'GET', '/api/me');
    await B.call(USERS.planner, 'GET', '/api/me');
    const answers = await Promise.all(
      drafts.map((d, i) => (i % 2 ? B : A).call(USERS.planner, 'POST', '/api/allocations', d)),
    );
    const statuses = answers.map((r) => r.status).sort();
    assert.equal(
      statuses,
      [201, 201, 422, 422, 422, 422, 422, 422, 422, 422],
      JSON.stringify(answers.map((r) => r.json)),
    );
    await sleep(50);
    for (const s of [a, b]) {
      await s.transact({ now: NOW }, () => undefined); // a caught-up instance
      const held = [...s.all('allocations')].reduce((t, al) => t + (al.amounts['2024'] ?? 0), 0);
      assert.is(held, 400_00);
    }
    const [row] = await sql<{ allocated: string }>(
      schema,
      'SELECT sum(allocated_cents) AS allocated FROM v_allocations_by_establishment_year WHERE year = 2024',
    );
    assert.is(Number(row!.allocated), 400_00);
  } finally {
    await close();
  }
});

it('After writes from both instances the audit chain verifies on each and on a third opened from the tables', async () => {
  const { schema, a, b, close } = await pair();
  try {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).transact({ now: NOW, actor: USERS.planner }, (tx) => {
          tx.put('allocations', allocation(`al-${i}`, { finess: F1, actionId: 'act-ad', amounts: { '2023': i } }));
          if (i > 2) tx.remove('allocations', `al-${i - 3}`);
        }),
      ),
    );
    await a.transact({ now: NOW }, () => undefined);
    await b.transact({ now: NOW }, () => undefined);
    const c = await openPg({ schema, seed: noSeed });
    try {
      for (const s of [a, b, c]) {
        const v = await s.verifyAudit();
        assert.is(v.problem, null, JSON.stringify(v.problem));
        assert.equal(v.head, c.head());
      }
      assert.equal(a.exportData(), c.exportData());
      assert.equal(b.exportData(), c.exportData());
      // which removals found their record depends on how the two queues interleaved; the
      // table and every instance agree on the outcome
      const [n] = await sql<{ n: string }>(schema, 'SELECT count(*) AS n FROM allocations');
      assert.is(c.count('allocations'), Number(n!.n));
      assert.ok(c.count('allocations') >= 3 && c.count('allocations') < 20);
    } finally {
      await c.close();
    }
  } finally {
    await close();
  }
});

it('A database gone: writes are StoreUnavailable (503, Retry-After) with nothing applied, reads go on with Jalon-Stale; back, it reconnects by itself', async () => {
  const schema = freshSchema();
  const r = await relay();
  const store = (await openPg({
    url: r.url,
    schema,
    seed: () => smallData(),
    dropSchemaOnClose: true,
    pollMs: 100,
  })) as PgStore;
  try {
    const A = appOn(store);
    assert.is((await A.call(USERS.planner, 'GET', '/api/allocations')).status, 200);
    const before = store.exportData();
    await r.cut();
    const err = await store
      .transact({ now: NOW }, (tx) => tx.put('actions', action('act-lost')))
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.instance(err, StoreUnavailable);
    assert.equal(store.exportData(), before);
    const at = performance.now();
    while (!store.staleSince()) {
      if (performance.now() - at > 3000) assert.unreachable('not stale 3 s after the database went');
      await sleep(20);
    }
    const read = await A.call(USERS.planner, 'GET', '/api/allocations');
    assert.is(read.status, 200);
    assert.is(read.headers.get('jalon-stale'), store.staleSince());
    const write = await A.call(USERS.planner, 'POST', '/api/allocations', {
      envelopeId: 'env-a',
      finess: F1,
      actionId: 'act-ad',
      amounts: { '2024': 1_00 },
    });
    assert.is(write.status, 503);
    assert.is(write.headers.get('retry-after'), '5');
    assert.match(write.headers.get('content-type')!, /application\/problem\+json/);
    assert.equal(store.exportData(), before);
    // back: the next poll finds it, the header goes, writes land
    await r.restore();
    const back = performance.now();
    while (store.staleSince()) {
      if (performance.now() - back > 5000) assert.unreachable('still stale 5 s after the database came back');
      await sleep(20);
    }
    const fresh = await A.call(USERS.planner, 'GET', '/api/allocations');
    assert.is(fresh.headers.get('jalon-stale'), null);
    await store.transact({ now: NOW }, (tx) => tx.put('actions', action('act-after')));
    assert.ok(store.get('actions', 'act-after'));
    assert.is(store.get('actions', 'act-lost'), undefined);
    assert.equal(await sql(schema, "SELECT id FROM actions WHERE id IN ('act-lost', 'act-after')"), [
      { id: 'act-after' },
    ]);
  } finally {
    await r.restore();
    await store.close();
    await r.cut();
  }
});

it('A writer that holds the lock too long elsewhere: the write is refused as unavailable after the wait, memory unchanged, not stale', async () => {
  const schema = freshSchema();
  const store = await openPg({ schema, seed: () => smallData(), dropSchemaOnClose: true, lockWaitMs: 300 });
  const holder = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(${0x4a61_6c6e}, hashtext(current_schema()))`);
    const before = store.exportData();
    const at = performance.now();
    const err = await store
      .transact({ now: NOW }, (tx) => tx.put('actions', action('act-wait')))
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.instance(err, StoreUnavailable);
    assert.ok(performance.now() - at >= 250);
    assert.equal(store.exportData(), before);
    assert.is(store.staleSince(), null);
    await holder.query('COMMIT');
    await store.transact({ now: NOW }, (tx) => tx.put('actions', action('act-wait')));
    assert.ok(store.get('actions', 'act-wait'));
  } finally {
    await holder.end();
    await store.close();
  }
});

it('An instance away while the change rows it missed were pruned reloads what changed from the tables, and writes on after', async () => {
  const schema = freshSchema();
  const r = await relay();
  const a = await openPg({ schema, seed: () => smallData(), dropSchemaOnClose: true });
  const b = await openPg({ url: r.url, schema, seed: noSeed, pollMs: 100 });
  try {
    await a.transact({ now: NOW }, (tx) => {
      tx.put('actions', action('act-kept', { title: 'avant' }));
      tx.put('actions', action('act-gone'));
    });
    await b.catchUp();
    assert.ok(b.get('actions', 'act-gone'));
    await r.cut();
    await a.transact({ now: NOW }, (tx) => tx.put('actions', { ...tx.get('actions', 'act-kept')!, title: 'après' }));
    await a.transact({ now: NOW }, (tx) => tx.remove('actions', 'act-gone'));
    await a.transact({ now: NOW }, (tx) => tx.put('actions', action('act-new')));
    // the rows B would replay are gone: only the last one is left
    await sql(schema, 'DELETE FROM jalon_changes WHERE seq < (SELECT max(seq) FROM jalon_changes)');
    await r.restore();
    const at = performance.now();
    while (b.version !== a.version) {
      if (performance.now() - at > 5000) assert.unreachable('b did not catch up within 5 s');
      await sleep(20);
    }
    assert.equal(b.exportData(), a.exportData());
    assert.equal(b.head(), a.head());
    assert.is(b.get('actions', 'act-kept')!.title, 'après');
    assert.is(b.get('actions', 'act-gone'), undefined);
    await b.transact({ now: NOW }, (tx) => tx.put('actions', action('act-from-b')));
    await a.catchUp();
    assert.equal(a.exportData(), b.exportData());
    assert.is((await b.verifyAudit()).problem, null);
  } finally {
    await b.close();
    await a.close();
    await r.cut();
  }
});

test.run();
