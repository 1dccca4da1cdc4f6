// The plan as the rules read it: maps of records by id. Read-only for the rules.
import type { Buckets } from './bucket.js';
import type {
  Action,
  Allocation,
  Completion,
  Delegation,
  Envelope,
  Establishment,
  Milestone,
  Payment,
  Region,
} from '../contract/plan.js';

export interface PlanState {
  readonly regions: ReadonlyMap<string, Region>;
  readonly envelopes: ReadonlyMap<string, Envelope>;
  readonly establishments: ReadonlyMap<string, Establishment>;
  readonly actions: ReadonlyMap<string, Action>;
  readonly allocations: ReadonlyMap<string, Allocation>;
  readonly payments: ReadonlyMap<string, Payment>;
  readonly milestones: ReadonlyMap<string, Milestone>;
  readonly completions: ReadonlyMap<string, Completion>;
  readonly delegations: ReadonlyMap<string, Delegation>;
  /** Secondary indexes, kept by the store on every change. */
  readonly index: PlanIndex;
}

export interface PlanIndex {
  allocationsByEnvelope(envelopeId: string): Iterable<Allocation>;
  allocationsByFiness(finess: string): Iterable<Allocation>;
  paymentsByAllocation(allocationId: string): Iterable<Payment>;
  completionsByAction(actionId: string): Iterable<Completion>;
  completionsByFiness(finess: string): Iterable<Completion>;
  delegationsByEnvelope(envelopeId: string): Iterable<Delegation>;
  /** Sites (établissements) of a legal entity (FINESS EJ). */
  sitesOf(finessEj: string): Iterable<Establishment>;
  /** Dashboard amounts by envelope × region × axis, kept up to date on every change. */
  buckets(): Buckets;
}

export const paidCentsOf = (plan: PlanState, allocationId: string): number => {
  let s = 0;
  for (const p of plan.index.paymentsByAllocation(allocationId)) s += p.amountCents;
  return s;
};

/** The FINESS an account bound to `finess` may see: the establishment itself, and the sites of a
 *  legal entity. A legal entity's own number is in it only when it is an establishment too. */
export const finessScope = (plan: PlanState, finess: string): Set<string> => {
  const scope = new Set<string>(plan.establishments.has(finess) ? [finess] : []);
  for (const e of plan.index.sitesOf(finess)) scope.add(e.finess);
  return scope;
};
