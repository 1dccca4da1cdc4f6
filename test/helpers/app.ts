// Test fixtures: a real store (in memory, or PostgreSQL: see stores.ts) seeded with the demo plan, a fixed clock, and a client
// that logs in as a role and sends JSON with the headers the web app sends.
import { readFileSync } from 'node:fs';
import { createApp } from '../../server/app.js';
import { hashPassword } from '../../server/auth/passwords.js';
import type { Clock } from '../../server/http/context.js';
import type { DataFile } from '../../server/store/schema.js';
import { dataFromSeed, type SeedFile } from '../../server/store/seed.js';
import { testStore } from './stores.js';

export const TODAY = '2026-11-29';
export const fixedClock = (
  iso = `${TODAY}T10:00:00.000Z`,
): Clock & { set(iso: string): void; advance(ms: number): void } => {
  let t = new Date(iso);
  return {
    now: () => new Date(t),
    set: (s) => {
      t = new Date(s);
    },
    advance: (ms) => {
      t = new Date(t.getTime() + ms);
    },
  };
};

export const DEMO_PASSWORD = 'CaRE-cyber-2027';
let hash: Promise<string> | null = null;
const demoHash = () => (hash ??= hashPassword(DEMO_PASSWORD));

export const demoSeedFile = (): SeedFile =>
  JSON.parse(readFileSync(new URL('../../data/demo/plan.json', import.meta.url), 'utf8')) as SeedFile;

export const demoData = async (): Promise<DataFile> =>
  dataFromSeed(demoSeedFile(), { now: `${TODAY}T00:00:00.000Z`, withUsers: true, passwordHash: await demoHash() });

export const ACCOUNTS = {
  admin: 'admin@jalon.test',
  planner: 'planif@jalon.test',
  planner2: 'planif2@jalon.test',
  reviewer: 'finances@jalon.test',
  reviewer2: 'finances2@jalon.test',
} as const;

export const setup = async (seed: () => DataFile | Promise<DataFile> = demoData) => {
  const store = await testStore(seed);
  const clock = fixedClock();
  const app = createApp({ store, clock });
  const cookies = new Map<string, string>();
  const request = async (
    who: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (who) {
      if (!cookies.has(who)) await login(who);
      h.cookie = cookies.get(who)!;
    }
    const res = await app.request(path, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, headers: res.headers, json };
  };
  const login = async (email: string, password = DEMO_PASSWORD) => {
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    cookies.set(email, res.headers.get('set-cookie')!.split(';')[0]!);
  };
  const as = (who: string | null) => ({
    get: (p: string, headers?: Record<string, string>) => request(who, 'GET', p, undefined, headers),
    post: (p: string, b?: unknown, headers?: Record<string, string>) => request(who, 'POST', p, b ?? {}, headers),
    patch: (p: string, b: unknown, headers?: Record<string, string>) => request(who, 'PATCH', p, b, headers),
    del: (p: string, headers?: Record<string, string>) => request(who, 'DELETE', p, undefined, headers),
  });
  return { store, clock, app, as, login };
};
