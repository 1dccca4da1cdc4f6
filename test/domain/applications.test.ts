// Applications to a window: the applicant and its cap (a site, a legal entity's sites, a GHT's
// members), eligibility, the phase, one live application per establishment, the lifecycle, and a
// grant: the approved allocation with its tranches, through the allocation rules.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createApplication,
  grantApplication,
  refuseApplication,
  submitApplication,
  tranchesOf,
  updateApplication,
  withdrawApplication,
  type ApplicationInput,
} from '../../server/domain/applications.js';
import { applicantOf, capOf, eligibilityOf } from '../../server/domain/caps.js';
import { formatEuros } from '../../server/domain/money.js';
import { refuses } from '../helpers/assert.js';
import {
  allocation,
  basics,
  ctx,
  delegation,
  EJ,
  envelope,
  establishment,
  F1,
  F2,
  ght,
  planOf,
  SITE,
  withKey,
  type PlanRecords,
} from '../helpers/plan.js';
import {
  AFTER_INSTRUCTION,
  application,
  DURING_APPLICATIONS,
  DURING_INSTRUCTION,
  fundingWindow,
} from '../helpers/windows.js';

const ETAB = ctx('etab.f1@jalon.test', DURING_APPLICATIONS);
const ARS = ctx('ars.planif.idf@jalon.test', DURING_INSTRUCTION);
const M1 = withKey('92000101'); // members of the GHT supported by F1
const M2 = withKey('92000102');

/** 1 000 000,00 € for 2024; F1 600 ETP (its cap 120 000,00 €); a GHT of F1 (support) and two members. */
const records = (o: PlanRecords = {}): PlanRecords => ({
  envelopes: [envelope({ totalCents: 1_000_000_00 })],
  establishments: [
    ...basics().establishments.map((e) =>
      e.finess === F1 ? { ...e, staff: 600, ght: 'GHT Sud' } : e.finess === SITE ? { ...e, staff: 120.5 } : e,
    ),
    establishment(M1, { ght: 'GHT Sud', staff: 250.25, priority: false }),
    establishment(M2, { ght: 'GHT Sud', priority: false }),
  ],
  ghts: [ght('ght-sud', { code: 'GHT Sud', name: 'GHT Sud', supportFiness: F1 })],
  windows: [fundingWindow()],
  ...o,
});
const input = (o: Partial<ApplicationInput> = {}): ApplicationInput => ({
  windowId: 'win-d1',
  finess: F1,
  objectives: ['D1-EX-1', 'D1-AD-1'],
  requestedCents: 100_000_00,
  ...o,
});

test('The applicant: a site (its staff), a legal entity (its sites summed), a GHT (its members, support included); unknown ones are 422', async () => {
  const plan = await planOf(records());
  const site = applicantOf(plan, SITE);
  assert.equal([site.kind, site.staff, site.counted], ['establishment', 120.5, [SITE]]);
  // EJ is an establishment itself with no staff known (0) and SITE as its site
  const ej = applicantOf(plan, EJ);
  assert.equal([ej.staff, ej.counted.sort(), ej.category], [120.5, [EJ, SITE].sort(), 'private_nonprofit']);
  const g = applicantOf(plan, F1, 'GHT Sud');
  assert.equal([g.kind, g.name, g.region, g.category], ['ght', 'GHT Sud', '11', 'public']);
  assert.equal([g.staff, g.counted.sort()], [850.25, [F1, M1, M2].sort()]);
  assert.is(g.priority, true, 'F1, a member, is a priority establishment');
  assert.equal(
    refuses(() => applicantOf(plan, withKey('75999999')), 422, 'introuvable').errors.map((e) => e.path),
    ['finess'],
  );
  refuses(() => applicantOf(plan, M1, 'GHT Sud'), 422, "n'est pas le support du GHT");
  refuses(() => applicantOf(plan, F1, 'GHT Nord'), 422, 'GHT « GHT Nord » introuvable');
});

