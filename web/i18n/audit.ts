// Texts of the audit trail, in French, added to the common ones.
import { base } from './common.js';

const pl = (x: number) => (x > 1 ? 's' : '');

export const t = {
  ...base,
  audit: {
    title: 'Journal d’audit',
    intro: 'Chaque modification du plan, horodatée et chaînée (empreinte SHA-256).',
    entity: 'Objet',
    actor: 'Auteur (adresse électronique)',
    from: 'Du',
    to: 'Au',
    apply: 'Filtrer',
    at: 'Date',
    action: 'Opération',
    change: 'Modification',
    empty: 'Aucun événement pour ces critères.',
    count: (n: number) => `${n.toLocaleString('fr-FR')} événement${n > 1 ? 's' : ''}`,
    entities: { allocations: 'Allocations', envelopes: 'Enveloppes', establishments: 'Établissements', actions: 'Actions', milestones: 'Jalons', payments: 'Versements', completions: 'Réalisations', users: 'Comptes', tokens: 'Jetons d’API' } as Record<string, string>,
    /** The API's operation codes, in French. */
    actions: {
      create: 'Création', seed: 'Plan initial', update: 'Modification', delete: 'Suppression', approve: 'Approbation', reject: 'Rejet', validate: 'Validation',
      'bulk-create': 'Allocation groupée', 'import-finess': 'Import FINESS', 'import-allocations': 'Import d’allocations', password: 'Mot de passe',
      revoke: 'Révocation', login: 'Connexion', bootstrap: 'Initialisation',
    } as Record<string, string>,
    author: 'Auteur',
    /** One record of each kind, as the « Objet » column names it. */
    kinds: { allocations: 'Allocation', envelopes: 'Enveloppe', establishments: 'Établissement', actions: 'Action', milestones: 'Jalon', payments: 'Versement', completions: 'Réalisation', users: 'Compte', tokens: 'Jeton d’API' } as Record<string, string>,
    finess: (finess: string) => `FINESS ${finess}`,
    actionCode: (code: string) => `action ${code}`,
    envelopeCode: (code: string) => `enveloppe ${code}`,
    allocationOf: (id: string) => `allocation ${id}`,
    paymentOf: (euros: string) => `versement de ${euros}`,
    seq: (n: number) => `n° ${n.toLocaleString('fr-FR')}`,
    /** Amounts per year: « montant 2024 », « avenant 2025 ». */
    perYear: { amounts: 'montant', yearlyCents: 'budget', revision: 'avenant' } as Record<string, string>,
    yes: 'oui',
    no: 'non',
    masked: 'modifié',
    more: (n: number) => `et ${n} autre${pl(n)} champ${pl(n)}`,
    population: { all: 'tous les établissements', priority: 'établissements prioritaires' } as Record<string, string>,
    earmark: { regions: 'régions', priorityOnly: 'prioritaires seulement', actions: 'actions' },
    /** Field names as a person reads them; unknown ones are shown as they are. */
    fields: {
      amounts: 'montants', status: 'statut', revision: 'avenant', approvedAt: 'date d’approbation', approvedBy: 'approbateur',
      rejectedAt: 'date de rejet', rejectedBy: 'auteur du rejet', rejectionReason: 'motif du rejet', totalCents: 'total', yearlyCents: 'répartition annuelle',
      earmark: 'fléchage', name: 'nom', title: 'intitulé', code: 'code', region: 'région', category: 'catégorie', priority: 'priorité', ght: 'GHT',
      finessEj: 'FINESS juridique', amountCents: 'montant', paidOn: 'date de versement', tranche: 'tranche', date: 'date', target: 'cible',
      description: 'description', completedOn: 'date de réalisation', validatedAt: 'date de validation', validatedBy: 'validé par',
      role: 'rôle', disabled: 'désactivation', passwordChangedAt: 'mot de passe', passwordHash: 'mot de passe', finess: 'FINESS',
      envelopeId: 'enveloppe', actionId: 'action', revokedAt: 'révocation', revokedReason: 'motif de révocation', expiresAt: 'échéance', prefix: 'préfixe', source: 'source', axis: 'axe', domain: 'domaine',
    } as Record<string, string>,
  },
};
