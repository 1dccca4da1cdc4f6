// Every route × every role, from the route table itself: a route without a rule fails here,
// and each role gets 401/403 exactly when POLICY says it may not call the route.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { POLICY, type Rule } from '../../server/auth/policy.js';
import { DEMO_PASSWORD } from '../helpers/app.js';
import { ARS, regionalSetup as smallSetup } from '../helpers/regional.js';
import { USERS } from '../helpers/small.js';

// keys are POLICY's callers (auth/policy.ts Who): the ARS accounts are planners and reviewers bound to a region
const ROLES = {
  admin: USERS.admin,
  planner: USERS.planner,
  reviewer: USERS.reviewer,
  'ars-planner': ARS.planner,
  'ars-reviewer': ARS.reviewer,
  establishment: USERS.etab,
  anonymous: null,
} as const;
type RoleName = keyof typeof ROLES;

const mayCall = (rule: Rule, role: RoleName): boolean =>
  rule === 'public' ||
  (role !== 'anonymous' && (rule === 'authenticated' || (rule as readonly string[]).includes(role)));

test('Every route of app.routes has a rule in POLICY, and every rule names a real route', async () => {
  const { app } = await smallSetup();
  const keys = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
  const missing = [...keys].filter((k) => !(k in POLICY));
  assert.equal(missing, [], `routes without a rule: ${missing.join(', ')}`);
  const stale = Object.keys(POLICY).filter((k) => !keys.has(k));
  assert.equal(stale, [], `rules without a route: ${stale.join(', ')}`);
  assert.ok(keys.size >= 50, `only ${keys.size} routes seen`);
});

test('Route × role: 401 for anonymous and 403 for other roles exactly where POLICY refuses', async () => {
  const { app } = await smallSetup();
  const cookies = new Map<RoleName, string>();
  const login = async (role: RoleName) => {
    const email = ROLES[role];
    if (!email) return;
    const r = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    assert.is(r.status, 200, `login ${email}`);
    cookies.set(role, r.headers.get('set-cookie')!.split(';')[0]!);
  };
  for (const role of Object.keys(ROLES) as RoleName[]) await login(role);
  const routes = [
    ...new Map(app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, r])).values(),
  ];
  const wrong: string[] = [];
  let checked = 0;
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const rule = POLICY[key];
    if (!rule) {
      wrong.push(`${key}: no rule`);
      continue;
    }
    for (const role of Object.keys(ROLES) as RoleName[]) {
      const headers: Record<string, string> = { 'if-match': '"0"' };
      if (cookies.has(role)) headers.cookie = cookies.get(role)!;
      const hasBody = route.method === 'POST' || route.method === 'PATCH';
      if (hasBody) headers['content-type'] = 'application/json';
      const path = route.path.replace(/:(\w+)/g, 'x-unknown');
      const res = await app.request(path, { method: route.method, headers, body: hasBody ? '{}' : undefined });
      const allowed = mayCall(rule, role);
      const expected = allowed ? 'not 401/403' : role === 'anonymous' ? '401' : '403';
      const ok = allowed ? res.status !== 401 && res.status !== 403 : res.status === (role === 'anonymous' ? 401 : 403);
      if (!ok) wrong.push(`${key} as ${role}: ${res.status}, expected ${expected}`);
      if (res.status >= 500) wrong.push(`${key} as ${role}: ${res.status}`);
      checked++;
      if (key === 'DELETE /api/session' && role !== 'anonymous') await login(role); // it logged us out
    }
  }
  assert.equal(wrong, []);
  assert.ok(checked >= 350, String(checked));
});

test('ARS accounts: delegations, envelopes, the catalogue and the FINESS extract are national; the rest as their role', () => {
  const national = Object.entries(POLICY)
    .filter(([, r]) => Array.isArray(r) && r.includes('planner') && !r.includes('ars-planner'))
    .map(([k]) => k);
  for (const k of ['POST /api/delegations', 'PATCH /api/delegations/:id', 'DELETE /api/delegations/:id'])
    assert.ok(national.includes(k), k);
  assert.ok(national.includes('POST /api/envelopes') && national.includes('POST /api/import/finess'));
  for (const [k, r] of Object.entries(POLICY))
    if (Array.isArray(r)) {
      assert.is(r.includes('ars-reviewer'), r.includes('reviewer'), k); // a regional reviewer: all a reviewer does
      if (r.includes('ars-planner')) assert.ok(r.includes('planner'), k);
    }
});

test('Only health, the session probe and login are public (anonymous gets 401 everywhere else, checked above)', () => {
  const open = Object.entries(POLICY)
    .filter(([, r]) => r === 'public')
    .map(([k]) => k)
    .sort();
  assert.equal(open, ['GET /api/health', 'GET /api/session', 'POST /api/session']);
});

test.run();