test('A legal entity known only through its sites (no establishment record of its own) is not eligible: a grant funds a recorded establishment', async () => {
  const LEGAL = withKey('75000098');
  const S1 = withKey('75000097');
  const plan = await planOf(
    records({ establishments: [...records().establishments!, establishment(S1, { finessEj: LEGAL, staff: 80 })] }),
  );
  const w = plan.windows.get('win-d1')!;
  const e = eligibilityOf(plan, w, applicantOf(plan, LEGAL));
  assert.is(e.eligible, false);
  assert.match(e.reasons.join(' '), `L'entité juridique FINESS ${LEGAL} n'a pas de fiche d'établissement`);
  assert.match(e.reasons.join(' '), S1);
  // refused when it applies, not at the grant: nothing to instruct that could not be granted
  assert.equal(
    refuses(
      () => createApplication(plan, 'app-1', input({ finess: LEGAL, requestedCents: 1 }), ETAB),
      422,
      "fiche d'établissement",
    ).errors.map((x) => x.path),
    ['finess'],
  );
  // its site applies for itself
  assert.is(createApplication(plan, 'app-1', input({ finess: S1, requestedCents: 1 }), ETAB).state, 'draft');
});

test('The cap: the first row of the applicant kind and category whose band holds its staff (minStaff included, maxStaff excluded)', () => {
  const w = fundingWindow({
    caps: [
      { applicant: 'establishment', category: 'private_forprofit', minStaff: 0, capCents: 10_000_00 },
      { applicant: 'establishment', minStaff: 0, maxStaff: 500, capCents: 50_000_00 },
      { applicant: 'establishment', minStaff: 500, capCents: 120_000_00 },
      { applicant: 'ght', minStaff: 0, capCents: 300_000_00 },
    ],
  });
  const cap = (kind: 'establishment' | 'ght', category: 'public' | 'private_forprofit', staff: number) =>
    capOf(w, { kind, category, staff })?.capCents ?? null;
  assert.is(cap('establishment', 'public', 0), 50_000_00);
  assert.is(cap('establishment', 'public', 499.99), 50_000_00);
  assert.is(cap('establishment', 'public', 500), 120_000_00);
  assert.is(cap('establishment', 'private_forprofit', 900), 10_000_00);
  assert.is(cap('ght', 'public', 5000), 300_000_00);
  assert.is(
    capOf(fundingWindow({ caps: [{ applicant: 'ght', minStaff: 0, capCents: 1 }] }), {
      kind: 'establishment',
      category: 'public',
      staff: 1,
    }),
    null,
  );
});

test('Eligibility: category, priority (a GHT: a priority member), region, and a cap row; every reason at once', async () => {
  const plan = await planOf(records());
  const w = fundingWindow({
    eligibility: { categories: ['public'], priorityOnly: true, regions: ['84'] },
    caps: [{ applicant: 'ght', minStaff: 0, capCents: 300_000_00 }],
  });
  const f2 = eligibilityOf(plan, w, applicantOf(plan, F2));
  assert.is(f2.eligible, false);
  assert.is(f2.reasons.length, 3, f2.reasons.join(' | '));
  assert.match(f2.reasons[0]!, 'réservé aux catégories public');
  assert.match(f2.reasons[1]!, 'réservé aux établissements prioritaires');
  assert.match(f2.reasons[2]!, 'Aucun plafond du guichet D1 ne correspond');
  const f1 = eligibilityOf(plan, w, applicantOf(plan, F1));
  assert.equal(f1.reasons.length, 2, 'outside region 84 and no establishment cap');
  assert.match(f1.reasons[0]!, 'réservé aux régions Auvergne-Rhône-Alpes');
  const open = eligibilityOf(plan, fundingWindow(), applicantOf(plan, F1, 'GHT Sud'));
  assert.equal([open.eligible, open.cap?.capCents], [true, 300_000_00]);
});

test('Given F1 (600 ETP, cap 120 000,00 €), a draft within the phase: its region, the objectives in the window order', async () => {
  const plan = await planOf(records());
  const a = createApplication(plan, 'app-1', input(), ETAB);
  assert.equal(
    [a.state, a.region, a.objectives, a.requestedCents, a.createdBy],
    ['draft', '11', ['D1-AD-1', 'D1-EX-1'], 100_000_00, 'etab.f1@jalon.test'],
  );
  // the cap in euros, French format
  const over = refuses(
    () => createApplication(plan, 'app-2', input({ requestedCents: 120_000_01 }), ETAB),
    422,
    '120 000,00 €',
  );
  assert.equal(over.errors, [{ path: 'requestedCents', message: 'Plafond : 120 000,00 €.' }]);
  createApplication(plan, 'app-2', input({ requestedCents: 120_000_00 }), ETAB);
  refuses(() => createApplication(plan, 'app-2', input({ requestedCents: 0 }), ETAB), 422, 'positif');
  refuses(
    () => createApplication(plan, 'app-2', input({ objectives: ['D1-AD-1', 'D9'] }), ETAB),
    422,
    '« D9 » inconnu',
  );
  refuses(
    () => createApplication(plan, 'app-2', input({ windowId: 'win-x' }), ETAB),
    422,
    'Guichet « win-x » introuvable',
  );
});

