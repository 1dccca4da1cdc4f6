// The catalogue's writes: envelopes, actions and establishments (create, edit with If-Match,
// delete, retire), and one page of the establishments list.
import type { Action, Earmark, Envelope, Establishment, Page, YearAmounts } from '../../server/contract/plan.js';
import { get, ifMatch, send } from './client.js';

const at = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;
type Versioned = { id: string; rev: string };

export interface EnvelopeBody {
  code: string;
  name: string;
  source: string;
  status: Envelope['status'];
  totalCents: number;
  yearlyCents?: YearAmounts | null;
  earmark?: Earmark | null;
}
export const createEnvelope = async (body: EnvelopeBody) => (await send<Envelope>('POST', '/api/envelopes', body)).data;
export const updateEnvelope = async (env: Versioned, patch: Partial<EnvelopeBody>) =>
  (await send<Envelope>('PATCH', at('/api/envelopes', env.id), patch, ifMatch(env.rev))).data;
export const deleteEnvelope = async (env: Versioned) => {
  await send<null>('DELETE', at('/api/envelopes', env.id), undefined, ifMatch(env.rev));
};

export type ActionBody = Pick<Action, 'code' | 'title' | 'axis'> & { domain?: string };
export const createAction = async (body: ActionBody) => (await send<Action>('POST', '/api/actions', body)).data;
export const updateAction = async (a: Versioned, patch: Partial<ActionBody>) =>
  (await send<Action>('PATCH', at('/api/actions', a.id), patch, ifMatch(a.rev))).data;
export const deleteAction = async (a: Versioned) => {
  await send<null>('DELETE', at('/api/actions', a.id), undefined, ifMatch(a.rev));
};
/** Retired, an action keeps what it funds and takes no new allocation; restored, it does again. */
export const retireAction = async (a: Versioned) =>
  (await send<Action>('POST', `${at('/api/actions', a.id)}/retire`, {}, ifMatch(a.rev))).data;
export const restoreAction = async (a: Versioned) =>
  (await send<Action>('POST', `${at('/api/actions', a.id)}/restore`, {}, ifMatch(a.rev))).data;

export interface EstablishmentFilters {
  q?: string;
  region?: string;
  category?: string;
  priority?: string;
}
export const establishmentsPage = (f: EstablishmentFilters, limit: number, offset: number) =>
  get<Page<Establishment>>('/api/establishments', { ...f, limit, offset });

export type EstablishmentBody = Pick<Establishment, 'finess' | 'name' | 'category' | 'region' | 'priority'> & {
  finessEj?: string | null;
  ght?: string | null;
};
export const createEstablishment = async (body: EstablishmentBody) =>
  (await send<Establishment>('POST', '/api/establishments', body)).data;
export const updateEstablishment = async (e: Versioned, patch: Partial<Omit<EstablishmentBody, 'finess'>>) =>
  (await send<Establishment>('PATCH', at('/api/establishments', e.id), patch, ifMatch(e.rev))).data;
