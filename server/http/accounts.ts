// Login, logout, me, password change, API tokens and (admin) users.
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { z } from 'zod';
import type { Me, PublicUser, User } from '../contract/auth.js';
import {
  assertAdminRemains,
  assertBinding,
  assertRegion,
  checkAccount,
  checkPasswordReset,
  newAccount,
} from '../domain/accounts.js';
import { invalid, notFound, ruleBroken, throttled, unauthenticated } from '../domain/errors.js';
import { passwordProblem } from '../domain/passwords.js';
import { finessScope, type PlanState } from '../domain/plan.js';
import { clientAddress, isHttps, type Exposure } from '../auth/forwarded.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { ABSOLUTE_MS, closeSession, openSession, SESSION_COOKIE } from '../auth/sessions.js';
import type { Attempt, Throttle } from '../auth/throttle.js';
import { newToken, revokeTokensOf, tokenView } from '../auth/tokens.js';
import { assertIfMatch, body, etag, nowIso, txMeta, type AppEnv, type Ctx } from './context.js';
import { login, passwordChange, passwordReset, tokenCreate, userCreate, userPatch } from './schemas.js';
import { newId } from './resource.js';

export const publicUser = ({ passwordHash: _, ...u }: User): PublicUser => u;

/** Who is signed in, as the web app reads it: the account, the FINESS it may see and, for a GHT's
 *  support establishment, the GHTs it applies for (the applications page offers them). */
const meOf = (plan: PlanState, user: User, scope: Iterable<string> | null | undefined): Me => {
  const ghts =
    user.role === 'establishment' && user.finess
      ? [...plan.index.ghtsSupportedBy(user.finess)]
          .map((g) => ({ code: g.code, name: g.name }))
          .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      : [];
  return { user: publicUser(user), scope: scope ? [...scope] : undefined, ...(ghts.length ? { ghts } : {}) };
};

/** 429 with Retry-After, before any password is checked (a throttled try tells nothing). */
const assertAllowed = async (throttle: Throttle, attempt: Attempt, nowMs: number) => {
  const wait = await throttle.retryAfter(attempt, nowMs);
  if (wait > 0)
    throw throttled(`Trop d’échecs : réessayez dans ${wait < 60 ? `${wait} s` : `${Math.ceil(wait / 60)} min`}.`, wait);
};

/** The API's account creation: the domain's rules, the password hashed between check and write. */
const createUser = async (c: Ctx, input: z.infer<typeof userCreate>) => {
  const checked = checkAccount(c.get('store').plan, input);
  const passwordHash = await hashPassword(checked.password);
  return c
    .get('store')
    .transact(txMeta(c, 'create'), (tx) =>
      tx.put(
        'users',
        newAccount(
          checked,
          { id: newId('usr'), now: nowIso(c), passwordHash },
          c.get('store').userByEmail(checked.email),
        ),
      ),
    );
};

export interface AccountOptions {
  throttle: Throttle;
  exposure: Exposure;
}

