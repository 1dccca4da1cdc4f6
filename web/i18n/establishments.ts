// Texts of the establishments page and form, in French, added to the common ones.
import { pluralize } from '../lib/plural.js';
import { base } from './common.js';

export const t = {
  ...base,
  establishments: {
    title: 'Établissements',
    intro:
      'Les établissements de santé du plan, identifiés par leur numéro FINESS géographique : catégorie, région, priorité, entité juridique et GHT.',
    readOnly: 'Consultation : seuls les planificateurs créent et modifient les établissements.',
    count: (n: number) =>
      pluralize(n, { one: '{n} établissement correspond', other: '{n} établissements correspondent' }),
    none: 'Aucun établissement ne correspond à ces critères.',
    filters: 'Filtrer les établissements',
    search: 'Rechercher',
    searchHint: 'Nom ou numéro FINESS',
    name: 'Nom',
    finess: 'FINESS',
    finessEj: 'FINESS juridique',
    ght: 'GHT',
    priority: 'Prioritaire',
    yes: 'Oui',
    no: 'Non',
    create: 'Nouvel établissement',
    edit: 'Modifier',
    editLabel: (name: string) => `Modifier ${name}`,
    created: (name: string) => `Établissement créé : ${name}.`,
    saved: (name: string) => `Établissement enregistré : ${name}.`,
    reset: 'Effacer les filtres',
  },
  establishmentForm: {
    createTitle: 'Nouvel établissement',
    editTitle: (name: string) => `Modifier ${name}`,
    finess: 'Numéro FINESS géographique',
    finessHint: '9 caractères : le département (ex. 75, 2A, 971) puis 6 ou 7 chiffres, le dernier étant la clé.',
    finessFixed: 'Le numéro FINESS identifie l’établissement : il ne se modifie pas.',
    name: 'Nom',
    category: 'Catégorie',
    region: 'Région (ARS)',
    pick: 'Choisir…',
    priority: 'Établissement prioritaire',
    priorityHint: 'Désigné prioritaire par le programme (fléchages « prioritaires seulement »).',
    finessEj: 'FINESS de l’entité juridique (facultatif)',
    finessEjHint: 'Le numéro de l’entité juridique (EJ) dont relève ce site.',
    ght: 'GHT (facultatif)',
    ghtHint: 'Groupement hospitalier de territoire.',
    submitCreate: 'Créer l’établissement',
    submitEdit: 'Enregistrer',
    required: 'Champ obligatoire.',
  },
};
