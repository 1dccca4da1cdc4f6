// The PostgreSQL schema, versioned: each migration is SQL run once, in order, recorded in
// jalon_schema. A migration, once released, never changes: a new column, kind or view is a new
// one. Every kind of schema.ts KINDS has its table (the store reads them all at start).
// The plan years of migration 1 are shared/years.ts's (2023-2027), one bigint column each.
import type { ClientBase } from 'pg';
import { PLAN_YEARS } from '../../../shared/years.js';
import { StoreError } from '../errors.js';

export interface Migration {
  version: number;
  sql: string;
}

const yearCols = (prefix: string, type: string) => PLAN_YEARS.map((y) => `${prefix}${y} ${type}`).join(',\n  ');
const table = (name: string, columns: string) => `CREATE TABLE ${name} (
  id text PRIMARY KEY,
  rev text NOT NULL,
  updated_at timestamptz,
  ${columns ? `${columns},\n  ` : ''}record jsonb NOT NULL
);`;

/** Per allocation and plan year: what it holds against its envelope (nothing once rejected; an
 *  approved one with a pending avenant holds the larger of both splits) and what is approved,
 *  as shared/amounts.ts heldAmounts and approvedAmounts count them. */
const allocationYears = `CREATE VIEW v_allocation_years AS
SELECT a.id AS allocation_id, a.envelope_id, a.finess, a.action_id, a.status, y.year,
  CASE a.status WHEN 'rejected' THEN 0
    WHEN 'approved' THEN greatest(y.amount, coalesce(y.revision, y.amount))
    ELSE y.amount END AS allocated_cents,
  CASE a.status WHEN 'approved' THEN y.amount ELSE 0 END AS approved_cents,
  CASE a.status WHEN 'proposed' THEN y.amount ELSE 0 END AS proposed_cents
FROM allocations a
CROSS JOIN LATERAL (VALUES ${PLAN_YEARS.map((y) => `(${y}, a.y${y}, a.revision_y${y})`).join(', ')})
  AS y(year, amount, revision);`;

