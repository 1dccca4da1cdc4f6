import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AuditEvent } from '../../server/contract/audit.js';
import {
  changeLines,
  describeSubject,
  emptyRefs,
  formatValue,
  paymentAllocationIds,
  short,
  type AuditRefs,
} from '../../web/lib/audit-lines.js';
import { D1_PHASES } from '../helpers/windows.js';

// Given the plan's reference lists, as the page loads them
const refs: AuditRefs = {
  establishments: new Map([
    ['010000016', { name: 'Centre hospitalier de Bourg-en-Bresse' }],
    ['910000017', { name: 'CH Sud Francilien' }],
  ]),
  actions: new Map([['act-d1-ad', { code: 'D1-AD' }]]),
  envelopes: new Map([['env-care-d1', { code: 'CARE-D1' }]]),
  allocations: new Map([['al-1', { finess: '010000016', actionId: 'act-d1-ad', envelopeId: 'env-care-d1' }]]),
  pooled: new Map([['18800000000110', { name: 'GIP SESAN' }]]),
  windows: new Map([['win-d1', { code: 'D1' }]]),
  scenarios: new Map([['scn-1', { name: 'Hypothèse haute' }]]),
};
const meta = {
  rev: '1',
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
  createdBy: 'planif@jalon.test',
};
const allocation = {
  id: 'al-1',
  envelopeId: 'env-care-d1',
  finess: '010000016',
  actionId: 'act-d1-ad',
  amounts: { '2024': 24_000_00, '2025': 36_000_00 },
  status: 'proposed',
  ...meta,
};
const event = (over: Partial<AuditEvent>): AuditEvent => ({
  seq: 1,
  at: '2026-02-01T10:00:00.000Z',
  actor: 'planif@jalon.test',
  action: 'update',
  entity: 'allocations',
  id: 'al-1',
  before: null,
  after: null,
  prevHash: '',
  hash: 'h',
  ...over,
});
// the text of a line, as the page writes it
const text = (l: { label: string; before?: string; after?: string }) =>
  [l.label, l.before, l.after]
    .filter((x) => x !== undefined)
    .join(' | ')
    .replace(/[\u00a0\u202f]/g, ' ');

test('an allocation edit: establishment, FINESS, action and envelope codes; only the year that changed, in euros', () => {
  // When the planner changes 2024 from 24 000,00 € to 25 000,50 €
  const e = event({
    before: allocation,
    after: {
      ...allocation,
      amounts: { '2024': 25_000_50, '2025': 36_000_00 },
      rev: '2',
      updatedAt: '2026-02-01T10:00:00.000Z',
    },
  });
  // Then
  assert.equal(describeSubject(e, refs), {
    kind: 'Allocation',
    title: 'Centre hospitalier de Bourg-en-Bresse',
    details: ['FINESS 010000016', 'action D1-AD', 'enveloppe CARE-D1'],
  });
  assert.equal(changeLines(e, refs).lines.map(text), ['montant 2024 | 24 000,00 € | 25 000,50 €']);
});

test('an approval: status in French and the date; the approver left out when it is the author', () => {
  const e = event({
    action: 'approve',
    actor: 'finances@jalon.test',
    before: allocation,
    after: {
      ...allocation,
      status: 'approved',
      approvedAt: '2026-03-01T08:00:00.000Z',
      approvedBy: 'finances@jalon.test',
    },
  });
  assert.equal(changeLines(e, refs).lines.map(text), [
    'statut | Proposée | Approuvée',
    'date d’approbation | — | 1er mars 2026',
  ]);
});

test('an avenant: set against the amounts in force, the years it changes only; approved, the amounts change; rejected, it goes', () => {
  const approved = { ...allocation, status: 'approved' };
  const revision = { amounts: { '2024': 30_000_00, '2025': 36_000_00 }, proposedAt: '2026-04-01' };
  const proposed = event({ before: approved, after: { ...approved, revision } });
  assert.equal(changeLines(proposed, refs).lines.map(text), ['avenant 2024 | 24 000,00 € | 30 000,00 €']);
  const accepted = event({
    action: 'approve',
    before: { ...approved, revision },
    after: { ...approved, amounts: revision.amounts },
  });
  assert.equal(changeLines(accepted, refs).lines.map(text), ['montant 2024 | 24 000,00 € | 30 000,00 €']);
  const refused = event({ action: 'reject', before: { ...approved, revision }, after: approved });
  assert.equal(changeLines(refused, refs).lines.map(text), [
    'avenant 2024 | 30 000,00 € | —',
    'avenant 2025 | 36 000,00 € | —',
  ]);
});

