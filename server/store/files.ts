// The embedded engine's evidence files: content-addressed by SHA-256 in a folder beside the data
// file (`jalon.json.files/ab/abcdef…`), each written to a temp file, fsynced, renamed and its
// folder fsynced before `put` resolves, so that a declaration is only ever acknowledged with its
// files on the disk. In-memory stores (tests without a path) keep them in a Map.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { asDiskRefused, fsyncDir, writeAll, type Disk } from './disk.js';
import { StoreError } from './errors.js';
import type { Declaration } from '../contract/windows.js';
import type { PlanState } from '../domain/plan.js';
import type { FileStore } from './interface.js';

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A SHA-256 as the store names files: 64 lower-case hex digits (never a path). */
export const isSha256 = (s: string): boolean => /^[0-9a-f]{64}$/.test(s);

/** The bytes as read, refused when they are not the file's (a disk that corrupted them). */
export const checked = (sha256: string, bytes: Uint8Array): Uint8Array => {
  if (sha256Of(bytes) !== sha256)
    throw new StoreError(
      `Fichier de preuve ${sha256.slice(0, 12)}… altéré : son contenu ne correspond plus à son empreinte.`,
    );
  return bytes;
};

/** Whether a declaration names the file: what `discard` keeps. */
export type Named = (sha256: string) => boolean;

/** Whether one of the plan's declarations names the file (a scan: discards are rare). */
export const namedIn =
  (plan: Pick<PlanState, 'declarations'>): Named =>
  (sha256) => {
    for (const d of plan.declarations.values()) if (d.evidence.some((e) => e.sha256 === sha256)) return true;
    return false;
  };

/** The SHA-256 of every file the declarations of a data file name, each once (backups, copies). */
export const namedInData = (data: { collections: { declarations: Record<string, Declaration> } }): string[] => [
  ...new Set(Object.values(data.collections.declarations).flatMap((d) => d.evidence.map((e) => e.sha256))),
];

/** Runs the work of one file after the work already queued for it: a discard and a put of the
 *  same content never interleave (a put waiting for its declaration gets its file back). */
const serializer = () => {
  const queues = new Map<string, Promise<unknown>>();
  return <T>(sha256: string, work: () => Promise<T>): Promise<T> => {
    const run = (queues.get(sha256) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    queues.set(sha256, tail);
    void tail.then(() => {
      if (queues.get(sha256) === tail) queues.delete(sha256);
    });
    return run;
  };
};

const missing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';
const exists = (path: string) =>
  stat(path).then(
    () => true,
    (e: unknown) => (missing(e) ? false : Promise.reject(e)),
  );

/** Files in a Map: an in-memory store's. */
export const memoryFiles = (named: Named): FileStore => {
  const files = new Map<string, Uint8Array>();
  return {
    put(bytes) {
      const sha256 = sha256Of(bytes);
      const created = !files.has(sha256);
      if (created) files.set(sha256, bytes.slice());
      return Promise.resolve({ sha256, created });
    },
    get: (sha256) => Promise.resolve(files.get(sha256)?.slice()),
    discard(sha256) {
      if (!named(sha256)) files.delete(sha256);
      return Promise.resolve();
    },
  };
};

/** Files in `dir` (created when the first one comes). Before this process's first write, what an
 *  earlier one left behind is removed: temp files of a write cut short, and files no declaration
 *  names (a crash between a file's write and its declaration's commit). */
export const folderFiles = (dir: string, disk: Disk, named: Named): FileStore => {
  const serial = serializer();
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  let swept: Promise<void> | null = null;

  /** A folder made durable: its own entry fsynced in its parent. */
  const ensureDir = async (d: string) => {
    if (await exists(d)) return;
    await mkdir(d).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    await fsyncDir(disk, dirname(d));
  };

  const sweep = async () => {
    if (!(await exists(dir))) return;
    for (const sub of await readdir(dir)) {
      if (!/^[0-9a-f]{2}$/.test(sub)) continue;
      let removed = false;
      for (const f of await readdir(join(dir, sub))) {
        if (isSha256(f) ? named(f) : !f.endsWith('.tmp')) continue;
        await disk.unlink(join(dir, sub, f)).catch((e: unknown) => (missing(e) ? undefined : Promise.reject(e)));
        removed = true;
      }
      if (removed) await fsyncDir(disk, join(dir, sub));
    }
  };

  const write = async (sha256: string, bytes: Uint8Array): Promise<boolean> => {
    const final = pathOf(sha256);
    if (await exists(final)) return false;
    await ensureDir(dir);
    await ensureDir(dirname(final));
    const tmp = join(dirname(final), `.${sha256}.${randomBytes(4).toString('hex')}.tmp`);
    let renamed = false;
    try {
      const h = await disk.open(tmp, 'wx');
      try {
        await writeAll(h, bytes);
        await h.sync();
      } finally {
        await h.close();
      }
      await disk.rename(tmp, final);
      renamed = true;
      await fsyncDir(disk, dirname(final));
    } catch (e) {
      // nothing half-written stays: neither the temp file nor a file whose entry is not durable
      await disk.unlink(renamed ? final : tmp).catch(() => undefined);
      throw e;
    }
    return true;
  };

  return {
    put: async (bytes) => {
      const sha256 = sha256Of(bytes);
      try {
        // a failed sweep is tried again at the next write
        await (swept ??= sweep().catch((e: unknown) => {
          swept = null;
          throw e;
        }));
        return { sha256, created: await serial(sha256, () => write(sha256, bytes)) };
      } catch (e) {
        throw asDiskRefused(e);
      }
    },
    get: async (sha256) => {
      if (!isSha256(sha256)) return undefined;
      const bytes = await readFile(pathOf(sha256)).catch((e: unknown) => (missing(e) ? undefined : Promise.reject(e)));
      return bytes && checked(sha256, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
    discard: (sha256) =>
      !isSha256(sha256)
        ? Promise.resolve()
        : serial(sha256, async () => {
            if (named(sha256)) return;
            const removed = await disk.unlink(pathOf(sha256)).then(
              () => true,
              (e: unknown) => (missing(e) ? false : Promise.reject(asDiskRefused(e))),
            );
            if (removed) await fsyncDir(disk, dirname(pathOf(sha256)));
          }),
  };
};
