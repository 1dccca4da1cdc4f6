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
  disabled?: boolean;
  passwordHash?: string;
  /** Bumped when the password changes or the user is disabled: older sessions die. */
  passwordChangedAt?: string;
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
  revokedAt?: string;
  lastUsedAt?: string;
}

export interface Me {
  user: PublicUser;
  /** The FINESS the user may see (establishment accounts: their site, or a legal entity's sites). */
  scope?: string[];
}