test('Out of phase: 422 naming the application dates in French; the Paris day decides (23:30 UTC on 19 April is 20 April there)', async () => {
  const plan = await planOf(records());
  const at = (now: string) => ctx('etab.f1@jalon.test', now);
  const late = refuses(
    () => createApplication(plan, 'app-1', input(), at('2024-04-19T22:30:00.000Z')),
    422,
    'Candidatures du 18/03/2024 au 19/04/2024',
  );
  assert.equal(
    late.errors.map((e) => e.path),
    ['windowId'],
  );
  createApplication(plan, 'app-1', input(), at('2024-04-19T21:30:00.000Z'));
  createApplication(plan, 'app-1', input(), at('2024-03-17T23:30:00.000Z'));
  refuses(() => createApplication(plan, 'app-1', input(), at('2024-03-17T22:30:00.000Z')), 422, 'Candidatures du');
  // a draft is submitted within the same phase only
  const draft = createApplication(plan, 'app-1', input(), ETAB);
  refuses(() => submitApplication(plan, draft, at(AFTER_INSTRUCTION)), 422, 'Candidatures du 18/03/2024 au 19/04/2024');
});

test('Ineligible: 422 with the reason, on finess (ghtCode for a GHT)', async () => {
  const plan = await planOf(records({ windows: [fundingWindow({ eligibility: { priorityOnly: true } })] }));
  const err = refuses(
    () => createApplication(plan, 'app-1', input({ finess: M1 }), ETAB),
    422,
    'réservé aux établissements prioritaires',
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['finess'],
  );
});

test('Twice for the same window: « déjà candidat », unless the previous one was withdrawn or refused', async () => {
  for (const [state, refused] of [
    ['draft', true],
    ['submitted', true],
    ['granted', true],
    ['withdrawn', false],
    ['refused', false],
  ] as const) {
    const plan = await planOf(records({ applications: [application('app-0', { state })] }));
    const make = () => createApplication(plan, 'app-1', input(), ETAB);
    if (refused) refuses(make, 422, 'Déjà candidat au guichet D1 : candidature app-0');
    else assert.is(make().state, 'draft', state);
  }
});

test('A GHT member does not apply alone while its GHT applies, nor the GHT while a member does; a site beside its legal entity neither', async () => {
  const withGht = await planOf(records({ applications: [application('app-g', { finess: F1, ghtCode: 'GHT Sud' })] }));
  refuses(
    () => createApplication(withGht, 'app-1', input({ finess: M1 }), ETAB),
    422,
    'le dossier du GHT « GHT Sud » (app-g, déposée) compte déjà',
  );
  // F1 alone is counted by its GHT's application too
  refuses(() => createApplication(withGht, 'app-1', input(), ETAB), 422, 'compte déjà');
  const withMember = await planOf(records({ applications: [application('app-m', { finess: M2, state: 'draft' })] }));
  refuses(
    () => createApplication(withMember, 'app-1', input({ ghtCode: 'GHT Sud', requestedCents: 1 }), ETAB),
    422,
    'compte déjà',
  );
  const withSite = await planOf(records({ applications: [application('app-s', { finess: SITE })] }));
  refuses(
    () => createApplication(withSite, 'app-1', input({ finess: EJ, requestedCents: 1 }), ETAB),
    422,
    'compte déjà',
  );
  const withEj = await planOf(records({ applications: [application('app-e', { finess: EJ })] }));
  refuses(
    () => createApplication(withEj, 'app-1', input({ finess: SITE, requestedCents: 1 }), ETAB),
    422,
    'compte déjà',
  );
  // a GHT application whose support has changed since still counts the FINESS that filed it
  const moved = await planOf(records({ applications: [application('app-g', { finess: M1, ghtCode: 'GHT Sud' })] }));
  refuses(() => createApplication(moved, 'app-1', input({ finess: M1, requestedCents: 1 }), ETAB), 422, 'compte déjà');
  assert.is(createApplication(moved, 'app-1', input({ finess: SITE, requestedCents: 1 }), ETAB).state, 'draft');
  // a GHT application: its cap (300 000,00 €), the support's region
  const g = createApplication(
    await planOf(records()),
    'app-1',
    input({ ghtCode: 'GHT Sud', requestedCents: 300_000_00 }),
    ETAB,
  );
  assert.equal([g.ghtCode, g.finess, g.region], ['GHT Sud', F1, '11']);
});

