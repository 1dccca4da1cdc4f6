// Chart configurations as pure functions of the API's data (cents in, euros only as text).
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { BreakdownRow, Dashboard, EnvelopeRow, MilestoneProgress, Series } from '../../server/contract/plan.js';
import { formatCompact, formatEuros, formatMonth } from './format.js';
import { t } from '../i18n/dashboard.js';

export const COLORS = {
  planned: '#000091',
  approved: '#18753c',
  paid: '#ce0500',
  /** A region's delegated credits: the ceiling its allocations are held to. */
  delegated: '#6a6af4',
  axes: ['#000091', '#6a6af4', '#009081', '#c3992a'],
  grid: '#e5e5e5',
};

const euroTooltip = {
  callbacks: {
    label: (ctx: TooltipItem<'line' | 'bar'>) =>
      `${ctx.dataset.label ?? ''} : ${formatEuros(Number(ctx.parsed.y ?? ctx.parsed.x))}`,
  },
};
const euroTicks = { callback: (v: number | string) => formatCompact(Number(v)) };
const legend = { position: 'bottom' as const, labels: { boxWidth: 14, boxHeight: 14, padding: 16 } };

/** A category label on a chart narrower than 500 px (a phone), cut to `max` characters: chart.js
 *  draws a long one past the canvas's edge (« ovence-Alpes-Côte d'Azur »); the tooltip keeps it whole. */
export const shortLabel = (label: string, chartWidth: number, max = 16): string =>
  chartWidth >= 500 || label.length <= max ? label : `${label.slice(0, max - 1).replace(/[\s\-–,']+$/, '')}…`;

/** The category axis of a horizontal bar chart: every label, cut on a phone. */
export const categoryTicks = {
  autoSkip: false,
  callback(this: { chart: { width: number }; getLabelForValue(v: number): string }, v: number | string) {
    return shortLabel(this.getLabelForValue(Number(v)), this.chart.width);
  },
};

/** A milestone as the spend chart shows it: a number on its month's line, the legend below
 *  the chart giving its title and date. `row` staggers numbers of nearby months so none overlaps. */
export interface ChartMilestone {
  n: number;
  title: string;
  date: string;
  /** Index of its month in the series. */
  x: number;
  row: number;
}

/** Months between two numbers on one row: one number is at most about 16 px wide, and 60 months
 *  share the chart's width (about 5 px a month on a phone, 21 on a desktop). */
const MIN_GAP_MONTHS = 4;

/** The milestones that fall within the plan, in date order, numbered from 1 and staggered. */
export const chartMilestones = (
  series: Pick<Series, 'months'>,
  milestones: ReadonlyArray<Pick<MilestoneProgress, 'title' | 'date'>>,
): ChartMilestone[] => {
  const lastOnRow: number[] = [];
  return [...milestones]
    .map((m) => ({ title: m.title, date: m.date, x: series.months.indexOf(m.date.slice(0, 7)) }))
    .filter((m) => m.x >= 0)
    .sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'fr'))
    .map((m, i) => {
      let row = lastOnRow.findIndex((x) => m.x - x >= MIN_GAP_MONTHS);
      if (row < 0) row = lastOnRow.length;
      lastOnRow[row] = m.x;
      return { ...m, n: i + 1, row };
    });
};

/** Cumulative allocated / approved / paid per month: a numbered dashed line per milestone and a
 *  « aujourd'hui » line where approved and paid stop. */
export const spendChartConfig = (
  series: Series,
  milestones: ReadonlyArray<Pick<MilestoneProgress, 'title' | 'date'>>,
): ChartConfiguration<'line'> => {
  const labels = series.months.map(formatMonth);
  const annotations: Record<string, Record<string, unknown>> = {};
  // today first: drawn first, a milestone's number in the same month stays on top of its line
  const today = series.today ? series.months.indexOf(series.today.slice(0, 7)) : -1;
  if (today >= 0)
    annotations.today = {
      type: 'line',
      xMin: today,
      xMax: today,
      borderColor: '#161616',
      borderWidth: 2,
      label: {
        display: true,
        content: t.dashboard.today,
        position: 'end',
        backgroundColor: '#161616',
        color: '#ffffff',
        font: { size: 11, weight: 'bold' },
        padding: { x: 6, y: 3 },
      },
    };
  for (const m of chartMilestones(series, milestones))
    annotations[`m${m.n}`] = {
      type: 'line',
      xMin: m.x,
      xMax: m.x,
      borderColor: '#666666',
      borderWidth: 1,
      borderDash: [4, 4],
      label: {
        display: true,
        content: String(m.n),
        // at the foot of its line (a vertical line starts at the bottom), rows stacked upwards
        position: 'start',
        yAdjust: -m.row * 20,
        backgroundColor: '#ffffff',
        borderColor: '#666666',
        borderWidth: 1,
        borderRadius: 8,
        color: '#161616',
        font: { size: 11, weight: 'bold' },
        padding: { x: 5, y: 2 },
      },
    };
  const line = (label: string, data: number[], color: string, dash: number[] = []) => ({
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderDash: dash,
    pointRadius: 0,
    borderWidth: 2,
    tension: 0,
  });
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        // the schedule is a plan, not a fact: dashed
        // committed envelopes only: announced credits are not money yet (the caption says so)
        line(t.dashboard.spendAllocated, series.plannedCents, COLORS.planned, [6, 3]),
        line(t.money.approved, series.approvedCents, COLORS.approved),
        line(t.money.paid, series.paidCents, COLORS.paid),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      // room above the plot for the staggered milestone numbers
      layout: { padding: { top: 4 } },
      scales: {
        y: { beginAtZero: true, ticks: euroTicks, grid: { color: COLORS.grid } },
        x: { ticks: { maxTicksLimit: 10, maxRotation: 0 }, grid: { display: false } },
      },
      plugins: { legend, tooltip: euroTooltip, annotation: { annotations } },
    },
  };
};

