// Sessions (API tokens: tokens.ts): random secrets handed out once, only their SHA-256 stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Session, User } from '../contract/auth.js';
import { DiskRefused, StoreUnavailable, type Store } from '../store/interface.js';

export const SESSION_COOKIE = 'jalon_session';
export const IDLE_MS = 2 * 3600_000;
export const ABSOLUTE_MS = 12 * 3600_000;
/** lastSeenAt is written at most this often, not on every request. */
const TOUCH_MS = 5 * 60_000;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

export const openSession = async (store: Store, user: User, now: Date): Promise<string> => {
  const secret = newSecret('jses');
  const iso = now.toISOString();
  const session: Session = {
    id: sha256(secret),
    rev: '',
    createdAt: iso,
    updatedAt: iso,
    userId: user.id,
    tokenHash: sha256(secret),
    expiresAt: new Date(now.getTime() + ABSOLUTE_MS).toISOString(),
    lastSeenAt: iso,
  };
  await store.transact({ now: iso, actor: user.email, action: 'login' }, (tx) => tx.put('sessions', session));
  return secret;
};

/** Sessions already checked since the last write: a read skips the hash and the checks for up to
 *  a minute, never past the session's own deadlines. Any write (logout, a user disabled, a
 *  password changed) forgets them (Store.derived). */
const RECHECK_MS = 60_000;

/** The user behind a session cookie, or null when it is unknown, expired or revoked. */
export const userOfSession = async (store: Store, secret: string, now: Date): Promise<User | null> => {
  const t = now.getTime();
  const hit = store.derived<{ user: User; until: number }>('sessions').get(secret);
  if (hit && t < hit.until) return hit.user;
  // a session opened on another instance a moment ago may not be here yet
  const s = store.get('sessions', sha256(secret)) ?? (await store.catchUp(), store.get('sessions', sha256(secret)));
  if (!s) return null;
  const user = store.get('users', s.userId);
  const expires = Date.parse(s.expiresAt),
    idleUntil = Date.parse(s.lastSeenAt) + IDLE_MS;
  const dead =
    !user ||
    user.disabled ||
    t > expires ||
    t > idleUntil ||
    (user.passwordChangedAt !== undefined && user.passwordChangedAt > s.createdAt);
  if (dead) {
    await bookkeeping(
      store.transact({ now: now.toISOString(), action: 'session-expired' }, (tx) => tx.remove('sessions', s.id)),
    );
    return null;
  }
  if (t - Date.parse(s.lastSeenAt) > TOUCH_MS) {
    await bookkeeping(
      store.transact({ now: now.toISOString() }, (tx) => tx.put('sessions', { ...s, lastSeenAt: now.toISOString() })),
    );
    return user;
  }
  store
    .derived<{ user: User; until: number }>('sessions')
    .set(secret, { user, until: Math.min(t + RECHECK_MS, expires, idleUntil) });
  return user;
};

/** A session's own bookkeeping on a read: a full disk or an unreachable database must not turn
 *  the read into a refusal (the session is checked against its deadlines again next request). */
const bookkeeping = (write: Promise<unknown>) =>
  write.catch((e: unknown) => {
    if (!(e instanceof DiskRefused) && !(e instanceof StoreUnavailable)) throw e;
  });

export const closeSession = (store: Store, secret: string, now: Date) =>
  store.transact({ now: now.toISOString(), action: 'logout' }, (tx) => tx.remove('sessions', sha256(secret)));