test('Lifecycle: a draft is edited and submitted; withdrawn from draft or submitted; nothing else moves back', async () => {
  const plan = await planOf(records());
  const draft = createApplication(plan, 'app-1', input(), ETAB);
  const edited = updateApplication(plan, draft, { requestedCents: 90_000_00, objectives: ['D1-AD-2'] }, ETAB);
  assert.equal([edited.requestedCents, edited.objectives], [90_000_00, ['D1-AD-2']]);
  refuses(() => updateApplication(plan, draft, { requestedCents: 200_000_00 }, ETAB), 422, '120 000,00 €');
  const submitted = submitApplication(plan, edited, ETAB);
  assert.equal([submitted.state, submitted.submittedAt, submitted.submittedBy], ['submitted', ETAB.now, ETAB.actor]);
  refuses(() => updateApplication(plan, submitted, { requestedCents: 1 }, ETAB), 422, 'candidature déposée');
  refuses(() => submitApplication(plan, submitted, ETAB), 422);
  assert.is(withdrawApplication(plan, draft, ETAB).state, 'withdrawn');
  const withdrawn = withdrawApplication(plan, submitted, ETAB);
  assert.equal([withdrawn.state, withdrawn.withdrawnBy], ['withdrawn', ETAB.actor]);
  refuses(() => withdrawApplication(plan, withdrawn, ETAB), 422, 'candidature retirée');
  refuses(() => refuseApplication(plan, draft, 'Incomplet', ARS), 422, 'candidature brouillon');
  const refused = refuseApplication(plan, submitted, 'Dossier incomplet', ARS);
  assert.equal([refused.state, refused.refusalReason, refused.refusedBy], ['refused', 'Dossier incomplet', ARS.actor]);
  refuses(() => withdrawApplication(plan, refused, ETAB), 422);
});

test('Tranches: floor of each committed share, the cents left over on the last objective in the window order', () => {
  const w = fundingWindow();
  const all = tranchesOf(w, 'app-1', ['D1-AD-1', 'D1-AD-2', 'D1-EX-1'], 33_333_33);
  assert.equal(
    all.map((t) => [t.code, t.amountCents]),
    [
      ['D1-AD-1', 16_666_66],
      ['D1-AD-2', 9_999_99],
      ['D1-EX-1', 6_666_68],
    ],
  );
  // two objectives, 7 000 bp between them: 5/7 and 2/7 of 10 000,01 €
  const two = tranchesOf(w, 'app-1', ['D1-EX-1', 'D1-AD-1'], 10_000_01);
  assert.equal(
    two.map((t) => [t.code, t.amountCents]),
    [
      ['D1-AD-1', 7_142_86],
      ['D1-EX-1', 2_857_15],
    ],
  );
  assert.equal(two[0], {
    code: 'D1-AD-1',
    label: 'D1-AD-1 : Annuaire technique durci',
    amountCents: 7_142_86,
    gate: { kind: 'objective', applicationId: 'app-1', objective: 'D1-AD-1' },
  });
  // beyond 2^53 in the product: 10 Md€ × 5 000 bp stays exact
  const big = tranchesOf(w, 'app-1', ['D1-AD-1', 'D1-AD-2', 'D1-EX-1'], 1_000_000_000_000);
  assert.equal(
    big.map((t) => t.amountCents),
    [500_000_000_000, 300_000_000_000, 200_000_000_000],
  );
});

