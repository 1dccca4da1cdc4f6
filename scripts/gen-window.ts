// The generated plan's funding window (scripts/gen.ts calls it): a D2-like window at national
// scale, about 1,200 applications for 3,000 establishments (in proportion beyond), granted by the
// ARS within the instruction, split into one tranche per objective, objectives declared with an
// evidence file, checked by the ARS then the ANS, and the tranches that passed both paid. Its
// draws come from a generator of its own: the rest of the plan is the one drawn before it.
import { createHash } from 'node:crypto';
import type { User } from '../server/contract/auth.js';
import type { Allocation, Envelope, Establishment, Payment } from '../server/contract/plan.js';
import type { Application, Check, Declaration, EvidenceFile, FundingWindow } from '../server/contract/windows.js';
import { PLAN_YEARS } from '../shared/years.js';
import { tranchesOf } from '../server/domain/applications.js';
import { capOf } from '../server/domain/caps.js';
import { capBands, D2_OBJECTIVES, D2_PHASES, evidencePdf } from './demo-windows.js';
import { addDays, drawsFrom } from './draws.js';

export interface GeneratedWindow {
  envelope: Envelope;
  window: FundingWindow;
  applications: Application[];
  grants: Allocation[];
  declarations: Declaration[];
  payments: Payment[];
  /** The bytes of the one evidence file every declaration names. */
  evidence: Uint8Array;
}

export const generateWindow = (o: {
  seed: number;
  scale: number;
  now: string;
  establishments: Establishment[];
  planners: User[];
  reviewers: User[];
  meta: (id: string) => { id: string; rev: string; createdAt: string; updatedAt: string };
}): GeneratedWindow => {
  // seeded apart from the plan's generator
  const { rng, int, pick, shuffled } = drawsFrom(o.seed ^ 0x15d2);
  const at = (d: string) => `${d}T${String(int(8, 16)).padStart(2, '0')}:00:00.000Z`;

  // Staff (ETP, the SAE's) for the caps' size bands: drawn here, after the rest of the plan.
  for (const e of o.establishments) e.staff = e.category === 'public' ? int(150, 6000) : int(40, 900);

  // An envelope of its own, split evenly over the years like the others (100 M€ nationally).
  const perYear = Math.ceil(((10_000_000_000 / 5) * o.scale) / 100) * 100;
  const envelope: Envelope = {
    ...o.meta('env-care-d2'),
    code: 'CARE-D2',
    name: 'CaRE — guichet D2 (généré)',
    source: 'Arrêté du 10 janvier 2025 (montant illustratif)',
    status: 'committed',
    totalCents: perYear * 5,
    yearlyCents: Object.fromEntries(PLAN_YEARS.map((y) => [y, perYear])),
  };
  const window: FundingWindow = {
    ...o.meta('win-gen-d2'),
    code: 'D2',
    name: 'D2 Continuité et reprise d’activité',
    envelopeId: envelope.id,
    actionId: 'act-d2-sauv',
    year: '2025',
    reference: 'Arrêté du 10 janvier 2025',
    // the demo's D2 dates and objectives, caps of a national scale
    phases: D2_PHASES,
    objectives: D2_OBJECTIVES,
    eligibility: {},
    caps: capBands([8_000, 15_000, 25_000, 40_000], 60_000),
  };
  const bytes = evidencePdf('plan généré : preuve d’atteinte d’un objectif');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file: EvidenceFile = { sha256, name: 'preuve.pdf', type: 'application/pdf', size: bytes.byteLength };

  // about 1,200 applicants for 3,000 establishments, drawn without repeat
  const count = Math.min(o.establishments.length, Math.round(1200 * o.scale));
  const pool = shuffled(o.establishments);
  const applications: Application[] = [],
    grants: Allocation[] = [],
    declarations: Declaration[] = [],
    payments: Payment[] = [];
  const check = (by: string, day: string, ok: boolean): Check => ({
    verdict: ok ? 'conforme' : 'non_conforme',
    ...(ok ? {} : { reason: 'Pièce justificative insuffisante.' }),
    at: at(day),
    by,
  });
  const today = o.now.slice(0, 10);
  for (const e of pool.slice(0, count)) {
    const n = applications.length + 1;
    const id = `app-gen-${n}`;
    const cap = capOf(window, { kind: 'establishment', category: e.category, staff: e.staff ?? 0 })!.capCents;
    const requested = Math.max(100_00, Math.floor((cap * (0.5 + rng() / 2)) / 100_00) * 100_00);
    const submittedOn = addDays(window.phases.applicationsOpen, int(0, 58));
    const base: Application = {
      ...o.meta(id),
      windowId: window.id,
      finess: e.finess,
      region: e.region,
      objectives: window.objectives.map((x) => x.code),
      requestedCents: requested,
      state: 'submitted',
      submittedAt: at(submittedOn),
    };
    const r = rng();
    const decidedOn = addDays(submittedOn, int(10, 45));
    const decider = pick(o.planners).email;
    if (r < 0.05) {
      applications.push({
        ...base,
        state: 'refused',
        refusedAt: at(decidedOn),
        refusedBy: decider,
        refusalReason: 'Prérequis non atteints.',
      });
      continue;
    }
    if (r < 0.08) {
      applications.push({ ...base, state: 'withdrawn', withdrawnAt: at(submittedOn) });
      continue;
    }
    const grantedAt = at(decidedOn > window.phases.instructionEnd ? window.phases.instructionEnd : decidedOn);
    const allocationId = `al-gen-${n}`;
    const amounts = { [window.year]: requested };
    const tranches = tranchesOf(window, id, base.objectives, requested);
    grants.push({
      ...o.meta(allocationId),
      envelopeId: envelope.id,
      finess: e.finess,
      actionId: window.actionId,
      amounts,
      status: 'approved',
      createdBy: decider,
      approvedAt: grantedAt,
      approvedBy: decider,
      engagements: [{ at: grantedAt, amounts: { ...amounts } }],
      applicationId: id,
      tranches,
    });
    applications.push({
      ...base,
      state: 'granted',
      grantedCents: requested,
      grantedAt,
      grantedBy: decider,
      allocationId,
    });
    // objectives declared since the declarations opened, each checked by the ARS then the ANS
    for (const t of tranches) {
      if (rng() < 0.35) continue;
      const on = addDays(window.phases.declarationsOpen, int(0, 240));
      const dec: Declaration = {
        ...o.meta(`dec-gen-${declarations.length + 1}`),
        createdAt: at(on),
        updatedAt: at(on),
        applicationId: id,
        objective: t.code,
        achievedOn: addDays(on, -int(0, 20)),
        evidence: [file],
      };
      declarations.push(dec);
      const arsOn = addDays(on, int(7, 60));
      if (arsOn > today || rng() < 0.15) continue;
      dec.arsCheck = check(decider, arsOn, rng() > 0.05);
      if (dec.arsCheck.verdict !== 'conforme') continue;
      const ansOn = addDays(arsOn, int(7, 60));
      if (ansOn > today || rng() < 0.25) continue;
      dec.ansCheck = check(pick(o.reviewers).email, ansOn, rng() > 0.03);
      if (dec.ansCheck.verdict !== 'conforme') continue;
      const paidOn = addDays(ansOn, int(10, 60));
      if (paidOn <= today && rng() < 0.6)
        payments.push({
          ...o.meta(`pay-gen-${payments.length + 1}`),
          allocationId,
          amountCents: t.amountCents,
          paidOn,
          tranche: t.code,
        });
    }
  }
  return { envelope, window, applications, grants, declarations, payments, evidence: bytes };
};
