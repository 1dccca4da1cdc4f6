// Who may call what: one table, keyed by the route as Hono registers it. A route missing here
// is refused for everyone (and fails the route × role test).
import type { Role, User } from '../contract/auth.js';

/** Who calls, as the table reads it: a role, or a planner or reviewer bound to an ARS region (an
 *  ARS account: what it may call is then scoped to its region, http/resource.ts inScope). */
export type Who = Role | 'ars-planner' | 'ars-reviewer';
export type Rule = 'public' | 'authenticated' | readonly Who[];

export const whoOf = (user: Pick<User, 'role' | 'region'>): Who =>
  user.region && (user.role === 'planner' || user.role === 'reviewer') ? `ars-${user.role}` : user.role;

const STAFF = ['admin', 'planner', 'reviewer', 'ars-planner', 'ars-reviewer'] as const;
const EVERYONE = [...STAFF, 'establishment'] as const;
const PLANNER = ['planner', 'ars-planner'] as const;
/** What is decided nationally: envelopes, their delegations to the ARS, the catalogue, the FINESS extract. */
const NATIONAL_PLANNER = ['planner'] as const;
const REVIEWER = ['reviewer', 'ars-reviewer'] as const;

/** Plan catalogues that planners maintain and staff read. */
const planned = (
  base: string,
  read: readonly Who[] = STAFF,
  write: readonly Who[] = NATIONAL_PLANNER,
): Record<string, Rule> => ({
  [`GET ${base}`]: read,
  [`GET ${base}/:id`]: read,
  [`POST ${base}`]: write,
  [`PATCH ${base}/:id`]: write,
  [`DELETE ${base}/:id`]: write,
});

