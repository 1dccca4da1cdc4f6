// A lowdb adapter that makes a write durable before it resolves: temp file, fsync, rename,
// fsync of the folder. (lowdb's own JSONFile never fsyncs: see shared/STACK.md.)
import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

export const fsyncDir = async (dir: string): Promise<void> => {
  const h = await open(dir, 'r');
  try { await h.sync(); } finally { await h.close(); }
};

export const writeDurably = async (path: string, text: string): Promise<void> => {
  const tmp = join(dirname(path), `.${basename(path)}.tmp`);
  const h = await open(tmp, 'w');
  try {
    await h.writeFile(text);
    await h.sync();
  } finally {
    await h.close();
  }
  await rename(tmp, path);
  await fsyncDir(dirname(path));
};

export class DurableJsonFile<T> implements Adapter<T> {
  constructor(private readonly path: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return JSON.parse(text) as T;
  }

  write(data: T): Promise<void> {
    return writeDurably(this.path, JSON.stringify(data));
  }
}
