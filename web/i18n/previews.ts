// Texts of the previews that say who gets what (a bulk allocation's, an import's simulation), in
// French; plurals through Intl.PluralRules (lib/plural.ts).
import { pluralize } from '../lib/plural.js';

/** Who a bulk allocation funds (the API's filter.beneficiaries). */
export type BulkBeneficiaries = 'establishments' | 'pooled' | 'all';

/** « N … recevra / recevront » and « N … déjà doté(e)(s), ignoré(e)(s) » for each kind of beneficiary. */
export const BULK_COUNTS: Record<BulkBeneficiaries, { receive: [string, string]; held: [string, string] }> = {
  establishments: {
    receive: ['{n} établissement recevra', '{n} établissements recevront'],
    held: ['{n} établissement déjà doté, ignoré', '{n} établissements déjà dotés, ignorés'],
  },
  pooled: {
    receive: ['{n} ressource mutualisée recevra', '{n} ressources mutualisées recevront'],
    held: ['{n} ressource mutualisée déjà dotée, ignorée', '{n} ressources mutualisées déjà dotées, ignorées'],
  },
  all: {
    receive: ['{n} bénéficiaire recevra', '{n} bénéficiaires recevront'],
    held: ['{n} bénéficiaire déjà doté, ignoré', '{n} bénéficiaires déjà dotés, ignorés'],
  },
};
const counted = (n: number, [one, other]: [string, string]) => pluralize(n, { one, other });

export const tp = {
  finess: 'FINESS',
  establishment: 'Établissement',
  region: 'Région',
  total: 'Total',
  change: 'Écart',
  held: 'Déjà dotée',
  /** The accessible name of a preview's scrolling box. */
  region_: (caption: string) => `${caption} (tableau défilant)`,
  loading: 'Chargement de la page…',
  bulk: {
    targets: (n: number, who: BulkBeneficiaries = 'establishments') =>
      `${counted(n, BULK_COUNTS[who].receive)} une allocation`,
    skipped: (n: number, who: BulkBeneficiaries = 'establishments') => counted(n, BULK_COUNTS[who].held),
    /** The preview's first two columns: the beneficiary's number and name. */
    headers: {
      establishments: ['FINESS', 'Établissement'],
      pooled: ['SIRET', 'Ressource mutualisée'],
      all: ['FINESS ou SIRET', 'Bénéficiaire'],
    } satisfies Record<BulkBeneficiaries, [string, string]>,
    heldBy: (amount: string, status: string) => `${amount} (${status.toLowerCase()})`,
    each: (amounts: string) => `Chacun reçoit : ${amounts}.`,
  },
  imports: {
    caption: (n: number) =>
      pluralize(n, {
        one: '{n} ligne crée ou modifie une allocation',
        other: '{n} lignes créent ou modifient une allocation',
      }),
    line: (line: number, envelope: string, action: string) => `ligne ${line} · ${envelope} · ${action}`,
    change: { created: 'Nouvelle', updated: 'Modifiée', revised: 'Avenant' },
  },
};
