// Reference data: envelopes, establishments, actions, regions, milestones (cached per session).
import type { Action, Envelope, EnvelopeBudget, Establishment, MilestoneProgress, Region } from '../../server/contract/plan.js';
import { get, getAll } from './client.js';

const cache = new Map<string, Promise<unknown>>();
const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
};
export const clearCache = () => cache.clear();

export const envelopes = () => once('envelopes', async () => (await getAll<Envelope>('/api/envelopes')).items);
export const actions = () => once('actions', async () => (await getAll<Action>('/api/actions')).items);
export const regions = () => once('regions', async () => (await get<{ items: Region[] }>('/api/regions')).items);
/** Every establishment the user may see, by FINESS (3,000 rows: three pages). */
export const establishmentIndex = () => once('establishments', async () => new Map((await getAll<Establishment>('/api/establishments')).items.map((e) => [e.finess, e])));

export const searchEstablishments = async (q: string, limit = 30) =>
  get<{ items: Establishment[]; total: number }>('/api/establishments', { q, limit });

export const envelopeBudget = (id: string) => get<EnvelopeBudget>(`/api/envelopes/${encodeURIComponent(id)}/budget`);
export const milestones = async () => (await getAll<MilestoneProgress>('/api/milestones')).items;
