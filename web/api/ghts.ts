// GHT records and pooled regional resources: lists, create, edit with If-Match, delete.
import type { Ght, PooledResource } from '../../server/contract/plan.js';
import { get, getAll, ifMatch, send } from './client.js';

const at = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;
type Versioned = { id: string; rev: string };

export type GhtBody = Pick<Ght, 'code' | 'name' | 'region' | 'supportFiness'>;
export const ghts = async () => (await getAll<Ght>('/api/ghts')).items;
export const createGht = async (body: GhtBody) => (await send<Ght>('POST', '/api/ghts', body)).data;
export const updateGht = async (g: Versioned, patch: Partial<Omit<GhtBody, 'code'>>) =>
  (await send<Ght>('PATCH', at('/api/ghts', g.id), patch, ifMatch(g.rev))).data;
export const deleteGht = async (g: Versioned) => {
  await send<null>('DELETE', at('/api/ghts', g.id), undefined, ifMatch(g.rev));
};

export type PooledBody = Pick<PooledResource, 'siret' | 'name' | 'region' | 'serves'>;
export const pooledResources = async () => (await getAll<PooledResource>('/api/pooled-resources')).items;
/** Pooled resources by part of their name or SIRET (the allocation form's picker). */
export const searchPooled = (q: string, limit = 30) =>
  get<{ items: PooledResource[]; total: number }>('/api/pooled-resources', { q, limit });
export const createPooled = async (body: PooledBody) =>
  (await send<PooledResource>('POST', '/api/pooled-resources', body)).data;
export const updatePooled = async (p: Versioned, patch: Partial<Omit<PooledBody, 'siret'>>) =>
  (await send<PooledResource>('PATCH', at('/api/pooled-resources', p.id), patch, ifMatch(p.rev))).data;
export const deletePooled = async (p: Versioned) => {
  await send<null>('DELETE', at('/api/pooled-resources', p.id), undefined, ifMatch(p.rev));
};
