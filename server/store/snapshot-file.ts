// The lowdb adapter for snapshots. The file is plain JSON, laid out one record per line, so that
// it can be written in chunks (yielding to requests between them) and read line by line: a
// national plan (~90 MB) never exists as one string in memory. A file in any other JSON layout
// (say, edited by hand) is still read, whole.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Adapter } from 'lowdb';
import { asDiskRefused, fsyncDir, nodeDisk, writeAll, type Disk, type DiskFile } from './disk.js';
import { KINDS, type DataFile, type Kind } from './schema.js';

const HEAD = '{"layout":"jalon-lines-1",';

/** What a snapshot is written from: collections as records or as maps (a cheap copy of the
 *  store's own maps: records are never changed in place). */
export type SnapshotData = Omit<DataFile, 'collections'> & {
  collections: Record<Kind, Record<string, unknown> | ReadonlyMap<string, unknown>>;
};
const CHUNK = 2000;

export class SnapshotFile implements Adapter<DataFile> {
  constructor(
    private readonly path: string,
    private readonly disk: Disk = nodeDisk,
  ) {}

  async read(): Promise<DataFile | null> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    await handle.close();
    const reader = new LineReader();
    let data: DataFile | null = null,
      whole: string[] | null = null;
    let section: Record<string, unknown> | unknown[] | null = null;
    let closed = false;
    const onLine = (line: string) => {
      if (whole) {
        whole.push(line);
        return;
      }
      if (!data) {
        if (!line.startsWith(HEAD)) {
          whole = [line];
          return;
        } // not our layout: read it whole
        const header = JSON.parse(`${line.replace(/,"collections":\{$/, '')}}`) as Pick<
          DataFile,
          'schemaVersion' | 'seq' | 'auditHead'
        >;
        data = {
          schemaVersion: header.schemaVersion,
          seq: header.seq,
          auditHead: header.auditHead,
          collections: {},
          audit: [],
        } as unknown as DataFile;
        return;
      }
      if (line === '}') {
        section = null;
        return;
      }
      if (line === '},"audit":[') {
        section = data.audit;
        return;
      }
      if (line === ']}') {
        closed = true;
        return;
      }
      const kind = line.endsWith('":{') ? /^,?"([a-zA-Z]+)":\{$/.exec(line) : null;
      if (kind) {
        section = (data.collections as Record<string, Record<string, unknown>>)[kind[1]!] = {};
        return;
      }
      if (!section) throw new SyntaxError(`ligne inattendue : ${line.slice(0, 80)}`);
      const start = line.charCodeAt(0) === 44 /* , */ ? 1 : 0;
      if (Array.isArray(section)) {
        section.push(JSON.parse(start ? line.slice(1) : line));
        return;
      }
      const keyEnd = endOfString(line, start);
      section[JSON.parse(line.slice(start, keyEnd + 1)) as string] = JSON.parse(line.slice(keyEnd + 2));
    };
    for await (const chunk of createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 }))
      reader.push(chunk as string, onLine);
    reader.end(onLine);
    if (whole) return JSON.parse((whole as string[]).join('\n')) as DataFile;
    if (!data) throw new SyntaxError('fichier vide');
    if (!closed) throw new SyntaxError('fichier tronqué');
    return data;
  }

  /** Temp file, written in chunks, fsync, rename, fsync of the folder. If the disk refuses, the
   *  temp file is removed (it holds space a full disk needs) and the old snapshot stays. */
  async write(data: SnapshotData): Promise<void> {
    const tmp = join(dirname(this.path), `.${basename(this.path)}.tmp`);
    try {
      const h = await this.disk.open(tmp, 'w');
      try {
        await this.writeTo(h, data);
        await h.sync();
      } finally {
        await h.close();
      }
      await this.disk.rename(tmp, this.path);
      await fsyncDir(this.disk, dirname(this.path));
    } catch (e) {
      await this.disk.unlink(tmp).catch(() => undefined);
      throw asDiskRefused(e);
    }
  }

  private async writeTo(h: DiskFile, data: SnapshotData): Promise<void> {
    const head = data.auditHead
      ? `"auditHead":${JSON.stringify({ seq: data.auditHead.seq, hash: data.auditHead.hash })},`
      : '';
    let buf: string[] = [`${HEAD}"schemaVersion":${data.schemaVersion},"seq":${data.seq},${head}"collections":{`];
    const flush = async (force = false) => {
      if (!force && buf.length < CHUNK) return;
      await writeAll(h, Buffer.from(buf.join('\n') + '\n', 'utf8'));
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
  }
}

/** Index of the quote that closes the JSON string opening at `from`. */
const endOfString = (line: string, from: number): number => {
  for (let i = from + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 92 /* backslash */) i++;
    else if (c === 34 /* quote */) return i;
  }
  throw new SyntaxError(`clé non terminée : ${line.slice(0, 80)}`);
};

/** Splits streamed text into lines, without the overhead of readline. */
class LineReader {
  private rest = '';
  push(chunk: string, onLine: (line: string) => void): void {
    const text = this.rest + chunk;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      onLine(text.slice(from, nl));
      from = nl + 1;
    }
    this.rest = text.slice(from);
  }
  end(onLine: (line: string) => void): void {
    if (this.rest) onLine(this.rest);
    this.rest = '';
  }
}
