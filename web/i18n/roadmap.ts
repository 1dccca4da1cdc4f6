// Texts of the roadmap, in French, added to the common ones.
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
  },
};
