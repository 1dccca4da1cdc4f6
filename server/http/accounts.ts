// Login, logout, me, password change, API tokens and (admin) users.
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { z } from 'zod';
import type { ApiToken, PublicUser, User } from '../contract/auth.js';
import { DomainError, duplicate, invalid, notFound, ruleBroken } from '../domain/errors.js';
import { finessProblem } from '../domain/finess.js';
import { finessScope } from '../domain/plan.js';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js';
import { ABSOLUTE_MS, closeSession, newSecret, openSession, SESSION_COOKIE, sha256 } from '../auth/sessions.js';
import type { Throttle } from '../auth/throttle.js';
import { assertIfMatch, body, etag, nowIso, txMeta, type AppEnv, type Ctx } from './context.js';
import { login, passwordChange, tokenCreate, userCreate, userPatch } from './schemas.js';
import { newId } from './resource.js';

export const publicUser = ({ passwordHash: _, ...u }: User): PublicUser => u;

const clientAddress = (c: Ctx): string => {
  try { return getConnInfo(c).remote.address ?? 'local'; } catch { return 'local'; }
};

/** Establishment accounts act for one existing FINESS; other roles for none. */
const checkBinding = (c: Ctx, role: User['role'], finess: string | undefined | null) => {
  if (role !== 'establishment') {
    if (finess) throw invalid('Seuls les comptes établissement sont rattachés à un FINESS.', [{ path: 'finess', message: 'Réservé au rôle establishment.' }]);
    return;
  }
  const p = finess ? finessProblem(finess) : 'FINESS requis pour un compte établissement.';
  if (p) throw invalid(p, [{ path: 'finess', message: p }]);
  if (!c.get('store').plan.establishments.has(finess!)) throw ruleBroken(`Établissement FINESS ${finess} introuvable.`, [{ path: 'finess', message: 'Établissement introuvable.' }]);
};

export const createUser = async (c: Ctx, input: z.infer<typeof userCreate>) => {
  checkBinding(c, input.role, input.finess);
  const weak = passwordProblem(input.password, input.email);
  if (weak) throw invalid(weak, [{ path: 'password', message: weak }]);
  const passwordHash = await hashPassword(input.password);
  const { password: _, ...rest } = input;
  return c.get('store').transact(txMeta(c, 'create'), (tx) => {
    for (const u of c.get('store').all('users')) if (u.email === input.email) throw duplicate(`Un compte existe déjà pour ${input.email}.`, 'email');
    const now = nowIso(c);
    return tx.put('users', { id: newId('usr'), rev: '', createdAt: now, updatedAt: now, ...rest, passwordHash });
  });
};

