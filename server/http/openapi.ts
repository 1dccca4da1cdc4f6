// The OpenAPI 3.1 description, built from the route table Hono holds and from the zod schemas
// the handlers validate with (z.toJSONSchema): a new route appears here by itself.
import type { Kind } from '../store/schema.js';
import { Hono } from 'hono';
import { z } from 'zod';
import { POLICY, type Rule } from '../auth/policy.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { actionSpec } from './actions.js';
import { allocationSpec } from './allocations.js';
import { auditQuery } from './audit.js';
import { completionSpec } from './completions.js';
import type { AppEnv } from './context.js';
import { checkBody, declarationQuery, EVIDENCE_FORM } from './declarations.js';
import { delegationSpec } from './delegations.js';
import { delegationExportQuery, delegationImportQuery } from './delegation-sheets.js';
import { envelopeSpec } from './envelopes.js';
import { establishmentSpec } from './establishments.js';
import { ghtSpec, pooledSpec } from './ghts.js';
import { allocationImportQuery, finessImportQuery } from './imports.js';
import { milestoneSpec } from './milestones.js';
import { applicationSpec } from './applications.js';
import { windowSpec } from './windows.js';
import { applicationCreate, eligibilityQuery, grantBody, windowExtend } from './window-schemas.js';
import {
  compareQuery,
  distributeBody,
  lineCreate,
  lineUpdate,
  scenarioCreate,
  scenarioUpdate,
} from './scenario-schemas.js';
import {
  PROBLEM_SCHEMA,
  problemResponses,
  problemStatuses,
  responseRefs,
  type ProblemStatus,
} from './openapi-responses.js';
import { paymentFilterQuery, paymentListQuery, paymentSpec } from './payments.js';
import { payableQuery } from './payable.js';
import type { ResourceSpec } from './resource.js';
import {
  allocationBulk,
  approveBatchBody,
  dashboardQuery,
  listQuery,
  login,
  passwordChange,
  passwordReset,
  paymentBatch,
  rejectBody,
  tokenCreate,
  userCreate,
  userPatch,
} from './schemas.js';

export interface RouteEntry {
  method: string;
  path: string;
}

const SPECS: Record<string, ResourceSpec<Kind, unknown, unknown>> = {
  '/api/envelopes': envelopeSpec,
  '/api/delegations': delegationSpec,
  '/api/establishments': establishmentSpec,
  '/api/ghts': ghtSpec,
  '/api/pooled-resources': pooledSpec,
  '/api/actions': actionSpec,
  '/api/allocations': allocationSpec,
  '/api/payments': paymentSpec,
  '/api/milestones': milestoneSpec,
  '/api/completions': completionSpec,
  '/api/windows': windowSpec,
  '/api/applications': applicationSpec,
};

