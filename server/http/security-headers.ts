// The headers of Hono's secureHeaders on every answer, read once from secureHeaders itself, in two
// sets: pages (HTML, files) get the page policy; data (JSON answers) gets `default-src 'none'`, the
// strictest policy, since nothing in a JSON answer may run, load or be framed.
//
// Cost matters on the hot reads: a Headers object filled header by header is the dearest part of
// a small answer on @hono/node-server. So `respond()` builds an answer with every header in one
// plain object, which the server writes to the socket as it is; the middleware completes every
// other answer afterwards, keeping any header its handler chose.
//
// HSTS only when the public origin is https (JALON_ORIGIN): a browser ignores it over http, and an
// address served both ways must not be pinned to https by a header nobody asked for.
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { StatusCode } from 'hono/utils/http-status';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;
type CspOptions = NonNullable<Exclude<SecureHeadersOptions['contentSecurityPolicy'], boolean>>;

export const PAGE_CSP: CspOptions = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};
export const DATA_CSP: CspOptions = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };

const headersOf = async (contentSecurityPolicy: CspOptions): Promise<Record<string, string>> => {
  const probe = new Hono()
    .use('*', secureHeaders({ contentSecurityPolicy, strictTransportSecurity: false }))
    .get('/', (c) => c.body(null, 204));
  return Object.fromEntries((await probe.request('/')).headers);
};
const PAGE_HEADERS = Object.entries(await headersOf(PAGE_CSP));
const DATA_HEADERS = await headersOf(DATA_CSP);
const DATA_ENTRIES = Object.entries(DATA_HEADERS);

const isData = (type: string | null) =>
  !!type && /^application\/(?:[\w.+-]+\+)?json\b|^application\/x-ndjson\b/.test(type);

/** Marks answers built whole by respond(), which the middleware leaves alone (a property, not a
 *  WeakSet: one entry per answer made the garbage collector the dearest part of a request). */
const COMPLETE = Symbol('complete');
type Marked = Response & { [COMPLETE]?: true };

/** A data answer with every header set at once (security headers first, the caller's after). */
export const respond = (
  body: string | Uint8Array<ArrayBuffer> | null,
  status: StatusCode,
  headers: Record<string, string>,
): Response => {
  // Object.assign: ten times cheaper than a spread of these fifteen keys (V8 12)
  const res: Marked = new Response(body, { status, headers: Object.assign({}, DATA_HEADERS, headers) });
  res[COMPLETE] = true;
  return res;
};

/** One year, subdomains included (OWASP HTTP Strict Transport Security cheat sheet); no preload. */
export const HSTS = 'max-age=31536000; includeSubDomains';

export const securityHeaders =
  ({ hsts = false } = {}): MiddlewareHandler =>
  async (c, next) => {
    await next();
    // HSTS on a complete answer costs its Headers object: only deployments behind https pay it
    if (hsts) c.res.headers.set('strict-transport-security', HSTS);
    if ((c.res as Marked)[COMPLETE]) return;
    const h = c.res.headers;
    for (const [name, value] of isData(h.get('content-type')) ? DATA_ENTRIES : PAGE_HEADERS)
      if (!h.has(name)) h.set(name, value);
  };
