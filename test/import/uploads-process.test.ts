// The bad uploads of the issue against a real server process, heap capped as `npm start` caps it:
// each is refused with the limit it hit, and the server is still there, answering, its peak
// resident size bounded (it died on each of them before).
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { XLSX_TYPE } from '../../server/lib/xlsx.js';
import { startServer } from '../../scripts/server-process.js';
import { bombWorkbook } from './zip.js';

const MiB = 1024 * 1024;
/** Peak resident size of a process so far (Linux). */
const peakRss = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)![1]) * 1024;

test('CSV fields of 11 and 8 MiB, the 1M-row XLSX, a 20 MiB FINESS line, a chunked body past the limit: refused, and the server lives on', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-uploads-'));
  const server = await startServer(join(dir, 'jalon.json'), { JALON_DEMO: '1', NODE_ENV: 'test' });
  try {
    const login = await fetch(`${server.base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'planif@jalon.test', password: 'CaRE-cyber-2027' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const post = async (path: string, body: BodyInit, type = 'text/csv') => {
      const r = await fetch(`${server.base}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': type },
        body,
        duplex: 'half',
      } as RequestInit);
      return { status: r.status, text: await r.text() };
    };
    const field = (mib: number) =>
      `FINESS;Code action;Code enveloppe;2024\n910000025;D1-AD;CARE-D1;"${'x'.repeat(mib * MiB)}"\n`;
    let chunks = 0;
    const chunked = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (chunks++ > 30) ctl.close();
        else
          ctl.enqueue(
            new TextEncoder().encode(
              chunks === 1 ? 'FINESS;Code action;Code enveloppe;2024\n' : ';;;\n'.repeat(MiB / 4),
            ),
          );
      },
    });
    // one after the other, as a tester would send them
    for (const [name, send, status, title] of [
      ['11 MiB field', () => post('/api/import/allocations', field(11)), 422, 'Champ trop long'],
      ['8 MiB field', () => post('/api/import/allocations?dryRun=1', field(8)), 422, 'Champ trop long'],
      [
        '1M-row XLSX',
        () => post('/api/import/allocations?dryRun=1', bombWorkbook(), XLSX_TYPE),
        413,
        'Taux de compression suspect',
      ],
      [
        '20 MiB FINESS line',
        () => post('/api/import/finess', `structureet;${'y'.repeat(20 * MiB)}`),
        422,
        'Ligne trop longue',
      ],
      ['chunked 30 MiB', () => post('/api/import/allocations?dryRun=1', chunked), 413, 'Requête trop volumineuse'],
    ] as const) {
      const r = await send();
      assert.is(r.status, status, `${name}: ${r.text.slice(0, 200)}`);
      assert.is(JSON.parse(r.text).title, title, name);
      assert.ok(r.text.length < 1000, `${name}: ${r.text.length} characters answered`);
    }
    assert.is(server.child.exitCode, null, 'the server is alive');
    assert.is((await fetch(`${server.base}/api/health`)).status, 200);
    const peak = peakRss(server.child.pid!);
    console.log(`  peak RSS of the server: ${(peak / MiB).toFixed(0)} MB`);
    assert.ok(peak < 256 * MiB, `peak RSS ${(peak / MiB).toFixed(0)} MB`);
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
