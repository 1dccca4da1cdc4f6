// The demo plan's funding windows (scripts/make-demo.ts calls it): CaRE D1 run end to end on the
// published figures (applications, ARS instruction, objectives declared with evidence, ARS then
// ANS checks, payment per tranche) and D2 under way (its declarations and checks open today).
// Deterministic: every draw comes from the generator make-demo passes in.
import { createHash } from 'node:crypto';
import type { Allocation, Category, Payment } from '../server/contract/plan.js';
import type {
  Applicant,
  Application,
  Check,
  Declaration,
  EvidenceFile,
  FundingWindow,
  WindowCap,
} from '../server/contract/windows.js';
import { tranchesOf } from '../server/domain/applications.js';
import { capOf } from '../server/domain/caps.js';
import { addDays, drawsFrom } from './draws.js';

type Meta = 'rev' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy';
export type DemoWindow = Omit<FundingWindow, Meta> & { createdAt: string; createdBy: string };
export type DemoApplication = Omit<Application, Meta> & { createdAt: string; createdBy?: string };
export type DemoDeclaration = Omit<Declaration, Meta> & { createdAt: string; createdBy?: string };
export type DemoGrant = Omit<Allocation, Exclude<Meta, 'createdBy' | 'createdAt'>>;

/** An establishment as the windows read it (make-demo's Etab). */
export interface WindowEtab {
  finess: string;
  name: string;
  category: Category;
  region: string;
  priority: boolean;
  ght?: string;
  finessEj?: string;
  staff: number;
}

export interface WindowsInput {
  today: string;
  etabs: readonly WindowEtab[];
  /** GHT records: code and support establishment (« un dossier par GHT »). */
  ghts: ReadonlyArray<{ code: string; supportFiness: string }>;
  /** The ARS planners the demo has, by region: they decide for their region; national planners
   *  for the others. */
  arsPlanners: Readonly<Record<string, string>>;
  nationalPlanners: readonly string[];
  /** National reviewers (the ANS checks). */
  ansReviewers: readonly string[];
  /** Establishments that apply to no window (CH de Versailles: its page shows the allocations
   *  made outside the windows; the Chromium test of the establishment's page reads them). */
  apart: readonly string[];
  /** The establishment account bound to a FINESS, when the demo has one. */
  accountOf: (finess: string) => string | undefined;
  envelopes: { d1: string; d2: string };
  envelopeCents: { d1: number };
  actions: { d1: string; d2: string };
  /** The windows' generator's seed. */
  seed: number;
}

const eur = (n: number) => n * 100;

/** A small valid PDF (its first bytes `%PDF-`), the evidence a declaration carries: `about` in a
 *  comment line (« Jalon, <about> »). */
export const evidencePdf = (about: string): Uint8Array =>
  new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% Jalon, ${about}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