/** Allocated per year, stacked by CaRE axis. */
export const byYearAxisConfig = (byYear: Dashboard['byYear']): ChartConfiguration<'bar'> => ({
  type: 'bar',
  data: {
    labels: byYear.map((y) => y.label),
    datasets: ['1', '2', '3', '4'].map((axis, i) => ({
      label: t.axes[axis] ?? axis,
      data: byYear.map((y) => y.byAxis[axis] ?? 0),
      backgroundColor: COLORS.axes[i],
      stack: 'axes',
    })),
  },
  options: {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: {
      x: { stacked: true, grid: { display: false } },
      y: { stacked: true, beginAtZero: true, ticks: euroTicks, grid: { color: COLORS.grid } },
    },
    plugins: { legend, tooltip: euroTooltip },
  },
});

const bars = (label: string, data: number[], color: string) => ({
  label,
  data,
  backgroundColor: color,
  maxBarThickness: 28,
});

/** Allocated / approved / paid per row; with `delegated`, each row's delegated credits first. */
const triple = (
  rows: Array<BreakdownRow & { delegatedCents?: number }>,
  horizontal: boolean,
  delegated = false,
): ChartConfiguration<'bar'> => ({
  type: 'bar',
  data: {
    labels: rows.map((r) => r.label),
    // capped: with one or two categories (a region filter) bars would otherwise fill the chart
    datasets: [
      ...(delegated
        ? [
            bars(
              t.money.delegated,
              rows.map((r) => r.delegatedCents ?? 0),
              COLORS.delegated,
            ),
          ]
        : []),
      bars(
        t.money.allocated,
        rows.map((r) => r.allocatedCents),
        COLORS.planned,
      ),
      bars(
        t.money.approved,
        rows.map((r) => r.approvedCents),
        COLORS.approved,
      ),
      bars(
        t.money.paid,
        rows.map((r) => r.paidCents),
        COLORS.paid,
      ),
    ],
  },
  options: {
    indexAxis: horizontal ? 'y' : 'x',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: horizontal
      ? {
          x: { beginAtZero: true, ticks: euroTicks, grid: { color: COLORS.grid } },
          y: { grid: { display: false }, ticks: categoryTicks },
        }
      : {
          y: { beginAtZero: true, ticks: euroTicks, grid: { color: COLORS.grid } },
          x: { grid: { display: false }, ticks: { autoSkip: false, maxRotation: 60 } },
        },
    plugins: {
      legend,
      tooltip: {
        callbacks: {
          label: (ctx: TooltipItem<'bar'>) =>
            `${ctx.dataset.label ?? ''} : ${formatEuros(Number(horizontal ? ctx.parsed.x : ctx.parsed.y))}`,
        },
      },
    },
  },
});

type RegionBars = BreakdownRow & { delegatedCents?: number };

/** Regions with any money (allocated, or delegated to their ARS), largest allocation first (ties by
 *  name): the chart and its table. */
export const regionsByAllocated = <R extends RegionBars>(rows: readonly R[]): R[] =>
  rows
    .filter((r) => r.allocatedCents > 0 || (r.delegatedCents ?? 0) > 0)
    .sort((a, b) => b.allocatedCents - a.allocatedCents || a.label.localeCompare(b.label, 'fr'));

/** Whether any region holds delegated credits: the region chart then shows « Délégué ». */
export const hasDelegated = (rows: readonly RegionBars[]): boolean => rows.some((r) => (r.delegatedCents ?? 0) > 0);

/** Horizontal bars: full region names stay readable on the category axis, however long. The rows
 *  come in the order shown (regionsByAllocated), which the page's data table shares. « Délégué »
 *  (the credits the region's ARS received) stands beside what was allocated, when any region has some. */
export const byRegionConfig = (rows: readonly RegionBars[]) => triple([...rows], true, hasDelegated(rows));

/** Height for a horizontal bar chart of n categories of `bars` bars each (legend and axis included). */
export const barsHeight = (n: number, min = 320, bars = 3): number => Math.max(min, 90 + n * (4 + 10 * bars));

/** Envelope consumption: allocated / approved / paid against each envelope. */
export const byEnvelopeConfig = (rows: EnvelopeRow[], codes: Map<string, string>) =>
  triple(
    rows.map((r) => ({ ...r, label: codes.get(r.key) ?? r.label })),
    true,
  );
