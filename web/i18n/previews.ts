// Texts of the previews that say who gets what (a bulk allocation's, an import's simulation), in
// French; plurals through Intl.PluralRules (lib/plural.ts).
import { pluralize } from '../lib/plural.js';

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
    targets: (n: number) =>
      pluralize(n, {
        one: '{n} établissement recevra une allocation',
        other: '{n} établissements recevront une allocation',
      }),
    skipped: (n: number) =>
      pluralize(n, {
        one: '{n} établissement déjà doté, ignoré',
        other: '{n} établissements déjà dotés, ignorés',
      }),
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
