// Funding-window fixtures: a D1-like window (published dates of 2024, illustrative objectives and
// caps) on the small plan's envelope env-a and action act-ad, and applications to it.
import type { Application, FundingWindow, Tranche } from '../../server/contract/windows.js';
import { F1 } from './plan.js';

const meta = { rev: '1', createdAt: '2024-03-18T08:00:00.000Z', updatedAt: '2024-03-18T08:00:00.000Z' };

/** D1's published phases: applications 18/03 - 19/04/2024, instruction to 21/05/2024, objectives
 *  declared to 30/06/2025, ARS checks to 30/09/2025, ANS checks to 31/12/2025. */
export const D1_PHASES: FundingWindow['phases'] = {
  applicationsOpen: '2024-03-18',
  applicationsClose: '2024-04-19',
  instructionEnd: '2024-05-21',
  declarationsOpen: '2024-03-18',
  declarationsClose: '2025-06-30',
  arsChecksEnd: '2025-09-30',
  ansChecksEnd: '2025-12-31',
};

/** Instants in each phase (10:00 UTC, the same Paris day). */
export const DURING_APPLICATIONS = '2024-04-02T10:00:00.000Z';
export const DURING_INSTRUCTION = '2024-05-02T10:00:00.000Z';
export const AFTER_INSTRUCTION = '2024-05-22T10:00:00.000Z';

/** Objectives: 50 %, 30 % and 20 % of the grant. Caps: establishments under 500 ETP 50 000,00 €,
 *  from 500 ETP 120 000,00 €; a GHT 300 000,00 €. */
export const fundingWindow = (o: Partial<FundingWindow> = {}): FundingWindow => ({
  id: 'win-d1',
  code: 'D1',
  name: 'D1 Annuaires techniques et exposition sur Internet',
  envelopeId: 'env-a',
  actionId: 'act-ad',
  year: '2024',
  reference: 'Arrêté du 18 mars 2024',
  phases: { ...D1_PHASES },
  objectives: [
    { code: 'D1-AD-1', title: 'Annuaire technique durci', shareBp: 5000 },
    { code: 'D1-AD-2', title: 'Exposition sur Internet maîtrisée', shareBp: 3000 },
    { code: 'D1-EX-1', title: 'Exercice de crise cyber', shareBp: 2000 },
  ],
  eligibility: {},
  caps: [
    { applicant: 'establishment', minStaff: 0, maxStaff: 500, capCents: 50_000_00 },
    { applicant: 'establishment', minStaff: 500, capCents: 120_000_00 },
    { applicant: 'ght', minStaff: 0, capCents: 300_000_00 },
  ],
  ...meta,
  ...o,
});

/** A tranche gated on the application's objective `code` (its code and label the objective's). */
export const objectiveTranche = (code: string, amountCents: number, applicationId = 'app-1'): Tranche => ({
  code,
  label: code,
  amountCents,
  gate: { kind: 'objective', applicationId, objective: code },
});

/** A grant's tranches on the window's three objectives, in their order, in cents. */
export const objectiveTranches = (applicationId: string, cents: readonly [number, number, number]): Tranche[] =>
  (['D1-AD-1', 'D1-AD-2', 'D1-EX-1'] as const).map((code, i) => objectiveTranche(code, cents[i]!, applicationId));

export const application = (id: string, o: Partial<Application> = {}): Application => ({
  id,
  windowId: 'win-d1',
  finess: F1,
  region: '11',
  objectives: ['D1-AD-1', 'D1-AD-2', 'D1-EX-1'],
  requestedCents: 40_000_00,
  state: 'submitted',
  submittedAt: '2024-04-02T10:00:00.000Z',
  ...meta,
  ...o,
});
