// Texts of an establishment’s funded actions, in French, added to the common ones.
import { base } from './common.js';

export const t = {
  ...base,
  awards: {
    title: 'Mes actions financées',
    intro: 'Les crédits attribués à votre établissement, leur versement et les jalons qui vous concernent.',
    site: 'Établissement',
    total: 'Montant de l’allocation',
    granted: 'Attribué (approuvé)',
    pending: 'En attente d’approbation',
    none: 'Aucune action financée pour cet établissement.',
    yearly: 'Montants par exercice',
    milestones: 'Jalons et échéances, mesurés sur vos établissements',
    declare: 'Déclarer l’action réalisée',
    confirmDeclare: 'Confirmer la déclaration',
    completedOn: 'Date de réalisation',
    declared: (d: string) => `Réalisation déclarée le ${d}`,
    validated: 'validée par l’ARS',
    pendingCheck: 'en attente de contrôle',
    declaredOk: (title: string) => `Réalisation de « ${title} » déclarée.`,
    payments: (n: number) => `${n} versement${n > 1 ? 's' : ''}`,
    tranche: 'Tranche',
    target: (share: string) => `cible ${share}`,
  },
};
