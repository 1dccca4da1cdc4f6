// Whom an allocation names by its `finess`: an establishment (its 9-character FINESS) or a pooled
// regional resource (its 14-digit SIRET). The lists that show allocations read them the same way.
import type { Establishment, PooledResource } from '../../server/contract/plan.js';
import { t } from '../i18n/allocations.js';
import type { BulkBeneficiaries } from '../i18n/previews.js';

/** The plan reader's establishment and pooled resource indexes (by FINESS, by SIRET). */
export interface Beneficiaries {
  ests: ReadonlyMap<string, Establishment>;
  pooled: ReadonlyMap<string, PooledResource>;
}

/** An establishment's or a pooled resource's name; the number itself when neither is known. */
export const beneficiaryName = (b: Beneficiaries, finess: string): string =>
  b.ests.get(finess)?.name ?? b.pooled.get(finess)?.name ?? finess;

/** The INSEE code of its region: an establishment's, or the region a pooled resource is bound to. */
export const beneficiaryRegion = (b: Beneficiaries, finess: string): string | undefined =>
  b.ests.get(finess)?.region ?? b.pooled.get(finess)?.region;

/** Under a pooled resource's name: its SIRET, its region and what it is (« … · Ressource
 *  mutualisée »), as the allocations grid shows it; undefined for anything else. */
export const pooledLine = (
  b: Beneficiaries,
  finess: string,
  regionNames: ReadonlyMap<string, string>,
): string | undefined => {
  const p = b.pooled.get(finess);
  return p && `${p.siret} · ${regionNames.get(p.region) ?? p.region} · ${t.allocations.pooledResource}`;
};

/** The bulk form's « Filtres : » line: the page's filters in words, then whom it funds
 *  (« Île-de-France · Public · Établissements »). */
export const bulkScope = (filters: string, who: BulkBeneficiaries): string =>
  [filters, t.bulk.beneficiaryKinds[who]].filter(Boolean).join(' · ');
