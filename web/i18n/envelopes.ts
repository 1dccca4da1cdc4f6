// Texts of the envelopes page and form, in French, added to the common ones.
import { pluralize } from '../lib/plural.js';
import { base } from './common.js';

export const t = {
  ...base,
  envelopes: {
    title: 'Enveloppes de financement',
    intro:
      'Les crédits du plan, leur source, leur répartition par exercice et leur fléchage. Une enveloppe ne descend jamais sous ce qui y est déjà alloué.',
    readOnly: 'Consultation : seuls les planificateurs créent et modifient les enveloppes.',
    count: (n: number) => pluralize(n, { one: '{n} enveloppe', other: '{n} enveloppes' }),
    status: { committed: 'Engagée', announced: 'Annoncée' } as Record<string, string>,
    statusHint: {
      committed: 'crédits votés : les allocations peuvent être approuvées',
      announced: 'crédits annoncés, non engagés : on planifie, on n’approuve pas',
    } as Record<string, string>,
    source: 'Source',
    earmark: 'Fléchage',
    noEarmark: 'Aucun fléchage : tout établissement, toute action.',
    earmarkParts: {
      regions: (names: string) => `Régions : ${names}`,
      categories: (names: string) => `Catégories : ${names}`,
      priorityOnly: 'Établissements prioritaires seulement',
      actions: (codes: string) => `Actions : ${codes}`,
    },
    create: 'Nouvelle enveloppe',
    edit: 'Modifier',
    editLabel: (code: string) => `Modifier l’enveloppe ${code}`,
    delete: 'Supprimer',
    deleteLabel: (code: string) => `Supprimer l’enveloppe ${code}`,
    confirmDelete: (code: string) =>
      `Supprimer définitivement l’enveloppe ${code} ? Une enveloppe qui porte des allocations ne peut pas l’être.`,
    confirm: 'Confirmer la suppression',
    created: (code: string) => `Enveloppe ${code} créée.`,
    saved: (code: string) => `Enveloppe ${code} enregistrée.`,
    deleted: (code: string) => `Enveloppe ${code} supprimée.`,
    openAllocations: 'Répartir',
    openAllocationsLabel: (code: string) => `Répartir l’enveloppe ${code} (allocations)`,
  },
  envelopeForm: {
    createTitle: 'Nouvelle enveloppe',
    editTitle: (code: string) => `Modifier l’enveloppe ${code}`,
    code: 'Code',
    codeHint: 'Lettres, chiffres, - ou _ (ex. CARE-D2).',
    name: 'Intitulé',
    source: 'Source (texte, arrêté, annonce)',
    status: 'Statut des crédits',
    total: 'Total (€)',
    totalHint: 'En euros, par exemple « 1 234,56 ». Jamais moins que ce qui est déjà alloué.',
    yearly: 'Répartition par exercice (facultative)',
    yearlyHint:
      'En euros. Vide : enveloppe non ventilée. La somme des exercices ne dépasse pas le total, et chaque exercice couvre ce qui y est déjà alloué.',
    earmark: 'Fléchage (facultatif)',
    earmarkHint: 'Rien de coché : l’enveloppe finance tout établissement et toute action.',
    regions: 'Régions',
    categories: 'Catégories d’établissement',
    priorityOnly: 'Établissements prioritaires seulement',
    actions: 'Actions financées',
    submitCreate: 'Créer l’enveloppe',
    submitEdit: 'Enregistrer',
    required: 'Champ obligatoire.',
    retired: 'retirée',
  },
};