const v1 = `
CREATE TABLE jalon_schema (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
-- one row per acknowledged transaction: what other instances replay to catch up
CREATE TABLE jalon_changes (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  changes jsonb NOT NULL,
  audit_seq bigint,
  audit_hash text
);
-- the audit chain; at is the sealed ISO text (the hash covers it as written)
CREATE TABLE jalon_audit (
  seq bigint PRIMARY KEY,
  at text COLLATE "C" NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  id text NOT NULL,
  ref bigint,
  before jsonb,
  after jsonb,
  prev text NOT NULL,
  hash text NOT NULL
);
-- the login throttle's counters (server/auth/throttle.ts), shared by every instance
CREATE TABLE jalon_throttle (key text PRIMARY KEY, value jsonb NOT NULL, at_ms bigint NOT NULL);
CREATE INDEX jalon_throttle_at ON jalon_throttle (at_ms);
CREATE INDEX jalon_audit_entity_id ON jalon_audit (entity, id);
CREATE INDEX jalon_audit_actor ON jalon_audit (actor);
${table('regions', 'code text, name text')}
${table(
  'envelopes',
  `code text, name text, source text, status text, total_cents bigint,\n  ${yearCols('budget_y', 'bigint')}`,
)}
${table(
  'establishments',
  'finess text, finess_ej text, name text, category text, region text, ght text, priority boolean',
)}
${table('actions', 'code text, title text, axis int, retired_at timestamptz')}
${table(
  'allocations',
  `envelope_id text, finess text, action_id text, status text,\n  ${yearCols('y', 'bigint NOT NULL DEFAULT 0')},\n  ${yearCols(
    'revision_y',
    'bigint',
  )},\n  approved_at timestamptz`,
)}
${table(
  'payments',
  'allocation_id text, amount_cents bigint, paid_on date, tranche text, cancels_id text, cancelled_by text',
)}
${table('milestones', 'title text, date date, action_id text')}
${table(
  'completions',
  'finess text, action_id text, completed_on date, validated_at timestamptz, refused_at timestamptz',
)}
${table(
  'delegations',
  `envelope_id text, region text,\n  ${yearCols('y', 'bigint NOT NULL DEFAULT 0')},\n  reference text, notified_on date`,
)}
${table('ghts', 'code text, name text, region text, support_finess text')}
${table('pooled', 'siret text, name text, region text')}
${table('users', 'email text, role text, finess text, disabled boolean')}
${table('sessions', '')}
${table('tokens', '')}
${table('history', '')}
${table('steps', '')}
CREATE INDEX establishments_region ON establishments (region);
CREATE INDEX allocations_envelope ON allocations (envelope_id);
CREATE INDEX allocations_finess ON allocations (finess);
CREATE INDEX payments_allocation ON payments (allocation_id);
CREATE INDEX completions_finess ON completions (finess);
CREATE INDEX delegations_envelope ON delegations (envelope_id);
${allocationYears}
CREATE VIEW v_allocations_by_establishment_year AS
SELECT y.finess, coalesce(e.name, p.name) AS establishment, coalesce(e.region, p.region) AS region, e.category,
  y.year, v.status AS envelope_status,
  sum(y.allocated_cents)::bigint AS allocated_cents,
  sum(y.approved_cents)::bigint AS approved_cents,
  sum(y.proposed_cents)::bigint AS proposed_cents
FROM v_allocation_years y
JOIN envelopes v ON v.id = y.envelope_id
LEFT JOIN establishments e ON e.id = y.finess
LEFT JOIN pooled p ON p.id = y.finess -- a pooled regional resource, named by its SIRET
GROUP BY y.finess, e.name, p.name, e.region, p.region, e.category, y.year, v.status;
CREATE VIEW v_envelope_positions AS
SELECT v.id AS envelope_id, v.code, v.name, v.status, v.total_cents,
  coalesce(a.allocated_cents, 0)::bigint AS allocated_cents,
  coalesce(a.approved_cents, 0)::bigint AS approved_cents,
  coalesce(p.paid_cents, 0)::bigint AS paid_cents,
  (v.total_cents - coalesce(a.allocated_cents, 0))::bigint AS remaining_cents
FROM envelopes v
LEFT JOIN (SELECT envelope_id, sum(allocated_cents) AS allocated_cents, sum(approved_cents) AS approved_cents
           FROM v_allocation_years GROUP BY envelope_id) a ON a.envelope_id = v.id
LEFT JOIN (SELECT al.envelope_id, sum(p.amount_cents) AS paid_cents
           FROM payments p JOIN allocations al ON al.id = p.allocation_id GROUP BY al.envelope_id) p
  ON p.envelope_id = v.id;
-- a read-only role for BI tools, where this account may create roles; never the secrets
-- (password and token hashes, sessions), only the plan, the audit trail and the views
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jalon_reader') THEN
    CREATE ROLE jalon_reader NOLOGIN;
  END IF;
EXCEPTION WHEN insufficient_privilege OR duplicate_object OR unique_violation THEN
  RAISE NOTICE 'rôle jalon_reader non créé : %', SQLERRM;
END $$;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jalon_reader') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO jalon_reader', current_schema());
    GRANT SELECT ON regions, envelopes, establishments, actions, allocations, payments, milestones,
      completions, delegations, ghts, pooled, jalon_audit, jalon_schema, v_allocation_years, v_allocations_by_establishment_year,
      v_envelope_positions TO jalon_reader;
    GRANT SELECT (id, rev, updated_at, email, role, finess, disabled) ON users TO jalon_reader;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'droits de jalon_reader non accordés : %', SQLERRM;
END $$;
`;

