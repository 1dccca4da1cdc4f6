// Texts of the scenarios page (list, a scenario's lines, distribution rules, comparison and
// promotion), in French, added to the common ones.
import type { DistributionRuleName } from '../../server/contract/scenarios.js';
import { base } from './common.js';
import { count, pluralize } from '../lib/plural.js';

const LINE = { one: 'ligne', other: 'lignes' };
const BENEFICIARY = { one: 'bénéficiaire', other: 'bénéficiaires' };

export const t = {
  ...base,
  scenarios: {
    title: 'Scénarios',
    intro:
      'Préparez des variantes de la répartition avant d’engager l’argent : un scénario est un brouillon d’allocations sur une ou plusieurs enveloppes, contrôlé par les mêmes règles que le plan, comparé au plan puis, s’il est retenu, promu en propositions et avenants.',
    readOnly: 'Lecture seule : les scénarios sont préparés par les planificateurs.',
    regionScope: (region: string) => `Scénarios de la région ${region} : ses bénéficiaires seulement.`,
    listCaption: (n: number) => pluralize(n, { one: '{n} scénario', other: '{n} scénarios' }),
    empty: 'Aucun scénario pour l’instant.',
    name: 'Nom',
    owner: 'Auteur',
    envelopes: 'Enveloppes',
    lines: 'Lignes',
    total: 'Total prévu',
    state: 'État',
    upToDate: 'À jour',
    stale: 'Périmé',
    staleTitle: (n: number) =>
      `Le plan a changé depuis la copie (${count(n, { one: 'allocation', other: 'allocations' })}) : la promotion sera refusée tant que le scénario n’est pas recalé sur le plan.`,
    promoted: (date: string) => `Promu le ${date}`,
    notPromoted: 'Non promu',
    national: 'National',
    pickColumn: 'À comparer',
    pick: (name: string) => `Comparer « ${name} »`,
    compareSelected: (n: number) => `Comparer au plan (${n} sur 3)`,
    compareHint: 'Cochez jusqu’à trois scénarios pour les comparer au plan.',
    tooMany: 'Trois scénarios au plus, à côté du plan.',
    create: 'Nouveau scénario',
    backToList: 'Tous les scénarios',
    origin: 'Point de départ',
    origins: { empty: 'Vide', plan: 'Plan actuel' },
    copyOf: (name: string) => `Copie de « ${name} »`,
    linesCount: (n: number) => count(n, LINE),
    notFound: 'Scénario introuvable (supprimé, ou d’une autre région).',
  },
  form: {
    title: 'Nouveau scénario',
    name: 'Nom du scénario',
    envelopes: 'Enveloppes du scénario',
    envelopesHint:
      'Le scénario remplace les allocations du plan sur ces enveloppes (celles de votre région pour une ARS).',
    from: 'Point de départ',
    fromHint:
      'Vide : aucune ligne, les allocations payées gardent ce qui a été versé. Plan actuel : une ligne par allocation. Un autre scénario : ses lignes sur ces enveloppes.',
    submit: 'Créer le scénario',
    created: (name: string) => `Scénario « ${name} » créé.`,
    nameRequired: 'Donnez un nom au scénario.',
    envelopesRequired: 'Choisissez au moins une enveloppe.',
  },
  view: {
    rename: 'Renommer',
    renameTitle: 'Renommer le scénario',
    renameSave: 'Enregistrer le nom',
    renamed: (name: string) => `Scénario renommé « ${name} ».`,
    delete: 'Supprimer',
    deleteTitle: 'Supprimer ce scénario ?',
    deleteConfirm: (name: string, lines: string) =>
      `Le scénario « ${name} » et ses ${lines} seront supprimés. Le plan n’est pas modifié.`,
    deleted: (name: string) => `Scénario « ${name} » supprimé.`,
    keep: 'Garder',
    distribute: 'Répartir',
    addLine: 'Ajouter une ligne',
    promote: 'Promouvoir',
    compare: 'Comparer au plan',
    rebase: 'Recaler sur le plan',
    rebased: 'Scénario recalé sur le plan tel qu’il est : sa promotion peut être essayée de nouveau.',
    envelope: 'Enveloppe affichée',
    facts: 'Le scénario',
    linesOf: (code: string) => `Lignes sur l’enveloppe ${code}`,
    saved: (name: string, year: string, amount: string) =>
      `Enregistré dans le scénario : ${name}, ${year} = ${amount}.`,
    refused: (msg: string) => `Refusé : ${msg}`,
    conflict: (theirs: string, mine: string) =>
      `Ligne modifiée entre-temps : valeur actuelle ${theirs}. Votre saisie (${mine}) est conservée : Entrée pour l’appliquer, Échap pour l’abandonner.`,
    removeTitle: 'Supprimer cette ligne ?',
    removeConfirm: (row: string, amount: string) =>
      `La ligne ${row} (${amount}) sera retirée du scénario. Le plan n’est pas modifié.`,
    removed: (row: string) => `Ligne supprimée : ${row}.`,
    lineAdded: (name: string) => `Ligne ajoutée au scénario pour ${name}.`,
  },
  grid: {
    gridLabel: 'Lignes du scénario par bénéficiaire et par exercice',
    keyboardHelp:
      'Flèches pour se déplacer, Entrée pour modifier puis enregistrer, Échap pour abandonner la saisie, Tab pour enregistrer et passer à la cellule suivante. Chaque montant est contrôlé comme dans le plan (enveloppe, exercice, délégation, réserve nationale).',
    readonlyHelp: 'Lecture seule. Flèches pour se déplacer d’une cellule à l’autre.',
    columnTotal: 'Total des lignes affichées',
    empty: 'Aucune ligne sur cette enveloppe : ajoutez-en une ou répartissez un montant.',
    withdraw: 'Supprimer',
    withdrawLabel: (row: string) => `Supprimer la ligne : ${row}`,
  },
  addLine: {
    title: 'Ajouter une ligne au scénario',
    submit: 'Ajouter la ligne',
    created: (name: string) => `Ligne ajoutée au scénario pour ${name}.`,
  },
  distribute: {
    title: 'Répartir un montant',
    intro:
      'Une règle remplit le scénario en une fois pour une enveloppe, une action et un exercice : chaque bénéficiaire éligible reçoit sa part sur sa ligne (créée au besoin). Prévisualisez, puis appliquez.',
    rule: 'Règle de répartition',
    rules: {
      equal: 'Montant égal',
      fixed_plus_staff: 'Part fixe + part proportionnelle aux effectifs',
      size_bands: 'Barème par tranche d’effectif',
      priority_first: 'Prioritaires d’abord',
      region_weights: 'Pondération par région',
    } satisfies Record<DistributionRuleName, string>,
    ruleHints: {
      equal: 'Le même montant pour chaque bénéficiaire éligible : un total partagé, ou un montant par bénéficiaire.',
      fixed_plus_staff: 'Chacun reçoit la part fixe ; le reste du total se partage au prorata des effectifs (ETP).',
      size_bands:
        'Un montant par tranche d’effectif : chacun reçoit celui de la plus haute tranche qu’il atteint (effectif inconnu : la première).',
      priority_first:
        'Les établissements prioritaires reçoivent d’abord jusqu’au plafond par établissement ; le reste se partage entre les autres.',
      region_weights:
        'Le total se partage entre régions selon leur poids, puis également entre les bénéficiaires de chaque région.',
    } satisfies Record<DistributionRuleName, string>,
    envelope: 'Enveloppe',
    year: 'Exercice',
    mode: 'Montant saisi',
    modes: { total: 'Total à partager', per: 'Montant par bénéficiaire' },
    total: 'Montant total (€)',
    per: 'Montant par bénéficiaire (€)',
    perPriority: 'Plafond par établissement prioritaire (€)',
    fixed: 'Part fixe par bénéficiaire (€)',
    bands: 'Tranches d’effectif',
    band: (n: number) => `Tranche ${n}`,
    minStaff: 'À partir de (ETP)',
    bandAmount: 'Montant (€)',
    addBand: 'Ajouter une tranche',
    removeBand: (n: number) => `Retirer la tranche ${n}`,
    weights: 'Poids par région (entiers, 0 : aucune part)',
    weight: (region: string) => `Poids ${region}`,
    eligibility: 'Bénéficiaires éligibles',
    who: 'Bénéficiaires',
    whoKinds: {
      establishments: 'Établissements',
      pooled: 'Ressources mutualisées',
      all: 'Tous (établissements et ressources mutualisées)',
    },
    categories: 'Catégories (aucune cochée : toutes)',
    priority: 'Priorité',
    amountHint: 'Exemple : 1 000 000 ou 1 234,56',
    preview: 'Prévisualiser',
    apply: 'Appliquer au scénario',
    result: (n: number, total: string) =>
      `${pluralize(n, { one: '{n} bénéficiaire éligible', other: '{n} bénéficiaires éligibles' })}, pour un total de ${total}.`,
    left: (amount: string) => `Non réparti (personne d’autre pour le recevoir) : ${amount}.`,
    remainder: (cents: number) =>
      `Centimes de reste : ${pluralize(cents, { one: '{n} centime distribué', other: '{n} centimes distribués' })} par la règle ci-dessous.`,
    remainderRule: 'Règle du reste',
    shares: (n: number) => `Parts des ${count(n, BENEFICIARY)}`,
    remainderBadge: '+ 1 centime',
    stale: 'Les paramètres ont changé : prévisualisez à nouveau avant d’appliquer.',
    applied: (n: number, total: string) =>
      `Répartition appliquée : ${total} entre ${pluralize(n, { one: '{n} bénéficiaire éligible', other: '{n} bénéficiaires éligibles' })}.`,
    pickAction: 'Choisissez une action.',
  },
  compare: {
    title: 'Comparaison avec le plan',
    intro: (names: string) => `Le plan actuel et ${names}, côte à côte.`,
    back: 'Retour aux scénarios',
    staleColumn: (name: string, n: number) =>
      `« ${name} » est périmé : ${count(n, { one: 'allocation', other: 'allocations' })} du plan ont changé depuis sa copie ; sa promotion serait refusée.`,
    totals: 'Totaux et reste par enveloppe',
    totalsHead: 'Montant',
    total: 'Total des enveloppes comparées',
    remaining: (code: string) => `Reste sur ${code}`,
    breakdown: 'Répartition par',
    dimensions: { byYear: 'Exercice', byRegion: 'Région', byCategory: 'Catégorie', byAxis: 'Axe', byGht: 'GHT' },
    chartTitle: (dimension: string) => `Montants par ${dimension.toLowerCase()}`,
    chartDescription: 'Le plan actuel et chaque scénario, en euros.',
    movers: 'Bénéficiaires qui gagnent ou perdent',
    moversLine: (name: string, gainers: number, gained: string, losers: number, lost: string) =>
      `${name} : ${pluralize(gainers, { one: '{n} bénéficiaire gagne', other: '{n} bénéficiaires gagnent' })} ${gained}, ${pluralize(losers, { one: '{n} perd', other: '{n} perdent' })} ${lost}.`,
    moversCaption: (shown: number, total: number) =>
      `Les ${count(shown, { one: 'plus grand écart', other: 'plus grands écarts' })} sur ${count(total, BENEFICIARY)} dont le montant change`,
    beneficiary: 'Bénéficiaire',
    change: (name: string) => `Écart ${name}`,
    coverage: 'Couverture des jalons',
    coverageIntro:
      'Part de la population cible de chaque jalon qui a un montant sur l’action du jalon, dans le plan et dans chaque scénario.',
    populations: { priority: 'établissements prioritaires', all: 'établissements' },
    coverageLine: (share: string, population: string, funded: number, of: number) =>
      `${share} des ${population} financés (${funded} sur ${of})`,
    target: (share: string) => `cible ${share}`,
    below: 'sous la cible',
    exports: 'la comparaison',
    noScenario: 'Choisissez au moins un scénario à comparer.',
  },
  promote: {
    title: 'Promouvoir le scénario',
    intro:
      'La promotion remplace les allocations du plan sur les enveloppes du scénario par ses lignes, en une seule fois : propositions nouvelles, modifications (avenants sur les allocations approuvées) et retraits. Faites d’abord un essai.',
    dryRun: 'Essai de promotion',
    confirm: 'Promouvoir',
    confirmHint: 'Tout ou rien : si une seule modification enfreint une règle du plan, rien n’est modifié.',
    adds: (n: number) => pluralize(n, { one: 'Ajoute {n} allocation', other: 'Ajoute {n} allocations' }),
    changes: (n: number) => pluralize(n, { one: 'Modifie {n} allocation', other: 'Modifie {n} allocations' }),
    withdraws: (n: number) => pluralize(n, { one: 'Retire {n} allocation', other: 'Retire {n} allocations' }),
    ops: {
      create: 'Proposition',
      edit: 'Modification',
      avenant: 'Avenant',
      delete: 'Retrait',
      lower: 'Réduite au versé',
    },
    from: 'Avant',
    to: 'Après',
    delta: 'Écart',
    nothing: 'Le scénario ne change rien au plan.',
    conflicts: (n: number) =>
      pluralize(n, {
        one: '{n} changement enfreindrait les règles du plan : la promotion serait refusée.',
        other: '{n} changements enfreindraient les règles du plan : la promotion serait refusée.',
      }),
    refused: 'Promotion refusée, rien n’a été modifié.',
    staleRefused: 'Le plan a changé depuis la copie du scénario : la promotion est refusée, rien n’a été modifié.',
    done: (n: number) =>
      `Scénario promu : ${pluralize(n, { one: '{n} changement', other: '{n} changements' })} dans le plan.`,
    seeAllocations: 'Voir les allocations',
  },
};
