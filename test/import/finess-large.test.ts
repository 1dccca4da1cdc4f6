// The national file streams: a generated 200,000-row extract (85 MB, with geolocalisation rows)
// imports in one go. Its time and memory are figures, not assertions (they depend on the machine):
// `node --import tsx test/import/finess-bench.ts 200000` prints them (rows/s, peak RSS and heap).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyData } from '../../server/store/schema.js';
import { ACCOUNTS, demoData, setup } from '../helpers/app.js';
import { generateFiness } from './generate.js';
import { upload } from './raw.js';

/** Reads the file only as the import asks for it (no read-ahead): what a socket does. */
const fileStream = async (path: string) => {
  const fh = await open(path);
  return new ReadableStream<Uint8Array>(
    {
      async pull(ctl) {
        const buf = new Uint8Array(64 * 1024);
        const { bytesRead } = await fh.read(buf, 0, buf.length);
        if (bytesRead) ctl.enqueue(buf.subarray(0, bytesRead));
        else {
          await fh.close();
          ctl.close();
        }
      },
      cancel: () => fh.close(), // a refused upload stops reading: the file is closed all the same
    },
    { highWaterMark: 0 },
  );
};

test('200,000 rows stream through and apply in one go', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-finess-'));
  try {
    // Given a large FINESS-shaped file on disk
    const path = join(dir, 'finess.csv');
    const { kept } = generateFiness(path, 200_000);
    const bytes = statSync(path).size;
    const users = (await demoData()).collections.users;
    const { app, store } = await setup(() => ({ ...emptyData(), collections: { ...emptyData().collections, users } }));
    // When a planner imports it, read from disk as the import asks for it
    const res = await upload(app, ACCOUNTS.planner, '/api/import/finess', await fileStream(path), 'text/csv', {
      'content-length': String(bytes),
    });
    // Then every hospital row is in
    assert.is(res.status, 200, res.text.slice(0, 300));
    assert.is(res.json.lines, 400_001);
    assert.is(res.json.created, kept);
    assert.is(store.count('establishments'), kept);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
