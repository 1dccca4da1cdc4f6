// Upload limits, in process: each bad upload gets a 413 or 422 problem that names the limit it
// hit, with a short detail that quotes at most the start of the field; nothing is written.
import { Hono } from 'hono';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AppEnv } from '../../server/http/context.js';
import { importRoutes, UPLOAD_LIMITS, type UploadLimits } from '../../server/http/imports.js';
import { onError } from '../../server/http/problem.js';
import { XLSX_TYPE } from '../../server/lib/xlsx.js';
import { ACCOUNTS, fixedClock, setup } from '../helpers/app.js';
import { upload } from './raw.js';
import { bombWorkbook, HEADER, sheetRow, workbook } from './zip.js';

const IMPORT = '/api/import/allocations';
const CSV_HEADER = 'FINESS;Code action;Code enveloppe;2024\n';

/** The answer is the problem of one limit: its status and title, a detail that says the limit and stays short. */
const refused = (
  res: { status: number; headers: Headers; json: any; text: string },
  status: number,
  title: string,
  says: RegExp,
) => {
  assert.is(res.status, status, res.text.slice(0, 300));
  assert.is(res.headers.get('content-type'), 'application/problem+json');
  assert.is(res.json.title, title);
  assert.match(res.json.detail, says);
  assert.ok(res.text.length < 1000, `${res.text.length} characters answered`);
};

test('a chunked upload past the body limit is refused as it streams, without being held', async () => {
  const { app } = await setup();
  // a header, then empty rows (not counted): only the body limit can stop it
  const mib = new TextEncoder().encode(';;;\n'.repeat(256 * 1024));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (sent > 30 * mib.length) ctl.close();
      else ctl.enqueue(sent ? mib : new TextEncoder().encode(CSV_HEADER));
      sent += sent ? mib.length : 1;
    },
  });
  refused(
    await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, body),
    413,
    'Requête trop volumineuse',
    /dépasse 20 Mo/,
  );
  assert.ok(sent < 25 * mib.length, `${sent} bytes read`);
});

test('a CSV field of 11 MiB, or of 8 MiB: 422 "Champ trop long" quoting its first 40 characters', async () => {
  const { app, store } = await setup();
  const version = store.version;
  for (const mib of [11, 8]) {
    const res = await upload(
      app,
      ACCOUNTS.planner,
      `${IMPORT}?dryRun=1`,
      `${CSV_HEADER}"${'x'.repeat(mib * 1024 * 1024)}";D1-AD;CARE-D1;12\n`,
    );
    refused(res, 422, 'Champ trop long', /^Ligne 2, colonne 1 : un champ dépasse 2 000 caractères \(« x{40}… »\)\.$/);
    assert.equal(
      res.json.errors.map((e: any) => e.path),
      ['ligne 2, colonne 1'],
    );
  }
  assert.is(store.version, version + 2, 'nothing written but the two logins');
});

test('rows past 50,000, or a row past 200 columns: 413 "Trop de lignes", 422 "Trop de colonnes"', async () => {
  const { app } = await setup();
  const rows = `${CSV_HEADER}${'910000025;D1-AD;CARE-D1;1\n'.repeat(UPLOAD_LIMITS.table.rows + 1)}`;
  refused(
    await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, rows),
    413,
    'Trop de lignes',
    /plus de 50 000 lignes de données/,
  );
  // empty rows (a spreadsheet's trailing ";;;") are not counted
  const padded = `${CSV_HEADER}910000025;D1-AD;CARE-D1;1\n${';;;\n'.repeat(UPLOAD_LIMITS.table.rows + 1)}`;
  assert.is((await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, padded)).status, 200);
  refused(
    await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, `${CSV_HEADER}910000025${';'.repeat(1_000_000)}\n`),
    422,
    'Trop de colonnes',
    /^Ligne 2 : plus de 200 colonnes\.$/,
  );
});

test('a refusal quotes a bad code or amount by its start only', async () => {
  const { app } = await setup();
  const res = await upload(
    app,
    ACCOUNTS.planner,
    `${IMPORT}?dryRun=1`,
    `${CSV_HEADER}910000025;D1-AD;${'E'.repeat(1500)};${'9'.repeat(1500)}\n`,
  );
  assert.is(res.status, 200, res.text.slice(0, 300));
  const [r] = res.json.refused;
  assert.match(r.reason, /Enveloppe « E{40}… \(1500 caractères\) » inconnue/);
  assert.match(r.reason, /Montant trop grand : « 9{40}… \(1500 caractères\) »/);
  assert.ok(r.reason.length < 400, r.reason);
});

