// The declaration routes on the engine under test: multipart declare with evidence files, the
// lists and the download scoped by who asks, the two checks, and refusals that write nothing
// (no record, no file).
import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import {
  declarationForm as form,
  formClient,
  fundingWindow,
  jpeg,
  pdf,
  png,
  windowRecords,
} from '../helpers/declarations.js';
import { F1 } from '../helpers/plan.js';
import { ARS, regionalSetup } from '../helpers/regional.js';
import { USERS } from '../helpers/small.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const FIELDS = { objective: 'D1-AD-1', achievedOn: '2026-11-02' };

const setup = async () => {
  const s = await regionalSetup(windowRecords());
  const forms = formClient(s.app);
  // sessions opened first: a refused request must leave the store as it was
  for (const who of [
    USERS.etab,
    USERS.etab2,
    USERS.planner,
    USERS.reviewer,
    ARS.planner,
    ARS.plannerAra,
    ARS.reviewer,
  ]) {
    await s.as(who).get('/api/me');
    await forms.download(who, '/api/me');
  }
  return { ...s, forms };
};

test('An establishment declares an objective with its evidence: 201, files stored by SHA-256 and typed by their bytes, pending the ARS', async () => {
  const { forms, as, store } = await setup();
  // Given F1's granted application, When its account declares D1-AD-1 with a PDF and a PNG
  const r = await forms.declare(
    USERS.etab,
    'app-f1',
    form({ ...FIELDS, comment: 'Restauration testée le 02/11' }, [
      { name: 'C:\\fakepath\\procès-verbal.pdf', bytes: pdf('pv') },
      // the type the browser claims is not what counts
      { name: 'capture.png', bytes: png('capture'), type: 'application/pdf' },
    ]),
  );
  // Then
  assert.is(r.status, 201, JSON.stringify(r.json));
  assert.is(r.headers.get('location'), `/api/declarations/${r.json.id}`);
  assert.is(r.headers.get('etag'), `"${r.json.rev}"`);
  assert.equal(
    {
      state: r.json.state,
      objective: r.json.objective,
      achievedOn: r.json.achievedOn,
      comment: r.json.comment,
      by: r.json.createdBy,
      finess: r.json.finess,
      region: r.json.region,
      windowId: r.json.windowId,
    },
    {
      state: 'pending_ars',
      objective: 'D1-AD-1',
      achievedOn: '2026-11-02',
      comment: 'Restauration testée le 02/11',
      by: USERS.etab,
      finess: F1,
      region: '11',
      windowId: 'win-d1',
    },
  );
  assert.equal(r.json.evidence, [
    { sha256: sha(pdf('pv')), name: 'procès-verbal.pdf', type: 'application/pdf', size: pdf('pv').length },
    { sha256: sha(png('capture')), name: 'capture.png', type: 'image/png', size: png('capture').length },
  ]);
  assert.equal(await store.files().get(sha(pdf('pv'))), pdf('pv'));
  // the application's list and the establishment's list show it; so does the declaration itself
  const list = await as(USERS.etab).get('/api/applications/app-f1/declarations');
  assert.equal([list.status, list.json.total, list.json.items[0].id], [200, 1, r.json.id]);
  assert.equal(
    (await as(USERS.etab).get('/api/declarations')).json.items.map((d: any) => d.id),
    [r.json.id],
  );
  const one = await as(USERS.etab).get(`/api/declarations/${r.json.id}`);
  assert.equal([one.status, one.headers.get('etag')], [200, `"${r.json.rev}"`]);
  // the audit trail has the write
  const events = await store.auditEvents();
  assert.ok(events.some((e) => e.entity === 'declarations' && e.id === r.json.id && e.actor === USERS.etab));
});