export const accountRoutes = (throttle: Throttle) =>
  new Hono<AppEnv>()
    .post('/session', async (c) => {
      const { email: who, password } = await body(c, login);
      const keys = [`email:${who}`, `ip:${clientAddress(c)}`];
      const now = c.get('clock').now();
      const wait = throttle.retryAfter(keys, now.getTime());
      if (wait > 0) throw Object.assign(new DomainError(429, 'Trop de tentatives', `Trop d’échecs de connexion : réessayez dans ${Math.ceil(wait / 60)} min.`), { retryAfter: wait });
      const user = [...c.get('store').all('users')].find((u) => u.email === who);
      const ok = await verifyPassword(password, user?.passwordHash);
      if (!ok || !user || user.disabled) {
        throttle.fail(keys, now.getTime());
        throw new DomainError(401, 'Identifiants incorrects', 'E-mail ou mot de passe incorrect.');
      }
      throttle.clear([`email:${who}`]);
      const secret = await openSession(c.get('store'), user, now);
      setCookie(c, SESSION_COOKIE, secret, {
        httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:', maxAge: ABSOLUTE_MS / 1000,
      });
      return c.json({ user: publicUser(user), scope: user.role === 'establishment' ? [...finessScope(c.get('store').plan, user.finess ?? '')] : undefined });
    })
    .delete('/session', async (c) => {
      const secret = getCookie(c, SESSION_COOKIE);
      if (secret) await closeSession(c.get('store'), secret, c.get('clock').now());
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .get('/me', (c) => {
      const scope = c.get('scope');
      return c.json({ user: publicUser(c.get('user')!), scope: scope ? [...scope] : undefined });
    })
    // The page asks who is logged in without a 401 in the console when nobody is.
    .get('/session', (c) => {
      const user = c.get('user'), scope = c.get('scope');
      return c.json(user ? { user: publicUser(user), scope: scope ? [...scope] : undefined } : { user: null });
    })
    .post('/me/password', async (c) => {
      const { currentPassword, newPassword } = await body(c, passwordChange);
      const user = c.get('user')!;
      if (!(await verifyPassword(currentPassword, user.passwordHash)))
        throw invalid('Mot de passe actuel incorrect.', [{ path: 'currentPassword', message: 'Incorrect.' }]);
      const weak = passwordProblem(newPassword, user.email);
      if (weak) throw invalid(weak, [{ path: 'newPassword', message: weak }]);
      const passwordHash = await hashPassword(newPassword);
      await c.get('store').transact(txMeta(c, 'password'), (tx) => tx.put('users', { ...user, passwordHash, passwordChangedAt: nowIso(c) }));
      return c.body(null, 204);
    })
    .get('/tokens', (c) => c.json({ items: [...c.get('store').all('tokens')].filter((t) => t.userId === c.get('user')!.id).map(({ tokenHash: _, ...t }) => t) }))
    .post('/tokens', async (c) => {
      const { name } = await body(c, tokenCreate);
      const secret = newSecret('jtok');
      const now = nowIso(c);
      const token: ApiToken = { id: newId('tok'), rev: '', createdAt: now, updatedAt: now, userId: c.get('user')!.id, name, tokenHash: sha256(secret), prefix: secret.slice(0, 9) };
      const saved = await c.get('store').transact(txMeta(c, 'create'), (tx) => tx.put('tokens', token));
      const { tokenHash: _, ...shown } = saved;
      return c.json({ ...shown, token: secret }, 201);
    })
    .delete('/tokens/:id', async (c) => {
      await c.get('store').transact(txMeta(c, 'revoke'), (tx) => {
        const t = tx.get('tokens', c.req.param('id'));
        if (!t || (t.userId !== c.get('user')!.id && c.get('user')!.role !== 'admin')) throw notFound('Jeton', c.req.param('id'));
        tx.put('tokens', { ...t, revokedAt: nowIso(c) });
      });
      return c.body(null, 204);
    })
    .get('/users', (c) => c.json({ items: [...c.get('store').all('users')].map(publicUser).sort((a, b) => a.email.localeCompare(b.email)) }))
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
        const next: User = { ...cur, ...patch, finess: patch.finess === null ? undefined : patch.finess ?? cur.finess };
        if (next.finess === undefined) delete next.finess;
        checkBinding(c, next.role, next.finess);
        // an administrator keeps their own access: so there is always one left to give it back
        if (cur.id === c.get('user')!.id && (next.disabled || next.role !== 'admin'))
          throw ruleBroken('Vous ne pouvez ni désactiver votre propre compte ni lui retirer le rôle d’administration : demandez-le à un autre administrateur.',
            [{ path: next.disabled ? 'disabled' : 'role', message: 'Non modifiable sur votre propre compte.' }]);
        // disabling closes the account's sessions (re-enabled, it logs in again)
        if (next.disabled && !cur.disabled)
          for (const id of [...c.get('store').all('sessions')].filter((x) => x.userId === cur.id).map((x) => x.id)) tx.remove('sessions', id);
        return tx.put('users', next);
      });
      return c.json(publicUser(saved), 200, { ETag: etag(saved.rev) });
    });
