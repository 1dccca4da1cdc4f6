// Domain fixtures: small plans built in a real in-memory store (no mocks), and record factories
// with sensible defaults. FINESS keys are computed here independently of server/domain/finess.ts.
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
} from '../../server/contract/plan.js';
import type { Application, Declaration, FundingWindow } from '../../server/contract/windows.js';
import type { Scenario, ScenarioLine } from '../../server/contract/scenarios.js';
import type { WriteContext } from '../../server/domain/context.js';
import type { PlanState } from '../../server/domain/plan.js';
import { emptyData, type Kind } from '../../server/store/schema.js';
import { JournalStore } from '../../server/store/store.js';
import type { Store } from '../../server/store/interface.js';
import { testStore } from './stores.js';

export const NOW = '2026-11-29T10:00:00.000Z';
export const ctx = (actor = 'planif@jalon.test', now = NOW): WriteContext => ({ now, actor });

/** Luhn key for 8 leading characters (2A/2B read as 20), written without the code under test. */
export const withKey = (first8: string): string => {
  const digits = first8.replace(/^2[AB]/, '20');
  for (let k = 0; k <= 9; k++) {
    const s = digits + k;
    let sum = 0;
    [...s].reverse().forEach((ch, i) => {
      let d = Number(ch);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    });
    if (sum % 10 === 0) return first8 + k;
  }
  throw new Error('unreachable');
};

const meta = { rev: '1', createdAt: '2023-01-01T00:00:00.000Z', updatedAt: '2023-01-01T00:00:00.000Z' };

export const region = (code: string, name = `Région ${code}`): Region & typeof meta & { id: string } => ({
  id: code,
  code,
  name,
  ...meta,
});
export const envelope = (o: Partial<Envelope> = {}): Envelope => ({
  id: 'env-a',
  code: 'ENV-A',
  name: 'Enveloppe A',
  source: 'test',
  status: 'committed',
  totalCents: 100_000,
  ...meta,
  ...o,
});
export const establishment = (finess: string, o: Partial<Establishment> = {}): Establishment => ({
  id: finess,
  finess,
  name: `Établissement ${finess}`,
  category: 'public',
  region: '11',
  priority: true,
  ...meta,
  ...o,
});
export const action = (id: string, o: Partial<Action> = {}): Action => ({
  id,
  code: id.toUpperCase(),
  title: id,
  axis: 4,
  ...meta,
  ...o,
});
export const allocation = (id: string, o: Partial<Allocation> = {}): Allocation => ({
  id,
  envelopeId: 'env-a',
  finess: F1,
  actionId: 'act-ad',
  amounts: {},
  status: 'proposed',
  createdBy: 'planif@jalon.test',
  ...meta,
  ...o,
});
export const delegation = (id: string, o: Partial<Delegation> = {}): Delegation => ({
  id,
  envelopeId: 'env-a',
  region: '11',
  amounts: {},
  reference: '1re délégation',
  notifiedOn: '2024-01-15',
  ...meta,
  ...o,
});
export const ght = (id: string, o: Partial<Ght> = {}): Ght => ({
  id,
  code: `GHT ${id}`,
  name: `GHT ${id}`,
  region: '11',
  supportFiness: F1,
  ...meta,
  ...o,
});
/** A SIRET with its Luhn key over the 14 digits, written without the code under test. */
export const siretWithKey = (first13: string): string => {
  for (let k = 0; k <= 9; k++) {
    const s = first13 + k;
    let sum = 0;
    [...s].reverse().forEach((ch, i) => {
      let d = Number(ch);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    });
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
};
export const pooled = (siret: string, o: Partial<PooledResource> = {}): PooledResource => ({
  id: siret,
  siret,
  name: `Ressource ${siret}`,
  region: '11',
  serves: [],
  ...meta,
  ...o,
});
export const payment = (id: string, allocationId: string, amountCents: number, paidOn = '2024-06-01'): Payment => ({
  id,
  allocationId,
  amountCents,
  paidOn,
  ...meta,
});
export const milestone = (id: string, o: Partial<Milestone> = {}): Milestone => ({
  id,
  title: id,
  date: '2025-06-30',
  ...meta,
  ...o,
});
export const completion = (
  id: string,
  finess: string,
  actionId: string,
  completedOn: string,
  o: Partial<Completion> = {},
): Completion => ({
  id,
  finess,
  actionId,
  completedOn,
  ...meta,
  ...o,
});
/** A completion a planner has checked and validated (what milestone progress counts). */
export const validated = (id: string, finess: string, actionId: string, completedOn: string): Completion =>
  completion(id, finess, actionId, completedOn, {
    validatedAt: `${completedOn}T12:00:00.000Z`,
    validatedBy: 'planif2@jalon.test',
  });

export const F1 = withKey('75000001'); // Île-de-France, public, priority
export const F2 = withKey('69000002'); // Auvergne-Rhône-Alpes, private for-profit, not priority
export const F3 = withKey('2A000003'); // Corse
export const EJ = withKey('75000020'); // a legal entity, itself a site
export const SITE = withKey('75000021'); // a site of EJ

export interface PlanRecords {
  regions?: ReturnType<typeof region>[];
  envelopes?: Envelope[];
  establishments?: Establishment[];
  actions?: Action[];
  allocations?: Allocation[];
  payments?: Payment[];
  milestones?: Milestone[];
  completions?: Completion[];
  delegations?: Delegation[];
  ghts?: Ght[];
  pooled?: PooledResource[];
  windows?: FundingWindow[];
  applications?: Application[];
  declarations?: Declaration[];
  scenarios?: Scenario[];
  scenarioLines?: ScenarioLine[];
}

/** A standard small plan: 3 regions, 3 establishments, 2 actions, one envelope (overridable). */
export const basics = (): Required<Pick<PlanRecords, 'regions' | 'establishments' | 'actions' | 'envelopes'>> => ({
  regions: [region('11', 'Île-de-France'), region('84', 'Auvergne-Rhône-Alpes'), region('94', 'Corse')],
  establishments: [
    establishment(F1),
    establishment(F2, { region: '84', category: 'private_forprofit', priority: false }),
    establishment(F3, { region: '94', category: 'private_nonprofit', priority: false }),
    establishment(EJ, { category: 'private_nonprofit' }),
    establishment(SITE, { category: 'private_nonprofit', finessEj: EJ }),
  ],
  actions: [action('act-ad', { axis: 4, domain: 'D1' }), action('act-exe', { axis: 1 })],
  envelopes: [envelope()],
});

const dataOf = (records: PlanRecords) => {
  const data = emptyData();
  const all = { ...basics(), ...records };
  for (const [kind, list] of Object.entries(all) as Array<[Kind, Array<{ id: string }>]>)
    for (const r of list) (data.collections[kind] as Record<string, unknown>)[r.id] = r;
  return data;
};

/** The plan in a store of the engine under test (see stores.ts). */
export const storeOf = async (records: PlanRecords = {}): Promise<Store> => testStore(() => dataOf(records));

/** The plan as the domain reads it: built in memory whatever the engine (pure rules). */
export const planOf = async (records: PlanRecords = {}): Promise<PlanState> =>
  (await JournalStore.open({ seed: () => dataOf(records) })).plan;
