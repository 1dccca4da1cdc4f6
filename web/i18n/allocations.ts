// Texts of the allocations page (grid, budget, add and bulk forms), in French, added to the common ones.
import { base } from './common.js';
import { pluralize } from '../lib/plural.js';
import { BULK_COUNTS, type BulkBeneficiaries } from './previews.js';

export const t = {
  ...base,
  allocations: {
    title: 'Espace de répartition des crédits',
    intro:
      'Répartissez l’enveloppe entre établissements et actions. Chaque montant saisi est enregistré aussitôt et contrôlé par rapport à ce qui reste.',
    envelope: 'Enveloppe',
    /** Under a pooled regional resource's name, after its SIRET and region. */
    pooledResource: 'Ressource mutualisée',
    summary: (code: string) => `Situation de l’enveloppe ${code}`,
    summaryCaption: 'Budget, montants alloués, approuvés, versés et reste à allouer par exercice',
    paidByDate:
      'Versé : par année de versement. Un versement peut solder les montants d’un exercice antérieur ; il ne dépasse jamais ce qui a été approuvé pour l’allocation.',
    gridCaption: (n: number) => pluralize(n, { one: '{n} allocation', other: '{n} allocations' }),
    gridLabel: 'Allocations par établissement et par exercice',
    keyboardHelp:
      'Flèches pour se déplacer, Entrée pour modifier puis enregistrer, Échap pour abandonner la saisie, Tab pour enregistrer et passer à la cellule suivante, Ctrl+Z pour annuler votre dernière modification enregistrée, Ctrl+Maj+Z pour la rétablir.',
    empty: 'Aucune allocation ne correspond à ces filtres.',
    filters: 'Filtres',
    resetFilters: 'Effacer les filtres',
    cellLabel: (year: string, name: string, action: string) => `Montant ${year}, ${name}, ${action}`,
    saving: 'Enregistrement…',
    saved: (name: string, year: string, amount: string) => `Enregistré : ${name}, ${year} = ${amount}.`,
    savedRevision: (name: string, year: string, amount: string) =>
      `Avenant enregistré (en attente d’approbation) : ${name}, ${year} = ${amount}.`,
    refused: (msg: string) => `Enregistrement refusé : ${msg}`,
    conflict: (theirs: string, mine: string) =>
      `Ligne modifiée entre-temps par quelqu’un d’autre : valeur actuelle ${theirs}. Votre saisie (${mine}) est conservée : Entrée pour l’appliquer, Échap pour l’abandonner.`,
    rowTotal: 'Total ligne',
    columnTotal:
      'Total alloué des lignes affichées (hors rejetées ; avenant en attente : le plus élevé des deux montants)',
    add: 'Ajouter une allocation',
    bulk: 'Allocation groupée',
    /** The floor of a row: what is approved and what was paid on it (an avenant cannot go below). */
    engaged: 'Approuvé · versé',
    approvedShort: (amount: string) => `appr. ${amount}`,
    paidShort: (amount: string) => `versé ${amount}`,
    floor: (approved: string, paid: string) =>
      `Approuvé ${approved}, déjà versé ${paid} : un avenant ne peut pas descendre sous ${paid}.`,
    notApproved: 'Non approuvée',
    sortBy: (column: string) => `Trier par ${column}`,
    sorted: (column: string, ascending: boolean) =>
      `Trié par ${column}, ordre ${ascending ? 'croissant' : 'décroissant'}.`,
    rowActions: 'Actions',
    withdraw: 'Retirer',
    withdrawLabel: (row: string) => `Retirer la proposition : ${row}`,
    withdrawTitle: 'Retirer cette proposition ?',
    withdrawConfirm: (row: string, amount: string) =>
      `La proposition ${row} (${amount}) sera retirée de l’enveloppe. Vous pourrez revenir en arrière avec « Annuler ».`,
    withdrawKeep: 'Garder',
    withdrawn: (row: string) => `Proposition retirée : ${row}.`,
    undo: 'Annuler',
    redo: 'Rétablir',
    undoTitle: (label: string) => `Annuler : ${label} (Ctrl+Z)`,
    redoTitle: (label: string) => `Rétablir : ${label} (Ctrl+Maj+Z)`,
    nothingToUndo: 'Rien à annuler',
    nothingToRedo: 'Rien à rétablir',
    undone: (label: string) => `Annulé : ${label}.`,
    redone: (label: string) => `Rétabli : ${label}.`,
    historyHelp: 'Ctrl+Z annule votre dernière modification, Ctrl+Maj+Z (ou Ctrl+Y) la rétablit.',
    duplicate: (name: string, action: string, envelope: string) =>
      `Une dotation existe déjà pour ${name} — ${action} sur l’enveloppe ${envelope} : modifiez-la plutôt.`,
    duplicateYears: (name: string, action: string, envelope: string, years: string) =>
      `Une dotation existe déjà pour ${name} — ${action} sur l’enveloppe ${envelope} en ${years} : modifiez-la plutôt.`,
    seeDuplicate: 'Voir la dotation existante',
    discard: 'Retirer cette étape de l’historique',
    discarded: 'Étape retirée de l’historique : « Annuler » passe à la précédente.',
  },
  addForm: {
    title: 'Proposer une allocation',
    establishment: 'Établissement',
    establishmentSearch: 'Rechercher un établissement ou une ressource mutualisée (nom, FINESS ou SIRET)',
    establishmentPick: 'Établissement retenu',
    pickPlaceholder: 'Choisir dans la liste…',
    matches: (n: number, pooled = 0) =>
      pluralize(n, { one: '{n} établissement trouvé', other: '{n} établissements trouvés' }) +
      (pooled
        ? ` · ${pluralize(pooled, { one: '{n} ressource mutualisée', other: '{n} ressources mutualisées' })}`
        : ''),
    pooledGroup: 'Ressources mutualisées',
    establishmentGroup: 'Établissements',
    action: 'Action financée',
    amounts: 'Montants par exercice (en euros)',
    amountHint: 'Exemple : 150 000 ou 1 234,56',
    submit: 'Proposer l’allocation',
    created: (name: string) => `Allocation proposée pour ${name}.`,
    establishmentRequired: 'Choisissez un établissement.',
    actionRequired: 'Choisissez une action.',
    zero: 'Saisissez au moins un montant.',
  },
  /** The tranches dialog of an allocation: each part paid once its milestone is met. */
  tranches: {
    button: (n: number) => (n ? pluralize(n, { one: '{n} tranche', other: '{n} tranches' }) : 'Tranches'),
    /** The button's words (« 2 tranches ») and the row it splits. */
    buttonLabel: (words: string, row: string) => `${words} : ${row}`,
    title: 'Tranches de versement',
    intro:
      'Chaque tranche est versée à l’atteinte de son jalon : une fois validée, pour le bénéficiaire, la réalisation de l’action que le jalon mesure. Les tranches font ensemble le montant de l’allocation.',
    avenant: 'Allocation approuvée : ces tranches forment un avenant, appliqué une fois approuvé par un valideur.',
    pendingAvenant: 'Un avenant attend une décision : ce sont ses tranches et son montant.',
    freed: (n: number) =>
      pluralize(n, {
        one: '{n} tranche libérée (objectif non atteint à temps) reste au dossier.',
        other: '{n} tranches libérées (objectifs non atteints à temps) restent au dossier.',
      }),
    none: 'Aucune tranche : l’allocation est versée librement.',
    legend: (n: number) => `Tranche ${n}`,
    code: 'Code',
    label: 'Libellé',
    milestone: 'Jalon déclencheur',
    milestonePick: 'Choisir le jalon',
    milestoneOption: (title: string, date: string) => `${title} (${date})`,
    milestoneRequired: 'Choisissez le jalon qui déclenche le versement.',
    releasedBy: (action: string) => `Versée une fois la réalisation de l’action ${action} validée.`,
    autoLabel: (title: string) => `Versement à l’atteinte du jalon « ${title} »`,
    objective: (objective: string, application: string) =>
      `Objectif ${objective} de la candidature ${application} (guichet) : versée une fois l’objectif atteint.`,
    amount: 'Montant (€)',
    remove: (n: number) => `Retirer la tranche ${n}`,
    add: 'Ajouter une tranche',
    sum: (sum: string, total: string) => `Total des tranches : ${sum} sur ${total}`,
    left: (amount: string) => `reste ${amount} à répartir`,
    over: (amount: string) => `${amount} de trop`,
    exact: 'le compte est juste',
    save: 'Enregistrer les tranches',
    reread: 'La version actuelle est relue et votre saisie conservée : enregistrez à nouveau pour l’appliquer.',
    saved: (name: string, n: number) =>
      n
        ? `${name} : ${pluralize(n, { one: '{n} tranche enregistrée', other: '{n} tranches enregistrées' })}.`
        : `${name} : sans tranche, versée librement.`,
    savedAvenant: (name: string, n: number) =>
      `Avenant proposé pour ${name} (${pluralize(n, { one: '{n} tranche', other: '{n} tranches' })}) : en attente d’approbation.`,
  },
  bulk: {
    title: 'Allocation groupée',
    intro:
      'Le même montant par exercice pour chaque bénéficiaire correspondant aux filtres région, catégorie, priorité et recherche en cours : les établissements, les ressources mutualisées régionales (identifiées par leur SIRET) ou les deux. Ceux qui ont déjà cette action sur l’enveloppe sont ignorés.',
    scope: 'Filtres',
    beneficiaries: 'Bénéficiaires',
    beneficiaryKinds: {
      establishments: 'Établissements',
      pooled: 'Ressources mutualisées',
      all: 'Tous (établissements et ressources mutualisées)',
    } satisfies Record<BulkBeneficiaries, string>,
    beneficiariesHint:
      'Une ressource mutualisée n’a ni catégorie ni priorité : sous un filtre de catégorie ou « prioritaires », elle n’est pas retenue.',
    preview: 'Prévisualiser',
    apply: 'Appliquer à tous',
    previewResult: (n: number, total: string, skipped: number, who: BulkBeneficiaries = 'establishments') => {
      const [one, other] = BULK_COUNTS[who].receive;
      // « 3 déjà dotés » for establishments and beneficiaries, « 3 déjà dotées » for pooled resources
      const held =
        who === 'pooled'
          ? ['{n} déjà dotée, ignorée', '{n} déjà dotées, ignorées']
          : ['{n} déjà doté, ignoré', '{n} déjà dotés, ignorés'];
      return `${pluralize(n, { one, other })} une allocation, pour un total de ${total}${skipped ? ` (${pluralize(skipped, { one: held[0]!, other: held[1]! })})` : ''}.`;
    },
    atomic: 'Tout ou rien : si une seule allocation dépasse ce qui reste, aucune n’est créée.',
    applied: (n: number, total: string) =>
      `${pluralize(n, { one: '{n} allocation proposée', other: '{n} allocations proposées' })}, pour ${total}.`,
    stale: 'Les paramètres ont changé : prévisualisez à nouveau avant d’appliquer.',
  },
};
