// Undo and redo: each user's own writes on allocations, kept on the server. Types only.
import type { Allocation, RecordMeta } from './plan.js';

/** What kind of write a step was: a cell edit or any PATCH, a proposal, a withdrawal, a bulk
 *  allocation or an import (each one step, however many rows it wrote). */
export type StepAction = 'create' | 'update' | 'delete' | 'bulk' | 'import';

/** The side of a change that is in the store now: only what undo checks (the rev) and what a
 *  refusal could name. The whole record is taken from the store when the step moves. */
export type StepMark = Pick<Allocation, 'rev' | 'updatedAt' | 'updatedBy'>;

/** One allocation a step changed: as it was before and after (null: absent), and the audit event
 *  that last moved it (the original write, then each undo or redo of it). The side the next move
 *  puts back is the whole record; the side now in the store is a mark (older steps: both whole). */
export interface StepChange {
  id: string;
  before: Allocation | StepMark | null;
  after: Allocation | StepMark | null;
  seq?: number;
}

/** One write of one user, as undo and redo replay it. */
export interface HistoryStep extends RecordMeta {
  actor: string;
  at: string;
  action: StepAction;
  /** What it did, in French (« Modification : CH de Versailles — 1.2 (CaRE-2024) »). */
  label: string;
  changes: StepChange[];
}

/** A user's two stacks, as step ids: `done` oldest first (its last is undone next), `undone`
 *  in the order they were undone (its last is redone next). */
export interface History extends RecordMeta {
  actor: string;
  done: string[];
  undone: string[];
}

export interface StepView {
  id: string;
  at: string;
  action: StepAction;
  label: string;
  /** How many allocations the step changed. */
  count: number;
}

/** GET /api/history: what Annuler and Rétablir would do next come first. */
export interface HistoryView {
  undo: StepView[];
  redo: StepView[];
}

/** The answer to an undo or a redo: the step, the allocations as they now are (null: removed),
 *  and the stacks after it. */
export interface HistoryMove {
  step: StepView;
  changed: Array<{ id: string; allocation: Allocation | null }>;
  history: HistoryView;
}
