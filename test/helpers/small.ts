// An app on a small, hand-made plan (exact cents easy to reason about) with one account per role.
import { hashPassword } from '../../server/auth/passwords.js';
import type { User } from '../../server/contract/auth.js';
import { emptyData, type DataFile, type Kind } from '../../server/store/schema.js';
import { DEMO_PASSWORD, setup } from './app.js';
import { basics, EJ, SITE, type PlanRecords } from './plan.js';

export { EJ, SITE };

export const USERS = {
  admin: 'admin@jalon.test',
  planner: 'planif@jalon.test',
  planner2: 'planif2@jalon.test',
  reviewer: 'finances@jalon.test',
  reviewer2: 'finances2@jalon.test',
  etab: 'etab.f1@jalon.test', // bound to F1
  etab2: 'etab.f2@jalon.test', // bound to F2
  ej: 'etab.ej@jalon.test', // bound to the legal entity EJ (sites: EJ itself and SITE)
} as const;

let hash: Promise<string> | null = null;

const users = async (): Promise<User[]> => {
  const passwordHash = await (hash ??= hashPassword(DEMO_PASSWORD));
  const { F1, F2 } = await import('./plan.js');
  const u = (id: string, email: string, role: User['role'], finess?: string): User => ({
    id,
    rev: '1',
    createdAt: '2023-01-01T00:00:00.000Z',
    updatedAt: '2023-01-01T00:00:00.000Z',
    email,
    name: id,
    role,
    passwordHash,
    ...(finess ? { finess } : {}),
  });
  return [
    u('usr-admin', USERS.admin, 'admin'),
    u('usr-planif', USERS.planner, 'planner'),
    u('usr-planif2', USERS.planner2, 'planner'),
    u('usr-fin', USERS.reviewer, 'reviewer'),
    u('usr-fin2', USERS.reviewer2, 'reviewer'),
    u('usr-f1', USERS.etab, 'establishment', F1),
    u('usr-f2', USERS.etab2, 'establishment', F2),
    u('usr-ej', USERS.ej, 'establishment', EJ),
  ];
};

export const smallData = async (records: PlanRecords = {}): Promise<DataFile> => {
  const data = emptyData();
  data.seq = 1;
  const all = { ...basics(), ...records, users: await users() };
  for (const [kind, list] of Object.entries(all) as Array<[Kind, Array<{ id: string }>]>)
    for (const r of list) (data.collections[kind] as Record<string, unknown>)[r.id] = r;
  return data;
};

export const smallSetup = (records: PlanRecords = {}) => setup(() => smallData(records));
