// Reference data: envelopes, establishments, actions, regions (each read once per reader: the
// shell makes a new reader at each sign-in and after a FINESS import), and the uncached reads.
import type {
  Action,
  Envelope,
  EnvelopeBudget,
  Establishment,
  MilestoneProgress,
  PooledResource,
  Region,
} from '../../server/contract/plan.js';
import { get, getAll } from './client.js';

/** The reference lists, each read on first use and then kept (a failed read is tried again). */
export const planReader = () => {
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
  return {
    envelopes: () => once('envelopes', async () => (await getAll<Envelope>('/api/envelopes')).items),
    actions: () => once('actions', async () => (await getAll<Action>('/api/actions')).items),
    regions: () => once('regions', async () => (await get<{ items: Region[] }>('/api/regions')).items),
    /** Every establishment the user may see, by FINESS (3,000 rows: three pages). */
    establishmentIndex: () =>
      once(
        'establishments',
        async () => new Map((await getAll<Establishment>('/api/establishments')).items.map((e) => [e.finess, e])),
      ),
    /** Every pooled regional resource the user may see (staff), by SIRET: an allocation names one
     *  by it. A few per region. */
    pooledIndex: () =>
      once(
        'pooled',
        async () => new Map((await getAll<PooledResource>('/api/pooled-resources')).items.map((p) => [p.siret, p])),
      ),
  };
};
export type PlanReader = ReturnType<typeof planReader>;

export const searchEstablishments = async (q: string, limit = 30) =>
  get<{ items: Establishment[]; total: number }>('/api/establishments', { q, limit });

export const envelopeBudget = (id: string) => get<EnvelopeBudget>(`/api/envelopes/${encodeURIComponent(id)}/budget`);
export const milestones = async () => (await getAll<MilestoneProgress>('/api/milestones')).items;
