// The windows page's pure functions: the periods a window's dates bound and which run on a day,
// the timeline's steps with « aujourd'hui » and the extensions, shares between basis points and
// what a planner types, staff bounds, and the funnel's chart configuration.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Funnel, FunnelCounts, FunnelStage } from '../../server/contract/funnel.js';
import type { FundingWindow } from '../../server/contract/windows.js';
import { funnelChartConfig } from '../../web/lib/funnel-chart.js';
import { formatShare } from '../../web/lib/format.js';
import {
  nextDay,
  parseShare,
  parseStaff,
  periods,
  shareToInput,
  standing,
  staffToInput,
  steps,
  todayIndex,
} from '../../web/lib/windows.js';
import { D1_PHASES } from '../helpers/windows.js';

/** D1's published dates: declarations open with the applications (a rolling window). */
const D1 = D1_PHASES;
/** D2's shape: declarations open months after the instruction ends. */
const D2: FundingWindow['phases'] = {
  applicationsOpen: '2025-09-02',
  applicationsClose: '2025-10-31',
  instructionEnd: '2025-12-19',
  declarationsOpen: '2026-01-16',
  declarationsClose: '2027-03-31',
  arsChecksEnd: '2027-06-30',
  ansChecksEnd: '2027-09-30',
};

test('nextDay: across a month, a leap day and a year', () => {
  assert.is(nextDay('2024-04-19'), '2024-04-20');
  assert.is(nextDay('2024-02-28'), '2024-02-29');
  assert.is(nextDay('2024-02-29'), '2024-03-01');
  assert.is(nextDay('2025-12-31'), '2026-01-01');
});

test('periods: the instruction starts the day after applications close, each check after the one before', () => {
  assert.equal(periods(D1), [
    { key: 'applications', from: '2024-03-18', to: '2024-04-19' },
    { key: 'instruction', from: '2024-04-20', to: '2024-05-21' },
    { key: 'declarations', from: '2024-03-18', to: '2025-06-30' },
    { key: 'arsChecks', from: '2025-07-01', to: '2025-09-30' },
    { key: 'ansChecks', from: '2025-10-01', to: '2025-12-31' },
  ]);
});

test('standing: a rolling window runs applications and declarations at once; both ends of a period included', () => {
  assert.equal(
    standing(D1, '2024-03-18'),
    {
      kind: 'running',
      periods: [
        { key: 'applications', from: '2024-03-18', to: '2024-04-19' },
        { key: 'declarations', from: '2024-03-18', to: '2025-06-30' },
      ],
    },
    'opening day',
  );
  const onClose = standing(D1, '2024-04-19');
  assert.equal(onClose.kind === 'running' && onClose.periods.map((p) => p.key), ['applications', 'declarations']);
  const dayAfter = standing(D1, '2024-04-20');
  assert.equal(dayAfter.kind === 'running' && dayAfter.periods.map((p) => p.key), ['instruction', 'declarations']);
  const anses = standing(D1, '2025-12-31');
  assert.equal(anses.kind === 'running' && anses.periods.map((p) => p.key), ['ansChecks']);
});

test('standing: before the opening the applications to come; between instruction and declarations the declarations; after all, closed', () => {
  assert.equal(standing(D1, '2024-03-17'), {
    kind: 'next',
    period: { key: 'applications', from: '2024-03-18', to: '2024-04-19' },
  });
  assert.equal(standing(D2, '2025-12-20'), {
    kind: 'next',
    period: { key: 'declarations', from: '2026-01-16', to: '2027-03-31' },
  });
  assert.equal(standing(D1, '2026-01-01'), { kind: 'closed', since: '2025-12-31' });
});

test('standing: a period left empty by equal dates (checks ending the day declarations close) is never running nor next', () => {
  const tight = { ...D2, arsChecksEnd: D2.declarationsClose, ansChecksEnd: '2027-04-30' };
  const st = standing(tight, '2027-04-01');
  assert.equal(st.kind === 'running' && st.periods.map((p) => p.key), ['ansChecks']);
});

test('steps: the seven dates by date (ties in the design order), past / today / future, extensions on their phase', () => {
  const w = {
    phases: { ...D1, applicationsClose: '2024-04-26' },
    extensions: [
      {
        phase: 'applicationsClose' as const,
        from: '2024-04-19',
        to: '2024-04-26',
        reason: 'Demande des ARS',
        at: '2024-04-18T09:00:00.000Z',
      },
    ],
  };
  const list = steps(w, '2024-04-26');
  assert.equal(
    list.map((s) => [s.phase, s.date, s.when, s.extensions.length]),
    [
      ['applicationsOpen', '2024-03-18', 'past', 0],
      ['declarationsOpen', '2024-03-18', 'past', 0],
      ['applicationsClose', '2024-04-26', 'today', 1],
      ['instructionEnd', '2024-05-21', 'future', 0],
      ['declarationsClose', '2025-06-30', 'future', 0],
      ['arsChecksEnd', '2025-09-30', 'future', 0],
      ['ansChecksEnd', '2025-12-31', 'future', 0],
    ],
  );
  assert.is(list[2]!.extensions[0]!.reason, 'Demande des ARS');
  assert.is(todayIndex(list), -1, 'a step dated today carries the mark: none inserted');
});

