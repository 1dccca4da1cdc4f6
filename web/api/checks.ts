// Completion checks and milestones: the planners' queue of declarations, validate or refuse one
// (If-Match: the version read), and the milestones' writes.
import type { Completion, CompletionState, Milestone, MilestoneTarget } from '../../server/contract/plan.js';
import { get, getAll, ifMatch, send } from './client.js';

type Versioned = { id: string; rev: string };
const at = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

/** Every declaration in these states (comma-separated: 'validated,refused'), oldest first. */
export const completionsIn = async (status: CompletionState | 'validated,refused') =>
  (await getAll<Completion>('/api/completions', { status })).items;

/** How many declarations are in these states, without reading them. */
export const countIn = async (status: CompletionState | 'validated,refused') =>
  (await get<{ total: number }>('/api/completions', { status, limit: 1 })).total;

export const validateCompletion = async (c: Versioned) =>
  (await send<Completion>('POST', `${at('/api/completions', c.id)}/validate`, undefined, ifMatch(c.rev))).data;

export const refuseCompletion = async (c: Versioned, reason: string) =>
  (await send<Completion>('POST', `${at('/api/completions', c.id)}/refuse`, { reason }, ifMatch(c.rev))).data;

export interface MilestoneBody {
  title: string;
  date: string;
  description?: string;
  target?: MilestoneTarget | null;
}
export const createMilestone = async (body: MilestoneBody) =>
  (await send<Milestone>('POST', '/api/milestones', body)).data;
export const updateMilestone = async (m: Versioned, patch: MilestoneBody) =>
  (await send<Milestone>('PATCH', at('/api/milestones', m.id), patch, ifMatch(m.rev))).data;
export const deleteMilestone = async (m: Versioned) => {
  await send<null>('DELETE', at('/api/milestones', m.id), undefined, ifMatch(m.rev));
};
