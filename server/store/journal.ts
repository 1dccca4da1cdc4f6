// Append-only journal of committed transactions, fsynced before a write is acknowledged.
// Each line is one whole transaction; a torn last line (power cut mid-append) is ignored.
// At compaction the current file is set aside as `<path>.<seq>` (the snapshot will hold
// everything up to seq) and a new one starts; set-aside files go once the snapshot is durable.
import { open, readdir, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncDir } from './fsync.js';

export class Journal {
  private handle: FileHandle | null = null;
  constructor(readonly path: string) {}

  /** Set-aside files, oldest first, with the last seq each holds. */
  private async rotated(): Promise<Array<{ file: string; seq: number }>> {
    const dir = dirname(this.path), base = basename(this.path);
    let names: string[];
    try { names = await readdir(dir); } catch { return []; }
    return names.flatMap((n) => {
      const m = n.startsWith(`${base}.`) ? /^(\d+)$/.exec(n.slice(base.length + 1)) : null;
      return m ? [{ file: join(dir, n), seq: Number(m[1]) }] : [];
    }).sort((a, b) => a.seq - b.seq);
  }

  /** Every entry in order, set-aside files first. Throws on a corrupt line that is not a
   *  file's last; a torn tail is cut off so that later appends start on a clean line. */
  async readAll<E>(): Promise<E[]> {
    const out: E[] = [];
    for (const { file } of await this.rotated()) out.push(...(await readEntries<E>(file)));
    out.push(...(await readEntries<E>(this.path)));
    return out;
  }

  async append(entry: unknown): Promise<void> {
    this.handle ??= await open(this.path, 'a');
    await this.handle.write(JSON.stringify(entry) + '\n');
    await this.handle.datasync();
  }

  /** Sets the current file aside as holding everything up to `seq`; appends go to a new file. */
  async rotate(seq: number): Promise<void> {
    await this.close();
    try {
      await rename(this.path, `${this.path}.${seq}`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    await fsyncDir(dirname(this.path));
  }

  /** Removes set-aside files that a durable snapshot at `seq` now contains. */
  async dropUpTo(seq: number): Promise<void> {
    for (const r of await this.rotated()) if (r.seq <= seq) await unlink(r.file);
    await fsyncDir(dirname(this.path));
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}

const readEntries = async <E>(path: string): Promise<E[]> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) {
    // torn final append: it was never acknowledged
    const h = await open(path, 'r+');
    try { await h.truncate(Buffer.byteLength(text.slice(0, end))); await h.sync(); } finally { await h.close(); }
    text = text.slice(0, end);
  }
  const out: E[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]) continue;
    try {
      out.push(JSON.parse(lines[i]!) as E);
    } catch {
      throw new Error(`journal ${path} : ligne ${i + 1} illisible`);
    }
  }
  return out;
};
