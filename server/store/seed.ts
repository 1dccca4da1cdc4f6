// Turns the demo plan (data/demo/plan.json: plain arrays, no rev) into a data file.
import { readFile } from 'node:fs/promises';
import { REGION_NAMES } from '../domain/regions.js';
import type { Store } from './interface.js';
import { emptyData, KINDS, type DataFile, type Kind } from './schema.js';

export type SeedFile = Partial<Record<Kind, Array<Record<string, unknown>>>>;

export interface SeedOptions {
  now: string;
  /** Hash given to seeded accounts (demo only); none: they cannot log in until an admin sets one. */
  passwordHash?: string;
  withUsers: boolean;
}

export const dataFromSeed = (seed: SeedFile, opts: SeedOptions): DataFile => {
  const data = emptyData();
  data.seq = 1;
  for (const kind of KINDS) {
    if (kind === 'users' && !opts.withUsers) continue;
    for (const raw of seed[kind] ?? []) {
      const id = String(
        raw.id ??
          (kind === 'establishments'
            ? raw.finess
            : kind === 'regions'
              ? raw.code
              : kind === 'users'
                ? `usr-${String(raw.email).split('@')[0]}`
                : ''),
      );
      if (!id) throw new Error(`demo plan: ${kind} record without id`);
      const at = String(raw.createdAt ?? opts.now);
      const rec: Record<string, unknown> = {
        ...raw,
        id,
        rev: '1',
        createdAt: at,
        updatedAt: String(raw.updatedAt ?? at),
      };
      if (kind === 'users' && opts.passwordHash) rec.passwordHash = opts.passwordHash;
      (data.collections[kind] as Record<string, unknown>)[id] = rec;
    }
  }
  return withRegions(data, opts.now);
};

/** The 18 ARS regions are reference data: every new plan has them, a demo plan or an empty one
 *  (an establishment's region must be one of them: domain/catalog.ts). Those a seed names stay. */
export const withRegions = (data: DataFile, now: string): DataFile => {
  for (const [code, name] of Object.entries(REGION_NAMES))
    data.collections.regions[code] ??= { id: code, code, name, rev: '1', createdAt: now, updatedAt: now };
  return data;
};

/** A new plan with nothing in it but its reference data (JALON_DEMO=0). */
export const newPlanData = (now = new Date().toISOString()): DataFile => {
  const data = withRegions(emptyData(), now);
  data.seq = 1;
  return data;
};

export const readSeedFile = async (path: string): Promise<SeedFile> =>
  JSON.parse(await readFile(path, 'utf8')) as SeedFile;

/** The demo's evidence files (data/demo/evidence/<sha256>.pdf) put in the store when its
 *  declarations name them and the store lacks them: a demo plan's declarations can be downloaded.
 *  Content-addressed, so a second start puts nothing. Returns how many were put. */
export const seedEvidence = async (store: Store, dir: string): Promise<number> => {
  const named = new Map<string, string>();
  for (const d of store.all('declarations')) for (const f of d.evidence) named.set(f.sha256, f.type);
  let put = 0;
  for (const [sha256, type] of named) {
    if (await store.files().get(sha256)) continue;
    const bytes = await readFile(`${dir}${sha256}.pdf`).catch(() => null);
    if (bytes && (await store.files().put(new Uint8Array(bytes), type)).sha256 === sha256) put++;
  }
  return put;
};