test('the XLSX of the issue (1,000,000 rows of inline strings in 1.7 MB): 413 "Taux de compression suspect" before inflating', async () => {
  const { app } = await setup();
  const t0 = performance.now();
  const res = await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, bombWorkbook(), XLSX_TYPE);
  refused(
    res,
    413,
    'Taux de compression suspect',
    /xl\/worksheets\/sheet1\.xml se décompresse \d[\d ]* fois \(100 au plus\)/,
  );
  assert.ok(performance.now() - t0 < 2000, 'refused from the zip directory');
});

test('XLSX: a part that inflates past its declared size is cut there; a long cell is 422', async () => {
  const { app } = await setup();
  // Given a sheet that declares 2 kB and holds 3 MB (a forged header)
  const forged = workbook(
    [
      [sheetRow(1, HEADER), 1],
      [sheetRow(2, ['910000025', 'D1-AD', 'CARE-D1', '1']), 20_000],
    ],
    2000,
  );
  refused(
    await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, forged, XLSX_TYPE),
    413,
    'Classeur trop volumineux une fois décompressé',
    /sheet1\.xml se décompresse au-delà de la taille qu'annonce l'archive \(2 000 octets\)/,
  );
  const letters = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join('');
  const long = workbook(sheetRow(1, HEADER) + sheetRow(2, ['910000025', letters, 'CARE-D1', '1']));
  refused(
    await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, long, XLSX_TYPE),
    422,
    'Champ trop long',
    new RegExp(`^Ligne 2, colonne 2 : un champ dépasse 2 000 caractères \\(« ${letters.slice(0, 40)}… »\\)\\.$`),
  );
});

/** The import routes alone, with smaller limits, as a planner. */
const small = async (limits: UploadLimits) => {
  const { store } = await setup();
  const user = [...store.all('users')].find((u) => u.email === ACCOUNTS.planner)!;
  const tiny = new Hono<AppEnv>();
  tiny.onError(onError);
  tiny.use('*', async (c, next) => {
    c.set('store', store);
    c.set('clock', fixedClock());
    c.set('user', user);
    c.set('scope', null);
    await next();
  });
  tiny.route('/api/import', importRoutes(limits));
  return async (path: string, body: BodyInit, type = 'text/csv') => {
    const r = await tiny.request(path, { method: 'POST', body, headers: { 'content-type': type } });
    const text = await r.text();
    return { status: r.status, headers: r.headers, text, json: JSON.parse(text) };
  };
};

test('XLSX: rows past the limit are 413 (here 100: a sheet of 50,001 takes seconds to build)', async () => {
  const post = await small({ ...UPLOAD_LIMITS, table: { ...UPLOAD_LIMITS.table, rows: 100 } });
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      sheetRow(i + 2, [String(100_000_000 + i * 7), 'D1-AD', 'CARE-D1', String(i * 13)]),
    ).join('');
  assert.is((await post(`${IMPORT}?dryRun=1`, workbook(sheetRow(1, HEADER) + rows(100)), XLSX_TYPE)).status, 200);
  refused(
    await post(`${IMPORT}?dryRun=1`, workbook(sheetRow(1, HEADER) + rows(101)), XLSX_TYPE),
    413,
    'Trop de lignes',
    /plus de 100 lignes de données/,
  );
});

test('XLSX: what every part read unpacks to is counted against one budget', async () => {
  const post = await small({ ...UPLOAD_LIMITS, xlsx: { ...UPLOAD_LIMITS.xlsx, uncompressedBytes: 64 * 1024 } });
  const sheet = workbook(
    Array.from({ length: 2000 }, (_, i) => sheetRow(i + 1, [String(i * 31), 'D1-AD', 'CARE-D1', String(i)])).join(''),
  );
  refused(
    await post(`${IMPORT}?dryRun=1`, sheet, XLSX_TYPE),
    413,
    'Classeur trop volumineux une fois décompressé',
    /^Le classeur dépasse 64 kio une fois décompressé \(partie xl\/worksheets\/sheet1\.xml\)\.$/,
  );
});

test('FINESS: a line past 10,000 characters is 422, more kept establishments than the limit 413', async () => {
  const { app } = await setup();
  refused(
    await upload(app, ACCOUNTS.planner, '/api/import/finess?dryRun=1', `structureet;${'y'.repeat(20 * 1024 * 1024)}`),
    422,
    'Ligne trop longue',
    /^Ligne 1 : plus de 10 000 caractères \(« structureet;y{28}… »\)\.$/,
  );
  const post = await small({ ...UPLOAD_LIMITS, finess: { ...UPLOAD_LIMITS.finess, kept: 5 } });
  const { readFileSync } = await import('node:fs');
  const sample = new Uint8Array(readFileSync(new URL('../fixtures/finess-sample.csv', import.meta.url))); // 7 hospitals
  refused(
    await post('/api/import/finess?dryRun=1', sample),
    413,
    'Trop d’établissements retenus',
    /plus de 5 établissements/,
  );
});

test.run();