test('a creation shows its main values, a deletion what was deleted (not what the subject names)', () => {
  const created = changeLines(event({ action: 'create', after: allocation }), refs).lines.map(text);
  assert.equal(created, ['montant 2024 | 24 000,00 €', 'montant 2025 | 36 000,00 €', 'statut | Proposée']);
  const deleted = changeLines(event({ action: 'delete', before: allocation }), refs).lines.map(text);
  assert.equal(deleted, ['montant 2024 | 24 000,00 €', 'montant 2025 | 36 000,00 €', 'statut | Proposée']);
});

test('unknown references (a deleted establishment): the FINESS and the ids stand in', () => {
  const e = event({
    before: { ...allocation, finess: '990000017', actionId: 'act-gone' },
    after: null,
    action: 'delete',
  });
  assert.equal(describeSubject(e, emptyRefs), {
    kind: 'Allocation',
    title: 'FINESS 990000017',
    details: ['action act-gone', 'enveloppe env-care-d1'],
  });
  assert.equal(describeSubject(event({ entity: 'milestones', id: 'ms-1', after: {} }), refs).title, 'ms-1');
});

test('a payment: its allocation’s establishment and its amount; the allocation id when unknown', () => {
  const pay = {
    id: 'pay-1',
    allocationId: 'al-1',
    amountCents: 10_000_00,
    paidOn: '2024-03-01',
    tranche: 'amorçage',
    ...meta,
  };
  const e = event({ entity: 'payments', id: 'pay-1', action: 'create', actor: 'finances@jalon.test', after: pay });
  assert.equal(describeSubject(e, refs).title, 'Centre hospitalier de Bourg-en-Bresse');
  assert.equal(
    describeSubject(e, refs).details.map((d) => d.replace(/[\u00a0\u202f]/g, ' ')),
    ['FINESS 010000016', 'action D1-AD', 'enveloppe CARE-D1', 'versement de 10 000,00 €'],
  );
  assert.equal(changeLines(e, refs).lines.map(text), [
    'montant | 10 000,00 €',
    'date de versement | 1er mars 2024',
    'tranche | amorçage',
  ]);
  assert.is(describeSubject({ ...e, after: { ...pay, allocationId: 'al-gone' } }, refs).title, 'allocation al-gone');
  assert.equal(paymentAllocationIds([e, e, event({})]), ['al-1']);
});

test('a counter-entry: « annulation de » the amount and the payment it cancels, its reason among its values', () => {
  const counter = {
    id: 'pay-2',
    allocationId: 'al-1',
    amountCents: -10_000_00,
    paidOn: '2024-03-01',
    cancelsId: 'pay-1',
    reason: 'doublon',
    ...meta,
  };
  const e = event({ entity: 'payments', id: 'pay-2', action: 'cancel', actor: 'finances@jalon.test', after: counter });
  assert.equal(
    describeSubject(e, refs)
      .details.at(-1)!
      .replace(/[\u00a0\u202f]/g, ' '),
    'annulation de 10 000,00 € (versement pay-1)',
  );
  const lines = changeLines(e, refs).lines.map(text);
  assert.ok(lines.includes('annule le versement | pay-1'), lines.join(' / '));
  assert.ok(lines.includes('motif | doublon'), lines.join(' / '));
});

test('users: the e-mail; a flag that appears reads « non → oui »; a password stays masked', () => {
  const user = {
    id: 'usr-1',
    email: 'ines@jalon.test',
    name: 'Inès',
    role: 'reviewer',
    passwordHash: '[masqué]',
    ...meta,
  };
  const disabled = event({
    entity: 'users',
    id: 'usr-1',
    actor: 'admin@jalon.test',
    before: user,
    after: { ...user, disabled: true },
  });
  assert.is(describeSubject(disabled, refs).title, 'ines@jalon.test');
  assert.equal(changeLines(disabled, refs).lines.map(text), ['désactivation | non | oui']);
  assert.equal(changeLines(event({ entity: 'users', action: 'create', after: user }), refs).lines.map(text), [
    'rôle | Contrôle financier',
  ]);
});