test('Download: an attachment of the type told at upload, nosniff, sandboxed; only to who may read the declaration', async () => {
  const { forms } = await setup();
  const r = await forms.declare(
    USERS.etab,
    'app-f1',
    form(FIELDS, [{ name: 'preuve « finale ».jpg', bytes: jpeg('x') }]),
  );
  assert.is(r.status, 201);
  const path = `/api/declarations/${r.json.id}/files/${sha(jpeg('x'))}`;
  for (const who of [USERS.etab, ARS.planner, USERS.reviewer, USERS.planner]) {
    const res = await forms.download(who, path);
    assert.is(res.status, 200, who);
    assert.equal(new Uint8Array(await res.arrayBuffer()), jpeg('x'));
    assert.is(res.headers.get('content-type'), 'image/jpeg');
    assert.is(res.headers.get('x-content-type-options'), 'nosniff');
    assert.is(
      res.headers.get('content-disposition'),
      `attachment; filename="preuve---finale--.jpg"; filename*=UTF-8''preuve%20%C2%AB%20finale%20%C2%BB.jpg`,
    );
    assert.match(res.headers.get('content-security-policy')!, /sandbox/);
    assert.is(res.headers.get('cache-control'), 'private, no-store');
  }
  // another establishment, another region's ARS: 404, as for a declaration that does not exist
  for (const who of [USERS.etab2, ARS.plannerAra]) assert.is((await forms.download(who, path)).status, 404, who);
  // a SHA-256 the declaration does not name, even one stored for another declaration
  const other = await forms.declare(USERS.etab2, 'app-f2', form(FIELDS, [{ name: 'b.pdf', bytes: pdf('f2') }]));
  assert.is(other.status, 201);
  assert.is((await forms.download(USERS.etab, `/api/declarations/${r.json.id}/files/${sha(pdf('f2'))}`)).status, 404);
  assert.is(
    (await forms.download(USERS.etab, `/api/declarations/${r.json.id}/files/..%2F..%2Fjalon.json`)).status,
    404,
  );
});

test('Refusals write nothing, neither a record nor a file: type, size, count, objective, state, phase, scope, media type', async () => {
  const { forms, store, clock } = await setup();
  const text = new TextEncoder().encode('pas une preuve');
  const big = new Uint8Array(10 * 1024 * 1024 + 1);
  big.set(pdf('big'));
  const refused = async (
    who: string,
    app: string,
    body: FormData | string,
    status: number,
    path?: string,
    headers?: Record<string, string>,
  ) => {
    const r = await unchanged(store, () => forms.declare(who, app, body, headers));
    isProblem(r, status, path);
    return r;
  };
  // a file that is no PDF, PNG nor JPEG (whatever its name), named in the answer
  const bad = await refused(
    USERS.etab,
    'app-f1',
    form(FIELDS, [
      { name: 'ok.pdf', bytes: pdf('ok') },
      { name: 'faux.pdf', bytes: text },
    ]),
    422,
    'files.1',
  );
  assert.match(bad.json.detail, '« faux.pdf »');
  // more than 10 MB
  assert.match(
    (await refused(USERS.etab, 'app-f1', form(FIELDS, [{ name: 'gros.pdf', bytes: big }]), 422, 'files.0')).json.detail,
    '10 Mo',
  );
  // none, six
  await refused(USERS.etab, 'app-f1', form(FIELDS, []), 422, 'files');
  await refused(
    USERS.etab,
    'app-f1',
    form(
      FIELDS,
      Array.from({ length: 6 }, (_, i) => ({ name: `${i}.pdf`, bytes: pdf(String(i)) })),
    ),
    422,
    'files',
  );
  // an objective not committed to, a draft application, a missing or malformed field
  await refused(
    USERS.etab,
    'app-f1',
    form({ ...FIELDS, objective: 'D1-AD-3' }, [{ name: 'a.pdf', bytes: pdf('o') }]),
    422,
    'objective',
  );
  await refused(USERS.etab, 'app-f1-draft', form(FIELDS, [{ name: 'a.pdf', bytes: pdf('d') }]), 422, 'applicationId');
  await refused(
    USERS.etab,
    'app-f1',
    form({ objective: 'D1-AD-1' }, [{ name: 'a.pdf', bytes: pdf('m') }]),
    400,
    'achievedOn',
  );
  await refused(
    USERS.etab,
    'app-f1',
    form({ ...FIELDS, achievedOn: '02/11/2026' }, [{ name: 'a.pdf', bytes: pdf('m') }]),
    400,
    'achievedOn',
  );
  // another establishment's application: 404 (it is not told it exists); a JSON body: 415; staff: 403
  await refused(USERS.etab2, 'app-f1', form(FIELDS, [{ name: 'a.pdf', bytes: pdf('s') }]), 404);
  await refused(USERS.etab, 'app-f1', JSON.stringify(FIELDS), 415, undefined, { 'content-type': 'application/json' });
  await refused(USERS.planner, 'app-f1', form(FIELDS, [{ name: 'a.pdf', bytes: pdf('p') }]), 403);
  // out of the declaration phase, naming its dates (2027-01-05: after declarationsClose)
  clock.set('2027-01-05T10:00:00.000Z');
  await forms.relogin(USERS.etab); // the sessions of the 29th have expired
  assert.match(
    (await refused(USERS.etab, 'app-f1', form(FIELDS, [{ name: 'a.pdf', bytes: pdf('late') }]), 422, 'phase')).json
      .detail,
    'Déclarations du 01/06/2026 au 31/12/2026',
  );
  // no file of any refused request was kept
  for (const b of [pdf('ok'), text, big, pdf('o'), pdf('d'), pdf('m'), pdf('s'), pdf('p'), pdf('late'), pdf('0')])
    assert.is(await store.files().get(sha(b)), undefined);
});