test('A grant: the approved allocation on the window envelope, action and year, its engagement, its tranches, the application granted', async () => {
  const submitted = application('app-1', { objectives: ['D1-AD-1', 'D1-AD-2', 'D1-EX-1'], requestedCents: 100_000_00 });
  const plan = await planOf(records({ applications: [submitted] }));
  const { application: granted, allocation: a } = grantApplication(plan, submitted, 90_000_00, 'al-g', ARS);
  assert.equal(
    [granted.state, granted.grantedCents, granted.grantedAt, granted.grantedBy, granted.allocationId],
    ['granted', 90_000_00, ARS.now, ARS.actor, 'al-g'],
  );
  assert.equal(
    [a.id, a.status, a.envelopeId, a.actionId, a.finess, a.amounts, a.applicationId],
    ['al-g', 'approved', 'env-a', 'act-ad', F1, { '2024': 90_000_00 }, 'app-1'],
  );
  assert.equal([a.approvedAt, a.approvedBy, a.createdBy], [ARS.now, ARS.actor, ARS.actor]);
  assert.equal(a.engagements, [{ at: ARS.now, amounts: { '2024': 90_000_00 } }]);
  assert.equal(
    a.tranches!.map((t) => [t.code, t.amountCents]),
    [
      ['D1-AD-1', 45_000_00],
      ['D1-AD-2', 27_000_00],
      ['D1-EX-1', 18_000_00],
    ],
  );
});

test('Grant refusals: not submitted, after the instruction, above the cap, above what was asked, above what remains of the envelope or of the delegation', async () => {
  const submitted = application('app-1', { requestedCents: 120_000_00 });
  const plan = await planOf(records({ applications: [submitted] }));
  refuses(
    () => grantApplication(plan, { ...submitted, state: 'draft' }, 1_000_00, 'al-g', ARS),
    422,
    'candidature brouillon',
  );
  refuses(
    () => grantApplication(plan, submitted, 1_000_00, 'al-g', ctx(ARS.actor, AFTER_INSTRUCTION)),
    422,
    'close le 21/05/2024',
  );
  const capped = refuses(() => grantApplication(plan, submitted, 120_000_01, 'al-g', ARS), 422, '120 000,00 €');
  assert.equal(
    capped.errors.map((e) => e.path),
    ['amountCents'],
  );
  refuses(() => grantApplication(plan, submitted, 0, 'al-g', ARS), 422, 'positif');
  const asked = { ...submitted, requestedCents: 40_000_00 };
  const above = refuses(
    () => grantApplication(plan, asked, 40_000_01, 'al-g', ARS),
    422,
    'supérieur au montant demandé',
  );
  assert.equal(above.errors, [{ path: 'amountCents', message: `Montant demandé : ${formatEuros(40_000_00)}.` }]);
  assert.is(grantApplication(plan, asked, 40_000_00, 'al-g', ARS).application.grantedCents, 40_000_00);
  // 100 000,00 € of envelope, 30 000,00 € already allocated
  const small = await planOf(
    records({
      envelopes: [envelope({ totalCents: 100_000_00 })],
      allocations: [allocation('al-0', { finess: F2, amounts: { '2024': 30_000_00 } })],
      applications: [submitted],
    }),
  );
  refuses(
    () => grantApplication(small, submitted, 70_000_01, 'al-g', ARS),
    422,
    "Dépassement de l'enveloppe ENV-A : reste 70 000,00 € sur le total",
  );
  assert.is(grantApplication(small, submitted, 70_000_00, 'al-g', ARS).allocation.status, 'approved');
  // Île-de-France holds 50 000,00 € of delegation
  const delegated = await planOf(
    records({ delegations: [delegation('del-idf', { amounts: { '2024': 50_000_00 } })], applications: [submitted] }),
  );
  refuses(
    () => grantApplication(delegated, submitted, 50_000_01, 'al-g', ARS),
    422,
    'reste 50 000,00 € sur la délégation Île-de-France 2024',
  );
  // an announced envelope is no money yet: nothing is approved on it
  const announced = await planOf(
    records({ envelopes: [envelope({ totalCents: 1_000_000_00, status: 'announced' })], applications: [submitted] }),
  );
  refuses(() => grantApplication(announced, submitted, 1_000_00, 'al-g', ARS), 422, 'annoncés, non engagés');
});

test.run();