test('long values are cut; lines past the maximum are counted', () => {
  assert.is(short('x'.repeat(80)), `${'x'.repeat(59)}…`);
  assert.is(formatValue('rejectionReason', 'y'.repeat(100), refs).length, 60);
  const before = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, i]));
  const after = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, i + 1]));
  const { lines, more } = changeLines(event({ entity: 'x', before, after }), refs, 8);
  assert.equal([lines.length, more], [8, 4]);
});

// the subject as the page writes it, one string
const subject = (e: AuditEvent) => {
  const s = describeSubject(e, refs);
  return [s.kind, s.title, ...s.details].join(' | ').replace(/[\u00a0\u202f]/g, ' ');
};
const linesOf = (e: AuditEvent) => changeLines(e, refs, 20).lines.map(text);
// a record's creation and a change to it, as the journal writes them
type Rec = { id: string } & Record<string, unknown>;
const creation = (entity: string, after: Rec, over: Partial<AuditEvent> = {}) =>
  event({ entity, id: after.id, action: 'create', after, ...over });
const change = (entity: string, before: Rec, after: Rec, over: Partial<AuditEvent> = {}) =>
  event({ entity, id: before.id, before, after, ...over });

test('a delegation: region by name and code, envelope code and reference; its amounts and date on creation', () => {
  // Given a delegation to Île-de-France
  const delegation = {
    id: 'del-1',
    envelopeId: 'env-care-d1',
    region: '11',
    amounts: { '2026': 1_000_000_00 },
    reference: '1re délégation, circulaire du 8 sept. 2025',
    notifiedOn: '2025-09-08',
    ...meta,
  };
  // When it is created, then its amount raised
  const created = creation('delegations', delegation);
  const raised = change('delegations', delegation, { ...delegation, amounts: { '2026': 1_200_000_00 } });
  // Then
  assert.is(
    subject(created),
    'Délégation | Île-de-France (11) | enveloppe CARE-D1 | 1re délégation, circulaire du 8 sept. 2025',
  );
  assert.equal(linesOf(created), ['montant 2026 | 1 000 000,00 €', 'date de notification | 8 septembre 2025']);
  assert.equal(linesOf(raised), ['montant 2026 | 1 000 000,00 € | 1 200 000,00 €']);
  assert.is(describeSubject(event({ entity: 'delegations', after: { region: '99' } }), refs).title, 'région 99');
});

test('a GHT: code and name; its region by name, its support establishment by name and FINESS', () => {
  const ght = {
    id: 'ght-1',
    code: 'GHT Île-de-France Sud',
    name: 'GHT Île-de-France Sud (Essonne)',
    region: '11',
    supportFiness: '910000017',
    ...meta,
  };
  const created = creation('ghts', ght);
  assert.is(subject(created), 'GHT | GHT Île-de-France Sud | GHT Île-de-France Sud (Essonne)');
  assert.equal(linesOf(created), [
    'région | Île-de-France (11)',
    'établissement support | CH Sud Francilien (910000017)',
  ]);
  const moved = change('ghts', ght, { ...ght, supportFiness: '010000016' });
  assert.equal(linesOf(moved), [
    'établissement support | CH Sud Francilien (910000017) | Centre hospitalier de Bourg-en-Bresse (010000016)',
  ]);
});

test('a pooled resource: name and SIRET; the establishments it serves counted and named', () => {
  const pooled = {
    id: '18800000000110',
    siret: '18800000000110',
    name: 'GIP SESAN',
    region: '11',
    serves: ['910000017', '010000016'],
    ...meta,
  };
  const created = creation('pooled', pooled);
  assert.is(subject(created), 'Ressource mutualisée | GIP SESAN | SIRET 18800000000110');
  assert.equal(linesOf(created), [
    'région | Île-de-France (11)',
    'établissements desservis | 2 établissements : CH Sud Francilien, Centre hospitalier de…',
  ]);
  const fewer = change('pooled', pooled, { ...pooled, serves: ['910000017'] });
  assert.equal(linesOf(fewer), [
    'établissements desservis | 2 établissements : CH Sud Francilien, Centre hospitalier de… | 1 établissement : CH Sud Francilien',
  ]);
});