test('Two declarations of one objective at once: one is taken, the other refused in its transaction, and its files go', async () => {
  const { forms, store } = await setup();
  const [a, b] = await Promise.all([
    forms.declare(
      USERS.etab,
      'app-f1',
      form(FIELDS, [
        { name: 'a.pdf', bytes: pdf('first') },
        { name: 'commun.png', bytes: png('shared') },
      ]),
    ),
    forms.declare(
      USERS.etab,
      'app-f1',
      form(FIELDS, [
        { name: 'b.pdf', bytes: pdf('second') },
        { name: 'commun.png', bytes: png('shared') },
      ]),
    ),
  ]);
  const statuses = [a.status, b.status].sort();
  assert.equal(statuses, [201, 422]);
  const [won, lost] = a.status === 201 ? [pdf('first'), pdf('second')] : [pdf('second'), pdf('first')];
  assert.match((a.status === 422 ? a : b).json.detail, 'déjà déclaré : contrôle ARS en attente');
  assert.equal(await store.files().get(sha(won)), won);
  assert.is(await store.files().get(sha(lost)), undefined);
  // the file both sent is kept: the declaration taken names it
  assert.equal(await store.files().get(sha(png('shared'))), png('shared'));
  assert.is([...store.all('declarations')].length, 1);
});

