// Texts of the completion checks page, in French, added to the common ones.
import { pluralize } from '../lib/plural.js';
import { base } from './common.js';

export const t = {
  ...base,
  checks: {
    title: 'Contrôle des réalisations',
    intro:
      'Les réalisations que les établissements ont déclarées attendent votre contrôle\u00a0: validez-les sur pièces, ou refusez-les en indiquant le motif, que l’établissement lira sur sa page. Seules les réalisations validées comptent dans l’avancement des jalons.',
    tabs: 'Réalisations',
    pendingTab: (n: number) => `En attente de contrôle (${n.toLocaleString('fr-FR')})`,
    checkedTab: (n: number) => `Contrôlées (${n.toLocaleString('fr-FR')})`,
    filters: 'Filtrer les réalisations',
    search: 'Établissement (nom ou FINESS)',
    searchHint: 'Sans tenir compte des accents',
    allActions: 'Toutes les actions',
    shown: (shown: number, total: number) =>
      shown === total
        ? pluralize(total, { one: '{n} réalisation', other: '{n} réalisations' })
        : `${shown.toLocaleString('fr-FR')} affichées sur ${pluralize(total, { one: '{n} réalisation', other: '{n} réalisations' })}`,
    more: 'Afficher les suivantes',
    emptyPending: 'Aucune réalisation en attente de contrôle pour ces filtres.',
    emptyChecked: 'Aucune réalisation contrôlée pour ces filtres.',
    establishment: 'Établissement',
    finess: 'FINESS',
    region: 'Région',
    action: 'Action',
    completedOn: 'Réalisée le',
    declaredAt: 'Déclarée le',
    declaredBy: (who: string) => `par ${who}`,
    check: 'Contrôle',
    validate: 'Valider',
    refuse: 'Refuser',
    label: (verb: string, name: string, action: string) => `${verb} : ${name}, ${action}`,
    validated: 'Validée',
    refused: 'Refusée',
    checkedOn: (d: string, who?: string) => `le ${d}${who ? ` par ${who}` : ''}`,
    reason: 'Motif',
    validatedDone: (name: string, action: string) => `Réalisation validée : ${name}, ${action}.`,
    refusedDone: (name: string, action: string) =>
      `Réalisation refusée : ${name}, ${action}. L’établissement lira le motif sur sa page.`,
    dialogTitle: 'Refuser la réalisation',
    dialogWhat: (name: string, action: string, d: string) => `${name} — ${action}, déclarée réalisée le ${d}.`,
    reasonLabel: 'Motif du refus (obligatoire)',
    reasonHint: 'L’établissement lira ce motif sur sa page ; il pourra déclarer à nouveau la réalisation.',
    reasonRequired: 'Indiquez le motif du refus.',
    confirmRefuse: 'Refuser la réalisation',
  },
};
