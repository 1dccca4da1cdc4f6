// The delegations table as a spreadsheet (a circular's annex): export in CSV and XLSX, and the
// import of the same table as one round of delegations, all or nothing, refusals per cell.
import ExcelJS from 'exceljs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCsv } from '../../server/lib/csv.js';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, delegation, envelope } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';
import type { App } from '../../server/app.js';
import { cookieFor, download } from '../import/raw.js';

// 1 000,00 € in total: 600,00 € on 2024, 400,00 € on 2025. Île-de-France holds 300,00 € on 2024
// (« 1re délégation ») and has allocated 120,00 € of it (F1).
const REF = '1re délégation';
const records = () => ({
  envelopes: [envelope({ totalCents: 1_000_00, yearlyCents: { '2024': 600_00, '2025': 400_00 } })],
  delegations: [delegation('del-idf', { amounts: { '2024': 300_00 }, reference: REF, notifiedOn: '2024-01-15' })],
  allocations: [allocation('al-1', { amounts: { '2024': 120_00 } })],
});

// one login per user and app: a login is a write, and the refused imports must change nothing
const cookies = new WeakMap<App, Map<string, string>>();
const cookieOf = async (app: App, email: string) => {
  const mine = cookies.get(app) ?? cookies.set(app, new Map()).get(app)!;
  return mine.get(email) ?? mine.set(email, await cookieFor(app, email)).get(email)!;
};
const login = async (app: App, ...emails: string[]) => {
  for (const e of emails) await cookieOf(app, e);
};
const upload = async (app: App, email: string, p: string, body: BodyInit, type = 'text/csv') => {
  const res = await app.request(p, {
    method: 'POST',
    body,
    headers: { cookie: await cookieOf(app, email), 'content-type': type },
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
};

const csvOf = (bytes: Uint8Array) => {
  const { separator, records: recs } = parseCsv(new TextDecoder().decode(bytes));
  const [header, ...rows] = recs.map((r) => r.cells);
  return { separator, header: header!, rows, bom: bytes[0] === 0xef };
};
const rowOf = (rows: string[][], label: string) => rows.find((r) => r[0] === label)!;
const HEADER = [
  'Région',
  'Code INSEE',
  '2023 (€)',
  '2024 (€)',
  '2025 (€)',
  '2026 (€)',
  '2027 (€)',
  'Total (€)',
  'Notifiée le',
];
const sheet = (...lines: string[]) => `${HEADER.join(';')}\r\n${lines.join('\r\n')}\r\n`;
const path = (q: Record<string, string>) =>
  `/api/import/delegations?${new URLSearchParams({ envelopeId: 'env-a', reference: '2e délégation', notifiedOn: '2025-09-08', ...q })}`;

test('delegations.csv: one row per ARS region (18), years in euros, the total delegated, the national reserve and the envelope, to the cent', async () => {
  const { app } = await smallSetup(records());
  const res = await download(app, USERS.reviewer, '/api/export/delegations.csv?envelopeId=env-a');
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type')!, /text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition')!, /filename="delegations-ENV-A-2026-11-29\.csv"/);
  const csv = csvOf(res.bytes);
  assert.ok(csv.bom);
  assert.is(csv.separator, ';');
  assert.equal(csv.header, HEADER);
  assert.is(csv.rows.length, 18 + 3);
  assert.equal(csv.rows[0]!.slice(0, 2), ['Auvergne-Rhône-Alpes', '84']);
  assert.equal(rowOf(csv.rows, 'Île-de-France'), [
    'Île-de-France',
    '11',
    '0,00',
    '300,00',
    '0,00',
    '0,00',
    '0,00',
    '300,00',
    '15/01/2024',
  ]);
  assert.equal(rowOf(csv.rows, 'Corse'), ['Corse', '94', '0,00', '0,00', '0,00', '0,00', '0,00', '0,00', '']);
  assert.equal(rowOf(csv.rows, 'Total délégué'), [
    'Total délégué',
    '',
    '0,00',
    '300,00',
    '0,00',
    '0,00',
    '0,00',
    '300,00',
    '',
  ]);
  // the reserve: the year's budget less what is delegated on it (0 on a year outside the split)
  assert.equal(rowOf(csv.rows, 'Réserve nationale'), [
    'Réserve nationale',
    '',
    '0,00',
    '300,00',
    '400,00',
    '0,00',
    '0,00',
    '700,00',
    '',
  ]);
  assert.equal(rowOf(csv.rows, 'Enveloppe'), [
    'Enveloppe',
    '',
    '0,00',
    '600,00',
    '400,00',
    '0,00',
    '0,00',
    '1000,00',
    '',
  ]);
});

