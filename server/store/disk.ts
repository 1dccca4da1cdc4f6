// The store's way to the disk: every open, write, fsync, truncate, rename and unlink goes through
// a Disk, so that tests can hand the store a disk that fills up or fails (test/helpers/faulty-disk.ts)
// where the machine cannot mount a small filesystem. Reads of whole files stay with node:fs.
import { open, rename, unlink } from 'node:fs/promises';

/** The part of node's FileHandle the store uses. */
export interface DiskFile {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position?: number | null,
  ): Promise<{ bytesWritten: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

export interface Disk {
  open(path: string, flags: string): Promise<DiskFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export const nodeDisk: Disk = { open: (p, f) => open(p, f), rename, unlink };

/** The disk refused a write (full, quota, I/O error): nothing of it was kept. */
export class DiskRefused extends Error {
  constructor(
    readonly code: string,
    readonly reason?: unknown,
  ) {
    super(
      code === 'ENOSPC' || code === 'EDQUOT' ? 'espace disque insuffisant' : `le disque a refusé l'écriture (${code})`,
    );
  }
  get full(): boolean {
    return this.code === 'ENOSPC' || this.code === 'EDQUOT';
  }
}

export const asDiskRefused = (e: unknown): DiskRefused =>
  e instanceof DiskRefused ? e : new DiskRefused((e as NodeJS.ErrnoException)?.code ?? 'EIO', e);

/** Writes every byte or throws: a short write (a disk that filled up mid-way) is a failure. */
export const writeAll = async (h: DiskFile, bytes: Uint8Array): Promise<void> => {
  for (let off = 0; off < bytes.length;) {
    const { bytesWritten } = await h.write(bytes, off, bytes.length - off);
    if (bytesWritten <= 0) throw new DiskRefused('ENOSPC');
    off += bytesWritten;
  }
};

/** A rename or a new file is durable only once its folder is fsynced too. */
export const fsyncDir = async (disk: Disk, dir: string): Promise<void> => {
  const h = await disk.open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
};
