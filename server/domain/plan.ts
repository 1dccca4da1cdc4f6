// The plan as the rules read it: maps of records by id. Read-only for the rules.
import type { Buckets, GroupBuckets } from './bucket.js';
import type {
  Action,
  Allocation,
  Completion,
  Delegation,
  Envelope,
  Establishment,
  Ght,
  Milestone,
  Payment,
  PooledResource,
  Region,
} from '../contract/plan.js';
import type { Application, Declaration, FundingWindow } from '../contract/windows.js';
import type { Scenario, ScenarioLine } from '../contract/scenarios.js';

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
  readonly ghts: ReadonlyMap<string, Ght>;
  /** Pooled regional resources by SIRET (their id). */
  readonly pooled: ReadonlyMap<string, PooledResource>;
  readonly windows: ReadonlyMap<string, FundingWindow>;
  readonly applications: ReadonlyMap<string, Application>;
  readonly declarations: ReadonlyMap<string, Declaration>;
  readonly scenarios: ReadonlyMap<string, Scenario>;
  readonly scenarioLines: ReadonlyMap<string, ScenarioLine>;
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
  /** Members of a GHT: the establishments whose `ght` is this code. */
  membersOf(ghtCode: string): Iterable<Establishment>;
  /** The GHT an establishment supports (usually one). */
  ghtsSupportedBy(finess: string): Iterable<Ght>;
  /** Applications to a window. */
  applicationsByWindow(windowId: string): Iterable<Application>;
  /** Applications made by an applicant (its FINESS). */
  applicationsByFiness(finess: string): Iterable<Application>;
  /** Declarations of an application, in no particular order. */
  declarationsByApplication(applicationId: string): Iterable<Declaration>;
  /** The lines of a scenario, in no particular order. */
  linesOfScenario(scenarioId: string): Iterable<ScenarioLine>;
  /** Dashboard amounts by envelope × region × axis, kept up to date on every change. */
  buckets(): Buckets;
  /** The GHT totals (envelope × region × axis × GHT group), kept up to date with the buckets. */
  groupBuckets(): GroupBuckets;
}

export const paidCentsOf = (plan: PlanState, allocationId: string): number => {
  let s = 0;
  for (const p of plan.index.paymentsByAllocation(allocationId)) s += p.amountCents;
  return s;
};

/** The FINESS an account bound to `finess` may see: the establishment itself, the sites of a legal
 *  entity, and the members of the GHT it supports (the support runs their shared information
 *  system), with their own sites. A legal entity's own number is in it only when it is an
 *  establishment too. */
export const finessScope = (plan: PlanState, finess: string): Set<string> => {
  const scope = new Set<string>(plan.establishments.has(finess) ? [finess] : []);
  const withSites = (f: string) => {
    for (const e of plan.index.sitesOf(f)) scope.add(e.finess);
  };
  withSites(finess);
  for (const g of plan.index.ghtsSupportedBy(finess))
    for (const e of plan.index.membersOf(g.code)) {
      scope.add(e.finess);
      withSites(e.finess);
    }
  return scope;
};
