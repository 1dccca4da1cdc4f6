// The only code that calls fetch: JSON in and out, problem+json errors as ApiError.
import type { Problem } from '../../server/contract/plan.js';
import { t } from '../i18n/common.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }
  /** Message of the field `path` (or one under it), if the API named one. */
  fieldMessage(path: string): string | undefined {
    return this.problem.errors?.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;
  }
}

/** What a refused write says beside the field `path` (a grid's cell): the API's detail, else its
 *  message for that field; any other failure's own message. */
export const refusalOf = (err: unknown, path: string): string =>
  err instanceof ApiError
    ? (err.problem.detail ?? err.fieldMessage(path) ?? err.message)
    : err instanceof Error
      ? err.message
      : String(err);

export interface Sent<T> {
  data: T;
  etag: string | null;
}

/** Listeners learn that the session ended (401 outside the login call). */
export const sessionEvents = new EventTarget();

export const send = async <T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Sent<T>> => {
  // A file (Blob) goes as it is, with the Content-Type the caller gives; a FormData as
  // multipart/form-data, the browser writing the boundary; anything else as JSON.
  const raw = body instanceof Blob || body instanceof FormData;
  const h: Record<string, string> = {
    Accept: 'application/json',
    ...(body !== undefined && !raw ? { 'Content-Type': 'application/json' } : {}),
    ...headers,
  };
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: h,
      body: body === undefined ? undefined : raw ? (body as Blob | FormData) : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { status: 0, title: t.errors.network, detail: t.errors.networkDetail });
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const p = (json && typeof json === 'object' ? json : { status: res.status, title: t.errors.generic }) as Problem;
    if (res.status === 401 && path !== '/api/session' && path !== '/api/me')
      sessionEvents.dispatchEvent(new Event('expired'));
    throw new ApiError(res.status, { ...p, status: res.status });
  }
  return { data: json as T, etag: res.headers.get('ETag') };
};

export const get = async <T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return (await send<T>('GET', qs ? `${path}?${qs}` : path)).data;
};

const PAGE = 1000;
const PARALLEL = 4;

/** Reads every page of a paged list (the API caps a page at 1,000): the first page gives the
 *  total, the others are asked for at once, a few at a time (14 pages for a national envelope). */
export const getAll = async <T>(
  path: string,
  query: Record<string, string | number | undefined> = {},
): Promise<{ items: T[]; total: number }> => {
  const page = (offset: number) => get<{ items: T[]; total: number }>(path, { ...query, limit: PAGE, offset });
  const first = await page(0);
  const offsets: number[] = [];
  for (let o = PAGE; o < first.total; o += PAGE) offsets.push(o);
  const rest: T[][] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, offsets.length) }, async () => {
      for (let k = next++; k < offsets.length; k = next++) rest[k] = (await page(offsets[k]!)).items;
    }),
  );
  return { items: first.items.concat(...rest), total: first.total };
};

export const ifMatch = (rev: string) => ({ 'If-Match': `"${rev}"` });
