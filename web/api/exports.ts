// Spreadsheet exports are plain links (the session cookie goes with them): their URLs are built
// here, with the same filters as the lists they come from.
import type { AllocationFilters } from './allocations.js';
import type { DashboardFilters } from './reports.js';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportLinks = Record<ExportFormat, string>;

const links = (path: (f: ExportFormat) => string, query: Record<string, string | undefined> = {}): ExportLinks => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const qs = q.toString() ? `?${q}` : '';
  return { csv: path('csv') + qs, xlsx: path('xlsx') + qs };
};

export const allocationsExport = (f: AllocationFilters): ExportLinks =>
  links((x) => `/api/export/allocations.${x}`, { ...f });
/** Payments filter through their allocation: envelope, region, axis (and FINESS, or q: a name or
 *  FINESS), and by date (from, to). */
export const paymentsExport = (
  f: DashboardFilters & { finess?: string; q?: string; from?: string; to?: string },
): ExportLinks => links((x) => `/api/export/payments.${x}`, { ...f });
export const varianceExport = (f: DashboardFilters): ExportLinks => links((x) => `/api/export/variance.${x}`, { ...f });
export const awardsExport = (finess: string): ExportLinks =>
  links((x) => `/api/export/awards/${encodeURIComponent(finess)}.${x}`);
/** The comparison of the plan with the scenarios `ids`, every beneficiary that gains or loses listed. */
export const comparisonExport = (ids: readonly string[]): ExportLinks => {
  const url = (format: ExportFormat) => `/api/scenarios/compare?${new URLSearchParams({ ids: ids.join(','), format })}`;
  return { csv: url('csv'), xlsx: url('xlsx') };
};
