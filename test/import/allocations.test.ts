import ExcelJS from 'exceljs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseEuros } from '../../server/domain/import-allocations.js';
import type { Store } from '../../server/store/store.js';
import { ACCOUNTS, setup } from '../helpers/app.js';
import { upload } from './raw.js';

const IMPORT = '/api/import/allocations';
const PLAN_KINDS = ['envelopes', 'establishments', 'actions', 'allocations', 'payments'] as const;
const planOf = (store: Store) => Object.fromEntries(PLAN_KINDS.map((k) => [k, store.exportData().collections[k]]));

const GOOD = [
  '\uFEFFN° FINESS;Établissement;Code action;Code enveloppe;2023;Montant 2024 (€);2025 (€);2026;2027',
  '910000025;CH Sud Essonne;D1-AD;CARE-D1;;1 234,56;;;',
  '780000022;CH Rambouillet;D1-EXPO;care-d1;;10000;2500,5;;',
  ';;;;;;;;',
].join('\r\n');

test('euros become cents by string arithmetic, ambiguity is an error', () => {
  const cents = (s: string) => {
    const r = parseEuros(s);
    return r && 'cents' in r ? r.cents : r && 'error' in r ? 'error' : null;
  };
  assert.equal(
    [
      '1 234,56',
      '1234.56',
      '1.234,56',
      '1,234.56',
      '0,1',
      '12',
      '1 000 000 €',
      '\u00A0150\u202F000,00',
      '0.29',
      '4.35',
    ].map(cents),
    [123456, 123456, 123456, 123456, 10, 1200, 100000000, 15000000, 29, 435],
  );
  assert.equal(['1.500', '-5', 'abc', '1,2,3', '12,345'].map(cents), ['error', 'error', 'error', 'error', 'error']);
  assert.is(cents(''), null);
});

test('dry run of a French CSV: what would be created, nothing written', async () => {
  const { app, store } = await setup();
  const before = planOf(store);
  const res = await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, GOOD);
  assert.is(res.status, 200, res.text);
  assert.equal(res.json, {
    dryRun: true,
    created: 2,
    updated: 0,
    revised: 0,
    unchanged: 0,
    createdCents: 123456 + 1000000 + 250050,
    changeCents: 0,
    refusedCount: 0,
    refused: [],
    years: ['2023', '2024', '2025', '2026', '2027'],
    // who gets what, in the sheet's order, and the envelope the rows land on
    changes: {
      offset: 0,
      limit: 50,
      total: 2,
      items: [
        {
          finess: '910000025',
          name: 'Centre hospitalier Sud Essonne (Étampes)',
          region: '11',
          regionName: 'Île-de-France',
          category: 'public',
          line: 2,
          change: 'created',
          allocationId: res.json.changes.items[0].allocationId,
          envelopeId: 'env-care-d1',
          envelopeCode: 'CARE-D1',
          actionCode: 'D1-AD',
          amounts: { 2024: 123456 },
          totalCents: 123456,
          changeCents: 123456,
        },
        {
          finess: '780000022',
          name: 'Centre hospitalier de Rambouillet',
          region: '11',
          regionName: 'Île-de-France',
          category: 'public',
          line: 3,
          change: 'created',
          allocationId: res.json.changes.items[1].allocationId,
          envelopeId: 'env-care-d1',
          envelopeCode: 'CARE-D1',
          actionCode: 'D1-EXPO',
          amounts: { 2024: 1000000, 2025: 250050 },
          totalCents: 1250050,
          changeCents: 1250050,
        },
      ],
    },
    envelopes: [{ id: 'env-care-d1', code: 'CARE-D1', name: res.json.envelopes[0]?.name, rows: 2 }],
  });
  assert.match(res.json.envelopes[0].name, /D1/);
  assert.equal(planOf(store), before);
  // one page at a time: the second row alone
  const second = await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1&previewOffset=1&previewLimit=1`, GOOD);
  assert.equal([second.json.changes.offset, second.json.changes.limit, second.json.changes.total], [1, 1, 2]);
  assert.equal(
    second.json.changes.items.map((r: { line: number; finess: string }) => [r.line, r.finess]),
    [[3, '780000022']],
  );
  const bad = await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1&previewLimit=501`, GOOD);
  assert.is(bad.status, 400, bad.text);
  assert.equal(planOf(store), before);
});

test('applying creates proposed allocations with exact cents', async () => {
  const { app, store } = await setup();
  const existing = new Set(
    store.exportData().collections.allocations ? Object.keys(store.exportData().collections.allocations) : [],
  );
  const res = await upload(app, ACCOUNTS.planner, IMPORT, GOOD);
  assert.is(res.status, 201, res.text);
  const mine = [...store.all('allocations')]
    .filter((a) => !existing.has(a.id))
    .map((a) => [a.finess, a.envelopeId, a.actionId, a.amounts, a.status]);
  assert.equal(mine.sort(), [
    ['780000022', 'env-care-d1', 'act-d1-expo', { 2024: 1000000, 2025: 250050 }, 'proposed'],
    ['910000025', 'env-care-d1', 'act-d1-ad', { 2024: 123456 }, 'proposed'],
  ]);
  // the same sheet again finds them as they are: nothing changes, the money is not doubled
  const version = store.version,
    before = planOf(store);
  const again = await upload(app, ACCOUNTS.planner, IMPORT, GOOD);
  assert.is(again.status, 200, again.text);
  assert.equal(
    [again.json.created, again.json.updated, again.json.revised, again.json.unchanged, again.json.changeCents],
    [0, 0, 0, 2, 0],
  );
  assert.equal(planOf(store), before);
  assert.is(store.version, version + 1, 'nothing written but the login (each upload logs in)');
});

