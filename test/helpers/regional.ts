// The small plan (helpers/small.ts) with ARS accounts: planners and reviewers bound to
// Île-de-France (11, where F1, EJ and SITE are) and to Auvergne-Rhône-Alpes (84, F2's).
import type { User } from '../../server/contract/auth.js';
import { DEMO_PASSWORD, setup } from './app.js';
import type { PlanRecords } from './plan.js';
import { smallData } from './small.js';
import { hashPassword } from '../../server/auth/passwords.js';

export const ARS = {
  planner: 'ars.planif.idf@jalon.test',
  planner2: 'ars.planif2.idf@jalon.test',
  reviewer: 'ars.finances.idf@jalon.test',
  reviewer2: 'ars.finances2.idf@jalon.test',
  plannerAra: 'ars.planif.ara@jalon.test',
  reviewerAra: 'ars.finances.ara@jalon.test',
} as const;

const ACCOUNTS: Array<[keyof typeof ARS, User['role'], string]> = [
  ['planner', 'planner', '11'],
  ['planner2', 'planner', '11'],
  ['reviewer', 'reviewer', '11'],
  ['reviewer2', 'reviewer', '11'],
  ['plannerAra', 'planner', '84'],
  ['reviewerAra', 'reviewer', '84'],
];

let hash: Promise<string> | null = null;

export const regionalData = async (records: PlanRecords = {}) => {
  const data = await smallData(records);
  const passwordHash = await (hash ??= hashPassword(DEMO_PASSWORD));
  for (const [key, role, region] of ACCOUNTS)
    data.collections.users[`usr-ars-${key}`] = {
      id: `usr-ars-${key}`,
      rev: '1',
      createdAt: '2023-01-01T00:00:00.000Z',
      updatedAt: '2023-01-01T00:00:00.000Z',
      email: ARS[key],
      name: `ARS ${key}`,
      role,
      region,
      passwordHash,
    };
  return data;
};

export const regionalSetup = (records: PlanRecords = {}) => setup(() => regionalData(records));
