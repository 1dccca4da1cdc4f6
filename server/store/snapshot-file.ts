// The lowdb adapter for snapshots. The file is plain JSON, laid out one record per line, so that
// it can be written in chunks (yielding to requests between them) and read line by line: a
// national plan (~90 MB) never exists as one string in memory. A file in any other JSON layout
// (say, edited by hand) is still read, whole.
import { createReadStream } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Adapter } from 'lowdb';
import { fsyncDir } from './durable-file.js';
import { KINDS, type DataFile, type Kind } from './schema.js';

const HEAD = '{"layout":"jalon-lines-1",';

/** What a snapshot is written from: collections as records or as maps (a cheap copy of the
 *  store's own maps: records are never changed in place). */
export type SnapshotData = Omit<DataFile, 'collections'> & { collections: Record<Kind, Record<string, unknown> | ReadonlyMap<string, unknown>> };
const CHUNK = 2000;

export class SnapshotFile implements Adapter<DataFile> {
  constructor(private readonly path: string) {}

  async read(): Promise<DataFile | null> {
    let stream;
    try {
      const h = await open(this.path, 'r');
      await h.close();
      stream = createReadStream(this.path, { encoding: 'utf8' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    const it = lines[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done) throw new SyntaxError('fichier vide');
    if (!first.value.startsWith(HEAD)) {
      // Not our layout: read it whole.
      let text = first.value + '\n';
      for (let n = await it.next(); !n.done; n = await it.next()) text += n.value + '\n';
      return JSON.parse(text) as DataFile;
    }
    const header = JSON.parse(`${first.value.replace(/,"collections":\{$/, '')}}`) as Pick<DataFile, 'schemaVersion' | 'seq'>;
    const data = { schemaVersion: header.schemaVersion, seq: header.seq, collections: {}, audit: [] } as unknown as DataFile;
    let section: Record<string, unknown> | unknown[] | null = null;
    let closed = false;
    for (let n = await it.next(); !n.done; n = await it.next()) {
      const line = n.value;
      const kind = /^,?"([a-z]+)":\{$/.exec(line);
      if (kind) { section = (data.collections as Record<string, Record<string, unknown>>)[kind[1]!] = {}; continue; }
      if (line === '},"audit":[') { section = data.audit; continue; }
      if (line === '}') { section = null; continue; }
      if (line === ']}') { closed = true; continue; }
      if (!section) throw new SyntaxError(`ligne inattendue : ${line.slice(0, 80)}`);
      const body = line.startsWith(',') ? line.slice(1) : line;
      if (Array.isArray(section)) section.push(JSON.parse(body));
      else Object.assign(section, JSON.parse(`{${body}}`));
    }
    if (!closed) throw new SyntaxError('fichier tronqué');
    return data;
  }

  /** Temp file, written in chunks, fsync, rename, fsync of the folder. */
  async write(data: SnapshotData): Promise<void> {
    const tmp = join(dirname(this.path), `.${basename(this.path)}.tmp`);
    const h = await open(tmp, 'w');
    try {
      let buf: string[] = [`${HEAD}"schemaVersion":${data.schemaVersion},"seq":${data.seq},"collections":{`];
      const flush = async (force = false) => {
        if (!force && buf.length < CHUNK) return;
        await h.write(buf.join('\n') + '\n');
        buf = [];
        await yieldToRequests();
      };
      // Separators open lines (",…"), so a line never needs its successor to be written.
      for (const [ki, kind] of KINDS.entries()) {
        buf.push(`${ki ? ',' : ''}"${kind}":{`);
        const c = data.collections[kind] ?? {};
        let sep = '';
        for (const [id, r] of c instanceof Map ? c : Object.entries(c)) {
          buf.push(`${sep}${JSON.stringify(id)}:${JSON.stringify(r)}`);
          sep = ',';
          await flush();
        }
        buf.push('}');
      }
      buf.push('},"audit":[');
      const events = data.audit.length; // the trail only grows: what is there when we reach it
      for (let i = 0; i < events; i++) {
        buf.push(`${i ? ',' : ''}${JSON.stringify(data.audit[i])}`);
        await flush();
      }
      buf.push(']}');
      await flush(true);
      await h.sync();
    } finally {
      await h.close();
    }
    await rename(tmp, this.path);
    await fsyncDir(dirname(this.path));
  }
}