test('delegations.xlsx: number cells in euros (numFmt), the notification a real date; an envelope without a split leaves the reserve years empty', async () => {
  const { app } = await smallSetup({ ...records(), envelopes: [envelope({ totalCents: 1_000_00 })] });
  const res = await download(app, USERS.admin, '/api/export/delegations.xlsx?envelopeId=ENV-A');
  assert.is(res.status, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(res.bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  assert.is(ws.name, 'Délégations');
  assert.is(ws.rowCount, 1 + 18 + 3);
  const idf = ws.getRows(2, 21)!.find((r) => r.getCell(1).value === 'Île-de-France')!;
  assert.is(idf.getCell(4).value, 300);
  assert.match(idf.getCell(4).numFmt, /€/);
  assert.is(idf.getCell(8).value, 300);
  assert.is(idf.getCell(9).type, ExcelJS.ValueType.Date);
  assert.is(idf.getCell(9).numFmt, 'dd/mm/yyyy');
  assert.is((idf.getCell(9).value as Date).toISOString().slice(0, 10), '2024-01-15');
  const reserve = ws.getRow(21);
  assert.is(reserve.getCell(1).value, 'Réserve nationale');
  assert.is(ws.getRow(20).getCell(1).value, 'Total délégué');
  assert.equal([reserve.getCell(4).value, reserve.getCell(8).value], ['', 700]);
});

test('Export: one round with reference=; an unknown envelope is 404, none is 400; establishments are refused', async () => {
  const { app } = await smallSetup({
    ...records(),
    delegations: [
      ...records().delegations,
      delegation('del-idf2', { amounts: { '2024': 50_00 }, reference: '2e délégation' }),
    ],
  });
  const all = csvOf((await download(app, USERS.planner, '/api/export/delegations.csv?envelopeId=env-a')).bytes);
  assert.is(rowOf(all.rows, 'Île-de-France')[3], '350,00');
  const second = csvOf(
    (
      await download(
        app,
        USERS.planner,
        `/api/export/delegations.csv?envelopeId=env-a&reference=${encodeURIComponent('2e délégation')}`,
      )
    ).bytes,
  );
  assert.is(rowOf(second.rows, 'Île-de-France')[3], '50,00');
  assert.is(rowOf(second.rows, 'Total délégué')[7], '50,00');
  // the reserve counts every delegation, whatever the round shown
  assert.is(rowOf(second.rows, 'Réserve nationale')[3], '250,00');
  assert.is((await download(app, USERS.planner, '/api/export/delegations.csv?envelopeId=nope')).status, 404);
  assert.is((await download(app, USERS.planner, '/api/export/delegations.csv')).status, 400);
  assert.is((await download(app, USERS.etab, '/api/export/delegations.csv?envelopeId=env-a')).status, 403);
});

test('Import: a dry run says what each region gets and writes nothing; applied, it creates the round, and the same sheet again changes nothing', async () => {
  const { app, store } = await smallSetup(records());
  await login(app, USERS.planner, USERS.reviewer);
  const csv = sheet(
    'Auvergne-Rhône-Alpes;84;;;100,00;;;;',
    'Île-de-France;11;;50,5;;;;;',
    'Corse;94;;;;;;;',
    'Total délégué;;;;;;;;',
  );
  const dry = await unchanged(store, () => upload(app, USERS.planner, path({ dryRun: '1' }), csv));
  assert.is(dry.status, 200, JSON.stringify(dry.json));
  assert.equal(
    [
      dry.json.dryRun,
      dry.json.created,
      dry.json.updated,
      dry.json.refusedCount,
      dry.json.beforeCents,
      dry.json.afterCents,
    ],
    [true, 2, 0, 0, 0, 150_50],
  );
  assert.equal(
    dry.json.changes.map((c: any) => [c.region, c.after]),
    [
      ['84', { '2025': 100_00 }],
      ['11', { '2024': 50_50 }],
    ],
  );
  const done = await upload(app, USERS.planner, path({}), csv);
  assert.is(done.status, 201, JSON.stringify(done.json));
  const round = [...store.plan.delegations.values()].filter((d) => d.reference === '2e délégation');
  assert.equal(round.map((d) => [d.region, d.amounts, d.notifiedOn, d.createdBy]).sort(), [
    ['11', { '2024': 50_50 }, '2025-09-08', USERS.planner],
    ['84', { '2025': 100_00 }, '2025-09-08', USERS.planner],
  ]);
  const again = await unchanged(store, () => upload(app, USERS.planner, path({}), csv));
  assert.equal([again.status, again.json.created, again.json.updated, again.json.unchanged], [200, 0, 0, 2]);
});

test('Import of an exported round round-trips; the sheet is judged whole: a region raised before another is lowered fits', async () => {
  const { app, store } = await smallSetup(records());
  await login(app, USERS.planner, USERS.reviewer);
  const exported = await download(
    app,
    USERS.planner,
    `/api/export/delegations.xlsx?envelopeId=env-a&reference=${encodeURIComponent(REF)}`,
  );
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const same = await unchanged(store, () =>
    upload(app, USERS.planner, path({ reference: REF, notifiedOn: '2024-01-15' }), exported.bytes, xlsx),
  );
  assert.equal([same.status, same.json.unchanged, same.json.created, same.json.updated], [200, 1, 0, 0]);
  // 2024 holds 600,00: Auvergne-Rhône-Alpes (first row) takes 450,00 only once Île-de-France goes down to 150,00
  const csv = sheet('Auvergne-Rhône-Alpes;84;;450,00;;;;;', 'Île-de-France;11;;150,00;;;;;');
  const res = await upload(app, USERS.planner, path({ reference: REF }), csv);
  assert.is(res.status, 201, JSON.stringify(res.json));
  assert.equal([res.json.created, res.json.updated, res.json.beforeCents, res.json.afterCents], [1, 1, 300_00, 600_00]);
  assert.equal(store.plan.delegations.get('del-idf')!.amounts, { '2024': 150_00 });
  assert.equal(store.plan.delegations.get('del-idf')!.notifiedOn, '2025-09-08');
});

test('Import refusals per cell, with region and year; nothing is written: beyond the envelope, below what is allocated, an unreadable amount, an unknown or repeated region', async () => {
  const { app, store } = await smallSetup(records());
  await login(app, USERS.planner, USERS.reviewer);
  const csv = sheet(
    'Auvergne-Rhône-Alpes;84;;;450,00;;;;', // 2025 holds 400,00
    'Île-de-France;11;;100,00;;;;;', // the 1re délégation stays: 300 + 100 on 2024, fine
    'Corse;94;;12,345;;;;;',
    'Atlantide;99;;1,00;;;;;',
    'Bretagne;53;;;;;;;',
    'Bretagne;53;;;;;;;',
  );
  const res = await unchanged(store, () => upload(app, USERS.planner, path({}), csv));
  isProblem(res, 422);
  assert.match(res.json.detail, /4 cellules en erreur, rien n’a été enregistré/);
  assert.equal(
    res.json.errors.map((e: any) => e.path),
    ['ligne 2, 2025', 'ligne 4, 2024', 'ligne 5', 'ligne 7'],
  );
  assert.match(
    res.json.errors[0].message,
    /^84 : Délégations au-delà de l'enveloppe ENV-A : reste 400,00 € à déléguer sur 2025\.$/,
  );
  assert.match(res.json.errors[1].message, /^94 : Montant « 12,345 » : 2 décimales au plus/);
  assert.match(res.json.errors[2].message, /Région « 99 » inconnue/);
  assert.match(res.json.errors[3].message, /déjà donnée ligne 6/);
  // lowering Île-de-France's round below the 120,00 € it allocated
  const low = await unchanged(store, () =>
    upload(app, USERS.planner, path({ reference: REF }), sheet('Île-de-France;11;;100,00;;;;;')),
  );
  isProblem(low, 422, 'ligne 2, 2024');
  assert.match(low.json.errors[0].message, /Déjà alloué en Île-de-France sur 2024 : 120,00 €/);
  const dry = await unchanged(store, () => upload(app, USERS.planner, path({ dryRun: '1' }), csv));
  assert.equal(
    [dry.status, dry.json.refusedCount, dry.json.refused[0]],
    [
      200,
      4,
      {
        line: 2,
        region: '84',
        year: '2025',
        reason: "Délégations au-delà de l'enveloppe ENV-A : reste 400,00 € à déléguer sur 2025.",
      },
    ],
  );
});

test('Import: planners only; a missing reference, a bad date, an unknown envelope or a header without years is refused', async () => {
  const { app, store } = await smallSetup(records());
  await login(app, USERS.planner, USERS.reviewer);
  const csv = sheet('Bretagne;53;;1,00;;;;;');
  await unchanged(store, async () => {
    isProblem(await upload(app, USERS.reviewer, path({}), csv), 403);
    isProblem(await upload(app, USERS.planner, path({ reference: '' }), csv), 400, 'reference');
    isProblem(await upload(app, USERS.planner, path({ notifiedOn: '2025-02-30' }), csv), 400, 'notifiedOn');
    isProblem(await upload(app, USERS.planner, path({ envelopeId: 'nope' }), csv), 404);
    const noYears = await upload(app, USERS.planner, path({}), 'Région;Code INSEE\r\nBretagne;53\r\n');
    isProblem(noYears, 400);
    assert.match(noYears.json.detail, /une colonne par année/);
  });
});

test.run();