test('Checks: the ARS (its region’s planner) then the ANS (a national reviewer); refusals change nothing', async () => {
  const { forms, as, store, clock, login } = await setup();
  const d = (await forms.declare(USERS.etab, 'app-f1', form(FIELDS, [{ name: 'a.pdf', bytes: pdf('c') }]))).json;
  const f2 = (await forms.declare(USERS.etab2, 'app-f2', form(FIELDS, [{ name: 'b.pdf', bytes: pdf('c2') }]))).json;
  const check = (who: string, id: string, body: unknown, headers?: Record<string, string>) =>
    as(who).post(`/api/declarations/${id}/check`, body, headers);
  const ars = { level: 'ars', verdict: 'conforme' };
  const ans = { level: 'ans', verdict: 'conforme' };
  // the ANS before the ARS
  isProblem(await unchanged(store, () => check(USERS.reviewer, d.id, ans)), 422, 'level');
  // another region's ARS does not see it; an establishment may not check; an ARS reviewer may not check the ARS level
  isProblem(await unchanged(store, () => check(ARS.plannerAra, d.id, ars)), 404);
  isProblem(await unchanged(store, () => check(USERS.etab, d.id, ars)), 403);
  isProblem(await unchanged(store, () => check(ARS.reviewer, d.id, ars)), 403);
  // a stale If-Match, a bad body
  isProblem(await unchanged(store, () => check(ARS.planner, d.id, ars, { 'if-match': '"old"' })), 412);
  isProblem(await unchanged(store, () => check(ARS.planner, d.id, { level: 'ars', verdict: 'oui' })), 400, 'verdict');
  // When the IdF ARS planner says conforme (with the version read)
  const a = await check(ARS.planner, d.id, ars, { 'if-match': `"${d.rev}"` });
  assert.is(a.status, 200, JSON.stringify(a.json));
  assert.equal(
    [a.json.state, a.json.arsCheck.by, a.headers.get('etag')],
    ['pending_ans', ARS.planner, `"${a.json.rev}"`],
  );
  // given once
  isProblem(await unchanged(store, () => check(USERS.planner, d.id, ars)), 422);
  // the ANS: not an ARS reviewer, not a planner; a national reviewer
  isProblem(await unchanged(store, () => check(ARS.reviewer, d.id, ans)), 403);
  isProblem(await unchanged(store, () => check(USERS.planner, d.id, ans)), 403);
  const n = await check(USERS.reviewer, d.id, ans);
  assert.equal([n.status, n.json.state, n.json.ansCheck.by], [200, 'achieved', USERS.reviewer]);
  // F2's: non conforme without a reason is refused; with one, it is recorded and F2 may declare again
  isProblem(
    await unchanged(store, () => check(ARS.plannerAra, f2.id, { level: 'ars', verdict: 'non_conforme' })),
    422,
    'reason',
  );
  const k = await check(ARS.plannerAra, f2.id, { level: 'ars', verdict: 'non_conforme', reason: 'Preuve illisible' });
  assert.equal([k.status, k.json.state, k.json.arsCheck.reason], [200, 'refused_ars', 'Preuve illisible']);
  assert.is(
    (await forms.declare(USERS.etab2, 'app-f2', form(FIELDS, [{ name: 'c.pdf', bytes: pdf('again') }]))).status,
    201,
  );
  // after arsChecksEnd (2027-01-31): the ARS level is closed
  const late = (
    await forms.declare(
      USERS.etab,
      'app-f1',
      form({ ...FIELDS, objective: 'D1-AD-2' }, [{ name: 'd.pdf', bytes: pdf('l') }]),
    )
  ).json;
  clock.set('2027-02-01T10:00:00.000Z');
  await login(ARS.planner); // the sessions of the 29th have expired
  isProblem(await unchanged(store, () => check(ARS.planner, late.id, ars)), 422, 'phase');
});