test('a sheet changes existing allocations: proposed ones are updated, approved ones get an avenant; years without a column keep theirs', async () => {
  // Given a proposed allocation and an approved one on CARE-SOCLE, each with amounts on 2024 and 2025
  // (CARE-D1 holds the D1 window's grants, on 2024 only)
  const { app, store } = await setup();
  const code = (kind: 'actions' | 'envelopes', id: string) => store.get(kind, id)!.code;
  const held = (id: string) => store.get('allocations', id)!;
  const [proposed, approved] = (['proposed', 'approved'] as const).map((status) =>
    [...store.all('allocations')].find(
      (a) =>
        a.envelopeId === 'env-care-socle' &&
        a.status === status &&
        !a.revision &&
        !a.tranches &&
        a.amounts['2024'] &&
        a.amounts['2025'],
    )!,
  );
  const row = (a: NonNullable<typeof proposed>, euros2024: string) =>
    `${a.finess};${code('actions', a.actionId)};${code('envelopes', a.envelopeId)};${euros2024}`;
  const before = { p: held(proposed!.id), a: held(approved!.id) };
  // When the planner imports a sheet with a 2024 column only, raising both by 100,00 €
  const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
  const sheet = [
    'FINESS;Action;Enveloppe;2024',
    row(proposed!, euros(before.p.amounts['2024']! + 100_00)),
    row(approved!, euros(before.a.amounts['2024']! + 100_00)),
  ].join('\n');
  const dry = await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, sheet);
  const res = await upload(app, ACCOUNTS.planner, IMPORT, sheet);
  // Then the preview and the apply count one update, one avenant and +200,00 €
  for (const r of [dry, res]) {
    assert.is(r.status, 200, r.text);
    assert.equal(
      [r.json.created, r.json.updated, r.json.revised, r.json.unchanged, r.json.changeCents],
      [0, 1, 1, 0, 200_00],
    );
    // each listed with its new amounts and what it adds
    assert.equal(
      r.json.changes.items.map((x: any) => [x.line, x.finess, x.change, x.amounts['2024'], x.changeCents]),
      [
        [2, proposed!.finess, 'updated', before.p.amounts['2024']! + 100_00, 100_00],
        [3, approved!.finess, 'revised', before.a.amounts['2024']! + 100_00, 100_00],
      ],
    );
  }
  // and the proposed one has its new 2024 with its 2025 kept; the approved one keeps its amounts,
  // with an avenant waiting for a reviewer
  const p = held(proposed!.id),
    a = held(approved!.id);
  assert.equal(p.amounts, { ...before.p.amounts, 2024: before.p.amounts['2024']! + 100_00 });
  assert.is(p.status, 'proposed');
  assert.equal([a.status, a.amounts], ['approved', before.a.amounts]);
  assert.equal(a.revision?.amounts, { ...before.a.amounts, 2024: before.a.amounts['2024']! + 100_00 });
  // the same sheet again changes nothing
  const again = (await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, sheet)).json;
  assert.equal([again.unchanged, again.updated, again.revised], [2, 0, 0]);
});

