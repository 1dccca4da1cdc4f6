// The texts every page shares, in French: the shell, navigation, roles, labels, amounts, exports
// and errors. Each lazily loaded page has its own texts in a file beside this one, which adds
// them to these (`t`); an English version would be objects of the same shapes (`satisfies`).
import type { Role } from '../../server/contract/auth.js';
import {
  ALLOCATION_STATUS_LABELS as statuses,
  CATEGORY_LABELS as categories,
  MILESTONE_STATUS_LABELS as milestoneStatus,
} from '../../shared/labels.js';
import { formatCount } from '../lib/format.js';
import { agree, count, type Noun } from '../lib/plural.js';

const roles: Record<Role, string> = {
  admin: 'Administration',
  planner: 'Planification',
  reviewer: 'Contrôle financier',
  establishment: 'Établissement',
};
const axes: Record<string, string> = {
  '1': 'Axe 1 — Gouvernance et résilience',
  '2': 'Axe 2 — Ressources et mutualisation',
  '3': 'Axe 3 — Sensibilisation',
  '4': 'Axe 4 — Sécurité opérationnelle',
};
const n = formatCount;
const ENVELOPE: Noun = { one: 'enveloppe', other: 'enveloppes', gender: 'f' };
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const base = {
  app: {
    name: 'Jalon',
    tagline: 'Pilotage budgétaire du plan cyber santé 2023-2027',
    ministry: 'Programme CaRE · Santé numérique',
    skip: 'Aller au contenu',
    logout: 'Se déconnecter',
    nav: 'Navigation principale',
    footer:
      'Jalon — suivi des crédits et des jalons du plan pluriannuel de cybersécurité des établissements de santé. Montants en euros, exercices 2023 à 2027.',
    loading: 'Chargement…',
    retry: 'Réessayer',
    forbidden: 'Votre rôle ne donne pas accès à cette page.',
    notFound: 'Page introuvable.',
    notFoundTitle: 'Page introuvable',
    home: 'Retour à l’accueil',
    sessionExpired: 'Votre session a expiré : reconnectez-vous.',
    signIn: 'Connexion',
  },
  pages: {
    dashboard: 'Tableau de bord',
    allocations: 'Allocations',
    roadmap: 'Feuille de route',
    awards: 'Mes actions financées',
    applications: 'Candidatures',
    audit: 'Journal d’audit',
    users: 'Comptes',
    import: 'Imports',
    account: 'Mon compte',
    payments: 'Versements',
    envelopes: 'Enveloppes',
    delegations: 'Délégations',
    actions: 'Actions',
    establishments: 'Établissements',
    ghts: 'GHT',
    pooled: 'Ressources mutualisées',
    completions: 'Réalisations',
    windows: 'Guichets',
    scenarios: 'Scénarios',
  },
  roles,
  categories,
  statuses,
  milestoneStatus,
  axes,
  axisShort: (axis: string | number) => `Axe ${axis}`,
  revisionPending: 'Avenant en attente',
  revisionShort: 'Avenant',
  priority: 'Prioritaire',
  common: {
    all: 'Tous',
    allFeminine: 'Toutes',
    total: 'Total',
    year: 'Année',
    region: 'Région',
    category: 'Catégorie',
    priorityFilter: 'Priorité',
    priorityOnly: 'Prioritaires',
    nonPriority: 'Non prioritaires',
    action: 'Action',
    status: 'Statut',
    envelope: 'Enveloppe',
    establishment: 'Établissement',
    search: 'Rechercher',
    searchHint: 'Nom ou FINESS',
    cancel: 'Annuler',
    close: 'Fermer',
    none: '—',
    previous: 'Précédent',
    next: 'Suivant',
    range: (from: number, to: number, total: number) => `${n(from)} à ${n(to)} sur ${n(total)}`,
    allRegions: 'Toutes les régions',
    counted: (done: number, pop: number) =>
      `${n(done)} sur ${count(pop, { one: 'établissement', other: 'établissements' })}`,
    actions: 'Actions',
  },
  money: {
    budget: 'Budget',
    allocated: 'Alloué',
    approved: 'Approuvé',
    paid: 'Versé',
    /** Credits delegated to an ARS (« délégation de crédits »). */
    delegated: 'Délégué',
    remaining: 'Reste à allouer',
    remainingToPay: 'Reste à verser',
    // an envelope's status, agreeing with « enveloppe » (feminine): « enveloppe engagée »
    committed: capitalize(agree({ m: 'engagé' }, ENVELOPE.gender)),
    announced: capitalize(agree({ m: 'annoncé' }, ENVELOPE.gender)),
    noYearBudget: 'non ventilé',
  },
  exports: {
    csv: 'Exporter CSV',
    xlsx: 'Exporter Excel',
    group: (what: string) => `Exporter ${what}`,
    variance: 'les écarts alloué / approuvé / versé',
    allocations: 'les allocations affichées',
    payments: 'les versements',
    paymentsAll: 'Versements, toutes enveloppes',
    paymentsFiltered: 'Versements (filtres du tableau de bord)',
    awards: 'les actions financées de l’établissement',
  },
  errors: {
    generic: 'La requête a échoué.',
    network: 'Serveur injoignable',
    networkDetail: 'Le serveur Jalon ne répond pas : vérifiez votre connexion puis réessayez.',
    load: 'Chargement impossible',
  },
};

/** For the shell and the code every page loads. */
export const t = base;