test('Lists are scoped: an ARS account its region’s, an establishment its own, national staff all; filters by window, state, region', async () => {
  const { forms, as, clock } = await setup();
  const d1 = (await forms.declare(USERS.etab, 'app-f1', form(FIELDS, [{ name: 'a.pdf', bytes: pdf('l1') }]))).json;
  clock.advance(60_000); // the lists go by creation
  const d2 = (
    await forms.declare(
      USERS.etab,
      'app-f1',
      form({ ...FIELDS, objective: 'D1-AD-2' }, [{ name: 'b.pdf', bytes: pdf('l2') }]),
    )
  ).json;
  clock.advance(60_000);
  const d3 = (await forms.declare(USERS.etab2, 'app-f2', form(FIELDS, [{ name: 'c.pdf', bytes: pdf('l3') }]))).json;
  await as(ARS.planner).post(`/api/declarations/${d2.id}/check`, { level: 'ars', verdict: 'conforme' });
  const ids = async (who: string, q = '') =>
    (await as(who).get(`/api/declarations${q}`)).json.items.map((d: any) => d.id);
  assert.equal(await ids(USERS.reviewer), [d1.id, d2.id, d3.id]);
  assert.equal(await ids(ARS.planner), [d1.id, d2.id]);
  assert.equal(await ids(ARS.reviewerAra), [d3.id]);
  assert.equal(await ids(USERS.etab2), [d3.id]);
  assert.equal(await ids(USERS.reviewer, '?state=pending_ans'), [d2.id]);
  assert.equal(await ids(USERS.reviewer, '?state=pending_ars,achieved'), [d1.id, d3.id]);
  assert.equal(await ids(USERS.reviewer, '?region=84'), [d3.id]);
  assert.equal(await ids(ARS.planner, '?region=84'), []);
  assert.equal(await ids(USERS.planner, '?windowId=win-d2'), []);
  assert.equal(await ids(USERS.planner, '?applicationId=app-f2'), [d3.id]);
  const paged = await as(USERS.planner).get('/api/declarations?limit=1&offset=1');
  assert.equal([paged.json.total, paged.json.items.map((d: any) => d.id)], [3, [d2.id]]);
  isProblem(await as(USERS.planner).get('/api/declarations?state=perdu'), 400, 'state');
  // an application out of reach: 404 for its list and its declarations
  isProblem(await as(USERS.etab2).get('/api/applications/app-f1/declarations'), 404);
  isProblem(await as(ARS.plannerAra).get(`/api/declarations/${d1.id}`), 404);
  assert.is((await as(ARS.plannerAra).get('/api/applications/app-f2/declarations')).json.total, 1);
});