const fundingWindow = {
  id: 'win-d1',
  code: 'D1',
  name: 'D1 Annuaires et exposition sur Internet',
  envelopeId: 'env-care-d1',
  actionId: 'act-d1-ad',
  year: '2024',
  reference: 'Arrêté du 18 mars 2024',
  phases: D1_PHASES,
  objectives: [
    { code: 'D1-AD-1', title: 'Annuaire technique audité', shareBp: 5000 },
    { code: 'D1-AD-2', title: 'Exposition maîtrisée', shareBp: 3750 },
    { code: 'D1-AD-3', title: 'Comptes à privilèges', shareBp: 1250 },
  ],
  eligibility: { categories: ['CHU'], priorityOnly: true },
  caps: [
    { applicant: 'establishment', minStaff: 0, maxStaff: 300, capCents: 450_000_00 },
    { applicant: 'ght', minStaff: 0, capCents: 3_000_000_00 },
  ],
  ...meta,
};

test('a window created: code and name; its span, objectives’ shares, eligibility and caps in French', () => {
  const created = creation('windows', fundingWindow);
  assert.is(subject(created), 'Guichet | D1 | D1 Annuaires et exposition sur Internet');
  assert.equal(linesOf(created), [
    'enveloppe | CARE-D1',
    'action | D1-AD',
    'exercice | 2024',
    'référence | Arrêté du 18 mars 2024',
    'phases | du 18 mars 2024 au 31 décembre 2025',
    'objectifs | D1-AD-1 50 % · D1-AD-2 37,5 % · D1-AD-3 12,5 %',
    'éligibilité | CHU ; prioritaires seulement',
    'plafonds | établissement, de 0 à moins de 300 ETP : 450 000,00 € · GHT…',
  ]);
});

test('a window changed: the phase moved by its name, the extension’s reason, the objective and cap rows that changed', () => {
  const extension = {
    phase: 'instructionEnd',
    from: '2024-05-21',
    to: '2024-06-28',
    reason: 'Dossiers complétés',
    at: '2024-05-21T16:00:00.000Z',
    by: 'planif@jalon.test',
  };
  const extended = change(
    'windows',
    fundingWindow,
    { ...fundingWindow, phases: { ...fundingWindow.phases, instructionEnd: '2024-06-28' }, extensions: [extension] },
    { action: 'extend' },
  );
  assert.equal(linesOf(extended), [
    'fin de l’instruction par les ARS | 21 mai 2024 | 28 juin 2024',
    'motif de la prolongation (fin de l’instruction par les ARS) | — | Dossiers complétés',
  ]);
  const [d1, d2, d3] = fundingWindow.objectives;
  const edited = change('windows', fundingWindow, {
    ...fundingWindow,
    objectives: [d1, { ...d2!, shareBp: 3000 }, { ...d3!, shareBp: 2000 }],
    eligibility: {},
    caps: [{ ...fundingWindow.caps[0]!, capCents: 500_000_00 }, fundingWindow.caps[1]],
  });
  assert.equal(linesOf(edited), [
    'objectif D1-AD-2 | 37,5 % — Exposition maîtrisée | 30 % — Exposition maîtrisée',
    'objectif D1-AD-3 | 12,5 % — Comptes à privilèges | 20 % — Comptes à privilèges',
    'éligibilité | CHU ; prioritaires seulement | sans restriction',
    'plafond établissement, de 0 à moins de 300 ETP | 450 000,00 € | 500 000,00 €',
  ]);
  const freed = change(
    'windows',
    fundingWindow,
    { ...fundingWindow, freedAt: '2026-01-02T08:00:00.000Z', freedBy: 'planif@jalon.test' },
    { action: 'free-unmet' },
  );
  assert.equal(linesOf(freed), ['tranches non atteintes libérées le | — | 2 janvier 2026']);
});

