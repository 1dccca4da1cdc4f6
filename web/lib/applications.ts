// What the applications page shows, from what the API answers: each objective of a granted
// application with its deadline, state, tranche and what was paid on it; a window's phase today.
// Pure functions (tests in test/web/applications.test.ts); money in integer cents.
import type { Allocation, Payment } from '../../server/contract/plan.js';
import type {
  Application,
  Declaration,
  FundingWindow,
  ObjectiveState,
  Tranche,
} from '../../server/contract/windows.js';
import { byCreation, declarationState } from '../../shared/objectives.js';
import { t } from '../i18n/applications.js';

export interface ObjectiveRow {
  code: string;
  title: string;
  shareBp: number;
  state: ObjectiveState;
  /** The declaration that decides the state (the last one), if any. */
  last?: Declaration;
  /** Every declaration of the objective, oldest first. */
  declarations: Declaration[];
  /** The reason of the check that found the last declaration non conforme. */
  reason?: string;
  tranche?: Tranche;
  trancheCents: number;
  /** Net of counter-entries (a counter-entry keeps its tranche). */
  paidCents: number;
  /** Last day to declare it (the window's declarationsClose). */
  deadline: string;
  /** Its tranche went back to the envelope (not achieved in time). */
  freed: boolean;
}

/** Net paid on a tranche: payments naming its code, counter-entries (negative) included. */
export const paidOnTranche = (payments: readonly Payment[], code: string): number =>
  payments.reduce((sum, p) => (p.tranche === code ? sum + p.amountCents : sum), 0);

/** The committed objectives of an application, in the window's order. */
export const objectiveRows = (
  application: Application,
  window: FundingWindow,
  declarations: readonly Declaration[],
  allocation?: Allocation,
  payments: readonly Payment[] = [],
): ObjectiveRow[] =>
  window.objectives
    .filter((o) => application.objectives.includes(o.code))
    .map((o) => {
      const mine = declarations.filter((d) => d.objective === o.code).sort(byCreation);
      const last = mine.at(-1);
      const state: ObjectiveState = last ? declarationState(last) : 'none';
      const reason =
        state === 'refused_ars' ? last?.arsCheck?.reason : state === 'refused_ans' ? last?.ansCheck?.reason : undefined;
      const tranche = allocation?.tranches?.find((tr) => tr.gate.kind === 'objective' && tr.gate.objective === o.code);
      return {
        code: o.code,
        title: o.title,
        shareBp: o.shareBp,
        state,
        declarations: mine,
        trancheCents: tranche?.amountCents ?? 0,
        paidCents: tranche ? paidOnTranche(payments, tranche.code) : 0,
        deadline: window.phases.declarationsClose,
        freed: !!tranche?.freedAt,
        ...(last ? { last } : {}),
        ...(reason ? { reason } : {}),
        ...(tranche ? { tranche } : {}),
      };
    });

/** An objective may be declared (again) when it waits for nothing and the phase is open. */
export const declarable = (row: ObjectiveRow, window: FundingWindow, today: string): boolean =>
  (row.state === 'none' || row.state === 'refused_ars' || row.state === 'refused_ans') &&
  !row.freed &&
  inPhase(today, window.phases.declarationsOpen, window.phases.declarationsClose);

export const inPhase = (today: string, from: string, to: string): boolean => from <= today && today <= to;

/** Applications may be created and submitted today. */
export const applicationsOpen = (w: FundingWindow, today: string): boolean =>
  inPhase(today, w.phases.applicationsOpen, w.phases.applicationsClose);

/** A live application (draft, submitted or granted) stops the applicant from applying again. */
export const isLive = (a: Application): boolean =>
  a.state === 'draft' || a.state === 'submitted' || a.state === 'granted';

/** The sum of the committed objectives' shares, in basis points (10,000 = the whole grant). */
export const committedShareBp = (w: FundingWindow, objectives: readonly string[]): number =>
  w.objectives.reduce((s, o) => (objectives.includes(o.code) ? s + o.shareBp : s), 0);

/** At most 5 evidence files per declaration, 10 Mo each (the API's limits). */
export const MAX_FILES = 5;
export const MAX_BYTES = 10 * 1024 * 1024;
const KNOWN_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
const KNOWN_NAMES = /\.(pdf|png|jpe?g)$/i;

/** Why these files cannot be sent, or null: the API's limits, told before the upload (the API
 *  itself tells a PDF or an image by its first bytes, not by its name). */
export const filesProblem = (files: readonly Pick<File, 'name' | 'size' | 'type'>[]): string | null => {
  if (!files.length) return t.applications.filesRequired;
  if (files.length > MAX_FILES) return t.applications.filesTooMany;
  for (const f of files) {
    if (!KNOWN_TYPES.includes(f.type) && !KNOWN_NAMES.test(f.name)) return t.applications.fileType(f.name);
    if (f.size > MAX_BYTES) return t.applications.fileTooBig(f.name);
  }
  return null;
};