// Funding windows, their applications and declarations; and the evidence files, stored once by
// their SHA-256 (the declarations name them).
const v2 = `
${table('windows', 'code text, name text, envelope_id text, action_id text, year int, reference text')}
${table(
  'applications',
  'window_id text, finess text, ght_code text, region text, state text, requested_cents bigint, granted_cents bigint, allocation_id text',
)}
${table('declarations', 'application_id text, objective text, achieved_on date, ars_verdict text, ans_verdict text')}
CREATE INDEX applications_window ON applications (window_id);
CREATE INDEX applications_finess ON applications (finess);
CREATE INDEX declarations_application ON declarations (application_id);
CREATE TABLE jalon_files (
  sha256 text PRIMARY KEY,
  size bigint NOT NULL,
  type text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jalon_reader') THEN
    GRANT SELECT ON windows, applications, declarations TO jalon_reader;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'droits de jalon_reader non accordés : %', SQLERRM;
END $$;
`;

// Scenarios (planners' drafts of allocations) and their lines, one bigint cents column per plan year.
const v3 = `
${table('scenarios', 'name text, owner text, region text, promoted_at timestamptz')}
${table(
  'scenarioLines',
  `scenario_id text, envelope_id text, finess text, action_id text,\n  ${yearCols('y', 'bigint NOT NULL DEFAULT 0')},\n  source_allocation_id text`,
)}
CREATE INDEX scenario_lines_scenario ON scenarioLines (scenario_id);
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jalon_reader') THEN
    GRANT SELECT ON scenarios, scenarioLines TO jalon_reader;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'droits de jalon_reader non accordés : %', SQLERRM;
END $$;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, sql: v1 },
  { version: 2, sql: v2 },
  { version: 3, sql: v3 },
];

/** The tables of a Jalon schema: one of them without jalon_schema is not a database to take over. */
const OURS = ['jalon_changes', 'jalon_audit', 'allocations', 'envelopes'];

/** The schema's version: 0 when empty (nothing of Jalon's there yet). */
export const schemaVersion = async (client: ClientBase): Promise<number> => {
  const { rows } = await client.query<{ schema: string | null; found: string[] }>(
    `SELECT to_regclass('jalon_schema')::text AS schema,
       array(SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL) AS found`,
    [OURS],
  );
  if (!rows[0]!.schema) {
    if (rows[0]!.found.length)
      throw new StoreError(
        `Base PostgreSQL : des tables de Jalon (${rows[0]!.found.join(', ')}) sans table jalon_schema ; schéma inconnu, rien n'a été modifié.`,
      );
    return 0;
  }
  const v = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM jalon_schema');
  if (v.rows[0]!.v === null)
    throw new StoreError(
      "Base PostgreSQL : la table jalon_schema existe mais ne dit aucune version ; schéma inconnu, rien n'a été modifié. Restaurez une sauvegarde ou videz la base.",
    );
  return v.rows[0]!.v;
};

/** Refuses a schema other than the code's, with what to do; nothing is touched. */
export const checkVersion = (found: number, migrations: readonly Migration[] = MIGRATIONS): void => {
  const code = migrations.at(-1)!.version;
  if (found > code)
    throw new StoreError(
      `Base PostgreSQL au schéma version ${found}, plus récent que celui de ce code (version ${code}) : mettez Jalon à jour. Rien n'a été modifié.`,
    );
  if (found < code)
    throw new StoreError(
      `Base PostgreSQL au schéma version ${found}, plus ancien que celui de ce code (version ${code}) : lancez npm run migrate. Rien n'a été modifié.`,
    );
};

/** Refuses a schema that lacks the table of a kind the code knows: a migration is missing. */
export const checkTables = async (client: ClientBase, tables: readonly string[]): Promise<void> => {
  const { rows } = await client.query<{ t: string }>(
    'SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NULL',
    [tables],
  );
  if (rows.length)
    throw new StoreError(
      `Base PostgreSQL : table${rows.length > 1 ? 's' : ''} ${rows.map((r) => r.t).join(', ')} absente${rows.length > 1 ? 's' : ''} alors que ce code en a besoin (une migration manque pour ce type d'enregistrement). Rien n'a été modifié.`,
    );
};

/** Applies the migrations after `from`, in the caller's transaction. */
export const applyMigrations = async (
  client: ClientBase,
  from: number,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> => {
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= from) continue;
    await client.query(m.sql);
    await client.query('INSERT INTO jalon_schema (version) VALUES ($1)', [m.version]);
    applied.push(m.version);
  }
  return applied;
};
