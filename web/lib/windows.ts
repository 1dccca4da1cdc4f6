// A funding window as its page reads it, in pure functions: the periods its seven dates bound,
// which of them run today, the dated steps of its timeline (with the extensions of each), and
// objective shares between basis points and the « 12,50 » a planner types.
import type { FundingWindow, PhaseExtension, WindowPhase, WindowPhases } from '../../server/contract/windows.js';
import { WINDOW_PHASES as PHASES } from '../../shared/windows.js';

/** The seven dates in the order the design keeps them (and the form asks for them). */
export { PHASES };

export type PeriodKey = 'applications' | 'instruction' | 'declarations' | 'arsChecks' | 'ansChecks';

/** A stretch of days a window's dates bound, both ends included. */
export interface Period {
  key: PeriodKey;
  from: string;
  to: string;
}

/** The day after an ISO day (« 2024-04-19 » → « 2024-04-20 »), in UTC arithmetic: no time zone. */
export const nextDay = (iso: string): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** Applications, then the ARS instruction once they close, the declarations of objectives, then
 *  the ARS checks once declarations close, the ANS checks once the ARS's end. */
export const periods = (p: WindowPhases): Period[] => [
  { key: 'applications', from: p.applicationsOpen, to: p.applicationsClose },
  { key: 'instruction', from: nextDay(p.applicationsClose), to: p.instructionEnd },
  { key: 'declarations', from: p.declarationsOpen, to: p.declarationsClose },
  { key: 'arsChecks', from: nextDay(p.declarationsClose), to: p.arsChecksEnd },
  { key: 'ansChecks', from: nextDay(p.arsChecksEnd), to: p.ansChecksEnd },
];

/** Where a window stands on `today`: the periods running (several when declarations open before
 *  applications close), else the next one to come, else closed since its last day. */
export type Standing =
  { kind: 'running'; periods: Period[] } | { kind: 'next'; period: Period } | { kind: 'closed'; since: string };

export const standing = (p: WindowPhases, today: string): Standing => {
  const all = periods(p).filter((x) => x.from <= x.to);
  const running = all.filter((x) => x.from <= today && today <= x.to);
  if (running.length) return { kind: 'running', periods: running };
  const next = all.filter((x) => x.from > today).sort((a, b) => a.from.localeCompare(b.from))[0];
  return next ? { kind: 'next', period: next } : { kind: 'closed', since: p.ansChecksEnd };
};

/** One dated step of the timeline: a phase's date, whether it is past, today or to come, and the
 *  extensions that moved it (oldest first). */
export interface Step {
  phase: WindowPhase;
  date: string;
  when: 'past' | 'today' | 'future';
  extensions: PhaseExtension[];
}

/** The seven dates by date (ties in the design's order), each with its extensions. */
export const steps = (w: Pick<FundingWindow, 'phases' | 'extensions'>, today: string): Step[] =>
  PHASES.map((phase, i) => ({ phase, i, date: w.phases[phase] }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.i - b.i)
    .map(({ phase, date }) => ({
      phase,
      date,
      when: date < today ? 'past' : date === today ? 'today' : 'future',
      extensions: (w.extensions ?? []).filter((e) => e.phase === phase),
    }));

/** Where « aujourd'hui » goes in the timeline: before the first step not yet past (a step dated
 *  today carries the mark itself, so none is inserted: -1); after all of them when all are past. */
export const todayIndex = (list: readonly Step[]): number => {
  if (list.some((s) => s.when === 'today')) return -1;
  const i = list.findIndex((s) => s.when === 'future');
  return i < 0 ? list.length : i;
};

/** Basis points as the form shows them: 2500 → « 25 », 1250 → « 12,50 ». */
export const shareToInput = (bp: number): string =>
  bp % 100 === 0 ? String(bp / 100) : `${Math.trunc(bp / 100)},${String(bp % 100).padStart(2, '0')}`;

export type ParsedShare = { ok: true; bp: number } | { ok: false; error: string };

/** « 12,5 » or « 12.50 » (a percentage, two decimals at most) → 1250 basis points, exactly (string
 *  arithmetic, no float); above 0 and at most 100. */
export const parseShare = (input: string): ParsedShare => {
  const m = input
    .replace(/[\s\u00a0\u202f%]/g, '')
    .replace('.', ',')
    .match(/^(\d{1,3})(?:,(\d*))?$/);
  if (!m) return { ok: false, error: 'Part invalide : saisissez un pourcentage, par exemple « 12,5 ».' };
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return { ok: false, error: 'Deux décimales au plus (par exemple « 12,55 »).' };
  const bp = Number(m[1]) * 100 + Number(decimals.padEnd(2, '0'));
  if (bp <= 0) return { ok: false, error: 'La part doit être supérieure à 0 %.' };
  if (bp > 10_000) return { ok: false, error: 'La part ne peut dépasser 100 %.' };
  return { ok: true, bp };
};

export type ParsedStaff = { ok: true; staff: number | undefined } | { ok: false; error: string };

/** A staff bound in ETP as typed (« 1 200 », « 12,5 ») → a number; empty → undefined (no bound). */
export const parseStaff = (input: string): ParsedStaff => {
  const v = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!v) return { ok: true, staff: undefined };
  if (!/^\d+(?:\.\d+)?$/.test(v))
    return { ok: false, error: 'Effectif invalide : un nombre d’ETP, par exemple « 300 ».' };
  return { ok: true, staff: Number(v) };
};

const staffNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
/** 1200.5 → « 1 200,5 » (ETP). */
export const formatStaff = (staff: number): string => staffNumber.format(staff);
/** A staff bound as the form shows it: 12.5 → « 12,5 », none → ''. */
export const staffToInput = (staff: number | undefined): string =>
  staff === undefined ? '' : String(staff).replace('.', ',');
