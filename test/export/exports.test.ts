import ExcelJS from 'exceljs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { varianceColumns, varianceScope } from '../../shared/variance.js';
import { CATEGORY_LABELS } from '../../shared/labels.js';
import { PLAN_YEARS } from '../../shared/years.js';
import { approvedAmounts } from '../../shared/amounts.js';
import { sumAmounts } from '../../server/domain/money.js';
import { paidCentsOf } from '../../server/domain/plan.js';
import { paymentSpec } from '../../server/http/payments.js';
import { parseCsv } from '../../server/lib/csv.js';
import { ACCOUNTS, setup } from '../helpers/app.js';
import { download } from '../import/raw.js';

const VERSAILLES = 'etab.versailles@jalon.test';

/** "1234,56" → 123456, "-0,05" → -5: the export's decimal comma read back exactly. */
const cents = (s: string): number => {
  const m = s.match(/^(-?)(\d+),(\d{2})$/);
  if (!m) throw new Error(`not an amount: ${s}`);
  return (m[1] ? -1 : 1) * Number(`${m[2]}${m[3]}`);
};

const csvOf = (bytes: Uint8Array) => {
  const text = new TextDecoder().decode(bytes);
  const { separator, records } = parseCsv(text);
  const [header, ...rows] = records.map((r) => r.cells);
  return { bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, separator, header: header!, rows, text };
};

const xlsxOf = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
};

test('allocations.csv: BOM, semicolons, French headers, every allocation with exact cents', async () => {
  const { app, store } = await setup();
  const res = await download(app, ACCOUNTS.reviewer, '/api/export/allocations.csv');
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type')!, /text\/csv; charset=utf-8/);
  assert.match(
    res.headers.get('content-disposition')!,
    /^attachment; filename="dotations-2026-11-29\.csv"; filename\*=UTF-8''dotations-2026-11-29\.csv$/,
  );
  const csv = csvOf(res.bytes);
  assert.ok(csv.bom);
  assert.is(csv.separator, ';');
  assert.equal(csv.header.slice(0, 9), [
    'FINESS',
    'Établissement',
    'Région',
    'Catégorie',
    'Enveloppe',
    'Action',
    'Intitulé de l’action',
    'Statut',
    '2023 (€)',
  ]);
  assert.is(csv.rows.length, store.count('allocations'));
  const col = (name: string) => csv.header.indexOf(name);
  for (const row of csv.rows) {
    const a = store.get('allocations', row[col('Référence')]!)!;
    assert.is(a.finess, row[0]);
    PLAN_YEARS.forEach((y) => assert.is(cents(row[col(`${y} (€)`)]!), a.amounts[y] ?? 0));
    assert.is(cents(row[col('Total (€)')]!), sumAmounts(a.amounts));
    assert.is(cents(row[col('Versé (€)')]!), paidCentsOf(store.plan, a.id));
    assert.is(cents(row[col('Reste à payer (€)')]!), sumAmounts(approvedAmounts(a)) - paidCentsOf(store.plan, a.id));
  }
});

test('allocations.csv names categories as the screen does: « Privé lucratif », not « Privé commercial »', async () => {
  // Given the seeded plan, When a reviewer downloads the allocations, Then each row's category is the shared label
  const { app, store } = await setup();
  const csv = csvOf((await download(app, ACCOUNTS.reviewer, '/api/export/allocations.csv')).bytes);
  const col = csv.header.indexOf('Catégorie');
  const shown = new Set(csv.rows.map((r) => r[col]));
  assert.ok(shown.has('Privé lucratif'), [...shown].join(', '));
  assert.not.ok(shown.has('Privé commercial'));
  // the demo's pooled regional resources (a SIRET, no category) say so in the column
  for (const r of csv.rows) {
    const e = store.plan.establishments.get(r[0]!);
    assert.is(r[col], e ? CATEGORY_LABELS[e.category] : 'Ressources mutualisées', r[0]);
  }
});

test('exports respect the list filters', async () => {
  const { app, store } = await setup();
  const res = await download(
    app,
    ACCOUNTS.planner,
    '/api/export/allocations.csv?envelopeId=env-care-d1&status=approved',
  );
  const csv = csvOf(res.bytes);
  const expected = [...store.all('allocations')].filter(
    (a) => a.envelopeId === 'env-care-d1' && a.status === 'approved',
  );
  assert.ok(expected.length > 0);
  assert.is(csv.rows.length, expected.length);
  assert.ok(csv.rows.every((r) => r[4] === 'CARE-D1' && r[7] === 'Approuvée'));
  const pay = csvOf(
    (await download(app, ACCOUNTS.planner, '/api/export/payments.csv?from=2025-01-01&to=2025-12-31')).bytes,
  );
  assert.ok(pay.rows.length > 0);
  assert.ok(
    pay.rows.every((r) => /^\d{2}\/\d{2}\/2025$/.test(r[0]!)),
    'dates read dd/mm/yyyy',
  );
});

