// The domain names a kind of refusal; server/http/problem.ts alone chooses its status and body.
import { Hono } from 'hono';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainError, stale, throttled, type ErrorKind } from '../../server/domain/errors.js';
import { onError, problemOf, STATUS_OF } from '../../server/http/problem.js';

const answering = (err: Error) => {
  const app = new Hono();
  app.onError(onError);
  app.get('/', () => {
    throw err;
  });
  return app.request('/');
};

test('each kind of refusal has its own status', () => {
  const kinds = Object.keys(STATUS_OF) as ErrorKind[];
  assert.equal(
    kinds.map((k) => problemOf(new DomainError(k, 'Titre', 'Détail')).status),
    [400, 401, 403, 404, 409, 412, 413, 415, 422, 428, 429],
  );
  assert.is(new Set(Object.values(STATUS_OF)).size, kinds.length);
});

test('a stale write is answered 412 problem+json with the domain title and detail', async () => {
  const res = await answering(stale('Modifié entre-temps', 'Rechargez.'));
  assert.is(res.status, 412);
  assert.is(res.headers.get('content-type'), 'application/problem+json');
  assert.equal(await res.json(), { status: 412, title: 'Modifié entre-temps', detail: 'Rechargez.', errors: [] });
});

test('a throttled attempt carries its delay to Retry-After', async () => {
  const res = await answering(throttled('Réessayez dans 30 s.', 30));
  assert.equal([res.status, res.headers.get('retry-after')], [429, '30']);
});

test('anything else is a 500 that tells nothing of the error', async () => {
  assert.equal(problemOf(new Error('/work/secret.ts:12')), {
    status: 500,
    title: 'Erreur interne',
    detail: 'Une erreur inattendue est survenue ; rien n’a été modifié.',
  });
});

test.run();
