// Login and password-change throttling: a growing delay per (account, address) pair, a high
// ceiling per address (a hospital behind one NAT), and no way for strangers to lock an account.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import { createThrottle, pairDelayMs, THROTTLE_DEFAULTS } from '../../server/auth/throttle.js';
import type { Exposure } from '../../server/auth/forwarded.js';
import { memoryThrottleState } from '../../server/store/throttle.js';
import { DEMO_PASSWORD, fixedClock } from '../helpers/app.js';
import { smallData, USERS } from '../helpers/small.js';
import { testInstances, testStore } from '../helpers/stores.js';

const SECOND = 1000,
  MINUTE = 60 * SECOND;

/** An app behind one trusted proxy: X-Forwarded-For says who calls. */
const proxied = async (exposure: Exposure = { trustProxy: 1 }) => {
  const store = await testStore(() => smallData());
  const clock = fixedClock();
  const app = createApp({ store, clock, exposure });
  const login = async (email: string, password: string, from = '203.0.113.7') => {
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ email, password }),
    });
    return {
      status: res.status,
      retryAfter: Number(res.headers.get('retry-after') ?? 0),
      cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '',
      type: res.headers.get('content-type'),
    };
  };
  return { app, clock, login };
};
const WRONG = 'Wrong-password-42x';

test('Delays: five failures of a pair are free, then 30 s doubling to 15 min at most', () => {
  assert.equal(
    [0, 4, 5, 6, 7, 8, 9, 10, 20].map((n) => pairDelayMs(n) / SECOND),
    [0, 0, 30, 60, 120, 240, 480, 900, 900],
  );
  assert.equal(
    [THROTTLE_DEFAULTS.addressMax, THROTTLE_DEFAULTS.addressWindowMs / MINUTE, THROTTLE_DEFAULTS.forgetMs / MINUTE],
    [100, 15, 60],
  );
});

test('Pair: after 5 wrong passwords the 6th try waits 30 s (429, Retry-After, even the right password); then the delay doubles', async () => {
  const { clock, login } = await proxied();
  for (let i = 0; i < 5; i++) assert.is((await login(USERS.planner, WRONG)).status, 401, `try ${i + 1}`);
  const blocked = await login(USERS.planner, DEMO_PASSWORD);
  assert.equal([blocked.status, blocked.retryAfter, blocked.type], [429, 30, 'application/problem+json']);
  clock.advance(30 * SECOND);
  assert.is((await login(USERS.planner, WRONG)).status, 401); // the 6th failure
  assert.equal(
    [(await login(USERS.planner, DEMO_PASSWORD)).status, (await login(USERS.planner, DEMO_PASSWORD)).retryAfter],
    [429, 60],
  );
  clock.advance(60 * SECOND);
  assert.is((await login(USERS.planner, DEMO_PASSWORD)).status, 200);
  // a success forgets the pair: the next typo costs nothing
  assert.is((await login(USERS.planner, WRONG)).status, 401);
  assert.is((await login(USERS.planner, DEMO_PASSWORD)).status, 200);
});

test('Strangers cannot lock an account: 40 wrong passwords for the administrator from 40 addresses, and the administrator still logs in', async () => {
  const { login } = await proxied();
  for (let i = 0; i < 40; i++)
    assert.is((await login(USERS.admin, WRONG, `198.51.100.${i}`)).status, 401, `address ${i}`);
  // one stranger who insists is slowed down on their own pair only
  for (let i = 0; i < 5; i++) await login(USERS.admin, WRONG, '198.51.100.250');
  assert.is((await login(USERS.admin, WRONG, '198.51.100.250')).status, 429);
  assert.is((await login(USERS.admin, DEMO_PASSWORD, '10.1.2.3')).status, 200);
});

test('A shared NAT: 30 failures for unknown e-mails from one address do not stop a colleague behind it', async () => {
  const { login } = await proxied();
  for (let i = 0; i < 30; i++) assert.is((await login(`inconnu${i}@chu.test`, WRONG)).status, 401, `try ${i + 1}`);
  assert.is((await login(USERS.reviewer, DEMO_PASSWORD)).status, 200);
});

test('Instances on one data count together: 5 failures spread over two apps, the 6th try waits on both (the throttle is the store’s)', async () => {
  const clock = fixedClock();
  const apps = (await testInstances(2, () => smallData())).map((store) => createApp({ store, clock }));
  const login = async (i: number, password: string) =>
    (
      await apps[i % 2]!.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: USERS.planner, password }),
      })
    ).status;
  for (let i = 0; i < 5; i++) assert.is(await login(i, WRONG), 401, `try ${i + 1}`);
  assert.equal([await login(0, DEMO_PASSWORD), await login(1, DEMO_PASSWORD)], [429, 429]);
  clock.advance(30 * SECOND);
  assert.is(await login(1, DEMO_PASSWORD), 200);
});