test('two rows for the same allocation, or a change that over-allocates: refused with their lines, nothing applied', async () => {
  const { app, store } = await setup();
  const before = planOf(store);
  const twice = ['FINESS;Action;Enveloppe;2024', '910000025;D1-AD;CARE-D1;10', '910000025;d1-ad;care-d1;20'].join('\n');
  const res = await upload(app, ACCOUNTS.planner, IMPORT, twice);
  assert.is(res.status, 422, res.text);
  assert.equal(
    res.json.errors.map((e: any) => e.path),
    ['ligne 3'],
  );
  assert.match(res.json.errors[0].message, /que la ligne 2 : une seule ligne par allocation/);
  // FIR-EXE-IDF has 225 000 € left on 2024: raising an existing allocation past it is refused
  const all = [...store.all('allocations')].filter((a) => a.status !== 'rejected');
  const single = (a: (typeof all)[number]) =>
    all.filter((b) => b.finess === a.finess && b.envelopeId === a.envelopeId && b.actionId === a.actionId).length === 1;
  const fir = all.find((a) => a.envelopeId === 'env-fir-exe-idf' && single(a))!;
  const over = [
    'FINESS;Action;Enveloppe;2024',
    `${fir.finess};${store.get('actions', fir.actionId)!.code};FIR-EXE-IDF;300000`,
  ].join('\n');
  const res2 = await upload(app, ACCOUNTS.planner, IMPORT, over);
  assert.is(res2.status, 422, res2.text);
  assert.match(res2.json.errors[0].message, /Dépassement de l'enveloppe FIR-EXE-IDF/);
  // an annual exercise funded one allocation a year: which one a row means is not guessed
  const annual = await upload(
    app,
    ACCOUNTS.planner,
    IMPORT,
    ['FINESS;Action;Enveloppe;2024', '780000022;EXE-CRISE;FIR-EXE-IDF;10000'].join('\n'),
  );
  assert.is(annual.status, 422, annual.text);
  assert.match(
    annual.json.errors[0].message,
    /Plusieurs allocations pour cet établissement, cette action et cette enveloppe \(al-fir-008, al-fir-012, al-fir-015, al-fir-018\)/,
  );
  assert.equal(planOf(store), before);
});

test('a row that would over-allocate its envelope: refused with its line, nothing applied', async () => {
  // Given FIR-EXE-IDF with 225 000 € left on 2024, and a sheet whose rows fit one by one but not together
  const { app, store } = await setup();
  const sheet = [
    'finess,action,enveloppe,2024',
    '920000015,EXE-CRISE,FIR-EXE-IDF,150000.00',
    '750000010,EXE-CRISE,FIR-EXE-IDF,"100,000.00"',
  ].join('\n');
  const before = planOf(store);
  // When the planner previews, then applies it
  const dry = await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, sheet);
  const res = await upload(app, ACCOUNTS.planner, IMPORT, sheet);
  // Then the preview names line 3 and the amount left, and the apply writes nothing at all
  assert.is(dry.status, 200);
  assert.is(dry.json.created, 1);
  assert.equal(
    dry.json.refused.map((r: any) => [r.line, r.finess]),
    [[3, '750000010']],
  );
  assert.match(dry.json.refused[0].reason, /Dépassement de l'enveloppe FIR-EXE-IDF : reste 75\s000,00\s€ sur 2024/);
  assert.is(res.status, 422, res.text);
  assert.is(res.json.detail, 'Import refusé : 1 ligne en erreur, rien n’a été enregistré.'); // French singular
  assert.equal(res.json.errors, [{ path: 'ligne 3', message: `750000010 : ${dry.json.refused[0].reason}` }]);
  assert.equal(planOf(store), before);
});

test('line-level errors: unknown codes, bad FINESS, bad amounts, earmarks', async () => {
  const { app } = await setup();
  const sheet = [
    'FINESS;Action;Enveloppe;2024;2025',
    '910000026;D1-AD;CARE-D1;10;',
    '910000025;XX;NOPE;10;',
    '780000022;D1-AD;CARE-D1;1.500;',
    '780000022;EDR;CARE-D1;10;',
    '780000022;D1-AD;CARE-D1;;',
  ].join('\n');
  const res = await upload(app, ACCOUNTS.planner, `${IMPORT}?dryRun=1`, sheet);
  assert.is(res.status, 200);
  assert.equal(
    res.json.refused.map((r: any) => r.line),
    [2, 3, 4, 5, 6],
  );
  const [luhn, codes, amount, earmark, empty] = res.json.refused.map((r: any) => r.reason);
  assert.match(luhn, /Luhn/);
  assert.match(codes, /Enveloppe « NOPE » inconnue.*Action « XX » inconnue/);
  assert.match(amount, /2 décimales au plus/);
  assert.match(earmark, /ne finance pas l'action EDR/);
  assert.match(empty, /Aucun montant/);
  // applied, the same sheet is refused whole, its count in the plural
  const applied = await upload(app, ACCOUNTS.planner, IMPORT, sheet);
  assert.is(applied.status, 422, applied.text);
  assert.is(applied.json.detail, 'Import refusé : 5 lignes en erreur, rien n’a été enregistré.');
});

test('XLSX works the same, number cells included; a missing column is a 400', async () => {
  const { app, store } = await setup();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dotations');
  ws.addRow([
    'Numéro FINESS ET',
    'Intitulé action',
    'Code action',
    'Code enveloppe',
    'Total 2023-2027',
    '2024',
    '2025',
  ]);
  ws.addRow([780000022, 'Sauvegardes', 'EDR', 'CARE-SOCLE', 9999, 1234.56, '2 000,10']);
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const res = await upload(
    app,
    ACCOUNTS.planner,
    IMPORT,
    bytes,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  assert.is(res.status, 201, res.text);
  const a = [...store.all('allocations')].find(
    (x) => x.finess === '780000022' && x.actionId === 'act-edr' && x.envelopeId === 'env-care-socle',
  );
  assert.equal(a?.amounts, { 2024: 123456, 2025: 200010 });
  const bad = await upload(app, ACCOUNTS.planner, IMPORT, 'finess;2024\n780000022;10');
  assert.is(bad.status, 400);
  assert.match(bad.json.detail, /Code action, Code enveloppe/);
});

test('only planners import allocations', async () => {
  const { app } = await setup();
  assert.is((await upload(app, ACCOUNTS.reviewer, IMPORT, GOOD)).status, 403);
  assert.is((await upload(app, 'etab.versailles@jalon.test', IMPORT, GOOD)).status, 403);
});

test.run();
