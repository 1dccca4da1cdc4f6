// Creating an account: one set of rules for the API, the first start (JALON_ADMIN_*) and the
// operators' CLI. Checked before the password is hashed (slow); the record is built after.
import { ROLES, type Role, type User } from '../contract/auth.js';
import { duplicate, invalid, ruleBroken } from './errors.js';
import { finessProblem } from './finess.js';
import { passwordProblem } from './passwords.js';
import type { PlanState } from './plan.js';
import { isArsRegion, REGION_NAMES } from './regions.js';

export interface AccountInput {
  email: string;
  role: Role;
  /** Defaults to the e-mail. */
  name?: string;
  /** Establishment accounts only. */
  finess?: string | null;
  /** Planner and reviewer accounts of an ARS only: the INSEE code of their region. */
  region?: string | null;
  password: string;
}

/** An account checked and normalised, not yet hashed nor stored. */
export interface CheckedAccount {
  email: string;
  name: string;
  role: Role;
  finess?: string;
  region?: string;
  password: string;
}

/** E-mails are compared and kept trimmed and in lower case. */
export const normalEmail = (email: string): string => email.trim().toLowerCase();

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Establishment accounts act for one existing FINESS; other roles for none. */
export const assertBinding = (
  plan: Pick<PlanState, 'establishments'>,
  role: Role,
  finess: string | undefined | null,
): void => {
  if (role !== 'establishment') {
    if (finess)
      throw invalid('Seuls les comptes établissement sont rattachés à un FINESS.', [
        { path: 'finess', message: 'Réservé au rôle establishment.' },
      ]);
    return;
  }
  const p = finess ? finessProblem(finess) : 'FINESS requis pour un compte établissement.';
  if (p) throw invalid(p, [{ path: 'finess', message: p }]);
  if (!plan.establishments.has(finess!))
    throw ruleBroken(`Établissement FINESS ${finess} introuvable.`, [
      { path: 'finess', message: 'Établissement introuvable.' },
    ]);
};

/** Roles an ARS (regional) account may have: the staff who plan and pay, never an administrator. */
export const REGIONAL_ROLES: readonly Role[] = ['planner', 'reviewer'];

/** An ARS account is a planner or a reviewer bound to one of the 18 regions; any other is national. */
export const assertRegion = (role: Role, region: string | undefined | null): void => {
  if (!region) return;
  if (!REGIONAL_ROLES.includes(role))
    throw invalid('Seuls les comptes planificateur et valideur sont rattachés à une région (ARS).', [
      { path: 'region', message: 'Réservé aux rôles planner et reviewer.' },
    ]);
  if (!isArsRegion(region))
    throw invalid(`Région « ${region} » inconnue : code INSEE d’une des 18 ARS.`, [
      { path: 'region', message: `Région inconnue (${Object.keys(REGION_NAMES).length} codes INSEE possibles).` },
    ]);
};

/** The account's fields normalised, or the first rule they break: e-mail, role, FINESS binding. */
export const checkAccountFields = (
  plan: Pick<PlanState, 'establishments'>,
  input: Omit<AccountInput, 'password'>,
): Omit<CheckedAccount, 'password'> => {
  const email = normalEmail(input.email);
  if (!EMAIL.test(email))
    throw invalid('Adresse e-mail invalide.', [{ path: 'email', message: 'Adresse e-mail invalide.' }]);
  if (!ROLES.includes(input.role))
    throw invalid(`Rôle : ${ROLES.join(', ')}.`, [{ path: 'role', message: 'Rôle inconnu.' }]);
  const finess = input.finess?.trim().toUpperCase() || undefined;
  assertBinding(plan, input.role, finess);
  const region = input.region?.trim() || undefined;
  assertRegion(input.role, region);
  return {
    email,
    name: input.name?.trim() || email,
    role: input.role,
    ...(finess ? { finess } : {}),
    ...(region ? { region } : {}),
  };
};

/** The account as it will be stored, or the first rule it breaks (the fields', then the password's strength). */
export const checkAccount = (plan: Pick<PlanState, 'establishments'>, input: AccountInput): CheckedAccount => {
  const fields = checkAccountFields(plan, input);
  const weak = passwordProblem(input.password, fields.email);
  if (weak) throw invalid(weak, [{ path: 'password', message: weak }]);
  return { ...fields, password: input.password };
};

/** An edit must leave at least one enabled administrator, so that someone can still give access back. */
export const assertAdminRemains = (users: Iterable<User>, cur: User, next: User): void => {
  const wasAdmin = cur.role === 'admin' && !cur.disabled,
    isAdmin = next.role === 'admin' && !next.disabled;
  if (!wasAdmin || isAdmin) return;
  for (const u of users) if (u.id !== cur.id && u.role === 'admin' && !u.disabled) return;
  throw ruleBroken(`${cur.email} est le dernier administrateur actif : nommez-en un autre d’abord.`, [
    { path: next.disabled ? 'disabled' : 'role', message: 'Dernier administrateur actif.' },
  ]);
};

/** An administrator resets another account's password: a temporary one, as strong as any, that its
 *  owner must change at the next login. Their own goes through « Mon compte ». */
export const checkPasswordReset = (target: User, actorId: string | undefined, password: string): void => {
  if (target.id === actorId)
    throw ruleBroken('Changez votre propre mot de passe depuis « Mon compte ».', [
      { path: 'password', message: 'Votre propre compte.' },
    ]);
  const weak = passwordProblem(password, target.email);
  if (weak) throw invalid(weak, [{ path: 'password', message: weak }]);
};

/** The record of a checked account; `existing` is the account that already has this e-mail, if any. */
export const newAccount = (
  { password: _, ...a }: CheckedAccount,
  made: { id: string; now: string; passwordHash: string },
  existing: User | undefined,
): User => {
  if (existing) throw duplicate(`Un compte existe déjà pour ${a.email}.`, 'email');
  return { id: made.id, rev: '', createdAt: made.now, updatedAt: made.now, ...a, passwordHash: made.passwordHash };
};
