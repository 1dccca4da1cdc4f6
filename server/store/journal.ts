// Append-only journal of committed transactions, fsynced before a write is acknowledged.
// Each line is one whole transaction; a torn last line (power cut mid-append) is ignored.
import { open, readFile, type FileHandle } from 'node:fs/promises';

export class Journal {
  private handle: FileHandle | null = null;
  constructor(readonly path: string) {}

  /** Entries in order; throws on a corrupt line that is not the last. A torn tail is cut off
   *  so that later appends start on a clean line. */
  async readAll<E>(): Promise<E[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      const h = await open(this.path, 'r+');
      try { await h.truncate(Buffer.byteLength(text.slice(0, end))); await h.sync(); } finally { await h.close(); }
    }
    const lines = text.split('\n');
    const out: E[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as E);
      } catch {
        const isLast = lines.slice(i + 1).every((l) => l === '');
        if (isLast && !text.endsWith('\n')) break; // torn final append: never acknowledged
        throw new Error(`journal ${this.path}: ligne ${i + 1} illisible`);
      }
    }
    return out;
  }

  async append(entry: unknown): Promise<void> {
    this.handle ??= await open(this.path, 'a');
    await this.handle.write(JSON.stringify(entry) + '\n');
    await this.handle.datasync();
  }

  /** Empties the journal once a snapshot holds everything in it. */
  async truncate(): Promise<void> {
    this.handle ??= await open(this.path, 'a');
    await this.handle.truncate(0);
    await this.handle.sync();
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}