export const accountRoutes = ({ throttle, exposure }: AccountOptions) =>
  new Hono<AppEnv>()
    .post('/session', async (c) => {
      const { email: who, password } = await body(c, login);
      const address = clientAddress(c, exposure);
      // the pair, not the account: strangers elsewhere cannot lock this account out
      const attempt = { pair: `login:${who}|${address}`, address };
      const now = c.get('clock').now();
      await assertAllowed(throttle, attempt, now.getTime());
      const user = c.get('store').userByEmail(who);
      const ok = await verifyPassword(password, user?.passwordHash);
      if (!ok || !user || user.disabled) {
        await throttle.fail(attempt, now.getTime());
        throw unauthenticated('Identifiants incorrects', 'E-mail ou mot de passe incorrect.');
      }
      await throttle.succeed(attempt, now.getTime());
      const secret = await openSession(c.get('store'), user, now);
      setCookie(c, SESSION_COOKIE, secret, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: isHttps(c, exposure),
        maxAge: ABSOLUTE_MS / 1000,
      });
      const plan = c.get('store').plan;
      return c.json(meOf(plan, user, user.role === 'establishment' ? finessScope(plan, user.finess ?? '') : undefined));
    })
    .delete('/session', async (c) => {
      const secret = getCookie(c, SESSION_COOKIE);
      if (secret) await closeSession(c.get('store'), secret, c.get('clock').now());
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .get('/me', (c) => c.json(meOf(c.get('store').plan, c.get('user')!, c.get('scope'))))
    // The page asks who is logged in without a 401 in the console when nobody is.
    .get('/session', (c) => {
      const user = c.get('user');
      return c.json(user ? meOf(c.get('store').plan, user, c.get('scope')) : { user: null });
    })
    .post('/me/password', async (c) => {
      const { currentPassword, newPassword } = await body(c, passwordChange);
      const user = c.get('user')!;
      // a stolen session must not guess the password it would need to take the account
      const attempt = { pair: `password:${user.id}`, address: clientAddress(c, exposure) };
      const nowMs = c.get('clock').now().getTime();
      await assertAllowed(throttle, attempt, nowMs);
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        await throttle.fail(attempt, nowMs);
        throw invalid('Mot de passe actuel incorrect.', [{ path: 'currentPassword', message: 'Incorrect.' }]);
      }
      await throttle.succeed(attempt, nowMs);
      const weak = passwordProblem(newPassword, user.email);
      if (weak) throw invalid(weak, [{ path: 'newPassword', message: weak }]);
      if (user.mustChangePassword && newPassword === currentPassword)
        throw invalid('Choisissez un mot de passe différent du mot de passe provisoire.', [
          { path: 'newPassword', message: 'Identique au mot de passe provisoire.' },
        ]);
      const passwordHash = await hashPassword(newPassword);
      await c.get('store').transact(txMeta(c, 'password'), (tx) => {
        const { mustChangePassword: _, ...rest } = user;
        tx.put('users', { ...rest, passwordHash, passwordChangedAt: nowIso(c) });
        revokeTokensOf(c.get('store'), tx, user.id, nowIso(c), 'password');
      });
      return c.body(null, 204);
    })
    .get('/tokens', (c) => {
      const now = c.get('clock').now();
      const mine = [...c.get('store').all('tokens')].filter((t) => t.userId === c.get('user')!.id);
      return c.json({
        items: mine.map((t) => tokenView(t, now)).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      });
    })
    .post('/tokens', async (c) => {
      const { name, expiresInDays } = await body(c, tokenCreate);
      const now = c.get('clock').now();
      const { token, secret } = newToken({
        id: newId('tok'),
        userId: c.get('user')!.id,
        name,
        days: expiresInDays,
        now,
      });
      const saved = await c.get('store').transact(txMeta(c, 'create'), (tx) => tx.put('tokens', token));
      return c.json({ ...tokenView(saved, now), token: secret }, 201);
    })
    .delete('/tokens/:id', async (c) => {
      await c.get('store').transact(txMeta(c, 'revoke'), (tx) => {
        const t = tx.get('tokens', c.req.param('id'));
        if (!t || (t.userId !== c.get('user')!.id && c.get('user')!.role !== 'admin'))
          throw notFound('Jeton', c.req.param('id'));
        if (!t.revokedAt) tx.put('tokens', { ...t, revokedAt: nowIso(c), revokedReason: 'revoked' }); // the first revocation stands
      });
      return c.body(null, 204);
    })
    .get('/users', (c) =>
      c.json({
        items: [...c.get('store').all('users')].map(publicUser).sort((a, b) => a.email.localeCompare(b.email)),
      }),
    )
    .post('/users', async (c) => {
      const saved = await createUser(c, await body(c, userCreate));
      return c.json(publicUser(saved), 201);
    })
    .patch('/users/:id', async (c) => {
      const patch = await body(c, userPatch);
      const saved = await c.get('store').transact(txMeta(c, 'update'), (tx) => {
        const cur = tx.get('users', c.req.param('id'));
        if (!cur) throw notFound('Compte', c.req.param('id'));
        assertIfMatch(c, cur.rev); // two administrators must not overwrite each other
        const next: User = {
          ...cur,
          ...patch,
          finess: patch.finess === null ? undefined : (patch.finess ?? cur.finess),
          region: patch.region === null || patch.region === '' ? undefined : (patch.region ?? cur.region),
        };
        if (next.finess === undefined) delete next.finess;
        if (next.region === undefined) delete next.region;
        assertBinding(tx.plan, next.role, next.finess);
        assertRegion(next.role, next.region);
        assertAdminRemains(c.get('store').all('users'), cur, next);
        // an administrator keeps their own access: so there is always one left to give it back
        if (cur.id === c.get('user')!.id && (next.disabled || next.role !== 'admin'))
          throw ruleBroken(
            'Vous ne pouvez ni désactiver votre propre compte ni lui retirer le rôle d’administration : demandez-le à un autre administrateur.',
            [{ path: next.disabled ? 'disabled' : 'role', message: 'Non modifiable sur votre propre compte.' }],
          );
        // disabling closes the account's sessions and revokes its tokens (re-enabled, it logs in
        // again and makes new tokens)
        if (next.disabled && !cur.disabled) {
          for (const id of [...c.get('store').all('sessions')].filter((x) => x.userId === cur.id).map((x) => x.id))
            tx.remove('sessions', id);
          revokeTokensOf(c.get('store'), tx, cur.id, nowIso(c), 'disabled');
        }
        return tx.put('users', next);
      });
      return c.json(publicUser(saved), 200, { ETag: etag(saved.rev) });
    })
    // a temporary password, to be changed at the next login: the account's sessions close and its
    // tokens are stamped revoked, as on any password change
    .post('/users/:id/password', async (c) => {
      const { password } = await body(c, passwordReset);
      const target = c.get('store').get('users', c.req.param('id'));
      if (!target) throw notFound('Compte', c.req.param('id'));
      checkPasswordReset(target, c.get('user')?.id, password);
      const passwordHash = await hashPassword(password);
      const saved = await c.get('store').transact(txMeta(c, 'password-reset'), (tx) => {
        const cur = tx.get('users', target.id);
        if (!cur) throw notFound('Compte', target.id);
        assertIfMatch(c, cur.rev);
        for (const s of [...c.get('store').all('sessions')].filter((x) => x.userId === cur.id))
          tx.remove('sessions', s.id);
        revokeTokensOf(c.get('store'), tx, cur.id, nowIso(c), 'password');
        return tx.put('users', { ...cur, passwordHash, passwordChangedAt: nowIso(c), mustChangePassword: true });
      });
      return c.json(publicUser(saved), 200, { ETag: etag(saved.rev) });
    });
