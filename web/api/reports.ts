// Dashboard, awards, completions, audit trail and accounts.
import type { AuditEvent } from '../../server/contract/audit.js';
import type { PublicUser, Role } from '../../server/contract/auth.js';
import type { Awards, Completion, Dashboard, Page } from '../../server/contract/plan.js';
import { get, ifMatch, send } from './client.js';

export interface DashboardFilters {
  envelopeId?: string;
  region?: string;
  axis?: string;
}
export const dashboard = (f: DashboardFilters) => get<Dashboard>('/api/dashboard', { ...f });

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
  password: string;
}) => (await send<PublicUser>('POST', '/api/users', input)).data;
export const setUserDisabled = async (user: Pick<PublicUser, 'id' | 'rev'>, disabled: boolean) =>
  (await send<PublicUser>('PATCH', `/api/users/${encodeURIComponent(user.id)}`, { disabled }, ifMatch(user.rev))).data;
