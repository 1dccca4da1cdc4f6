// Where a request comes from and which origin it was sent to. X-Forwarded-* headers are anyone's
// to write: they count only when JALON_TRUST_PROXY says how many proxies in front of us add them.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export interface Exposure {
  /** The public origin (JALON_ORIGIN), e.g. `https://jalon.example.fr`: when set, the origin check
   *  compares against it, whatever the Host header says, and cookies are Secure over https. */
  origin?: string;
  /** How many reverse proxies in front of us write X-Forwarded-* (JALON_TRUST_PROXY); 0: none. */
  trustProxy?: number;
}

/** The value the outermost trusted proxy wrote: each proxy appends to the list, so the entries
 *  left of it came from the client and may be forged. */
const forwarded = (c: Context, name: string, hops: number): string | undefined => {
  if (hops <= 0) return undefined;
  const list = (c.req.header(name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list[Math.max(0, list.length - hops)] : undefined;
};

const socketAddress = (c: Context): string => {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  } // app.request() has no socket
};

export const clientAddress = (c: Context, { trustProxy = 0 }: Exposure): string =>
  forwarded(c, 'x-forwarded-for', trustProxy) ?? socketAddress(c);

/** The origin this request was addressed to: JALON_ORIGIN when set, else what Host (or a trusted
 *  proxy's X-Forwarded-Host and -Proto) says. */
export const requestOrigin = (c: Context, { origin, trustProxy = 0 }: Exposure): string => {
  if (origin) return origin;
  const url = new URL(c.req.url);
  const proto = forwarded(c, 'x-forwarded-proto', trustProxy)?.toLowerCase();
  const host = forwarded(c, 'x-forwarded-host', trustProxy);
  return `${proto === 'https' || proto === 'http' ? `${proto}:` : url.protocol}//${host ?? url.host}`;
};

export const isHttps = (c: Context, exposure: Exposure): boolean => requestOrigin(c, exposure).startsWith('https:');
