// Content-Type and If-Match, read to the letter: only JSON media types are parsed as JSON, and
// If-Match compares entity-tags strongly (RFC 9110 §13.1.1).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO_PASSWORD } from '../helpers/app.js';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const action = JSON.stringify({ code: 'NEW', title: 'Nouvelle', axis: 1 });

const ctx = async () => {
  const s = await smallSetup({ allocations: [allocation('al-1', { amounts: { '2024': 1 } })] });
  const planner = s.as(USERS.planner);
  await planner.get('/api/me');
  const login = await s.app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: USERS.planner, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  /** POST /api/actions with this Content-Type (none when null), as a client that is not ours would. */
  const raw = async (type: string | null, body = action) => {
    const headers: Record<string, string> = type === null ? { cookie } : { cookie, 'content-type': type };
    const res = await s.app.request('/api/actions', { method: 'POST', headers, body });
    return { status: res.status, headers: res.headers, json: await res.json() };
  };
  return { ...s, planner, raw };
};

test('A body whose media type is not application/json or +json is 415 (problem+json), even when "json" appears elsewhere; nothing changes', async () => {
  const { raw, store } = await ctx();
  for (const type of [
    'text/plain; x=json',
    'text/plain;charset=utf-8;json',
    'application/jsonx',
    'application/x-www-form-urlencoded',
    'text/json',
    null,
  ]) {
    const r = await unchanged(store, () => raw(type));
    isProblem(r, 415);
    assert.is(r.json.title, 'Type de contenu non pris en charge');
    assert.match(
      r.json.detail,
      /^Corps JSON attendu \(Content-Type: application\/json ou un type \+json\) ; reçu : /,
      String(type),
    );
  }
  // a long header is quoted short
  const long = await raw(`text/plain; x=${'j'.repeat(500)}`);
  assert.ok(long.json.detail.length < 200, long.json.detail);
});

test('application/json with parameters, in any case, and +json types are parsed', async () => {
  const { raw } = await ctx();
  const types = [
    'application/json',
    'Application/JSON; charset=utf-8',
    'application/merge-patch+json',
    'application/vnd.jalon.v1+json ; charset=UTF-8',
  ];
  for (const [i, type] of types.entries()) {
    const r = await raw(type, JSON.stringify({ code: `NEW-${i}`, title: 'Nouvelle', axis: 1 }));
    assert.is(r.status, 201, `${type}: ${JSON.stringify(r.json)}`);
  }
});

test('A weak ETag in If-Match never matches: 412 and nothing changes; the strong one, one in a list, and * match', async () => {
  const { planner, store } = await ctx();
  const etagOf = async () => (await planner.get('/api/actions/act-ad')).headers.get('etag')!;
  const tag = await etagOf();
  for (const h of [`W/${tag}`, ` W/${tag} `, `"x", W/${tag}`]) {
    const r = await unchanged(store, () =>
      planner.patch('/api/actions/act-ad', { title: 'Renommée' }, { 'if-match': h }),
    );
    isProblem(r, 412);
    assert.match(r.json.detail, /sans « W\/ »/, h);
  }
  // an unquoted rev is no entity-tag either
  isProblem(
    await unchanged(store, async () =>
      planner.patch('/api/actions/act-ad', { title: 'Renommée' }, { 'if-match': tag.replace(/"/g, '') }),
    ),
    412,
  );
  isProblem(await unchanged(store, async () => planner.del('/api/actions/act-ad', { 'if-match': `W/${tag}` })), 412);
  for (const h of [tag, `"x", ${tag}`, `W/"x", ${tag}`, '*']) {
    const ok = await planner.patch(
      '/api/actions/act-ad',
      { title: `Renommée ${h}` },
      { 'if-match': h === '*' ? h : h.replace(tag, await etagOf()) },
    );
    assert.is(ok.status, 200, `${h}: ${JSON.stringify(ok.json)}`);
  }
});

test('Approve with a weak If-Match is 412 too', async () => {
  const s = await ctx();
  const reviewer = s.as(USERS.reviewer);
  await reviewer.get('/api/me');
  isProblem(
    await unchanged(s.store, () => reviewer.post('/api/allocations/al-1/approve', {}, { 'if-match': 'W/"1"' })),
    412,
  );
  assert.is((await reviewer.post('/api/allocations/al-1/approve', {}, { 'if-match': '"1"' })).status, 200);
});

test.run();