test('todayIndex: before the first step to come; after the last when all are past; first when none is', () => {
  assert.is(todayIndex(steps({ phases: D1 }, '2024-04-20')), 3, 'after the opening, declarations open and the close');
  assert.is(todayIndex(steps({ phases: D1 }, '2026-01-01')), 7);
  assert.is(todayIndex(steps({ phases: D1 }, '2024-01-01')), 0);
});

test('formatShare and shareToInput: basis points as read and as typed', () => {
  assert.is(formatShare(5000), '50\u00a0%');
  assert.is(formatShare(1250), '12,5\u00a0%');
  assert.is(formatShare(3333), '33,33\u00a0%');
  assert.is(formatShare(9880), '98,8\u00a0%');
  assert.is(shareToInput(2500), '25');
  assert.is(shareToInput(1250), '12,50');
  assert.is(shareToInput(5), '0,05');
  assert.is(shareToInput(10_000), '100');
});

test('parseShare: « 12,5 », « 12.50 », « 33,33 % » → exact basis points; three decimals, 0 and over 100 refused', () => {
  assert.equal(parseShare('12,5'), { ok: true, bp: 1250 });
  assert.equal(parseShare('12.50'), { ok: true, bp: 1250 });
  assert.equal(parseShare(' 33,33 %'), { ok: true, bp: 3333 });
  assert.equal(parseShare('100'), { ok: true, bp: 10_000 });
  assert.equal(parseShare('0,01'), { ok: true, bp: 1 });
  assert.equal(parseShare('60,'), { ok: true, bp: 6000 });
  assert.equal(parseShare('12,555'), { ok: false, error: 'Deux décimales au plus (par exemple « 12,55 »).' });
  assert.equal(parseShare('0'), { ok: false, error: 'La part doit être supérieure à 0 %.' });
  assert.equal(parseShare('100,01'), { ok: false, error: 'La part ne peut dépasser 100 %.' });
  for (const bad of ['', 'douze', '-5', '1 000', '12,5,0']) assert.is(parseShare(bad).ok, false, `« ${bad} » refused`);
  // a float would give 0.29 * 100 = 28.999…: string arithmetic gives 29 exactly
  assert.equal(parseShare('0,29'), { ok: true, bp: 29 });
});

test('parseStaff and staffToInput: ETP with a comma, empty for no bound', () => {
  assert.equal(parseStaff('1 200'), { ok: true, staff: 1200 });
  assert.equal(parseStaff('12,5'), { ok: true, staff: 12.5 });
  assert.equal(parseStaff(''), { ok: true, staff: undefined });
  assert.is(parseStaff('-3').ok, false);
  assert.is(parseStaff('trois cents').ok, false);
  assert.is(staffToInput(12.5), '12,5');
  assert.is(staffToInput(undefined), '');
});

const counts = (count: number, cents: number): FunnelCounts => ({ count, establishments: count, cents });
const STAGES: FunnelStage[] = ['eligible', 'applied', 'granted', 'declared', 'arsChecked', 'ansChecked', 'paid'];

test('funnelChartConfig: one horizontal bar per step in order, the files; the tooltip adds the amount', () => {
  const values = [
    [76, 108_000_000_00],
    [64, 85_754_000_00],
    [62, 64_220_000_00],
    [56, 56_936_480_00],
    [56, 56_424_290_00],
    [56, 53_399_410_00],
    [56, 44_829_130_00],
  ] as const;
  const f: Pick<Funnel, 'stages' | 'total'> = {
    stages: STAGES.map((stage, i) => ({ stage, label: `Étape ${i + 1}` })),
    total: {
      key: '',
      label: 'Total',
      stages: Object.fromEntries(
        STAGES.map((s, i) => [s, counts(values[i]![0], values[i]![1])]),
      ) as Funnel['total']['stages'],
    },
  };
  const c = funnelChartConfig(f, 'Dossiers');
  assert.is(c.type, 'bar');
  assert.is(c.options?.indexAxis, 'y');
  assert.equal(c.data.labels, ['Étape 1', 'Étape 2', 'Étape 3', 'Étape 4', 'Étape 5', 'Étape 6', 'Étape 7']);
  assert.equal(c.data.datasets[0]!.data, [76, 64, 62, 56, 56, 56, 56]);
  const label = c.options!.plugins!.tooltip!.callbacks!.label! as unknown as (ctx: unknown) => string;
  assert.is(
    label({ parsed: { x: 62 }, dataIndex: 2 }).replace(/[\u202f\u00a0]/g, ' '),
    'Dossiers : 62 · 64 220 000,00 €',
  );
});

test.run();
