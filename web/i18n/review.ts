// Texts of the review list (on the dashboard, whose texts add them as `review`): what awaits a
// reviewer, what was approved, decisions one at a time or several at once. French agreement
// through web/lib/plural.ts (Intl.PluralRules), never by concatenation.
import { pluralize } from '../lib/plural.js';

export const review = {
  views: 'Vue de la liste',
  pendingTab: (n: string) => `À examiner (${n})`,
  pendingCaption: 'Allocations à examiner',
  approvedTab: (n: string) => `Approuvées (${n})`,
  filters: 'Filtrer et trier la liste',
  allActions: 'Toutes les actions',
  search: 'Établissement (nom ou FINESS)',
  searchPlaceholder: 'ex. Versailles, 780000014',
  sort: 'Trier par',
  sorts: {
    proposed: 'Propositions les plus anciennes',
    '-proposed': 'Propositions les plus récentes',
    '-approved': 'Approbations les plus récentes',
    approved: 'Approbations les plus anciennes',
    establishment: 'Établissement (A → Z)',
    '-establishment': 'Établissement (Z → A)',
    '-amount': 'Montant décroissant',
    amount: 'Montant croissant',
  } as Record<string, string>,
  amount: 'Montant',
  decision: 'Décision',
  select: 'Sélection',
  selectRow: (name: string) => `Sélectionner : ${name}`,
  selectPage: 'Sélectionner toute la page',
  proposal: 'Proposition',
  avenant: 'Avenant',
  proposedOn: (date: string, who: string) => `proposée le ${date} par ${who}`,
  avenantOn: (date: string, who: string) => `avenant proposé le ${date}${who ? ` par ${who}` : ''}`,
  approvedOn: (date: string, who: string) => `approuvée le ${date}${who ? ` par ${who}` : ''}`,
  /** An avenant, year by year: « 2024 : 600,00 € → 650,00 € (+ 50,00 €) ». */
  change: (year: string, before: string, after: string, diff: string) => `${year} : ${before} → ${after} (${diff})`,
  changeLabel: (year: string, before: string, after: string, diff: string) =>
    `${year} : de ${before} à ${after}, écart ${diff}`,
  totalChange: (before: string, after: string, diff: string) => `Total : ${before} → ${after} (${diff})`,
  /** What an avenant does to the tranches: « Tranches : T1 60 000,00 € · T2 60 000,00 € », or none left. */
  tranches: (list: string) => `Tranches : ${list}`,
  noTranches: 'Sans tranche : versée librement',
  withdrawnBefore: (reason: string) => `Approbation retirée auparavant : ${reason}`,
  selected: (n: number, euros: string) =>
    pluralize(n, {
      one: `{n} dotation sélectionnée, ${euros}`,
      other: `{n} dotations sélectionnées, ${euros}`,
    }),
  noneSelected: 'Cochez des propositions pour les approuver ensemble.',
  approveSelection: 'Approuver la sélection',
  clearSelection: 'Tout désélectionner',
  confirmTitle: (n: number, euros: string) =>
    pluralize(n, { one: `Approuver {n} dotation pour ${euros} ?`, other: `Approuver {n} dotations pour ${euros} ?` }),
  confirmIntro:
    'Chacune est contrôlée comme une approbation seule (séparation des tâches, crédits engagés) : si l’une est refusée, aucune n’est approuvée.',
  confirm: 'Confirmer l’approbation',
  confirmList: 'Dotations à approuver',
  keep: 'Annuler',
  bulkApproved: (n: number, euros: string) =>
    pluralize(n, { one: `{n} dotation approuvée pour ${euros}.`, other: `{n} dotations approuvées pour ${euros}.` }),
  approvedEmpty: 'Aucune allocation approuvée pour ces filtres.',
  pendingEmpty: 'Aucune allocation en attente d’examen pour ces filtres.',
  approvedCol: 'Approuvé',
  paidCol: 'Versé',
  unapprove: 'Retirer l’approbation',
  unapproveReason: 'Motif du retrait',
  unapproveConfirm: 'Confirmer le retrait',
  unapproved: (name: string) => `Approbation retirée : ${name}, de nouveau « proposée ».`,
  announcedLocked: 'Crédits annoncés, non engagés : pas d’approbation possible.',
  paidLocked: 'Versements enregistrés : l’approbation ne peut plus être retirée.',
};
