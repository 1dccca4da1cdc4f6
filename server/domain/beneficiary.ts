// Who an allocation funds: an establishment (its FINESS, 9 characters) or a pooled regional
// resource (its SIRET, 14 digits), both named by the allocation's `finess`. Every rule that reads
// a beneficiary's region, GHT, category or name reads it here, so that both are treated alike.
import type { Category, Earmark, Establishment, PooledResource } from '../contract/plan.js';
import { fail } from './errors.js';
import type { PlanState } from './plan.js';

export interface Beneficiary {
  kind: 'establishment' | 'pooled';
  /** FINESS or SIRET. */
  key: string;
  name: string;
  region: string;
  /** Absent for a pooled resource, which has no category, priority nor GHT. */
  category?: Category;
  priority: boolean;
  ght?: string;
  record: Establishment | PooledResource;
}

export const beneficiaryOf = (plan: PlanState, key: string): Beneficiary | undefined => {
  const e = plan.establishments.get(key);
  if (e)
    return {
      kind: 'establishment',
      key,
      name: e.name,
      region: e.region,
      category: e.category,
      priority: e.priority,
      ...(e.ght ? { ght: e.ght } : {}),
      record: e,
    };
  const p = plan.pooled.get(key);
  if (p) return { kind: 'pooled', key, name: p.name, region: p.region, priority: false, record: p };
  return undefined;
};

/** The region an allocation to `key` counts in ('' for an unknown beneficiary). */
export const regionOf = (plan: PlanState, key: string): string =>
  plan.establishments.get(key)?.region ?? plan.pooled.get(key)?.region ?? '';

/** The GHT breakdown's key of a beneficiary: its GHT's code, '' outside any GHT, '*pooled' for a
 *  pooled regional resource. */
export const POOLED_GROUP = '*pooled';
export const NO_GHT = '';
export const groupOf = (plan: PlanState, key: string): string => {
  const e = plan.establishments.get(key);
  if (e) return e.ght ?? NO_GHT;
  return plan.pooled.has(key) ? POOLED_GROUP : NO_GHT;
};

/** What of an envelope's earmark a beneficiary falls outside: 'region', 'category' or 'priority'
 *  (null: it fits). A pooled regional resource has no category and is no priority establishment:
 *  an envelope earmarked on categories or on priority establishments does not fund it. */
export const earmarkMiss = (
  m: Earmark | undefined,
  b: Pick<Beneficiary, 'region' | 'category' | 'priority'>,
): 'region' | 'category' | 'priority' | null => {
  if (!m) return null;
  if (m.regions?.length && !m.regions.includes(b.region)) return 'region';
  if (m.categories?.length && (!b.category || !m.categories.includes(b.category))) return 'category';
  if (m.priorityOnly && !b.priority) return 'priority';
  return null;
};

/** A beneficiary edited (`next`: its region, category and priority as they would stand) keeps its
 *  allocations, which must stay within their envelopes' earmarks: refused at the first that would
 *  leave one (on the field that makes it leave). */
export const assertEarmarksKept = (
  plan: PlanState,
  key: string,
  next: Pick<Beneficiary, 'region' | 'category' | 'priority'>,
): void => {
  for (const a of plan.index.allocationsByFiness(key)) {
    const miss = a.status === 'rejected' ? null : earmarkMiss(plan.envelopes.get(a.envelopeId)?.earmark, next);
    if (miss) fail([{ path: miss, message: `L'allocation ${a.id} sortirait du fléchage de son enveloppe.` }]);
  }
};