test('an application: the applicant by name, FINESS and GHT, the window’s code; its state as the applications page says it', () => {
  const application = {
    id: 'app-1',
    windowId: 'win-d1',
    finess: '910000017',
    ghtCode: 'GHT Île-de-France Sud',
    region: '11',
    objectives: ['D1-AD-1', 'D1-AD-2'],
    requestedCents: 300_000_00,
    state: 'draft',
    ...meta,
  };
  const created = creation('applications', application, { actor: 'etab@jalon.test' });
  assert.is(
    subject(created),
    'Candidature | CH Sud Francilien | FINESS 910000017 | GHT Île-de-France Sud | guichet D1',
  );
  assert.equal(linesOf(created), [
    'montant demandé | 300 000,00 €',
    'état | Brouillon',
    'région | Île-de-France (11)',
    'objectifs | D1-AD-1, D1-AD-2',
  ]);
  // When the ARS grants it (its author is the granter: left out)
  const granted = change(
    'applications',
    { ...application, state: 'submitted' },
    {
      ...application,
      state: 'granted',
      grantedCents: 232_170_00,
      grantedAt: '2024-05-13T14:15:00.000Z',
      grantedBy: 'ars@jalon.test',
      allocationId: 'al-d1-001',
    },
    { action: 'grant', actor: 'ars@jalon.test' },
  );
  assert.equal(linesOf(granted), [
    'montant accordé | — | 232 170,00 €',
    'état | Déposée | Accordée',
    'date d’attribution | — | 13 mai 2024',
    'allocation | — | al-d1-001',
  ]);
  assert.is(describeSubject(created, emptyRefs).details.at(-1), 'guichet win-d1');
});

