// What the import routes answer. Types only: shared by server and web.
import type { Category } from './plan.js';

export interface ImportRefusal { line: number; finess: string; reason: string }
export interface FinessRow { finess: string; finessEj?: string; name: string; region: string; category: Category }

export interface FinessReport {
  dryRun: boolean;
  lines: number;
  kept: number;
  skipped: { geolocalisation: number; category: number; other: number };
  created: number;
  updated: number;
  unchanged: number;
  regionsCreated: string[];
  refusedCount: number;
  refused: ImportRefusal[];
  changes: { created: FinessRow[]; updated: Array<{ finess: string; name: string; fields: string[] }> };
}

export interface AllocationImportReport { dryRun: boolean; created: number; totalCents: number; refused: ImportRefusal[] }
