// Texts of the actions catalogue page and form, in French, added to the common ones.
import { pluralize } from '../lib/plural.js';
import { formatDate } from '../lib/format.js';
import { base } from './common.js';

export const t = {
  ...base,
  actionsPage: {
    title: 'Catalogue des actions',
    intro:
      'Ce que le plan finance, par axe CaRE. Une action qui porte des allocations ne se supprime pas : on la retire du catalogue, elle garde ce qu’elle finance et ne reçoit plus de nouvelle allocation.',
    readOnly: 'Consultation : seuls les planificateurs modifient le catalogue.',
    count: (n: number, retired: number) =>
      `${pluralize(n, { one: '{n} action', other: '{n} actions' })}${retired ? `, dont ${pluralize(retired, { one: '{n} retirée', other: '{n} retirées' })}` : ''}`,
    code: 'Code',
    title_: 'Intitulé',
    axis: 'Axe',
    domain: 'Domaine',
    state: 'État',
    active: 'Active',
    retired: 'Retirée',
    retiredOn: (iso: string) => `depuis le ${formatDate(iso)}`,
    create: 'Nouvelle action',
    edit: 'Modifier',
    retire: 'Retirer',
    restore: 'Rétablir',
    delete: 'Supprimer',
    label: (verb: string, code: string) => `${verb} l’action ${code}`,
    confirmDelete: (code: string) =>
      `Supprimer définitivement l’action ${code} ? Une action déjà utilisée ne peut pas l’être : retirez-la plutôt.`,
    confirm: 'Confirmer la suppression',
    created: (code: string) => `Action ${code} ajoutée au catalogue.`,
    saved: (code: string) => `Action ${code} enregistrée.`,
    retiredDone: (code: string) =>
      `Action ${code} retirée du catalogue : elle garde ses allocations et n’en reçoit plus de nouvelle.`,
    restored: (code: string) => `Action ${code} rétablie dans le catalogue.`,
    deleted: (code: string) => `Action ${code} supprimée.`,
  },
  actionForm: {
    createTitle: 'Nouvelle action',
    editTitle: (code: string) => `Modifier l’action ${code}`,
    code: 'Code',
    codeHint: 'Lettres, chiffres, - ou _ (ex. D2-SAUV).',
    title: 'Intitulé',
    axis: 'Axe CaRE',
    domain: 'Domaine (facultatif)',
    domainHint: 'Ex. D1, HospiConnect.',
    submitCreate: 'Ajouter l’action',
    submitEdit: 'Enregistrer',
  },
};