test('a declaration: objective code and application; its evidence as files and sizes, its checks as verdict, date, checker and reason', () => {
  const declaration = {
    id: 'dec-1',
    applicationId: 'app-1',
    objective: 'D1-AD-1',
    achievedOn: '2026-06-30',
    evidence: [
      { sha256: '3c31'.repeat(16), name: 'pv.pdf', type: 'application/pdf', size: 30_720 },
      { sha256: 'ab'.repeat(32), name: 'capture.png', type: 'image/png', size: 1_258_291 },
    ],
    ...meta,
  };
  const declared = creation('declarations', declaration, { action: 'declare', actor: 'etab@jalon.test' });
  assert.is(subject(declared), 'Déclaration | objectif D1-AD-1 | candidature app-1');
  assert.equal(linesOf(declared), [
    'date d’atteinte de l’objectif | 30 juin 2026',
    'pièces justificatives | 2 fichiers : pv.pdf (30 ko), capture.png (1,2 Mo)',
  ]);
  const ars = { verdict: 'conforme', at: '2026-08-31T09:00:00.000Z', by: 'ars@jalon.test' };
  const checked = { ...declaration, arsCheck: ars };
  // the ARS check by its author: no « par »
  const arsChecked = change('declarations', declaration, checked, { action: 'check-ars', actor: 'ars@jalon.test' });
  assert.equal(linesOf(arsChecked), ['contrôle ARS | — | conforme, le 31 août 2026']);
  const ansRefused = change(
    'declarations',
    checked,
    { ...checked, ansCheck: { verdict: 'non_conforme', reason: 'PV non signé', at: '2026-09-15T09:00:00.000Z' } },
    { action: 'check-ans', actor: 'finances@jalon.test' },
  );
  assert.equal(linesOf(ansRefused), ['contrôle ANS | — | non conforme, le 15 septembre 2026 : PV non signé']);
  // read by someone else than the checker, the checker is named
  assert.is(formatValue('arsCheck', ars, refs, 'finances@jalon.test'), 'conforme, le 31 août 2026, par ars@jalon.test');
  assert.not.match(JSON.stringify(linesOf(declared)), /sha256|\{/);
});

test('a scenario: its name; origin, envelopes and the plan it copied in French; a promotion dated', () => {
  const scenario = {
    id: 'scn-1',
    name: 'Hypothèse haute',
    owner: 'planif@jalon.test',
    envelopeIds: ['env-care-d1'],
    origin: 'plan',
    followsPlan: true,
    basis: { at: '2026-01-05T09:00:00.000Z', allocationRevs: { 'al-1': '1', 'al-2': '2' } },
    ...meta,
  };
  const created = creation('scenarios', scenario);
  assert.is(subject(created), 'Scénario | Hypothèse haute');
  assert.equal(linesOf(created), [
    'propriétaire | planif@jalon.test',
    'enveloppes | CARE-D1',
    'origine | copie du plan',
    'suit le plan | oui',
    'référence du plan | plan au 5 janvier 2026 (2 allocations)',
  ]);
  const rebased = change(
    'scenarios',
    scenario,
    { ...scenario, basis: { at: '2026-02-01T10:00:00.000Z', allocationRevs: { 'al-1': '1' } } },
    { action: 'rebase' },
  );
  assert.equal(linesOf(rebased), [
    'référence du plan | plan au 5 janvier 2026 (2 allocations) | plan au 1er février 2026 (1 allocation)',
  ]);
  const promoted = change(
    'scenarios',
    scenario,
    { ...scenario, promotedAt: '2026-03-01T10:00:00.000Z', promotedBy: 'planif@jalon.test' },
    { action: 'promote' },
  );
  assert.equal(linesOf(promoted), ['date de promotion | — | 1er mars 2026']);
  assert.is(formatValue('origin', { scenarioId: 'scn-1' }, refs), 'copie du scénario Hypothèse haute');
});

test('a scenario line: its beneficiary (a pooled resource by name and SIRET), action, envelope and scenario', () => {
  const line = {
    id: 'scn-1.l1',
    scenarioId: 'scn-1',
    envelopeId: 'env-care-d1',
    finess: '18800000000110',
    actionId: 'act-d1-ad',
    amounts: { '2026': 50_000_00 },
    sourceAllocationId: 'al-9',
    ...meta,
  };
  const created = creation('scenarioLines', line);
  assert.is(
    subject(created),
    'Ligne de scénario | GIP SESAN | SIRET 18800000000110 | action D1-AD | enveloppe CARE-D1 | scénario Hypothèse haute',
  );
  assert.equal(linesOf(created), ['montant 2026 | 50 000,00 €', 'allocation du plan | al-9']);
  const edited = change('scenarioLines', line, { ...line, amounts: { '2026': 60_000_00 } });
  assert.equal(linesOf(edited), ['montant 2026 | 50 000,00 € | 60 000,00 €']);
});

test('an allocation’s tranches: amount and gate on creation; freed, the tranche that was freed, dated', () => {
  const tranches = [
    {
      code: 'T1',
      label: 'T1',
      amountCents: 60_000_00,
      gate: { kind: 'objective', applicationId: 'app-1', objective: 'D1-AD-1' },
    },
    { code: 'T2', label: 'T2', amountCents: 40_000_00, gate: { kind: 'milestone', milestoneId: 'ms-2' } },
  ];
  const granted = {
    ...allocation,
    amounts: { '2026': 100_000_00 },
    status: 'approved',
    tranches,
    applicationId: 'app-1',
  };
  assert.equal(linesOf(event({ action: 'create', after: granted })), [
    'montant 2026 | 100 000,00 €',
    'statut | Approuvée',
    'tranches | T1 60 000,00 € (objectif D1-AD-1) · T2 40 000,00 € (jalon m…',
    'candidature | app-1',
  ]);
  const freed = event({
    action: 'free-unmet',
    before: granted,
    after: {
      ...granted,
      amounts: { '2026': 40_000_00 },
      tranches: [{ ...tranches[0]!, freedAt: '2026-01-02T08:00:00.000Z' }, tranches[1]],
    },
  });
  assert.equal(linesOf(freed), [
    'montant 2026 | 100 000,00 € | 40 000,00 €',
    'tranche T1 | 60 000,00 € (objectif D1-AD-1) | 60 000,00 € (objectif D1-AD-1), libérée le 2 janvier 2026',
  ]);
  // a window's tranche is coded by its objective: the gate is not repeated
  assert.is(
    formatValue('tranches', [{ ...tranches[0], code: 'D1-AD-1' }], refs).replace(/[\u00a0\u202f]/g, ' '),
    'D1-AD-1 60 000,00 €',
  );
});

test.run();
