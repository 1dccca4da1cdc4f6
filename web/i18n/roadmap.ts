// Texts of the roadmap, in French, added to the common ones.
import { pluralize } from '../lib/plural.js';
import { base } from './common.js';

export const t = {
  ...base,
  roadmap: {
    title: 'Feuille de route 2023-2027',
    intro:
      'Les jalons du plan, leur cible et la progression mesurée à partir des réalisations déclarées par les établissements.',
    today: (d: string) => `Aujourd’hui : ${d}`,
    timelineLabel: 'Frise chronologique 2023-2027',
    noTarget: 'Jalon calendaire, sans cible mesurée.',
    progress: (title: string, pct: string, population: string, target: string, date: string) =>
      `${title} : ${pct} des établissements${population}, cible ${target} au ${date}`,
    priorityPop: ' prioritaires',
    upcoming: 'À venir',
    past: 'Échéance passée',
    /** « + 12 déclarés, en attente de contrôle »: declarations not yet counted in the progress. */
    declared: (n: number) =>
      pluralize(n, { one: '+ {n} déclaré, en attente de contrôle', other: '+ {n} déclarés, en attente de contrôle' }),
    checkedOnly: 'Seules les réalisations validées par la task force comptent dans l’avancement.',
    add: 'Ajouter un jalon',
    edit: 'Modifier',
    delete: 'Supprimer',
    label: (verb: string, title: string) => `${verb} le jalon « ${title} »`,
    confirmDelete: (title: string) => `Supprimer le jalon « ${title} » ? Cette suppression est définitive.`,
    confirm: 'Supprimer définitivement',
    created: (title: string) => `Jalon « ${title} » ajouté.`,
    saved: (title: string) => `Jalon « ${title} » enregistré.`,
    deleted: (title: string) => `Jalon « ${title} » supprimé.`,
  },
  milestoneForm: {
    createTitle: 'Nouveau jalon',
    editTitle: (title: string) => `Modifier le jalon « ${title} »`,
    title: 'Intitulé',
    date: 'Échéance',
    dateHint: 'Entre le 1er janvier 2023 et le 31 décembre 2027',
    description: 'Description (facultative)',
    hasTarget: 'Cible mesurée à partir des réalisations',
    action: 'Action',
    chooseAction: 'Choisir une action',
    actionRequired: 'Choisissez l’action dont les réalisations sont comptées.',
    population: 'Établissements comptés',
    all: 'Tous les établissements',
    priority: 'Les établissements prioritaires',
    share: 'Part cible (%)',
    shareHint: 'De 0 à 100 %, par exemple 80',
    shareInvalid: 'Part cible : un pourcentage de 0 à 100.',
    submitCreate: 'Ajouter le jalon',
    submitEdit: 'Enregistrer',
  },
};