test('Body limit: the declaring route takes 5 files of 10 MB (51 MB), the rest of the API still 1 MB', async () => {
  const { forms, app } = await setup();
  // Given five files of exactly 10 MB, When declared, Then taken
  const files = Array.from({ length: 5 }, (_, i) => {
    const b = new Uint8Array(10 * 1024 * 1024);
    b.set(pdf(`lourd-${i}`));
    return { name: `${i}.pdf`, bytes: b };
  });
  const r = await forms.declare(USERS.etab, 'app-f1', form(FIELDS, files));
  assert.is(r.status, 201, JSON.stringify(r.json));
  assert.is(r.json.evidence.length, 5);
  // beyond 51 MB: 413 before anything is read
  const tooBig = await forms.declare(USERS.etab, 'app-f1', 'x', {
    'content-type': 'multipart/form-data; boundary=x',
    'content-length': String(52 * 1024 * 1024),
  });
  assert.is(tooBig.status, 413);
  assert.match(tooBig.json.detail, '51 Mo');
  // and a body sent without Content-Length (chunked) is counted as it comes: 413 once past 51 MB
  let sent = 0;
  const chunked = new ReadableStream<Uint8Array>({
    pull: (c) => {
      if (sent === 0)
        c.enqueue(
          new TextEncoder().encode('--x\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n'),
        );
      if (sent > 52 * 1024 * 1024) return c.close();
      sent += 1024 * 1024;
      c.enqueue(new Uint8Array(1024 * 1024));
    },
  });
  const streamed = await forms.declare(USERS.etab, 'app-f1', chunked, {
    'content-type': 'multipart/form-data; boundary=x',
  });
  assert.is(streamed.status, 413, JSON.stringify(streamed.json));
  assert.match(streamed.json.detail, '51 Mo');
  // the check route keeps the API's 1 MB
  const res = await app.request(`/api/declarations/${r.json.id}/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) },
    body: 'x',
  });
  assert.is(res.status, 413);
});

test('Through the whole API: apply, submit, grant (tranches), declare, ARS then ANS: only then is the tranche payable, to the cent', async () => {
  // Given a rolling window: applications and declarations open on the clock's day, nothing in the store but it
  const rolling = fundingWindow({
    id: 'win-rolling',
    code: 'D3',
    phases: {
      applicationsOpen: '2026-11-01',
      applicationsClose: '2026-12-15',
      instructionEnd: '2026-12-20',
      declarationsOpen: '2026-11-01',
      declarationsClose: '2026-12-31',
      arsChecksEnd: '2027-01-31',
      ansChecksEnd: '2027-02-28',
    },
  });
  const s = await regionalSetup({ windows: [rolling] } as Parameters<typeof regionalSetup>[0]);
  const forms = formClient(s.app);
  const etab = s.as(USERS.etab);
  const created = await etab.post('/api/windows/win-rolling/applications', {
    finess: F1,
    objectives: ['D1-AD-1', 'D1-AD-2'],
    requestedCents: 80_000,
  });
  assert.is(created.status, 201, JSON.stringify(created.json));
  const submitted = await etab.post(
    `/api/applications/${created.json.id}/submit`,
    {},
    { 'if-match': `"${created.json.rev}"` },
  );
  assert.is(submitted.status, 200, JSON.stringify(submitted.json));
  const granted = await s
    .as(ARS.planner)
    .post(
      `/api/applications/${created.json.id}/grant`,
      { amountCents: 50_000 },
      { 'if-match': `"${submitted.json.rev}"` },
    );
  assert.is(granted.status, 200, JSON.stringify(granted.json));
  const payable = async () =>
    (await s.as(USERS.reviewer).get('/api/payments/payable?windowId=win-rolling')).json as {
      items: Array<{ code: string; payableCents: number }>;
      totalCents: number;
    };
  assert.equal((await payable()).totalCents, 0);
  // When the establishment declares D1-AD-1 and both checks say conforme
  const d = await forms.declare(
    USERS.etab,
    created.json.id,
    form(FIELDS, [{ name: 'pv.pdf', bytes: pdf('bout-en-bout') }]),
  );
  assert.is(d.status, 201, JSON.stringify(d.json));
  assert.is(
    (await s.as(ARS.planner).post(`/api/declarations/${d.json.id}/check`, { level: 'ars', verdict: 'conforme' }))
      .status,
    200,
  );
  assert.equal((await payable()).totalCents, 0); // the ANS has not checked yet
  assert.is(
    (await s.as(USERS.reviewer).post(`/api/declarations/${d.json.id}/check`, { level: 'ans', verdict: 'conforme' }))
      .status,
    200,
  );
  // Then its tranche, 50,000 × 5,000 / 8,000 = 31,250 cents, is payable, and the other is not
  const after = await payable();
  assert.equal(
    after.items.map((t) => [t.code, t.payableCents]),
    [['D1-AD-1', 31_250]],
  );
  assert.is(after.totalCents, 31_250);
});

test('At most two declarations are read at once: a third, while two uploads are still coming, is told to come back (429, Retry-After), nothing written; once they end, declaring works again', async () => {
  const { forms, store } = await setup();
  await forms.relogin(USERS.etab); // logged in before: a login writes its session
  // two uploads that have sent their headers and part of their body, and wait
  const boundary = 'slow-upload';
  const slow = () => {
    let control!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        control = c;
        c.enqueue(
          new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="objective"\r\n\r\n`),
        );
      },
    });
    const answer = forms.declare(USERS.etab, 'app-f1', body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    return { answer, end: () => control.error(new Error('connection lost')) };
  };
  const first = slow(),
    second = slow();
  await new Promise((r) => setTimeout(r, 50));
  const third = await unchanged(store, () =>
    forms.declare(USERS.etab, 'app-f1', form(FIELDS, [{ name: 'pv.pdf', bytes: pdf('third') }])),
  );
  isProblem(third, 429);
  assert.is(third.headers.get('retry-after'), '5');
  assert.match(third.json.detail, /Trop de dépôts de pièces justificatives en cours/);
  // the two slow uploads fail (their connection is lost): nothing of them is kept either
  await unchanged(store, async () => {
    first.end();
    second.end();
    for (const r of [await first.answer, await second.answer]) assert.ok(r.status >= 400, String(r.status));
  });
  const again = await forms.declare(USERS.etab, 'app-f1', form(FIELDS, [{ name: 'pv.pdf', bytes: pdf('again') }]));
  assert.is(again.status, 201, JSON.stringify(again.json));
});

test.run();
