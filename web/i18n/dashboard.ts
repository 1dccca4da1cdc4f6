// Texts of the dashboard (tiles, charts, variance, review list), in French, added to the common ones.
import { base } from './common.js';
import { review } from './review.js';

export const t = {
  ...base,
  review,
  dashboard: {
    title: 'Tableau de bord financier',
    intro: 'Crédits du plan cyber santé : engagés, alloués, approuvés et versés, au regard des jalons.',
    filters: 'Filtres du tableau de bord',
    allEnvelopes: 'Toutes les enveloppes',
    allAxes: 'Tous les axes',
    tiles: {
      committed: 'Crédits engagés',
      announced: 'Annoncés, non engagés',
      allocated: 'Alloués',
      approved: 'Approuvés',
      paid: 'Versés',
      remaining: 'Reste à allouer',
    },
    tileShare: (part: string, of: string) => `${part} ${of}`,
    ofCommitted: (whole: string) => `des ${whole} engagés`,
    ofAllocatedNationally: (whole: string) => `des ${whole} alloués au national`,
    ofAllocated: (whole: string) => `des ${whole} alloués`,
    ofApproved: (whole: string) => `des ${whole} approuvés`,
    tileCommitted: 'Enveloppes engagées, hors crédits annoncés',
    /** Under a region or axis filter: envelopes stay national. */
    tileNational: 'Enveloppes nationales engagées',
    tileRemaining: 'Crédits engagés moins alloués',
    tileRemainingNational: 'Au national : crédits engagés moins alloués',
    tileAnnounced: (allocated: string) =>
      `Comptés à part, jamais ajoutés aux crédits engagés ; ${allocated} d’allocations en prévision`,
    printed: (day: string, time: string, who: string, filters: string) =>
      `Imprimé le ${day} à ${time}${who ? ` par ${who}` : ''}. Filtres : ${filters}.`,
    spendTitle: 'Dépense cumulée au regard des jalons',
    spendDesc:
      'Montants cumulés en fin de mois, 2023-2027, sur les enveloppes engagées seulement : ce qui est prévu sur des crédits annoncés n’est pas de l’argent et n’y figure pas. Alloué : le calendrier annuel des allocations, chaque exercice réparti à parts égales sur ses douze mois ; il finit sur le total alloué de la tuile « Alloués ». Approuvé : chaque allocation comptée à sa date d’approbation, chaque avenant à la sienne. Versé : à la date de chaque versement, annulations déduites. Approuvé et versé s’arrêtent à aujourd’hui ; les traits numérotés marquent les jalons.',
    /** The spend chart's schedule line and its table column: what it counts, in its name. */
    spendAllocated: 'Alloué (crédits engagés)',
    today: 'aujourd’hui',
    milestonesLegend: 'Jalons du graphique',
    milestoneItem: (n: number, title: string, date: string) => `${n}. ${title}, ${date}`,
    milestonesAlt: (items: string[]) => (items.length ? `Jalons : ${items.join(' ; ')}.` : ''),
    byYearTitle: 'Allocations sur crédits engagés, par exercice et par axe CaRE',
    byRegionTitle: 'Allocations sur crédits engagés, par région (ARS)',
    /** Under the year and region charts: where announced credits stand instead. */
    committedOnlyDesc:
      'Enveloppes engagées seulement. Ce qui est prévu sur des crédits annoncés figure sous son enveloppe et dans la tuile « Annoncés, non engagés ».',
    byEnvelopeTitle: 'Consommation des enveloppes',
    byEnvelopeDesc: 'Enveloppes engagées et annoncées ; une enveloppe annoncée est marquée « annoncée ».',
    /** The chart label of an announced envelope. */
    announcedEnvelope: (code: string) => `${code} (annoncée)`,
    /** When the envelope filter picks an announced envelope: the money figures are empty, and why. */
    announcedSelected: (allocated: string) =>
      `Cette enveloppe est annoncée, non engagée : ses crédits ne sont pas encore de l’argent. Les tuiles Alloués, Approuvés, Versés, le graphique de dépense et les répartitions par exercice et par région n’en comptent rien ; ses ${allocated} d’allocations en prévision figurent dans la tuile « Annoncés, non engagés » et sous l’enveloppe.`,
    delegationsTitle: 'Délégations aux ARS',
    delegationsDesc:
      'Les crédits des enveloppes engagées délégués aux agences régionales de santé, et ce que chaque région délégataire en a fait : alloué à ses bénéficiaires, approuvé, versé, et le reste sur ses délégations. Tous les axes : une délégation vaut pour toute l’enveloppe.',
    delegationsAxisNote: 'Le filtre d’axe ne s’applique pas aux délégations.',
    delegationsLabel: 'Délégations aux ARS par région',
    delegationsExport: 'le tableau des délégations de l’enveloppe',
    byRegionDelegatedDesc:
      'Enveloppes engagées seulement. « Délégué » : les crédits reçus par l’ARS de la région (tous axes). Ce qui est prévu sur des crédits annoncés figure sous son enveloppe et dans la tuile « Annoncés, non engagés ».',
    byGhtTitle: 'Par GHT',
    byGhtDesc:
      'Allocations sur crédits engagés par groupement hospitalier de territoire, puis les établissements hors GHT et les ressources mutualisées régionales (identifiées par leur SIRET) ; les lignes s’additionnent aux tuiles.',
    ght: 'GHT',
    byGhtLabel: 'Allocations par GHT',
    byGhtTotal: 'Total (enveloppes engagées)',
    byGhtExport: 'les écarts alloué / approuvé / versé, vue par GHT comprise',
    varianceTitle: 'Écarts alloué / approuvé / versé',
    varianceByEnvelope: 'Par enveloppe',
    varianceByRegion: 'Par région',
    varianceGap: 'Écart alloué − versé',
    consumption: 'Consommation',
    announcedBadge: 'annoncée, non engagée',
    showTable: 'Voir les données sous forme de tableau',
    month: 'Mois',
    sortBy: (col: string) => `Trier par ${col}`,
    reviewTitle: 'Examen des allocations',
    reviewIntro:
      'Propositions et avenants en attente, allocations approuvées. Vous ne pouvez pas approuver ce que vous avez proposé ; une approbation se retire tant que rien n’est versé.',
    reviewEmpty: 'Aucune allocation en attente d’examen.',
    approve: 'Approuver',
    reject: 'Rejeter',
    rejectReason: 'Motif du rejet',
    rejectConfirm: 'Confirmer le rejet',
    approved: (name: string) => `Allocation approuvée : ${name}.`,
    rejected: (name: string) => `Allocation rejetée : ${name}.`,
    proposedBy: (who: string) => `Proposée par ${who}`,
    print: 'Imprimer',
    milestone: 'Jalon',
    axis: 'Axe CaRE',
  },
};