export const POLICY: Record<string, Rule> = {
  'GET /api/health': 'public',
  'POST /api/session': 'public',
  'GET /api/session': 'public',
  'DELETE /api/session': 'authenticated',
  'GET /api/me': 'authenticated',
  'POST /api/me/password': 'authenticated',
  'GET /api/tokens': 'authenticated',
  'POST /api/tokens': 'authenticated',
  'DELETE /api/tokens/:id': 'authenticated',
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/password': ['admin'],
  'GET /api/audit': STAFF,
  'GET /api/regions': EVERYONE,
  'GET /api/dashboard': STAFF,
  'GET /api/dashboard/ghts': STAFF,
  // a window's funnel (http/funnel.ts): staff; an ARS account's is its region's
  'GET /api/windows/:id/funnel': STAFF,
  ...planned('/api/envelopes'),
  'GET /api/envelopes/:id/budget': STAFF,
  // an envelope's credits delegated to the ARS: national planners write them, staff read them
  // (an ARS account its region's only)
  ...planned('/api/delegations'),
  // GHT and pooled regional resources: national planners write them, staff read them
  ...planned('/api/ghts'),
  ...planned('/api/pooled-resources'),
  // establishments read their own record (scoped); the others are hidden from them; an ARS
  // planner keeps its region's
  ...planned('/api/establishments', EVERYONE, PLANNER),
  'GET /api/establishments/:id/awards': EVERYONE,
  ...planned('/api/actions', EVERYONE),
  'POST /api/actions/:id/retire': NATIONAL_PLANNER,
  'POST /api/actions/:id/restore': NATIONAL_PLANNER,
  ...planned('/api/milestones', EVERYONE),
  ...planned('/api/allocations', EVERYONE, PLANNER),
  'POST /api/allocations/bulk': PLANNER,
  // an allocation's tranches: what each waits for and pays, read by who reads the allocation
  'GET /api/allocations/:id/tranches': EVERYONE,
  // each planner's own undo and redo (http/history.ts)
  'GET /api/history': PLANNER,
  'POST /api/history/undo': PLANNER,
  'POST /api/history/redo': PLANNER,
  'POST /api/history/discard': PLANNER,
  'POST /api/allocations/:id/approve': REVIEWER,
  'POST /api/allocations/:id/reject': REVIEWER,
  'POST /api/allocations/:id/unapprove': REVIEWER,
  'POST /api/allocations/approve': REVIEWER,
  // only a reviewer records payments (the accountant is not the one who commits)
  'GET /api/payments': EVERYONE,
  'GET /api/payments/:id': EVERYONE,
  'GET /api/payments/totals': EVERYONE,
  'POST /api/payments': REVIEWER,
  // append-only: PATCH and DELETE answer 422 (cancel by a counter-entry instead)
  'PATCH /api/payments/:id': REVIEWER,
  'DELETE /api/payments/:id': REVIEWER,
  'POST /api/payments/:id/cancel': REVIEWER,
  // « À verser »: the tranches payable now, read like payments; recorded several at once by a reviewer
  'GET /api/payments/payable': EVERYONE,
  'POST /api/payments/batch': REVIEWER,
  // the unmet objectives' tranches of a window back to its envelope: national planners
  'POST /api/windows/:id/free-unmet': NATIONAL_PLANNER,
  // establishments declare their own completions, and correct or withdraw them until a planner
  // checks them (domain/completions.ts); planners validate or refuse them, and correct them
  'GET /api/completions': EVERYONE,
  'GET /api/completions/:id': EVERYONE,
  'POST /api/completions': ['establishment', ...PLANNER],
  'POST /api/completions/:id/validate': PLANNER,
  'POST /api/completions/:id/refuse': PLANNER,
  'PATCH /api/completions/:id': ['establishment', ...PLANNER],
  'DELETE /api/completions/:id': ['establishment', ...PLANNER],
  // funding windows (http/windows.ts): everyone logged in reads them (an establishment its own
  // eligibility and cap), national planners write them and extend their phases
  ...planned('/api/windows', EVERYONE, NATIONAL_PLANNER),
  'POST /api/windows/:id/extend': NATIONAL_PLANNER,
  'GET /api/windows/:id/eligibility': EVERYONE,
  // applications (http/applications.ts), scoped: the applicant's account creates, edits, submits
  // and withdraws its own; the ARS planner of its region or a national planner grants or refuses
  'GET /api/windows/:id/applications': EVERYONE,
  'POST /api/windows/:id/applications': ['establishment'],
  'GET /api/applications': EVERYONE,
  'GET /api/applications/:id': EVERYONE,
  'PATCH /api/applications/:id': ['establishment'],
  'POST /api/applications/:id/submit': ['establishment'],
  'POST /api/applications/:id/withdraw': ['establishment'],
  'POST /api/applications/:id/grant': PLANNER,
  'POST /api/applications/:id/refuse': PLANNER,
  // scenarios (http/scenarios.ts): planners write them (an ARS planner its region's), reviewers
  // read and compare them; establishments never see them
  'GET /api/scenarios': [...PLANNER, ...REVIEWER],
  'POST /api/scenarios': PLANNER,
  'GET /api/scenarios/compare': [...PLANNER, ...REVIEWER],
  'GET /api/scenarios/:id': [...PLANNER, ...REVIEWER],
  'PATCH /api/scenarios/:id': PLANNER,
  'DELETE /api/scenarios/:id': PLANNER,
  'GET /api/scenarios/:id/lines': [...PLANNER, ...REVIEWER],
  'POST /api/scenarios/:id/lines': PLANNER,
  'GET /api/scenarios/:id/lines/:lineId': [...PLANNER, ...REVIEWER],
  'PATCH /api/scenarios/:id/lines/:lineId': PLANNER,
  'DELETE /api/scenarios/:id/lines/:lineId': PLANNER,
  'POST /api/scenarios/:id/distribute': PLANNER,
  'POST /api/scenarios/:id/promote': PLANNER,
  // imports write the plan: planners only; the national FINESS extract, national planners
  'POST /api/import/finess': NATIONAL_PLANNER,
  'POST /api/import/allocations': PLANNER,
  'POST /api/import/delegations': PLANNER,
  'GET /api/import/allocations/template.csv': PLANNER,
  'GET /api/import/allocations/template.xlsx': PLANNER,
  // exports follow the lists: establishments get their own rows; the variance report is the dashboard's
  'GET /api/export/allocations.csv': EVERYONE,
  'GET /api/export/allocations.xlsx': EVERYONE,
  'GET /api/export/payments.csv': EVERYONE,
  'GET /api/export/payments.xlsx': EVERYONE,
  'GET /api/export/variance.csv': STAFF,
  'GET /api/export/variance.xlsx': STAFF,
  'GET /api/export/delegations.csv': STAFF,
  'GET /api/export/delegations.xlsx': STAFF,
  'GET /api/export/awards/:file': EVERYONE,
  // declarations of objectives with their evidence (http/declarations.ts), scoped: the applicant's
  // account declares and reads its own, an ARS account its region's; the ARS check is a planner's
  // (the region's or a national one), the ANS check a national reviewer's (domain/declarations.ts)
  'GET /api/applications/:id/declarations': EVERYONE,
  'POST /api/applications/:id/declarations': ['establishment'],
  'GET /api/declarations': EVERYONE,
  'GET /api/declarations/:id': EVERYONE,
  'POST /api/declarations/:id/check': [...PLANNER, ...REVIEWER],
  'GET /api/declarations/:id/files/:sha256': EVERYONE,
  'GET /api/openapi.json': 'authenticated',
  'GET /api/docs': 'authenticated',
};

/** What a user with a temporary password may still call: who they are, the change itself, leaving. */
export const UNTIL_PASSWORD_CHANGED: ReadonlySet<string> = new Set([
  'GET /api/session',
  'POST /api/session',
  'DELETE /api/session',
  'GET /api/me',
  'POST /api/me/password',
]);

export const ruleFor = (method: string, path: string): Rule | undefined => POLICY[`${method} ${path}`];

export const allows = (rule: Rule, who: Who | undefined): boolean =>
  rule === 'public' || (who !== undefined && (rule === 'authenticated' || rule.includes(who)));