/** The evidence files of the demo, by objective: their bytes (data/demo/evidence/) and records. */
const evidenceFor = (objective: string, title: string): { bytes: Uint8Array; file: EvidenceFile } => {
  const bytes = evidencePdf(`plan de démonstration : ${objective} — ${title}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    bytes,
    file: { sha256, name: `preuve-${objective.toLowerCase()}.pdf`, type: 'application/pdf', size: bytes.byteLength },
  };
};

/** The first caps row for the applicant (the domain's), which the demo's applicants all have. */
const capFor = (w: DemoWindow, kind: Applicant['kind'], category: Category, staff: number): number => {
  const row = capOf(w, { kind, category, staff });
  if (!row) throw new Error(`demo: no cap row for ${kind} ${category} ${staff}`);
  return row.capCents;
};

const SOURCE_D1 =
  'Ministère de la Santé, programme CaRE : bilan de la fenêtre de financement D1 (candidatures du 18/03 au 19/04/2024 ; instruction ARS au 21/05/2024 ; déclarations au 30/06/2025)';

const D1_PUBLISHED: NonNullable<FundingWindow['published']> = [
  { label: 'Enveloppe', value: '65 M€', source: 'Arrêté du 18 mars 2024' },
  { label: 'Candidatures', value: '1 207', source: SOURCE_D1 },
  { label: 'dont GHT', value: '134', source: SOURCE_D1 },
  { label: 'dont public hors GHT', value: '18', source: SOURCE_D1 },
  { label: 'dont privé non lucratif', value: '292', source: SOURCE_D1 },
  { label: 'dont privé lucratif', value: '763', source: SOURCE_D1 },
  { label: 'Part des établissements éligibles candidats', value: '84 %', source: SOURCE_D1 },
  { label: 'Dossiers validés par les ARS au 21/05/2024', value: '733', source: SOURCE_D1 },
  { label: 'Plafonds des candidats rapportés à l’enveloppe', value: '98,8 % (64 276 242 €)', source: SOURCE_D1 },
  {
    label: 'Déclarations d’atteinte des objectifs au 30/06/2025',
    value: 'plus de 1 000 (environ 90 %)',
    source: SOURCE_D1,
  },
  { label: 'Montant engagé au 30/06/2025', value: 'environ 58 M€', source: SOURCE_D1 },
];

/** Caps by staff band, in ETP (under 300, 300 - 1 000, 1 000 - 3 000, from 3 000) and a GHT's, in
 *  euros: the demo's and the generated window's (illustrative: D1's and D2's were not published). */
export const capBands = (caps: [number, number, number, number], ght: number): WindowCap[] => [
  { applicant: 'establishment', minStaff: 0, maxStaff: 300, capCents: eur(caps[0]) },
  { applicant: 'establishment', minStaff: 300, maxStaff: 1000, capCents: eur(caps[1]) },
  { applicant: 'establishment', minStaff: 1000, maxStaff: 3000, capCents: eur(caps[2]) },
  { applicant: 'establishment', minStaff: 3000, capCents: eur(caps[3]) },
  { applicant: 'ght', minStaff: 0, capCents: eur(ght) },
];

/** D2's dates (published: launched 16/07/2025, applications from 02/09/2025, declarations from
 *  16/01/2026; the other dates illustrative) and objectives (illustrative), the demo's D2 and the
 *  generated plan's window (gen-window.ts). */
export const D2_PHASES: FundingWindow['phases'] = {
  applicationsOpen: '2025-09-02',
  applicationsClose: '2025-10-31',
  instructionEnd: '2025-12-19',
  declarationsOpen: '2026-01-16',
  declarationsClose: '2027-03-31',
  arsChecksEnd: '2027-06-30',
  ansChecksEnd: '2027-09-30',
};
export const D2_OBJECTIVES: FundingWindow['objectives'] = [
  { code: 'D2-SAUV-1', title: 'Sauvegardes hors ligne des systèmes critiques', shareBp: 4000 },
  { code: 'D2-SAUV-2', title: 'Restauration testée et chronométrée', shareBp: 3000 },
  { code: 'D2-PCRA', title: 'Plan de continuité et de reprise d’activité validé', shareBp: 3000 },
];

export const buildWindows = (input: WindowsInput) => {
  const { etabs, today } = input;
  // the windows' own generator, so that the rest of the demo's story is drawn as it was before them
  const d = drawsFrom(input.seed);
  const windows: DemoWindow[] = [];
  const applications: DemoApplication[] = [];
  const declarations: DemoDeclaration[] = [];
  const grants: DemoGrant[] = [];
  const payments: Array<Omit<Payment, Meta>> = [];
  const evidence = new Map<string, Uint8Array>();
  const byFiness = new Map(etabs.map((e) => [e.finess, e]));
  const decider = (region: string) => input.arsPlanners[region] ?? d.pick(input.nationalPlanners);

  // ---------------------------------------------------------------- D1
  const d1: DemoWindow = {
    id: 'win-d1',
    code: 'D1',
    name: 'D1 Annuaires et exposition sur Internet',
    envelopeId: input.envelopes.d1,
    actionId: input.actions.d1,
    year: '2024',
    reference: 'Arrêté du 18 mars 2024',
    // published: applications 18/03 - 19/04/2024, instruction to 21/05/2024 (extended below),
    // declarations to 30/06/2025, ARS checks to 30/09/2025, ANS checks to 31/12/2025; the opening
    // of declarations was not published (illustrative: with the applications, a rolling window)
    phases: {
      applicationsOpen: '2024-03-18',
      applicationsClose: '2024-04-19',
      instructionEnd: '2024-06-28',
      declarationsOpen: '2024-03-18',
      declarationsClose: '2025-06-30',
      arsChecksEnd: '2025-09-30',
      ansChecksEnd: '2025-12-31',
    },
    extensions: [
      {
        phase: 'instructionEnd',
        from: '2024-05-21',
        to: '2024-06-28',
        reason:
          'Dossiers complétés après le 21/05/2024 (733 validés à cette date au niveau national) : instruction prolongée (date illustrative).',
        at: '2024-05-21T16:00:00.000Z',
        by: input.nationalPlanners[0]!,
      },
    ],
    objectives: [
      { code: 'D1-AD-1', title: 'Annuaire technique (Active Directory) audité et durci', shareBp: 5000 },
      { code: 'D1-AD-2', title: 'Exposition sur Internet maîtrisée', shareBp: 3000 },
      { code: 'D1-AD-3', title: 'Comptes à privilèges séparés et supervisés', shareBp: 2000 },
    ],
    eligibility: {},
    caps: capBands([450_000, 900_000, 1_400_000, 2_000_000], 3_000_000),
    published: [
      ...D1_PUBLISHED,
      {
        label: 'Plafonds et objectifs de la démonstration',
        value:
          'illustratifs (non publiés), mis à l’échelle des 78 établissements de la démonstration pour que les accords couvrent 98,8 % des 65 M€ comme au niveau national ; date d’ouverture des déclarations et prolongation de l’instruction illustratives',
      },
    ],
    createdAt: '2024-03-18T08:00:00.000Z',
    createdBy: input.nationalPlanners[0]!,
  };
  windows.push(d1);

  // Who may apply: each GHT record once for its members, each other establishment (a legal
  // entity's sites each for itself: an allocation funds an establishment, not a legal entity).
  interface Candidate {
    finess: string;
    ghtCode?: string;
    region: string;
    capCents: number;
  }
  const candidates = (w: DemoWindow): Candidate[] => {
    const out: Candidate[] = [];
    const taken = new Set<string>();
    for (const g of input.ghts) {
      const members = etabs.filter((e) => e.ght === g.code);
      const support = byFiness.get(g.supportFiness)!;
      const staff = members.reduce((s, e) => s + e.staff, 0);
      out.push({
        finess: support.finess,
        ghtCode: g.code,
        region: support.region,
        capCents: capFor(w, 'ght', support.category, staff),
      });
      for (const m of members) taken.add(m.finess);
    }
    for (const e of etabs)
      if (!taken.has(e.finess))
        out.push({
          finess: e.finess,
          region: e.region,
          capCents: capFor(w, 'establishment', e.category, e.staff),
        });
    return out;
  };

  let appSeq = 0,
    decSeq = 0;
  const nextApp = (w: DemoWindow) => `app-${w.code.toLowerCase()}-${String(++appSeq).padStart(3, '0')}`;
  const nextDec = (w: DemoWindow) => `dec-${w.code.toLowerCase()}-${String(++decSeq).padStart(4, '0')}`;
  const files = new Map<string, EvidenceFile>();
  const evidenceOf = (w: DemoWindow, objective: string): EvidenceFile => {
    let f = files.get(objective);
    if (!f) {
      const o = w.objectives.find((x) => x.code === objective)!;
      const e = evidenceFor(objective, o.title);
      evidence.set(e.file.sha256, e.bytes);
      files.set(objective, (f = e.file));
    }
    return f;
  };
  const check = (by: string, on: string, reason?: string): Check => ({
    verdict: reason ? 'non_conforme' : 'conforme',
    ...(reason ? { reason } : {}),
    at: d.at(on),
    by,
  });

  /** Applications: submitted within the phase, refused or withdrawn as listed, the others granted
   *  at amounts that add up to `grantTotal` exactly; the granted with their grants. */
  const apply = (
    w: DemoWindow,
    chosen: Candidate[],
    o: {
      refused: Array<[number, string]>;
      withdrawn: number[];
      /** What the grants add up to, exactly; or a function of what the granted applicants asked. */
      grantTotal: number | ((asked: number) => number);
      grantedOn: (i: number) => string;
    },
  ) => {
    const apps: Array<{ app: DemoApplication; c: Candidate }> = [];
    chosen.forEach((c, i) => {
      const submittedOn = d.workday(w.phases.applicationsOpen, w.phases.applicationsClose);
      const createdOn = addDays(submittedOn, -d.int(0, 4));
      const who = input.accountOf(c.finess);
      // requested: most ask their cap, others a round part of it (to the thousand euros)
      const requested =
        d.rng() < 0.7 ? c.capCents : Math.round((c.capCents * (0.6 + d.rng() * 0.35)) / 1000_00) * 1000_00;
      const app: DemoApplication = {
        id: nextApp(w),
        windowId: w.id,
        finess: c.finess,
        ...(c.ghtCode ? { ghtCode: c.ghtCode } : {}),
        region: c.region,
        objectives: w.objectives.map((x) => x.code),
        requestedCents: requested,
        state: 'submitted',
        createdAt: `${createdOn < w.phases.applicationsOpen ? submittedOn : createdOn}T09:00:00.000Z`,
        ...(who ? { createdBy: who, submittedBy: who } : {}),
        submittedAt: d.at(submittedOn),
      };
      const refusal = o.refused.find(([k]) => k === i);
      if (refusal) {
        const on = d.workday(addDays(w.phases.applicationsClose, 3), w.phases.instructionEnd);
        Object.assign(app, {
          state: 'refused',
          refusedAt: d.at(on),
          refusedBy: decider(c.region),
          refusalReason: refusal[1],
        });
      } else if (o.withdrawn.includes(i)) {
        const on = d.workday(submittedOn, w.phases.applicationsClose);
        Object.assign(app, { state: 'withdrawn', withdrawnAt: d.at(on), ...(who ? { withdrawnBy: who } : {}) });
      }
      applications.push(app);
      apps.push({ app, c });
    });
    // grants: the requested amounts scaled down to the total, to the hundred euros (each tranche
    // then falls on whole euros), the difference on the largest grants, never above their cap
    const toGrant = apps.filter((x) => x.app.state === 'submitted');
    const asked = toGrant.reduce((s, x) => s + x.app.requestedCents, 0);
    const total = typeof o.grantTotal === 'number' ? o.grantTotal : o.grantTotal(asked);
    if (asked < total) throw new Error(`demo: ${w.code} applicants ask ${asked}, less than ${total}`);
    const amounts = toGrant.map((x) => Math.floor((x.app.requestedCents * total) / asked / 100_00) * 100_00);
    let rest = total - amounts.reduce((s, v) => s + v, 0);
    for (const k of [...amounts.keys()].sort((a, b) => toGrant[b]!.c.capCents - toGrant[a]!.c.capCents)) {
      const room = Math.min(rest, toGrant[k]!.c.capCents - amounts[k]!);
      amounts[k]! += room;
      rest -= room;
    }
    if (rest !== 0) throw new Error(`demo: ${w.code} grants short of ${rest} cents`);
    return toGrant.map((x, k) => {
      const on = o.grantedOn(k);
      const at = d.at(on),
        by = decider(x.c.region);
      const id = `al-${w.code.toLowerCase()}-${String(k + 1).padStart(3, '0')}`;
      const cents = amounts[k]!;
      const yearAmounts = { [w.year]: cents };
      const grant: DemoGrant = {
        id,
        createdAt: at,
        envelopeId: w.envelopeId,
        finess: x.app.finess,
        actionId: w.actionId,
        amounts: yearAmounts,
        status: 'approved',
        createdBy: by,
        approvedAt: at,
        approvedBy: by,
        engagements: [{ at, amounts: { ...yearAmounts } }],
        applicationId: x.app.id,
        tranches: tranchesOf(w, x.app.id, x.app.objectives, cents),
      };
      grants.push(grant);
      Object.assign(x.app, { state: 'granted', grantedCents: cents, grantedAt: at, grantedBy: by, allocationId: id });
      return { app: x.app, grant };
    });
  };

  /** An objective declared on `on` and checked as told: `ars`/`ans` the check days (undefined:
   *  awaiting), with a reason when non conforme. Payment of the tranche once both say conforme. */
  const declare = (
    w: DemoWindow,
    app: DemoApplication,
    objective: string,
    on: string,
    ars?: { on: string; reason?: string },
    ans?: { on: string; reason?: string },
  ): DemoDeclaration => {
    const who = input.accountOf(app.finess);
    const dec: DemoDeclaration = {
      id: nextDec(w),
      applicationId: app.id,
      objective,
      achievedOn: addDays(on, -d.int(0, 9)),
      evidence: [evidenceOf(w, objective)],
      createdAt: d.at(on),
      ...(who ? { createdBy: who } : {}),
      ...(ars ? { arsCheck: check(decider(app.region), ars.on, ars.reason) } : {}),
      ...(ars && !ars.reason && ans ? { ansCheck: check(d.pick(input.ansReviewers), ans.on, ans.reason) } : {}),
    };
    declarations.push(dec);
    return dec;
  };
  const payTranche = (grant: DemoGrant, objective: string, afterDay: string, paidChance: number) => {
    const t = grant.tranches!.find((x) => x.code === objective)!;
    const paidOn = d.workday(addDays(afterDay, 10), addDays(afterDay, 45));
    if (paidOn <= today && d.rng() < paidChance)
      payments.push({ id: '', allocationId: grant.id, amountCents: t.amountCents, paidOn, tranche: t.code });
  };

  // D1 applicants: about 84 % of those who could apply (both GHT records among them).
  const d1Candidates = candidates(d1);
  const ghtFirst = [
    ...d1Candidates.filter((c) => c.ghtCode),
    ...d.shuffled(d1Candidates.filter((c) => !c.ghtCode && !input.apart.includes(c.finess))),
  ];
  const d1Chosen = ghtFirst.slice(0, Math.round(d1Candidates.length * 0.84) + 1);
  const d1Granted = apply(d1, d1Chosen, {
    refused: [
      [7, 'Pièces justificatives incomplètes : audit de l’annuaire Active Directory non fourni.'],
      [23, 'Dossier déposé sans le diagnostic d’exposition sur Internet demandé par l’arrêté.'],
    ],
    withdrawn: [31],
    // 98.8 % of the envelope, to the hundred euros
    grantTotal: Math.floor((input.envelopeCents.d1 * 988) / 1000 / 100_00) * 100_00,
    // three in five validated by 21/05/2024 (733 of 1,207 nationally), the rest by the extension
    grantedOn: (k) => (k % 5 < 3 ? d.workday('2024-04-29', '2024-05-21') : d.workday('2024-05-22', '2024-06-28')),
  });
  // About 90 % of the granted declared their objectives by 30/06/2025; the ARS checked them by
  // 30/09/2025, the ANS by 31/12/2025; a few were found non conforme and declared again in time;
  // each tranche whose objective passed both checks is paid in the weeks after, most already.
  d1Granted.forEach(({ app, grant }, k) => {
    if (k % 10 === 9) return; // did not declare
    app.objectives.forEach((objective, j) => {
      if (j === 2 && k % 7 === 3) return; // the third objective not declared: its tranche unmet
      const on = d.workday('2024-10-01', '2025-06-13');
      const arsOn = d.workday(addDays(on, 14), addDays(on, 60));
      if ((k + j) % 13 === 5) {
        // non conforme at the ARS: declared again with better evidence, then both checks
        declare(d1, app, objective, on, {
          on: arsOn,
          reason: 'Preuve insuffisante : rapport d’audit non signé par le prestataire.',
        });
        const again = d.workday(addDays(arsOn, 3), addDays(arsOn, 20));
        if (again > d1.phases.declarationsClose) return;
        const ars2 = d.workday(addDays(again, 10), addDays(again, 40));
        const ans2 = d.workday(addDays(ars2, 14), addDays(ars2, 60));
        declare(d1, app, objective, again, { on: ars2 }, { on: ans2 });
        payTranche(grant, objective, ans2, 0.8);
        return;
      }
      const ansOn = d.workday(addDays(arsOn, 14), addDays(arsOn, 90));
      if ((k + j) % 17 === 8) {
        declare(
          d1,
          app,
          objective,
          on,
          { on: arsOn },
          { on: ansOn, reason: 'Durcissement partiel : comptes à privilèges encore partagés.' },
        );
        return;
      }
      declare(d1, app, objective, on, { on: arsOn }, { on: ansOn });
      payTranche(grant, objective, ansOn, 0.85);
    });
  });

  // ---------------------------------------------------------------- D2
  const d2: DemoWindow = {
    id: 'win-d2',
    code: 'D2',
    name: 'D2 Continuité et reprise d’activité',
    envelopeId: input.envelopes.d2,
    actionId: input.actions.d2,
    year: '2025',
    reference: 'Arrêté du 10 janvier 2025',
    phases: D2_PHASES,
    objectives: D2_OBJECTIVES,
    eligibility: {},
    caps: capBands([120_000, 250_000, 400_000, 600_000], 900_000),
    published: [
      { label: 'Lancement', value: '16/07/2025', source: 'Programme CaRE, domaine D2' },
      { label: 'Ouverture des candidatures', value: '02/09/2025', source: 'Programme CaRE, domaine D2' },
      { label: 'Ouverture des déclarations d’objectifs', value: '16/01/2026', source: 'Programme CaRE, domaine D2' },
      {
        label: 'Dates, objectifs et plafonds de la démonstration',
        value:
          'illustratifs : clôture des candidatures, fin d’instruction, clôture des déclarations et fins des contrôles non publiées ; l’enveloppe D2 non publiée, les accords sont imputés sur les crédits CaRE engagés (CARE-SOCLE)',
      },
    ],
    createdAt: '2025-07-16T08:00:00.000Z',
    createdBy: input.nationalPlanners[0]!,
  };
  windows.push(d2);
  // the GHT Île-de-France Sud first (its support's account, etab.corbeil, shows a window under way)
  const d2Candidates = candidates(d2).filter((c) => !input.apart.includes(c.finess));
  const showcase = d2Candidates.filter((c) => c.ghtCode === input.ghts[0]?.code);
  const d2Chosen = [...showcase, ...d.shuffled(d2Candidates.filter((c) => !c.ghtCode)).slice(0, 13)];
  const d2Granted = apply(d2, d2Chosen, {
    refused: [[5, 'Prérequis non atteints : objectifs du domaine D1 non déclarés.']],
    withdrawn: [9],
    // nine tenths of what they asked, to the hundred euros
    grantTotal: (asked) => Math.floor((asked * 0.9) / 100_00) * 100_00,
    grantedOn: () => d.workday('2025-11-03', '2025-12-19'),
  });
  // Under way today: declarations since 16/01/2026, some awaiting the ARS, some the ANS, a few
  // achieved and paid, one found non conforme and not declared again yet.
  d2Granted.forEach(({ app, grant }, k) => {
    app.objectives.forEach((objective, j) => {
      // the showcase GHT (the first): one objective achieved, one awaiting the ARS, one still to declare
      const stage = k === 0 ? [4, 1, 0][j]! : (k * 2 + j) % 6;
      if (stage === 0) return; // not declared yet
      const on = d.workday('2026-01-19', addDays(today, -20));
      const arsOn = d.workday(addDays(on, 10), addDays(on, 40));
      const ansOn = d.workday(addDays(arsOn, 10), addDays(arsOn, 40));
      if (stage === 1 || arsOn > today) return void declare(d2, app, objective, on);
      if (stage === 2)
        return void declare(d2, app, objective, on, {
          on: arsOn,
          reason: 'Procès-verbal du test de restauration absent.',
        });
      if (stage === 3 || ansOn > today) return void declare(d2, app, objective, on, { on: arsOn });
      declare(d2, app, objective, on, { on: arsOn }, { on: ansOn });
      payTranche(grant, objective, ansOn, 0.6);
    });
  });

  return { windows, applications, declarations, grants, payments, evidence };
};