const FILE = { type: 'string', format: 'binary' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What each resource's rules refuse on a write (domain/*.ts), beyond its input and If-Match:
 *  409 a duplicate (a code, a FINESS, a twin allocation), 422 a management rule. */
const SPEC_REFUSALS: Record<string, Partial<Record<'POST' | 'PATCH' | 'DELETE', readonly ProblemStatus[]>>> = {
  '/api/envelopes': { POST: [409, 422], PATCH: [409, 422] },
  '/api/delegations': { POST: [422], PATCH: [422] },
  '/api/establishments': { POST: [409, 422], PATCH: [422] },
  '/api/ghts': { POST: [409, 422], PATCH: [422], DELETE: [422] },
  '/api/pooled-resources': { POST: [409, 422], PATCH: [422], DELETE: [422] },
  '/api/actions': { POST: [409], PATCH: [409] },
  '/api/allocations': { POST: [409, 422], PATCH: [409, 422], DELETE: [422] },
  '/api/payments': { POST: [422], PATCH: [422] },
  '/api/milestones': { POST: [422], PATCH: [422] },
  '/api/completions': { POST: [409, 422], PATCH: [422] },
  '/api/windows': { POST: [409, 422], PATCH: [422] },
  '/api/applications': { PATCH: [422] },
};

interface Extra {
  body?: z.ZodType;
  query?: z.ZodObject;
  raw?: string[];
  /** A multipart/form-data body: its JSON schema (fields and files). */
  form?: Record<string, unknown>;
  summary: string;
  /** What the answer means, when its summary cannot say it (OpenAPI `description`). */
  description?: string;
  /** What the handler or its rules refuse beyond its input (see openapi-responses.ts). */
  refuses?: readonly ProblemStatus[];
  ifMatch?: 'required' | 'optional';
}
/** Routes whose input is not a resource spec's: their body schema, query schema and summary. */
const EXTRA: Record<string, Extra> = {
  'POST /api/allocations/bulk': {
    body: allocationBulk,
    refuses: [422],
    summary:
      'Allocation groupée (tout ou rien) ; dryRun : qui reçoit quoi, par pages (preview.targets, preview.skipped : offset, limit ≤ 500)',
  },
  'POST /api/allocations/{id}/reject': {
    body: rejectBody,
    refuses: [422],
    ifMatch: 'optional',
    summary: 'Rejeter une allocation (motif obligatoire)',
  },
  'POST /api/allocations/{id}/approve': {
    refuses: [422],
    ifMatch: 'optional',
    summary: 'Approuver une allocation (pas la sienne)',
  },
  'POST /api/allocations/{id}/unapprove': {
    body: rejectBody,
    refuses: [422],
    ifMatch: 'required',
    summary: 'Retirer une approbation (motif obligatoire ; retour à « proposée », seulement si rien n’est versé)',
  },
  'POST /api/allocations/approve': {
    body: approveBatchBody,
    refuses: [404, 412, 422],
    summary:
      'Approuver plusieurs allocations (tout ou rien ; expectedTotalCents : le total confirmé ; un refus nomme l’allocation)',
  },
  'GET /api/history': {
    summary:
      'Mon historique : ce qu’Annuler et Rétablir feraient (undo, redo : le prochain en tête), 50 dernières étapes ; ETag de l’historique',
  },
  'POST /api/history/undo': {
    refuses: [409, 422],
    ifMatch: 'required',
    summary:
      'Annuler ma dernière étape (modification, proposition, retrait, allocation groupée, import) : une nouvelle écriture, mêmes règles ; 409 si quelqu’un a modifié la ligne depuis',
  },
  'POST /api/history/discard': {
    refuses: [422],
    ifMatch: 'required',
    summary:
      'Retirer de mon historique l’étape qu’Annuler ne peut plus annuler (ses lignes ont changé depuis) : rien d’autre n’est écrit',
  },
  'POST /api/history/redo': {
    refuses: [409, 422],
    ifMatch: 'required',
    summary: 'Rétablir la dernière étape annulée (une nouvelle modification vide la pile de rétablissement)',
  },
  'POST /api/import/finess': {
    query: finessImportQuery,
    raw: ['text/csv', 'application/octet-stream'],
    summary:
      'Importer l’extraction FINESS (Latin-1 ou UTF-8, « ; », sans en-tête) ; progress=1 : réponse NDJSON de progression',
  },
  'POST /api/import/allocations': {
    query: allocationImportQuery,
    raw: ['text/csv', XLSX],
    refuses: [422],
    summary:
      'Importer des allocations (CSV « ; » ou « , », UTF-8 ou Windows-1252, ou XLSX) ; tout ou rien ; la simulation liste les lignes qui créent ou modifient (previewOffset, previewLimit)',
  },
  'GET /api/payments': {
    query: paymentListQuery,
    summary: 'Lister : versements et contre-passations (order=desc : les plus récents d’abord)',
  },
  'GET /api/payments/totals': {
    query: paymentFilterQuery,
    summary: 'Totaux des versements, filtres de la liste : nombre, versé, annulé, net',
  },
  'POST /api/payments/{id}/cancel': {
    body: rejectBody,
    refuses: [422],
    ifMatch: 'required',
    summary: 'Annuler un versement par une contre-passation (motif obligatoire ; une fois)',
  },
  'PATCH /api/payments/{id}': {
    refuses: [422],
    ifMatch: undefined,
    summary: 'Refusé (422) : un versement enregistré ne se modifie pas ; l’annuler (…/cancel)',
  },
  'DELETE /api/payments/{id}': {
    refuses: [422],
    ifMatch: undefined,
    summary: 'Refusé (422) : un versement enregistré ne se supprime pas ; l’annuler (…/cancel)',
  },
  'GET /api/allocations/{id}/tranches': {
    refuses: [404],
    summary: 'Tranches d’une allocation : montant, versé, payable, ce qui manque',
    description:
      'Une ligne par tranche, dans l’ordre de l’allocation (aucune : allocation versée librement) : amountCents, ' +
      'paidCents (annulations déduites), payable et payableCents (montant − versé), missing (ce que la condition attend, ' +
      '« objectif D1-AD-2 : contrôle ANS en attente »), freed. Même périmètre que la lecture de l’allocation.',
  },
  'GET /api/payments/payable': {
    query: payableQuery,
    summary: '« À verser » : les tranches payables maintenant, avec leur total',
    description:
      'items : chaque tranche dont la condition est remplie (objectif jugé conforme par l’ARS puis par l’ANS, ou ' +
      'réalisation validée de l’action cible d’un jalon), non libérée, sur une allocation approuvée, avec ' +
      'payableCents = montant − versé (annulations déduites) > 0 ; par région, bénéficiaire, allocation et ordre des ' +
      'tranches. count et totalCents : leur nombre et la somme des payableCents. Filtres windowId, region, envelopeId ; ' +
      'périmètre des versements (un établissement : les siennes ; un compte ARS : celles de sa région).',
  },
  'POST /api/payments/batch': {
    body: paymentBatch,
    refuses: [404, 422],
    summary: 'Verser plusieurs tranches en une fois (tout ou rien ; un refus nomme la ligne : items.N)',
    description:
      'Chaque ligne obéit aux règles d’un versement seul (tranche payable, reste de la tranche, reste à payer), ' +
      'contrôlée après les lignes qui la précèdent ; la première refusée annule tout, son détail et ses erreurs ' +
      '(items.N.champ) la nomment. Réponse 201 : count, totalCents, items (les versements enregistrés).',
  },
  'POST /api/windows/{id}/free-unmet': {
    refuses: [404, 422],
    summary:
      'Libérer les tranches des objectifs non atteints d’un guichet vers son enveloppe (après la clôture des déclarations)',
    description:
      'Pour chaque dossier retenu, chaque tranche sans versement dont l’objectif n’est pas déclaré ou a été jugé non ' +
      'conforme (après la fin des contrôles ANS : tout objectif non atteint) est marquée freedAt et l’allocation baisse ' +
      'd’autant par un avenant approuvé (un engagement de −montant), en une transaction. Réponse : count, cents, ' +
      'tranches (allocationId, applicationId, finess, code, amountCents), skipped (allocations laissées en l’état : un ' +
      'avenant y attend une décision). Une nouvelle libération ne libère rien de plus.',
  },
  'GET /api/import/allocations/template.csv': {
    summary: 'Modèle du tableur d’allocations (CSV « ; », UTF-8 avec BOM) : les en-têtes que l’import lit',
  },
  'GET /api/import/allocations/template.xlsx': {
    summary: 'Modèle du tableur d’allocations (XLSX) : les en-têtes, puis les codes des enveloppes et des actions',
  },
  'POST /api/windows/{id}/extend': {
    body: windowExtend,
    refuses: [422],
    ifMatch: 'optional',
    summary:
      'Prolonger une phase d’un guichet (date postérieure, ordre des phases gardé, motif obligatoire ; gardée dans extensions)',
  },
  'GET /api/windows/{id}/eligibility': {
    query: eligibilityQuery,
    refuses: [422],
    summary:
      'Éligibilité et plafond d’un candidat (finess ; ghtCode pour le dossier d’un GHT) ; un établissement : lui-même par défaut, son périmètre seulement',
    description:
      'applicant : le candidat tel que le guichet le compte (kind establishment ou ght, région, catégorie, priorité, effectif ' +
      'en ETP additionné sur ses sites ou ses membres, counted : les FINESS comptés). eligible, reasons (en français), cap : la ' +
      'première ligne de plafond qui lui correspond (null : aucune, non éligible), capCents ; application : sa dernière ' +
      'candidature à ce guichet (id, state) ou null.',
  },
  'GET /api/windows/{id}/applications': {
    query: listQuery.extend({
      state: z.enum(['draft', 'submitted', 'granted', 'refused', 'withdrawn']).optional(),
      region: z.string().optional(),
      finess: z.string().optional(),
      ghtCode: z.string().optional(),
    }),
    summary: 'Candidatures à ce guichet (filtres et périmètre de /api/applications)',
  },
  'POST /api/windows/{id}/applications': {
    body: applicationCreate,
    refuses: [422],
    summary:
      'Candidater (brouillon ; compte de l’établissement, ou de l’établissement support avec ghtCode) : pendant la phase de candidature, éligible, une fois par guichet, montant ≤ plafond',
  },
  'POST /api/applications/{id}/submit': {
    refuses: [422],
    ifMatch: 'optional',
    summary:
      'Déposer une candidature en brouillon (pendant la phase de candidature ; mêmes contrôles qu’à la création)',
  },
  'POST /api/applications/{id}/withdraw': {
    refuses: [422],
    ifMatch: 'optional',
    summary: 'Retirer sa candidature (brouillon ou déposée)',
  },
  'POST /api/applications/{id}/grant': {
    body: grantBody,
    refuses: [409, 422],
    ifMatch: 'required',
    summary:
      'Accorder une candidature déposée (ARS de sa région ou planificateur national ; jusqu’à la fin de l’instruction ; montant ≤ plafond)',
    description:
      'Crée dans la même transaction l’allocation approuvée sur l’enveloppe, l’action et l’année du guichet, en une tranche ' +
      'par objectif retenu (montant × part, les centimes restants sur le dernier) ; elle passe les règles des allocations ' +
      '(fléchage, enveloppe, budget de l’année, délégation de la région ou réserve nationale) : au-delà de ce qui reste, 422.',
  },
  'POST /api/applications/{id}/refuse': {
    body: rejectBody,
    refuses: [422],
    ifMatch: 'optional',
    summary: 'Refuser une candidature déposée (motif obligatoire ; ARS de sa région ou planificateur national)',
  },
  'GET /api/scenarios': {
    query: listQuery,
    summary: 'Scénarios (un compte ARS : ceux de sa région), les derniers modifiés d’abord',
  },
  'POST /api/scenarios': {
    body: scenarioCreate,
    refuses: [404, 422],
    summary: 'Créer un scénario : vide (from: "empty"), copie du plan ("plan") ou d’un autre scénario (son id)',
    description:
      'Ses lignes remplacent les allocations du plan sur ses enveloppes (un scénario d’ARS : celles de sa région). ' +
      'Une copie du plan reprend chaque allocation non rejetée (ses montants prévus : ceux d’un avenant en attente) ' +
      'en une ligne qui la nomme (sourceAllocationId) ; basis garde la version de chaque allocation remplacée.',
  },
  'GET /api/scenarios/{id}': { summary: 'Lire un scénario (lineCount, totalCents, stale : ce qui a changé au plan)' },
  'PATCH /api/scenarios/{id}': {
    body: scenarioUpdate,
    refuses: [422],
    ifMatch: 'required',
    summary: 'Modifier un scénario ; rebase : le plan tel qu’il est devient sa base (après comparaison)',
  },
  'DELETE /api/scenarios/{id}': { ifMatch: 'required', summary: 'Supprimer un scénario et ses lignes' },
  'GET /api/scenarios/{id}/lines': {
    query: listQuery,
    summary: 'Lignes d’un scénario (filtres envelopeId, finess, actionId), par FINESS',
  },
  'POST /api/scenarios/{id}/lines': {
    body: lineCreate,
    refuses: [409, 422],
    summary: 'Ajouter une ligne (mêmes règles qu’une allocation, mesurées dans le scénario)',
    description:
      'Refusée (422) au-delà de l’enveloppe, de son année, de la délégation de la région ou de la réserve nationale, ' +
      'mesurées sur les lignes du scénario, les allocations qu’il ne remplace pas et le versé des allocations ' +
      'approuvées qu’il remplace sans ligne ; hors fléchage, hors de la région du scénario ; 409 en double.',
  },
  'GET /api/scenarios/{id}/lines/{lineId}': { summary: 'Lire une ligne de scénario' },
  'PATCH /api/scenarios/{id}/lines/{lineId}': {
    body: lineUpdate,
    refuses: [409, 422],
    ifMatch: 'required',
    summary: 'Modifier une ligne (reprise du plan : ses montants seulement, jamais sous le versé)',
  },
  'DELETE /api/scenarios/{id}/lines/{lineId}': { ifMatch: 'required', summary: 'Supprimer une ligne de scénario' },
  'POST /api/scenarios/{id}/distribute': {
    body: distributeBody,
    refuses: [422],
    summary:
      'Répartir par une règle (equal, fixed_plus_staff, size_bands, priority_first, region_weights) ; ?preview=1 : les parts sans rien écrire',
    description:
      'Chaque bénéficiaire éligible (filtre, fléchage, région du scénario) reçoit sa part sur l’année (sa ligne de ' +
      'cette enveloppe et action, sinon une nouvelle) ; totalCents est exact, remainderRule dit à qui vont les ' +
      'centimes d’une division. Au-delà de l’enveloppe, part ou poids négatif, aucun bénéficiaire : 422 sur le champ.',
  },
  'GET /api/scenarios/compare': {
    query: compareQuery,
    refuses: [404],
    summary: 'Comparer le plan et 1 à 3 scénarios (ids=a,b,c) ; format=csv ou xlsx : export',
    description:
      'Sur les enveloppes des scénarios : totaux par enveloppe (et reste), année, région, catégorie, axe, GHT ; les ' +
      'bénéficiaires qui gagnent ou perdent (limit, les plus grands écarts d’abord) ; la couverture de la population ' +
      'cible de chaque jalon. Un compte ARS compare les scénarios de sa région, sur sa région.',
  },
  'POST /api/scenarios/{id}/promote': {
    refuses: [409, 422],
    ifMatch: 'optional',
    summary:
      'Promouvoir un scénario en une fois (propositions, modifications, avenants, retraits) ; ?dryRun=1 : le lot sans rien écrire',
    description:
      '409 si une allocation remplacée a changé depuis la base du scénario (la liste) ; 422 avec la liste des ' +
      'conflits si un changement enfreint une règle des allocations ; rien n’est modifié dans les deux cas.',
  },
  'GET /api/health': { summary: 'État du service (public)' },
  'POST /api/session': { body: login, refuses: [401, 429], summary: 'Connexion (cookie de session)' },
  'DELETE /api/session': { summary: 'Déconnexion' },
  'GET /api/session': { summary: 'Session en cours ({ user: null } si personne n’est connecté)' },
  'GET /api/me': { summary: 'Utilisateur connecté' },
  'POST /api/me/password': { body: passwordChange, refuses: [429], summary: 'Changer son mot de passe' },
  'GET /api/tokens': { summary: 'Jetons d’API de l’utilisateur' },
  'POST /api/tokens': { body: tokenCreate, summary: 'Créer un jeton d’API' },
  'DELETE /api/tokens/{id}': { summary: 'Révoquer un jeton d’API' },
  'GET /api/users': { summary: 'Comptes (admin)' },
  'POST /api/users': { body: userCreate, refuses: [409, 422], summary: 'Créer un compte (admin)' },
  'PATCH /api/users/{id}': {
    body: userPatch,
    refuses: [422],
    ifMatch: 'required',
    summary: 'Modifier un compte (admin)',
  },
  'POST /api/users/{id}/password': {
    body: passwordReset,
    refuses: [422],
    ifMatch: 'required',
    summary:
      'Réinitialiser le mot de passe d’un compte (admin) : mot de passe provisoire, à changer à la connexion suivante (403 sur tout autre appel d’ici là)',
  },
  'POST /api/actions/{id}/retire': {
    refuses: [422],
    ifMatch: 'required',
    summary: 'Retirer une action du catalogue (elle garde ses allocations, n’en reçoit plus de nouvelle)',
  },
  'POST /api/actions/{id}/restore': {
    refuses: [422],
    ifMatch: 'required',
    summary: 'Rétablir une action retirée du catalogue',
  },
  'GET /api/envelopes/{id}/budget': {
    summary: 'Position budgétaire d’une enveloppe, par année, par région et pour la réserve nationale',
    description:
      'regions : pour chaque région (ARS), par année et au total, délégué, alloué, approuvé, versé et reste ' +
      '(délégué − alloué ; null pour une région sans délégation, qui puise dans la réserve nationale). ' +
      'reserve : l’enveloppe moins tout ce qui est délégué (par année où l’enveloppe a une répartition), ' +
      'ce qu’y allouent les régions sans délégation, et ce qui reste.',
  },
  'GET /api/establishments/{id}/awards': { summary: 'Aides d’un établissement : allocations, versements, jalons' },
  'POST /api/completions/{id}/validate': {
    refuses: [422],
    ifMatch: 'required',
    summary: 'Valider une réalisation déclarée (pas la sienne ; une fois)',
  },
  'POST /api/completions/{id}/refuse': {
    body: rejectBody,
    refuses: [422],
    ifMatch: 'required',
    summary: 'Refuser une réalisation déclarée (motif obligatoire, lu par l’établissement)',
  },
  'GET /api/dashboard': {
    query: dashboardQuery,
    summary: 'Tableau de bord financier',
    description:
      'Les crédits annoncés ne sont pas de l’argent : totals.allocatedCents, approvedCents, paidCents et remainingCents, ' +
      'byYear, byRegion, byAxis et series ne comptent que les enveloppes engagées (ils égalent totals.byStatus.committed) ; ' +
      'ce qui est prévu sur les enveloppes annoncées figure dans totals.byStatus.announced et dans la ligne de son enveloppe ' +
      '(byEnvelope, avec son statut). totals.envelopeCents = committedCents + announcedCents. Les montants des enveloppes ' +
      'restent nationaux sous un filtre de région ou d’axe. series.plannedCents : le calendrier annuel des allocations, ' +
      'chaque exercice réparti à parts égales sur ses mois ; sa dernière valeur est totals.allocatedCents. ' +
      'byRegion[].delegatedCents et delegations (une ligne par région délégataire : délégué, alloué, approuvé, versé, ' +
      'reste) portent sur les enveloppes engagées retenues, sous les filtres d’enveloppe et de région ; le filtre d’axe ne ' +
      's’y applique pas (une délégation vaut pour tous les axes).',
  },
  'GET /api/dashboard/ghts': {
    query: dashboardQuery,
    summary: 'Tableau de bord : répartition par GHT',
    description:
      'Mêmes filtres et même périmètre que /api/dashboard (un compte ARS : les GHT de sa région ; une autre région : 404), ' +
      'enveloppes engagées seulement. items : une ligne par GHT enregistré (sous un filtre de région, ceux de la région), ' +
      'par nom, puis une par code de GHT qu’aucun enregistrement ne nomme, puis la clé "" « Hors GHT » et la clé ' +
      '"*pooled" « Ressources mutualisées » ; allocatedCents, approvedCents et paidCents s’additionnent aux totaux du ' +
      'tableau de bord. Servie à part : environ 300 lignes au niveau national.',
  },
  'GET /api/windows/{id}/funnel': {
    refuses: [404],
    summary:
      'Entonnoir d’un guichet : éligibles, candidats, retenus, objectifs déclarés, conformes ARS, conformes ANS, versés',
    description:
      'stages : les étapes dans l’ordre, avec leur libellé. total, byRegion (par nom) et byCategory (GHT, public hors GHT, ' +
      'privé non lucratif, privé lucratif) donnent pour chaque étape count (candidats possibles à l’étape eligible, un GHT ' +
      'comptant une fois pour ses membres ; dossiers ensuite), establishments (établissements couverts, chacun une fois) et ' +
      'cents : eligible, la somme des plafonds ; applied, le demandé (dossiers déposés, retirés et brouillons exclus) ; ' +
      'granted, l’accordé ; declared, arsChecked, ansChecked, le montant des tranches dont l’objectif est déclaré, jugé ' +
      'conforme par l’ARS, par l’ANS ; paid, le net versé sur les allocations du guichet. shares : enveloppe, plafonds et ' +
      'accordé en centimes, cappedBp et grantedBp en points de base de l’enveloppe (arrondis à l’inférieur). Un compte ARS ' +
      'lit l’entonnoir de sa région (region).',
  },
  'GET /api/regions': { summary: 'Régions (ARS)' },
  'GET /api/audit': { query: auditQuery, summary: 'Journal d’audit' },
  'GET /api/openapi.json': { summary: 'Ce document OpenAPI' },
  'GET /api/docs': { summary: 'Documentation HTML de l’API' },
  'GET /api/export/awards/{file}': { summary: 'Aides d’un établissement : {finess}.csv ou {finess}.xlsx' },
  'GET /api/applications/{id}/declarations': {
    query: declarationQuery,
    summary:
      'Déclarations d’objectifs d’une candidature (les plus anciennes d’abord), avec leur état et leurs contrôles',
  },
  'POST /api/applications/{id}/declarations': {
    form: EVIDENCE_FORM,
    refuses: [413, 415, 422, 429],
    summary:
      'Déclarer un objectif atteint, avec 1 à 5 pièces justificatives (PDF, PNG ou JPEG, 10 Mo chacune) : par le candidat, candidature retenue, pendant la période de déclaration',
    description:
      'multipart/form-data : objective, achievedOn (AAAA-MM-JJ), comment facultatif, et chaque fichier sous files. Le type de chaque fichier se lit sur ses premiers octets, jamais sur son nom. Les fichiers sont enregistrés (sur disque ou en base) avant la déclaration ; une déclaration refusée n’en laisse aucun. Corps limité à 51 Mo (413), compté à mesure qu’il arrive ; deux déclarations au plus sont lues à la fois, les suivantes reçoivent 429 avec Retry-After. Refus 422 si l’objectif attend un contrôle ou est atteint, hors période (les dates sont dites), ou pour un fichier (nommé).',
  },
  'GET /api/declarations': {
    query: declarationQuery,
    summary:
      'Déclarations d’objectifs (périmètre : les siennes pour un établissement, sa région pour un compte ARS) ; filtres applicationId, windowId, region, state (séparés par des virgules)',
  },
  'GET /api/declarations/{id}': { summary: 'Lire : déclaration d’objectif, avec son état (ETag)' },
  'POST /api/declarations/{id}/check': {
    body: checkBody,
    refuses: [422],
    ifMatch: 'optional',
    summary:
      'Contrôler une déclaration : level ars (planificateur de l’ARS de la région ou national, jusqu’à la fin des contrôles ARS) ou ans (valideur national, après un contrôle ARS conforme) ; motif obligatoire si non conforme ; un avis rendu ne change plus',
  },
  'GET /api/declarations/{id}/files/{sha256}': {
    summary:
      'Télécharger une pièce justificative (pièce jointe, du type lu à l’envoi, nosniff) : à qui peut lire la déclaration',
  },
  'POST /api/import/delegations': {
    query: delegationImportQuery,
    raw: ['text/csv', XLSX],
    refuses: [404, 422],
    summary:
      'Importer le tableau des délégations d’une enveloppe (une ligne par région, une colonne par année, en euros) : chaque région reçoit ou met à jour sa délégation de cette référence ; tout ou rien, simulation (dryRun), refus par cellule',
  },
  'GET /api/export/delegations.csv': {
    query: delegationExportQuery,
    refuses: [404],
    summary: 'Tableau des délégations d’une enveloppe par région et par année, réserve nationale et totaux (CSV)',
  },
  'GET /api/export/delegations.xlsx': {
    query: delegationExportQuery,
    refuses: [404],
    summary: 'Tableau des délégations d’une enveloppe par région et par année, réserve nationale et totaux (XLSX)',
  },
  'GET /api/export/variance.csv': {
    query: dashboardQuery,
    summary: 'Écarts alloué / approuvé / versé par enveloppe et par région (CSV)',
  },
  'GET /api/export/variance.xlsx': {
    query: dashboardQuery,
    summary: 'Écarts alloué / approuvé / versé par enveloppe et par région (XLSX)',
  },
};

/** A resource write's refusals: its rules' (SPEC_REFUSALS), a deletion's check (assertDeletable),
 *  and 404 when an establishment creates a record for a FINESS outside its own (resource.ts). */
const specRefusals = (
  base: string,
  spec: ResourceSpec<Kind, unknown, unknown>,
  rule: Rule | undefined,
  method: string,
  item: boolean,
): ProblemStatus[] => [
  ...(SPEC_REFUSALS[base]?.[method as 'POST' | 'PATCH' | 'DELETE'] ?? []),
  ...(method === 'DELETE' && spec.assertDeletable ? [422 as const] : []),
  ...(method === 'POST' &&
  !item &&
  spec.finessOf &&
  (rule === 'authenticated' || (typeof rule !== 'string' && rule?.includes('establishment')))
    ? [404 as const]
    : []),
];

const jsonSchema = (s: z.ZodType): Record<string, unknown> => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const toOpenApiPath = (p: string) => p.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

const summaryOf = (
  method: string,
  path: string,
  spec: ResourceSpec<Kind, unknown, unknown> | undefined,
  item: boolean,
): string => {
  if (EXTRA[`${method} ${path}`]) return EXTRA[`${method} ${path}`]!.summary;
  const exported = path.match(/^\/api\/export\/(allocations|payments)\.(csv|xlsx)$/);
  if (exported)
    return `Export des ${exported[1] === 'allocations' ? 'dotations' : 'versements'} (${exported[2]!.toUpperCase()}), mêmes filtres que la liste`;
  if (!spec) return `${method} ${path}`;
  const verb =
    {
      GET: item ? 'Lire' : 'Lister',
      POST: 'Créer',
      PATCH: 'Modifier (If-Match requis)',
      DELETE: 'Supprimer (If-Match requis)',
    }[method] ?? method;
  return `${verb} : ${spec.label.toLowerCase()}${item || method !== 'GET' ? '' : 's'}`;
};

const queryParams = (q: z.ZodObject) =>
  Object.entries(jsonSchema(q).properties as Record<string, object>).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema,
  }));