test('an establishment exports only its own rows, and no one else’s awards or the variance', async () => {
  const { app, store } = await setup();
  const scope = new Set([
    '780000014',
    ...[...store.all('establishments')].filter((e) => e.finessEj === '780000014').map((e) => e.finess),
  ]);
  const alloc = csvOf((await download(app, VERSAILLES, '/api/export/allocations.csv')).bytes);
  assert.ok(alloc.rows.length > 0);
  assert.ok(alloc.rows.every((r) => scope.has(r[0]!)));
  assert.is(alloc.rows.length, [...store.all('allocations')].filter((a) => scope.has(a.finess)).length);
  const pay = await xlsxOf((await download(app, VERSAILLES, '/api/export/payments.xlsx')).bytes);
  const finess = pay.getColumn(2).values.slice(2);
  assert.ok(finess.length > 0);
  assert.ok(finess.every((f) => scope.has(String(f))));
  assert.is((await download(app, VERSAILLES, '/api/export/awards/780000014.csv')).status, 200);
  assert.is((await download(app, VERSAILLES, '/api/export/awards/910000017.csv')).status, 404);
  assert.is((await download(app, VERSAILLES, '/api/export/variance.csv')).status, 403);
});

test('XLSX: header row, frozen pane, euro-formatted number cells equal to the cents', async () => {
  const { app, store } = await setup();
  const res = await download(app, ACCOUNTS.reviewer, '/api/export/payments.xlsx');
  assert.is(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const ws = await xlsxOf(res.bytes);
  assert.equal(ws.getRow(1).values, [
    undefined,
    'Date de versement',
    'FINESS',
    'Établissement',
    'Enveloppe',
    'Action',
    'Tranche',
    'Montant (€)',
    'Allocation',
    'Référence',
    'Mouvement',
    'Versement annulé',
    'Annulé par',
    'Motif d’annulation',
    'Saisi le',
    'Saisi par',
  ]);
  assert.ok(ws.getRow(1).font?.bold);
  assert.equal([ws.views[0]?.state, (ws.views[0] as { ySplit?: number }).ySplit], ['frozen', 1]);
  const payments = [...store.all('payments')].sort(paymentSpec.sort);
  assert.is(ws.rowCount - 1, payments.length);
  payments.forEach((p, i) => {
    const row = ws.getRow(i + 2);
    assert.equal(
      [(row.getCell(1).value as Date).toISOString().slice(0, 10), row.getCell(8).value],
      [p.paidOn, p.allocationId],
    );
    const cell = row.getCell(7);
    assert.type(cell.value, 'number');
    assert.match(cell.numFmt, /€/);
    assert.is(Math.round((cell.value as number) * 100), p.amountCents);
  });
});

test('XLSX dates are real date cells (serial number, dd/mm/yyyy); CSV dates read dd/mm/yyyy; counter-entries shown with reason and reference', async () => {
  // Given a payment of the demo plan cancelled by a reviewer
  const { app, store, as } = await setup();
  const original = [...store.all('payments')].sort(paymentSpec.sort)[0]!;
  const cancel = await as(ACCOUNTS.reviewer).post(
    `/api/payments/${original.id}/cancel`,
    { reason: 'Doublon ; saisi deux fois' },
    { 'if-match': `"${original.rev}"` },
  );
  assert.is(cancel.status, 201, JSON.stringify(cancel.json));
  // When the payments are exported in both formats
  const ws = await xlsxOf((await download(app, ACCOUNTS.reviewer, '/api/export/payments.xlsx')).bytes);
  const csv = csvOf((await download(app, ACCOUNTS.reviewer, '/api/export/payments.csv')).bytes);
  // Then every XLSX date is a Date cell with the French format, on the right day whatever the zone
  const payments = [...store.all('payments')].sort(paymentSpec.sort);
  assert.is(ws.rowCount - 1, payments.length);
  payments.forEach((p, i) => {
    const cell = ws.getRow(i + 2).getCell(1);
    assert.is(cell.type, ExcelJS.ValueType.Date, `row ${i + 2}`);
    assert.is(cell.numFmt, 'dd/mm/yyyy');
    assert.is((cell.value as Date).getTime(), Date.parse(`${p.paidOn}T00:00:00Z`));
    const [y, m, d] = p.paidOn.split('-');
    assert.is(csv.rows[i]![0], `${d}/${m}/${y}`);
    assert.is(cents(csv.rows[i]![6]!), p.amountCents);
  });
  const entered = ws.getRow(2).getCell(14);
  assert.is(entered.type, ExcelJS.ValueType.Date);
  // And the counter-entry follows its payment: negative, its reason, the reference it cancels
  const i = payments.findIndex((p) => p.id === original.id);
  const col = (name: string) => csv.header.indexOf(name);
  const [paid, counter] = [csv.rows[i]!, csv.rows[i + 1]!];
  assert.equal(
    [paid[col('Référence')], paid[col('Mouvement')], paid[col('Annulé par')]],
    [original.id, 'Versement annulé', cancel.json.id],
  );
  assert.equal(
    [counter[col('Mouvement')], counter[col('Versement annulé')], counter[col('Motif d’annulation')]],
    ['Annulation', original.id, 'Doublon ; saisi deux fois'],
  );
  assert.is(cents(counter[col('Montant (€)')]!), -original.amountCents);
  assert.is(counter[col('Saisi le')], '29/11/2026');
  const xCounter = ws.getRow(i + 3);
  assert.is(Math.round((xCounter.getCell(7).value as number) * 100), -original.amountCents);
  // the export's amounts add up to the net the API states
  const net = (await as(ACCOUNTS.reviewer).get('/api/payments/totals')).json.netCents;
  assert.is(
    csv.rows.reduce((s, r) => s + cents(r[6]!), 0),
    net,
  );
  // allocations: the approval day is a date cell too, empty for an allocation not approved
  const alloc = await xlsxOf((await download(app, ACCOUNTS.reviewer, '/api/export/allocations.xlsx')).bytes);
  const at = (alloc.getRow(1).values as unknown[]).indexOf('Approuvée le');
  const approvedRow = alloc.getRows(2, alloc.rowCount - 1)!.find((r) => r.getCell(at).value instanceof Date)!;
  assert.is(approvedRow.getCell(at).numFmt, 'dd/mm/yyyy');
});

test('variance: planned vs approved vs paid by envelope and by region, totals that add up', async () => {
  const { app, as, store } = await setup();
  for (const format of ['csv', 'xlsx'] as const) {
    const res = await download(app, ACCOUNTS.reviewer, `/api/export/variance.${format}`);
    assert.is(res.status, 200);
    assert.match(
      res.headers.get('content-disposition')!,
      /filename\*=UTF-8''%C3%A9carts-allou%C3%A9-approuv%C3%A9-vers%C3%A9-2026-11-29\./,
    );
  }
  const csv = csvOf((await download(app, ACCOUNTS.reviewer, '/api/export/variance.csv')).bytes);
  // the screen's columns (shared/variance.ts), after the view and the code
  assert.equal(csv.header, [
    'Vue',
    'Code',
    'Libellé',
    'Montant de l’enveloppe (€)',
    'Alloué (€)',
    'Approuvé (€)',
    'Versé (€)',
    'Écart alloué − versé (€)',
    'Consommation (%)',
    'Reste à allouer (€)',
  ]);
  const all = [...store.all('allocations')];
  const approved = all.reduce((s, a) => s + sumAmounts(approvedAmounts(a)), 0);
  const paid = [...store.all('payments')].reduce((s, p) => s + p.amountCents, 0);
  // envelopes: committed ones totalled, announced ones totalled apart (never added together)
  const status = new Map([...store.all('envelopes')].map((e) => [e.code, e.status]));
  for (const view of ['Enveloppe', 'Région']) {
    const rows = csv.rows.filter((r) => r[0] === view);
    const totals = rows.filter((r) => r[1]!.startsWith('TOTAL'));
    const lines = rows.filter((r) => !r[1]!.startsWith('TOTAL'));
    for (const [code, part] of view === 'Enveloppe'
      ? ([
          ['TOTAL', 'committed'],
          ['TOTAL-ANNONCÉ', 'announced'],
        ] as const)
      : ([['TOTAL', undefined]] as const)) {
      const total = totals.find((r) => r[1] === code)!;
      const mine = lines.filter((r) => !part || status.get(r[1]!) === part);
      for (const c of view === 'Enveloppe' ? [3, 4, 5, 6, 7, 9] : [4, 5, 6, 7])
        assert.is(
          cents(total[c]!),
          mine.reduce((s, r) => s + cents(r[c]!), 0),
          `${view} ${code} column ${c}`,
        );
    }
    assert.is(
      totals.reduce((s, r) => s + cents(r[5]!), 0),
      approved,
    );
    assert.is(
      totals.reduce((s, r) => s + cents(r[6]!), 0),
      paid,
    );
  }
  const envTotal = csv.rows.find((r) => r[0] === 'Enveloppe' && r[1] === 'TOTAL')!;
  assert.is(envTotal[2], 'Total des enveloppes engagées');
  assert.is(
    cents(envTotal[3]!),
    [...store.all('envelopes')].filter((e) => e.status === 'committed').reduce((s, e) => s + e.totalCents, 0),
  );
  assert.is(
    cents(csv.rows.find((r) => r[1] === 'TOTAL-ANNONCÉ')![3]!),
    [...store.all('envelopes')].filter((e) => e.status === 'announced').reduce((s, e) => s + e.totalCents, 0),
  );
  // the regions count committed envelopes only, as the dashboard's regions do: their total is the
  // committed envelopes' total, and the allocations planned on announced credits are not in it
  const regionTotal = csv.rows.find((r) => r[0] === 'Région' && r[1] === 'TOTAL')!;
  assert.is(regionTotal[2], 'Total des régions (enveloppes engagées)');
  assert.equal(
    [4, 5, 6].map((c) => cents(regionTotal[c]!)),
    [4, 5, 6].map((c) => cents(envTotal[c]!)),
  );
  const announcedTotal = csv.rows.find((r) => r[1] === 'TOTAL-ANNONCÉ')!;
  assert.ok(cents(announcedTotal[4]!) > 0, 'the demo plan plans on its announced envelope');
  const dash = (await as(ACCOUNTS.reviewer).get('/api/dashboard')).json;
  assert.equal(
    [4, 5, 6].map((c) => cents(envTotal[c]!)),
    [dash.totals.allocatedCents, dash.totals.approvedCents, dash.totals.paidCents],
  );
  // and the XLSX says the same
  const ws = await xlsxOf((await download(app, ACCOUNTS.reviewer, '/api/export/variance.xlsx')).bytes);
  const xTotal = ws
    .getRows(2, ws.rowCount - 1)!
    .find((r) => r.getCell(1).value === 'Enveloppe' && r.getCell(2).value === 'TOTAL')!;
  assert.is(Math.round((xTotal.getCell(6).value as number) * 100), cents(envTotal[5]!));
  // consumption = paid ÷ allocated, as the screen shows it: a number in CSV (« 12,3 », the header
  // says %), a number with a percent format in XLSX
  assert.match(envTotal[8]!, /^\d+,\d$/);
  const consumption = (r: string[]) => Number(r[8]!.replace(',', '.')) / 100;
  const ratio = cents(envTotal[6]!) / cents(envTotal[4]!);
  assert.ok(Math.abs(consumption(envTotal) - ratio) < 0.0005);
  const xRate = xTotal.getCell(9);
  assert.type(xRate.value, 'number');
  assert.match(xRate.numFmt, /^0\.0\\? %$/);
  assert.ok(Math.abs((xRate.value as number) - ratio) < 0.0005);
  // the same rounded rate (as floats: 71,9 / 100 is 0.7190000000000001)
  assert.ok(Math.abs((xRate.value as number) - Number(envTotal[8]!.replace(',', '.')) / 100) < 1e-12);
});

test('variance under a region filter: each column says whether it is national or the region’s', async () => {
  const { app, store } = await setup();
  const csv = csvOf((await download(app, ACCOUNTS.reviewer, '/api/export/variance.csv?region=11')).bytes);
  assert.equal(csv.header.slice(3), [
    'Enveloppe (nationale) (€)',
    'Alloué (Île-de-France) (€)',
    'Approuvé (Île-de-France) (€)',
    'Versé (Île-de-France) (€)',
    'Écart alloué − versé (Île-de-France) (€)',
    'Consommation (Île-de-France) (%)',
    'Reste à allouer (national) (€)',
  ]);
  // the screen's table builds its headers from the same definition
  assert.equal(
    varianceColumns('envelope', varianceScope('Île-de-France'))
      .map((c) => c.header)
      .slice(1),
    csv.header.slice(3).map((h) => h.replace(/ \((€|%)\)$/, '')),
  );
  // allocated is the region's, the envelope and what remains national
  const idf = [...store.all('allocations')]
    // a pooled regional resource (the demo's GRADeS) counts in its region like an establishment
    .filter(
      (a) =>
        a.status !== 'rejected' &&
        (store.get('establishments', a.finess) ?? store.get('pooled', a.finess))!.region === '11',
    )
    .map((a) => a.id);
  const envTotal = csv.rows.find((r) => r[0] === 'Enveloppe' && r[1] === 'TOTAL')!;
  assert.ok(idf.length > 0);
  assert.is(
    cents(envTotal[3]!),
    [...store.all('envelopes')].filter((e) => e.status === 'committed').reduce((s, e) => s + e.totalCents, 0),
  );
  const national = csvOf((await download(app, ACCOUNTS.reviewer, '/api/export/variance.csv')).bytes);
  const nationalTotal = national.rows.find((r) => r[0] === 'Enveloppe' && r[1] === 'TOTAL')!;
  assert.is(envTotal[9], nationalTotal[9]);
  assert.ok(cents(envTotal[4]!) < cents(nationalTotal[4]!));
  const axis = csvOf((await download(app, ACCOUNTS.reviewer, '/api/export/variance.csv?region=11&axis=2')).bytes);
  assert.is(axis.header[4], 'Alloué (Île-de-France, axe 2) (€)');
});

test('text that a spreadsheet would run as a formula is neutralised, in CSV and XLSX', async () => {
  const { app, store } = await setup();
  await store.transact({ now: '2026-11-29T10:00:00.000Z' }, (tx) => {
    const e = tx.get('establishments', '780000014')!;
    tx.put('establishments', { ...e, name: '=HYPERLINK("http://evil.example","Cliquez")' });
    const a = tx.get('actions', 'act-edr')!;
    tx.put('actions', { ...a, title: '@SUM(1+1)' });
  });
  const csv = csvOf((await download(app, ACCOUNTS.planner, '/api/export/allocations.csv?finess=780000014')).bytes);
  assert.ok(csv.rows.length > 0);
  assert.ok(csv.rows.every((r) => r[1] === '\'=HYPERLINK("http://evil.example","Cliquez")'));
  assert.ok(csv.rows.some((r) => r[6] === "'@SUM(1+1)"));
  const ws = await xlsxOf(
    (await download(app, ACCOUNTS.planner, '/api/export/allocations.xlsx?finess=780000014')).bytes,
  );
  assert.is(ws.getRow(2).getCell(2).value, '\'=HYPERLINK("http://evil.example","Cliquez")');
  assert.ok(ws.getRows(2, ws.rowCount - 1)!.every((r) => typeof r.getCell(2).value === 'string'));
  for (const s of ['+1', '-1', '\tx', '\rx'])
    assert.match(
      csvOf(new TextEncoder().encode((await import('../../server/lib/csv.js')).toCsv(['h'], [[{ text: s }]])))
        .rows[0]![0]!,
      /^'/,
    );
});

test('awards export: one line per allocation and a total, like the awards page', async () => {
  const { app, store } = await setup();
  const { json } = await (async () => {
    const r = await app.request('/api/establishments/780000014/awards', {
      headers: { cookie: await (await import('../import/raw.js')).cookieFor(app, VERSAILLES) },
    });
    return {
      json: (await r.json()) as {
        awards: unknown[];
        totals: { allocatedCents: number; approvedCents: number; paidCents: number; remainingCents: number };
      },
    };
  })();
  const csv = csvOf((await download(app, VERSAILLES, '/api/export/awards/780000014.csv')).bytes);
  assert.is(csv.rows.length, json.awards.length + 1);
  const total = csv.rows.at(-1)!;
  assert.is(total[1], 'TOTAL');
  assert.equal(total.slice(6).map(cents), [
    json.totals.allocatedCents,
    json.totals.approvedCents,
    json.totals.paidCents,
    json.totals.remainingCents,
  ]);
  const ws = await xlsxOf((await download(app, VERSAILLES, '/api/export/awards/780000014.xlsx')).bytes);
  assert.is(ws.rowCount, json.awards.length + 2);
  assert.is((await download(app, VERSAILLES, '/api/export/awards/780000014.pdf')).status, 404);
  void store;
});

test.run();