test('Failures at once on two instances are all counted: 40 in parallel make a count of 40 and 40 address times', async () => {
  const [a, b] = await testInstances(2, () => smallData());
  const throttles = [a!, b!].map((s) => createThrottle(s.throttleState()));
  const attempt = { pair: 'login:x@chu.test|203.0.113.9', address: '203.0.113.9' };
  await Promise.all(Array.from({ length: 40 }, (_, i) => throttles[i % 2]!.fail(attempt, 1000 + i)));
  const [pair, times] = (await a!.throttleState().read([`pair:${attempt.pair}`, `address:${attempt.address}`])) as [
    { failures: number },
    number[],
  ];
  assert.equal([pair.failures, times.length], [40, 40]);
});

test('Per-address ceiling: the 101st failure in 15 min from one address waits for the oldest to age out; other addresses are not affected', async () => {
  const t = createThrottle(memoryThrottleState());
  const from = (i: number) => ({ pair: `login:user${i}@x.test|a`, address: 'a' });
  for (let i = 0; i < 99; i++) await t.fail(from(i), i * SECOND);
  assert.is(await t.retryAfter(from(999), 99 * SECOND), 0);
  await t.fail(from(99), 99 * SECOND);
  assert.is(await t.retryAfter(from(999), 100 * SECOND), 15 * 60 - 100); // until the first failure is 15 min old
  assert.is(await t.retryAfter({ pair: 'login:user999@x.test|b', address: 'b' }, 100 * SECOND), 0);
  assert.is(await t.retryAfter(from(999), 15 * MINUTE), 0);
});

test('A pair is forgotten an hour after its last failure; memory is bounded', async () => {
  // 6 keys: 3 pairs and their 3 addresses
  const t = createThrottle(memoryThrottleState(6));
  const a = { pair: 'login:x|1', address: '1' };
  for (let i = 0; i < 9; i++) await t.fail(a, 0);
  assert.is(await t.retryAfter(a, 0), 480);
  assert.is(await t.retryAfter(a, 60 * MINUTE), 0);
  await t.fail(a, 60 * MINUTE);
  assert.is(await t.retryAfter(a, 60 * MINUTE), 0, 'counting again from one');
  for (let i = 0; i < 5; i++) await t.fail(a, 61 * MINUTE);
  for (const k of ['p', 'q', 'r']) await t.fail({ pair: k, address: k }, 61 * MINUTE);
  assert.is(await t.retryAfter(a, 61 * MINUTE), 0, 'the oldest entries went first');
});

test('POST /api/me/password: 20 wrong current passwords get 5 × 400 then 429 (Retry-After), even for the right one; it opens again after the wait', async () => {
  const { app, clock, login } = await proxied();
  const { cookie } = await login(USERS.planner, DEMO_PASSWORD);
  const change = async (currentPassword: string) => {
    const res = await app.request('/api/me/password', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
      body: JSON.stringify({ currentPassword, newPassword: 'Une-phrase-de-passe-2026' }),
    });
    return { status: res.status, retryAfter: Number(res.headers.get('retry-after') ?? 0) };
  };
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) statuses.push((await change(`${WRONG}${i}`)).status);
  assert.equal(statuses, [...Array(5).fill(400), ...Array(15).fill(429)]);
  const right = await change(DEMO_PASSWORD);
  assert.equal([right.status, right.retryAfter], [429, 30]);
  clock.advance(30 * SECOND);
  assert.is((await change(DEMO_PASSWORD)).status, 204);
});

test('X-Forwarded-For counts only behind a trusted proxy: forged addresses do not escape a pair, and the proxy’s own entry is the one used', async () => {
  const direct = await proxied({});
  for (let i = 0; i < 5; i++) await direct.login(USERS.planner, WRONG, `192.0.2.${i}`);
  assert.is(
    (await direct.login(USERS.planner, DEMO_PASSWORD, '192.0.2.99')).status,
    429,
    'without JALON_TRUST_PROXY every try comes from the socket',
  );
  const behind = await proxied({ trustProxy: 1 });
  // the client forges a first entry; the proxy appends the address it saw
  for (let i = 0; i < 5; i++) await behind.login(USERS.planner, WRONG, `10.9.9.${i}, 203.0.113.7`);
  assert.is((await behind.login(USERS.planner, DEMO_PASSWORD, '10.9.9.200, 203.0.113.7')).status, 429);
  assert.is((await behind.login(USERS.planner, DEMO_PASSWORD, '203.0.113.8')).status, 200);
});

test.run();
