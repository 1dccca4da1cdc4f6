// Accounts, sessions and API tokens. Types only.
import type { RecordMeta } from './plan.js';

export const ROLES = ['admin', 'planner', 'reviewer', 'establishment'] as const;
export type Role = (typeof ROLES)[number];

export interface User extends RecordMeta {
  email: string;
  name: string;
  role: Role;
  /** Establishment accounts only: the FINESS (site or legal entity) they act for. */
  finess?: string;
  /** Planner and reviewer accounts of an ARS: the INSEE code of their region (one of the 18), which
   *  is all they see and act on; absent: national staff. */
  region?: string;
  disabled?: boolean;
  passwordHash?: string;
  /** Bumped when the password changes: older sessions die (and tokens are stamped revoked). */
  passwordChangedAt?: string;
  /** Set when an administrator gave a temporary password: until the user chooses their own, the
   *  API answers every other call with 403. */
  mustChangePassword?: boolean;
}

export type PublicUser = Omit<User, 'passwordHash'>;

export interface Session extends RecordMeta {
  userId: string;
  tokenHash: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface ApiToken extends RecordMeta {
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  /** Chosen at creation (90 days unless asked, 365 at most); absent on tokens made before
   *  deadlines existed, which end 90 days after createdAt. */
  expiresAt?: string;
  revokedAt?: string;
  /** Who or what ended it: its owner or an administrator, a password change, a disabled account. */
  revokedReason?: 'revoked' | 'password' | 'disabled';
  lastUsedAt?: string;
}

/** An API token's life in days: chosen at creation, this unless asked, never longer than max. */
export const TOKEN_DAYS = { default: 90, max: 365 } as const;

export type TokenState = 'active' | 'expired' | 'revoked';

/** A token as its owner sees it in the list: never its hash. */
export interface TokenView extends Omit<ApiToken, 'tokenHash'> {
  expiresAt: string;
  state: TokenState;
}

export interface Me {
  user: PublicUser;
  /** The FINESS the user may see (establishment accounts: their site, or a legal entity's sites). */
  scope?: string[];
  /** Establishment accounts of a GHT's support establishment: the GHTs it applies for (« un
   *  dossier par GHT »), by name; absent for everyone else. */
  ghts?: Array<{ code: string; name: string }>;
}
