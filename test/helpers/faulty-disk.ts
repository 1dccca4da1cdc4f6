// A disk that fills up or fails, for the store's fault tests on machines where a small filesystem
// cannot be mounted: real files, with a budget of free bytes (a write beyond it is cut short, the
// next one gets ENOSPC, as on a full filesystem) and switchable errors on fsync and truncate.
import { open, rename, stat, unlink } from 'node:fs/promises';
import type { Disk, DiskFile } from '../../server/store/disk.js';

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

export interface DiskFaults {
  /** Bytes that may still be written (Infinity: no limit). */
  free: number;
  /** Which files the budget and the errors apply to (default: all). */
  applies: (path: string) => boolean;
  /** An error code that fsync answers (EIO), or null. */
  syncError: string | null;
  /** An error code that truncate answers, or null. */
  truncateError: string | null;
  /** While set, every fsync waits for it (a slow disk: what do readers see meanwhile?). */
  gate: Promise<void> | null;
  /** fsyncs waiting at the gate. */
  waiting: number;
}

export const faultyDisk = (): { disk: Disk; faults: DiskFaults } => {
  const faults: DiskFaults = {
    free: Infinity,
    applies: () => true,
    syncError: null,
    truncateError: null,
    gate: null,
    waiting: 0,
  };
  const wrap = (path: string, h: Awaited<ReturnType<typeof open>>): DiskFile => {
    const sync = (fn: () => Promise<void>) => async () => {
      if (faults.gate && faults.applies(path)) {
        faults.waiting++;
        await faults.gate;
        faults.waiting--;
      }
      if (faults.syncError && faults.applies(path)) throw errno(faults.syncError);
      await fn();
    };
    return {
      async write(buf, off, len, pos) {
        if (!faults.applies(path)) return h.write(buf, off, len, pos);
        if (faults.free <= 0) throw errno('ENOSPC');
        const r = await h.write(buf, off, Math.min(len, faults.free), pos);
        faults.free -= r.bytesWritten;
        return r;
      },
      read: (buf, off, len, pos) => h.read(buf, off, len, pos),
      datasync: sync(() => h.datasync()),
      sync: sync(() => h.sync()),
      async truncate(len) {
        if (faults.truncateError && faults.applies(path)) throw errno(faults.truncateError);
        const before = (await h.stat()).size;
        await h.truncate(len);
        if (faults.applies(path)) faults.free += Math.max(0, before - len);
      },
      stat: () => h.stat(),
      close: () => h.close(),
    };
  };
  const disk: Disk = {
    open: async (path, flags) => wrap(path, await open(path, flags)),
    rename,
    async unlink(path) {
      const size = await stat(path).then(
        (s) => s.size,
        () => 0,
      );
      await unlink(path);
      if (faults.applies(path)) faults.free += size;
    },
  };
  return { disk, faults };
};
