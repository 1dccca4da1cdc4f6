// The API property suites' runs: every account logs in once, on a store built from the seed; each
// run then gets a store of its own from a copy of that data (the sessions with it) and calls the
// API as one of the accounts, with the headers the web app sends.
import { createApp } from '../../server/app.js';
import { DEMO_PASSWORD, fixedClock } from './app.js';
import { testStore, type Seed } from './stores.js';

export interface Answer {
  status: number;
  json: any;
}

/** `emails` logged in on the seed's store; the function it resolves to gives each run its store
 *  and `call(who, …)`, `who` an index in `emails`. */
export const loggedInRuns = async (seed: Seed, emails: readonly string[]) => {
  const clock = fixedClock();
  const base = await testStore(seed);
  const baseApp = createApp({ store: base, clock });
  const cookies: string[] = [];
  for (const email of emails) {
    const r = await baseApp.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status}`);
    cookies.push(r.headers.get('set-cookie')!.split(';')[0]!);
  }
  const data = base.exportData();
  return async () => {
    const store = await testStore(() => structuredClone(data));
    const app = createApp({ store, clock });
    const call = async (
      who: number,
      method: string,
      path: string,
      body?: unknown,
      extra: Record<string, string> = {},
    ): Promise<Answer> => {
      const headers: Record<string, string> = { cookie: cookies[who]!, ...extra };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await app.request(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: res.status === 204 ? null : await res.json() };
    };
    return { store, call };
  };
};
