// Assertions shared by the suites: domain refusals and "nothing changed".
import * as assert from 'uvu/assert';
import { DomainError } from '../../server/domain/errors.js';
import { STATUS_OF } from '../../server/http/problem.js';
import type { Store } from '../../server/store/store.js';

/** Runs fn, expects a DomainError of the kind the API answers with this status; returns it. */
export const refuses = (fn: () => unknown, status: number, detailIncludes?: string): DomainError => {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    assert.is(STATUS_OF[e.kind], status, `status of ${e.kind} (detail: ${e.detail})`);
    if (detailIncludes)
      assert.ok(e.detail?.includes(detailIncludes), `detail « ${e.detail} » should include « ${detailIncludes} »`);
    return e;
  }
  assert.unreachable(`expected a ${status} refusal`);
  throw new Error('unreachable');
};

/** Runs a refused request and checks the whole data file is the same before and after. */
export const unchanged = async <T>(store: Store, fn: () => Promise<T>): Promise<T> => {
  const before = store.exportData();
  const out = await fn();
  assert.equal(store.exportData(), before, 'the store changed after a refused request');
  return out;
};

/** problem+json with the expected status and, if given, an errors[] entry at this path. */
export const isProblem = (
  res: { status: number; headers: Headers; json: any },
  status: number,
  path?: string,
): void => {
  assert.is(res.status, status, `status ${res.status}: ${JSON.stringify(res.json)}`);
  assert.ok(
    res.headers.get('content-type')?.startsWith('application/problem+json'),
    `content-type ${res.headers.get('content-type')}`,
  );
  assert.is(res.json.status, status);
  assert.type(res.json.title, 'string');
  if (path !== undefined) {
    const paths = (res.json.errors ?? []).map((e: { path: string }) => e.path);
    assert.ok(paths.includes(path), `errors[].path ${JSON.stringify(paths)} should include ${path}`);
  }
  const text = JSON.stringify(res.json);
  assert.not.match(
    text,
    /\bat .+:\d+:\d+|\/work\/|node_modules|\.ts\b/,
    'no stack trace nor file path in an error body',
  );
};
