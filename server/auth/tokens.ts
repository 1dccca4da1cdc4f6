// API tokens: a random secret handed out once, its SHA-256 stored, a deadline chosen at creation.
// A password change or a disabled account stamps the account's tokens revoked, in the same
// transaction, so the audit trail shows each one and why (a re-enabled account gets none back).
import { TOKEN_DAYS, type ApiToken, type TokenState, type TokenView, type User } from '../contract/auth.js';
import type { Store, Tx } from '../store/interface.js';
import { newSecret, sha256 } from './sessions.js';

const DAY_MS = 86_400_000;

/** Tokens made before deadlines existed end as a default one would have. */
export const tokenExpiresAt = (t: ApiToken): string =>
  t.expiresAt ?? new Date(Date.parse(t.createdAt) + TOKEN_DAYS.default * DAY_MS).toISOString();

export const tokenState = (t: ApiToken, now: Date): TokenState =>
  t.revokedAt ? 'revoked' : now.toISOString() >= tokenExpiresAt(t) ? 'expired' : 'active';

export const tokenView = (token: ApiToken, now: Date): TokenView => {
  const { tokenHash: _, ...shown } = token;
  return { ...shown, expiresAt: tokenExpiresAt(token), state: tokenState(token, now) };
};

export const newToken = (input: {
  id: string;
  userId: string;
  name: string;
  days: number;
  now: Date;
}): { token: ApiToken; secret: string } => {
  const secret = newSecret('jtok');
  const iso = input.now.toISOString();
  return {
    secret,
    token: {
      id: input.id,
      rev: '',
      createdAt: iso,
      updatedAt: iso,
      userId: input.userId,
      name: input.name,
      tokenHash: sha256(secret),
      prefix: secret.slice(0, 9),
      expiresAt: new Date(input.now.getTime() + input.days * DAY_MS).toISOString(),
    },
  };
};

/** Stamps every live token of `userId` revoked, with the reason. */
export const revokeTokensOf = (
  store: Store,
  tx: Tx,
  userId: User['id'],
  now: string,
  reason: NonNullable<ApiToken['revokedReason']>,
) => {
  for (const t of [...store.all('tokens')])
    if (t.userId === userId && !t.revokedAt) tx.put('tokens', { ...t, revokedAt: now, revokedReason: reason });
};

export const userOfToken = async (
  store: Store,
  secret: string,
  now: Date,
): Promise<{ user: User; token: ApiToken } | null> => {
  // tokens by hash, indexed once per write rather than scanned on every scripted request
  const byHash = () => {
    const m = store.derived<ApiToken>('tokens');
    if (!m.size) for (const t of store.all('tokens')) if (!t.revokedAt) m.set(t.tokenHash, t);
    return m;
  };
  const hash = sha256(secret);
  // a token created on another instance a moment ago may not be here yet
  const token = byHash().get(hash) ?? (await store.catchUp(), byHash().get(hash));
  const user = token && tokenState(token, now) === 'active' ? store.get('users', token.userId) : undefined;
  return token && user && !user.disabled ? { user, token } : null;
};
