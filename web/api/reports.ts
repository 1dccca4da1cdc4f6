// Dashboard, awards, completions, audit trail and accounts.
import type { AuditEvent } from '../../server/contract/audit.js';
import type { PublicUser, Role } from '../../server/contract/auth.js';
import type { Awards, Completion, Dashboard, GhtBreakdown, Page } from '../../server/contract/plan.js';
import { get, ifMatch, send } from './client.js';

export interface DashboardFilters {
  envelopeId?: string;
  region?: string;
  axis?: string;
}
export const dashboard = (f: DashboardFilters) => get<Dashboard>('/api/dashboard', { ...f });
/** The dashboard's breakdown by GHT under the same filters (apart: ~300 rows nationally). */
export const dashboardGhts = async (f: DashboardFilters) =>
  (await get<GhtBreakdown>('/api/dashboard/ghts', { ...f })).items;

export const awards = (finess: string) => get<Awards>(`/api/establishments/${encodeURIComponent(finess)}/awards`);
export const declareCompletion = async (input: { finess: string; actionId: string; completedOn: string }) =>
  (await send<Completion>('POST', '/api/completions', input)).data;

export interface AuditFilters {
  entity?: string;
  actor?: string;
  from?: string;
  to?: string;
  offset?: number;
}
export const auditTrail = (f: AuditFilters) => get<Page<AuditEvent>>('/api/audit', { ...f, limit: 50 });

export const users = async () => (await get<{ items: PublicUser[] }>('/api/users')).items;
export const createUser = async (input: {
  email: string;
  name: string;
  role: Role;
  finess?: string;
  /** An ARS account's region (planners and reviewers). */
  region?: string;
  password: string;
}) => (await send<PublicUser>('POST', '/api/users', input)).data;
export const setUserDisabled = async (user: Pick<PublicUser, 'id' | 'rev'>, disabled: boolean) =>
  (await send<PublicUser>('PATCH', `/api/users/${encodeURIComponent(user.id)}`, { disabled }, ifMatch(user.rev))).data;

/** An establishment corrects the date of a declaration nobody has checked yet, or withdraws it. */
export const correctCompletion = async (c: Pick<Completion, 'id' | 'rev'>, completedOn: string) =>
  (await send<Completion>('PATCH', `/api/completions/${encodeURIComponent(c.id)}`, { completedOn }, ifMatch(c.rev)))
    .data;
export const withdrawCompletion = async (c: Pick<Completion, 'id' | 'rev'>) => {
  await send<null>('DELETE', `/api/completions/${encodeURIComponent(c.id)}`, undefined, ifMatch(c.rev));
};

/** An administrator's edit of an account: its name, role, establishment binding (null: none) or state. */
export const updateUser = async (
  user: Pick<PublicUser, 'id' | 'rev'>,
  patch: { name?: string; role?: Role; finess?: string | null; region?: string | null; disabled?: boolean },
) => (await send<PublicUser>('PATCH', `/api/users/${encodeURIComponent(user.id)}`, patch, ifMatch(user.rev))).data;
/** A temporary password, which the account's owner must change at the next login. */
export const resetPassword = async (user: Pick<PublicUser, 'id' | 'rev'>, password: string) =>
  (
    await send<PublicUser>(
      'POST',
      `/api/users/${encodeURIComponent(user.id)}/password`,
      { password },
      ifMatch(user.rev),
    )
  ).data;
