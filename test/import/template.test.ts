// The allocation sheet's template: downloaded in CSV or XLSX, it imports as it is (nothing to do,
// nothing refused) and, with a row added, creates that allocation: the importer reads its header.
import ExcelJS from 'exceljs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TEMPLATE_COLUMNS, matchColumns } from '../../server/domain/import-allocations.js';
import { ACCOUNTS, setup } from '../helpers/app.js';
import { download, upload } from './raw.js';

const IMPORT = '/api/import/allocations';
const TEMPLATE = '/api/import/allocations/template';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('the template header is the one the importer reads, every plan year included', () => {
  assert.equal(matchColumns([...TEMPLATE_COLUMNS]), {
    finess: 0,
    action: 2,
    envelope: 3,
    years: { 2023: 4, 2024: 5, 2025: 6, 2026: 7, 2027: 8 },
  });
});

test('CSV template: French Excel CSV, imports as it is, and with one row added creates it', async () => {
  const { app, store } = await setup();
  const file = await download(app, ACCOUNTS.planner, `${TEMPLATE}.csv`);
  assert.is(file.status, 200);
  assert.match(file.headers.get('content-type')!, /^text\/csv/);
  assert.match(file.headers.get('content-disposition')!, /attachment; filename="modele-allocations\.csv"/);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
  assert.is(
    text,
    '\uFEFFFINESS;Établissement;Code action;Code enveloppe;2023 (€);2024 (€);2025 (€);2026 (€);2027 (€)\r\n',
  );
  const before = [...store.all('allocations')].length;
  const asIs = await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, file.bytes);
  assert.is(asIs.status, 200, asIs.text);
  assert.equal([asIs.json.created, asIs.json.refusedCount, asIs.json.changes.total], [0, 0, 0]);
  const filled = Buffer.concat([file.bytes, Buffer.from('910000025;CH Sud Essonne;D1-AD;CARE-D1;;1 234,56;;;\r\n')]);
  const res = await upload(app, ACCOUNTS.planner, IMPORT, filled);
  assert.is(res.status, 201, res.text);
  assert.equal([res.json.created, res.json.createdCents, res.json.refusedCount], [1, 123456, 0]);
  assert.is([...store.all('allocations')].length, before + 1);
});

test('XLSX template: a header sheet then the codes; as it is and with one row added, it imports', async () => {
  const { app, store } = await setup();
  const file = await download(app, ACCOUNTS.planner, `${TEMPLATE}.xlsx`);
  assert.is(file.status, 200);
  assert.is(file.headers.get('content-type'), XLSX);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
  assert.equal(
    book.worksheets.map((w) => w.name),
    ['Allocations', 'Enveloppes', 'Actions'],
  );
  const [sheet, envelopes, actions] = book.worksheets;
  assert.equal((sheet!.getRow(1).values as unknown[]).slice(1), [...TEMPLATE_COLUMNS]);
  assert.is(sheet!.rowCount, 1);
  const codes = (w: ExcelJS.Worksheet) => (w.getColumn(1).values as unknown[]).slice(2);
  assert.equal(codes(envelopes!), [...store.all('envelopes')].map((e) => e.code).sort());
  assert.ok(codes(actions!).includes('D1-AD'));
  const asIs = await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, file.bytes, XLSX);
  assert.is(asIs.status, 200, asIs.text);
  assert.equal([asIs.json.created, asIs.json.refusedCount], [0, 0]);
  // the planner types one row in Excel: the FINESS as text, amounts as numbers
  sheet!.addRow(['780000022', 'CH de Rambouillet', 'D1-EXPO', 'CARE-D1', null, 10000, 2500.5]);
  const filled = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
  const res = await upload(app, ACCOUNTS.planner, IMPORT, filled, XLSX);
  assert.is(res.status, 201, res.text);
  assert.equal([res.json.created, res.json.createdCents, res.json.refusedCount], [1, 1250050, 0]);
  assert.equal(
    res.json.envelopes.map((e: { code: string }) => e.code),
    ['CARE-D1'],
  );
});

test('only planners download the template', async () => {
  const { app } = await setup();
  const res = await download(app, ACCOUNTS.reviewer, `${TEMPLATE}.csv`);
  assert.is(res.status, 403);
});

test.run();
