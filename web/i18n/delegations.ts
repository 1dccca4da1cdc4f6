// Texts of the delegations page, its grid, its consumption table and its import, in French.
import { pluralize } from '../lib/plural.js';
import { base } from './common.js';

export const t = {
  ...base,
  delegations: {
    title: 'Délégations aux ARS',
    intro:
      'Les crédits d’une enveloppe délégués aux agences régionales de santé, région par région et année par année, comme l’annexe d’une circulaire de délégation. Les allocations d’une région délégataire restent dans ses crédits ; les autres puisent dans la réserve nationale.',
    readOnly: 'Consultation : seuls les planificateurs nationaux modifient les délégations.',
    round: 'Délégation',
    allRounds: 'Toutes les délégations (crédits des régions)',
    newRound: 'Nouvelle délégation…',
    reference: 'Référence de l’acte',
    referenceHint: 'Ex. « 1re délégation, circulaire du 8 sept. 2025 »',
    notifiedOn: 'Notifiée le',
    allRoundsHint:
      'Choisissez une délégation pour la modifier : chaque cellule est le montant que cette délégation donne à la région.',
    noEnvelope: 'Aucune enveloppe.',
    gridLabel: (round: string) => `Délégation « ${round} » par région et par année`,
    keyboardHelp:
      'Flèches pour se déplacer, Entrée ou un chiffre pour saisir un montant (« 1 234,56 »), Entrée pour enregistrer, Échap pour annuler.',
    cellLabel: (year: string, region: string) => `${region}, ${year}`,
    roundTotal: 'Total de la délégation',
    rowTotal: 'Total',
    saving: 'Enregistrement…',
    saved: (region: string, year: string, amount: string) => `${region} ${year} : ${amount} délégués, enregistré.`,
    refused: (why: string) => `Refusé : ${why}`,
    needReference: 'Saisissez d’abord la référence de l’acte et sa date de notification.',
    position: 'Position de l’enveloppe',
    positionByYear: 'Position de l’enveloppe par année',
    envelopeTotal: 'Enveloppe',
    delegatedAll: 'Délégué aux ARS (toutes délégations)',
    reserve: 'Réserve nationale',
    reserveRemaining: 'Reste sur la réserve nationale',
    consumption: 'Consommation des crédits délégués',
    consumptionDesc:
      'Par région délégataire : délégué, alloué aux bénéficiaires de la région, approuvé, versé et reste à allouer.',
    consumptionLabel: 'Consommation des délégations par région',
    delegated: 'Délégué',
    remaining: 'Reste',
    reserveRow: 'Réserve nationale (régions sans délégation)',
    totalRow: 'Total',
    noDelegation: 'Aucune région n’a encore de délégation sur cette enveloppe.',
    exportSubject: 'le tableau des délégations',
    count: (n: number) => pluralize(n, { one: '{n} région délégataire', other: '{n} régions délégataires' }),
    import: {
      title: 'Importer un tableau de délégations',
      intro:
        'Le tableau exporté ci-dessus (CSV ou Excel), une ligne par région, une colonne par année, en euros : chaque région reçoit ou met à jour sa délégation de la référence choisie. Simulez d’abord ; l’import est tout ou rien.',
      file: 'Tableau (CSV ou XLSX)',
      fileHint: 'Colonnes « Code INSEE » ou « Région », puis « 2023 (€) » … « 2027 (€) ».',
      simulate: 'Simuler',
      apply: 'Importer',
      needFile: 'Choisissez un fichier.',
      stale: 'Simulez d’abord ce fichier.',
      summary: (created: number, updated: number, unchanged: number) =>
        `${pluralize(created, { one: '{n} délégation créée', other: '{n} délégations créées' })}, ${pluralize(updated, { one: '{n} modifiée', other: '{n} modifiées' })}, ${pluralize(unchanged, { one: '{n} inchangée', other: '{n} inchangées' })}.`,
      simulated: 'Simulation : rien n’est encore enregistré.',
      applied: 'Import enregistré.',
      totals: (before: string, after: string) => `Cette délégation passe de ${before} à ${after}.`,
      refusedTitle: (n: number) =>
        pluralize(n, {
          one: '{n} cellule refusée : rien ne sera enregistré',
          other: '{n} cellules refusées : rien ne sera enregistré',
        }),
      line: 'Ligne',
      cell: 'Cellule',
      reason: 'Motif',
    },
  },
};
