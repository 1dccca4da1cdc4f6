// Texts of an establishment’s funded actions, in French, added to the common ones.
import { count } from '../lib/plural.js';
import { base } from './common.js';

export const t = {
  ...base,
  awards: {
    title: 'Mes actions financées',
    intro: 'Les crédits attribués à votre établissement, leur versement et les jalons qui vous concernent.',
    site: 'Établissement affiché',
    /** The whole legal entity, first choice of the selector. */
    entityOption: (finess: string, name: string, sites: number) =>
      `${finess} — ${name} : toute l’entité juridique (${count(sites, { one: 'établissement', other: 'établissements' })})`,
    siteOption: (finess: string, name: string) => `${finess} — ${name}`,
    entity: 'Entité juridique',
    entityTotals: 'Totaux de l’entité juridique',
    bySite: 'Par établissement',
    showSite: 'Afficher seul',
    siteTotals: (name: string) => `Totaux de ${name}`,
    sites: (n: number) => count(n, { one: 'établissement', other: 'établissements' }),
    total: 'Montant approuvé',
    granted: 'Attribué (approuvé)',
    approvedOnly:
      'Seuls les montants approuvés figurent ici : une proposition en cours d’examen n’apparaît qu’une fois approuvée.',
    none: 'Aucune action financée pour cet établissement.',
    yearly: 'Montants approuvés par exercice',
    exercise: 'Exercice',
    milestones: 'Jalons et échéances, mesurés sur vos établissements',
    declare: 'Déclarer l’action réalisée',
    confirmDeclare: 'Confirmer la déclaration',
    completedOn: 'Date de réalisation',
    declared: (d: string) => `Réalisation déclarée le ${d}`,
    pendingCheck: 'en attente de contrôle',
    declaredOk: (title: string) => `Réalisation de « ${title} » déclarée : elle attend le contrôle de l’ARS.`,
    payments: (n: number) => count(n, { one: 'versement', other: 'versements' }),
    tranche: 'Tranche',
    /** An allocation paid tranche by tranche, each once its milestone or objective is met. */
    tranches: {
      caption: 'Versement par tranches',
      intro: 'Cette allocation est versée tranche par tranche, chacune une fois sa condition remplie.',
      amount: 'Montant',
      paid: 'Versé',
      state: 'État',
      states: {
        paid: 'Versée',
        payable: 'Condition remplie : à verser',
        milestone: 'À verser une fois le jalon atteint',
        objective: 'À verser une fois l’objectif atteint',
        freed: 'Libérée',
      },
      left: (amount: string) => `reste ${amount} à verser`,
      missing: (what: string) => `En attente : ${what}.`,
      freedWhy: 'Objectif non atteint à temps : son montant est revenu à l’enveloppe.',
      total: 'Total des tranches',
    },
    /** A payment cancelled by a counter-entry, and the counter-entry itself (its reason). */
    paymentCancelled: 'annulé',
    cancellation: (reason: string) => `annulation${reason ? ` : ${reason}` : ''}`,
    target: (share: string) => `cible ${share}`,
    otherDeclarations: 'Autres déclarations',
    otherIntro: 'Réalisations déclarées pour des actions qui ne figurent pas parmi vos allocations approuvées.',
  },
  declaration: {
    validated: (d: string) => `validée le ${d}`,
    refused: (declared: string, refused: string) => `Déclaration du ${declared} refusée le ${refused} :`,
    correct: 'Corriger',
    withdraw: 'Retirer',
    newDate: 'Date de réalisation corrigée',
    saveCorrection: 'Enregistrer la correction',
    corrected: (d: string) => `Déclaration corrigée : réalisation le ${d}, toujours en attente de contrôle.`,
    confirmWithdraw: (d: string) =>
      `Retirer la déclaration de réalisation du ${d} ? Elle ne sera pas contrôlée ; vous pourrez déclarer l’action à nouveau.`,
    confirmWithdrawButton: 'Confirmer le retrait',
    withdrawn: (d: string) => `Déclaration du ${d} retirée.`,
    declareAgain: 'Déclarer à nouveau l’action réalisée',
  },
};