export const openApiDocument = (routes: readonly RouteEntry[]) => {
  const paths: Record<string, Record<string, unknown>> = {};
  const seen = new Set<string>();
  const used = new Set<ProblemStatus>();
  for (const r of routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/') || r.path.includes('*')) continue;
    const path = toOpenApiPath(r.path);
    const key = `${r.method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const base = Object.keys(SPECS).find((b) => path === b || path === `${b}/{id}`);
    const spec = base ? SPECS[base] : undefined;
    const item = path.endsWith('{id}');
    const extra = EXTRA[key];
    const rule = POLICY[`${r.method} ${r.path}`];
    const op: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
      summary: summaryOf(r.method, path, spec, item),
      tags: [path.split('/')[2] ?? 'api'],
      'x-roles': rule === undefined ? [] : typeof rule === 'string' ? [rule] : [...rule],
      ...(extra?.description ? { description: extra.description } : {}),
    };
    const parameters: object[] = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (spec && r.method === 'GET' && !item) {
      parameters.push(
        ...queryParams(listQuery),
        ...Object.keys(spec.filters ?? {}).map((name) => ({
          name,
          in: 'query',
          required: false,
          schema: { type: 'string' },
        })),
        ...(spec.sorts
          ? [
              {
                name: 'sort',
                in: 'query',
                required: false,
                description: 'Ordre de la liste ; « - » devant : ordre inverse',
                schema: { type: 'string', enum: Object.keys(spec.sorts).flatMap((k) => [k, `-${k}`]) },
              },
            ]
          : []),
      );
    }
    // an extra that says `ifMatch: undefined` takes none (the refused payment writes)
    const ifMatch =
      extra && 'ifMatch' in extra
        ? extra.ifMatch
        : spec && item && (r.method === 'PATCH' || r.method === 'DELETE')
          ? 'required'
          : undefined;
    if (ifMatch)
      parameters.push({
        name: 'If-Match',
        in: 'header',
        required: ifMatch === 'required',
        description: 'ETag de la version lue',
        schema: { type: 'string' },
      });
    if (extra?.query) parameters.push(...queryParams(extra.query));
    const exported = path.match(/^\/api\/export\/(allocations|payments)\.(csv|xlsx)$/);
    if (exported)
      parameters.push(
        ...Object.keys(SPECS[`/api/${exported[1]}`]!.filters ?? {}).map((name) => ({
          name,
          in: 'query',
          required: false,
          schema: { type: 'string' },
        })),
      );
    if (parameters.length) op.parameters = parameters;
    const body =
      extra?.body ??
      (spec && r.method === 'POST' && !item
        ? spec.create.schema
        : spec && r.method === 'PATCH'
          ? spec.update.schema
          : undefined);
    if (body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(body) } } };
    if (extra?.raw)
      op.requestBody = { required: true, content: Object.fromEntries(extra.raw.map((t) => [t, { schema: FILE }])) };
    if (extra?.form) op.requestBody = { required: true, content: { 'multipart/form-data': { schema: extra.form } } };
    const list = !!spec && r.method === 'GET' && !item;
    const statuses = problemStatuses({
      method: r.method,
      rule,
      jsonBody: !!body,
      ifMatch,
      pathParams: path.includes('{'),
      // a list's limit and offset, a query schema, an uploaded file
      checkedInput: list || !!extra?.query || !!extra?.raw || !!extra?.form,
      refuses: [...(extra?.refuses ?? []), ...(spec && base ? specRefusals(base, spec, rule, r.method, item) : [])],
    });
    statuses.forEach((s) => used.add(s));
    op.responses = {
      '200': { description: 'Succès' },
      ...responseRefs(statuses),
      default: {
        description: 'Erreur interne',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    };
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Jalon API',
      version: '0.1.0',
      description:
        'Budget et feuille de route du plan cyber santé 2023-2027. Montants en centimes (entiers), dates ISO.',
      // code of a French public administration: a licence of the décret n° 2017-638 list, with reciprocity
      license: { name: 'Licence publique de l’Union européenne (EUPL) 1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/' }],
    security: [{ cookie: [] }, { bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      responses: problemResponses(used),
      schemas: { Problem: PROBLEM_SCHEMA },
    },
  };
};

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** What the docs page reads of an operation. */
interface DocOperation {
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  'x-roles': string[];
}

/** A plain page (no script: the CSP allows none inline) listing the document's operations. */
export const docsPage = (doc: ReturnType<typeof openApiDocument>): string => {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as DocOperation })),
  );
  const rows = ops.map(({ path, method, op }) => {
    const body = op.requestBody?.content;
    const params = op.parameters?.map((p) => `${p.name} (${p.in})`).join(', ');
    return (
      `<tr><td><code class="m ${method}">${method.toUpperCase()}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary ?? '')}` +
      `${op.description ? `<br><small>${esc(op.description)}</small>` : ''}` +
      `${params ? `<br><small>Paramètres : ${esc(params)}</small>` : ''}` +
      `${body ? `<details><summary>Corps : ${esc(Object.keys(body).join(', '))}</summary><pre>${esc(JSON.stringify(Object.values(body)[0]?.schema, null, 2))}</pre></details>` : ''}` +
      `</td><td>${esc(op['x-roles'].join(', '))}</td></tr>`
    );
  });
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Jalon — API</title><style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:20rem}
.m{font-weight:700}.get{color:#0a6b2c}.post{color:#004ea2}.patch{color:#8a5300}.delete{color:#b00020}</style></head><body>
<h1>Jalon — API (${ops.length} opérations)</h1><p>Document OpenAPI 3.1 : <a href="/api/openapi.json">/api/openapi.json</a>. Montants en centimes ; erreurs en application/problem+json.</p>
<table><thead><tr><th>Méthode</th><th>Chemin</th><th>Description</th><th>Rôles</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></body></html>`;
};

export const openApiRoutes = (routes: () => readonly RouteEntry[]) =>
  new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.json(openApiDocument(routes())))
    .get('/docs', (c) => c.html(docsPage(openApiDocument(routes()))));
