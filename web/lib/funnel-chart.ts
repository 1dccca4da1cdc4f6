// The funnel's chart as a pure function of the API's answer: one horizontal bar per step, the
// number of files at that step (a GHT's « un dossier par GHT » once), its amount in the tooltip.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { Funnel } from '../../server/contract/funnel.js';
import { categoryTicks, COLORS } from './chart-configs.js';
import { formatCount, formatEuros } from './format.js';

/** Steps in the funnel's order; `files`: the dataset's label (« Dossiers »). */
export const funnelChartConfig = (f: Pick<Funnel, 'stages' | 'total'>, files: string): ChartConfiguration<'bar'> => {
  const stages = f.stages.map((s) => ({ ...s, ...f.total.stages[s.stage] }));
  return {
    type: 'bar',
    data: {
      labels: stages.map((s) => s.label),
      datasets: [
        { label: files, data: stages.map((s) => s.count), backgroundColor: COLORS.planned, maxBarThickness: 28 },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: COLORS.grid } },
        y: { grid: { display: false }, ticks: categoryTicks },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (ctx: TooltipItem<'bar'>) =>
              `${files} : ${formatCount(Number(ctx.parsed.x))} · ${formatEuros(stages[ctx.dataIndex]?.cents ?? 0)}`,
          },
        },
      },
    },
  };
};
