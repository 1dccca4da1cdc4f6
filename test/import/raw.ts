// Raw-body requests (files, streams) for the import and export suites: the shared helper sends JSON.
import type { App } from '../../server/app.js';
import { DEMO_PASSWORD } from '../helpers/app.js';

export const cookieFor = async (app: App, email: string): Promise<string> => {
  const res = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
};

export const upload = async (
  app: App,
  email: string,
  path: string,
  body: BodyInit,
  type = 'text/csv',
  headers: Record<string, string> = {},
) => {
  const res = await app.request(path, {
    method: 'POST',
    body,
    headers: { cookie: await cookieFor(app, email), 'content-type': type, ...headers },
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json, text };
};

export const download = async (app: App, email: string, path: string) => {
  const res = await app.request(path, { headers: { cookie: await cookieFor(app, email) } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
};
