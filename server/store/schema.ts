// The data file's shape and version. Bump SCHEMA_VERSION with a migration when it changes.
import type { AuditEvent } from '../contract/audit.js';
import type { ApiToken, Session, User } from '../contract/auth.js';
import type { History, HistoryStep } from '../contract/history.js';
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

export const SCHEMA_VERSION = 1;

export const KINDS = [
  'regions',
  'envelopes',
  'establishments',
  'actions',
  'allocations',
  'payments',
  'milestones',
  'completions',
  // an envelope's credits given to ARS regions (domain/delegations.ts)
  'delegations',
  // groupements hospitaliers de territoire and pooled regional resources (domain/ghts.ts, pooled.ts)
  'ghts',
  'pooled',
  // funding windows, their applications and the objectives declared (domain/windows.ts, applications.ts, declarations.ts)
  'windows',
  'applications',
  'declarations',
  // planners' drafts of allocations, compared and promoted into the plan (domain/scenarios.ts)
  'scenarios',
  'scenarioLines',
  'users',
  'sessions',
  'tokens',
  // undo and redo (domain/history.ts): each user's stacks, and the steps they name
  'history',
  'steps',
] as const;
export type Kind = (typeof KINDS)[number];

export interface RecordTypes {
  regions: Region & {
    id: string;
    rev: string;
    createdAt: string;
    updatedAt: string;
    createdBy?: string;
    updatedBy?: string;
  };
  envelopes: Envelope;
  establishments: Establishment;
  actions: Action;
  allocations: Allocation;
  payments: Payment;
  milestones: Milestone;
  completions: Completion;
  delegations: Delegation;
  ghts: Ght;
  pooled: PooledResource;
  windows: FundingWindow;
  applications: Application;
  declarations: Declaration;
  scenarios: Scenario;
  scenarioLines: ScenarioLine;
  users: User;
  sessions: Session;
  tokens: ApiToken;
  history: History;
  steps: HistoryStep;
}
export type RecordOf<K extends Kind> = RecordTypes[K];
export type StoredRecord = RecordTypes[Kind];

export interface DataFile {
  schemaVersion: number;
  seq: number;
  collections: { [K in Kind]: Record<string, RecordOf<K>> };
  audit: AuditEvent[];
  /** The audit chain's last event when the snapshot was taken: the trail must reach it. */
  auditHead?: { seq: number; hash: string };
}

export const emptyData = (): DataFile => ({
  schemaVersion: SCHEMA_VERSION,
  seq: 0,
  collections: Object.fromEntries(KINDS.map((k) => [k, {}])) as DataFile['collections'],
  audit: [],
});
