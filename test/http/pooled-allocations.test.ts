// Allocations to pooled regional resources beyond the single form: the allocation import (CSV and
// XLSX) names one by its SIRET in the beneficiary column (key checked, refusals per row naming
// FINESS or SIRET), bulk allocation funds pooled resources on request, and lists find them by name
// or SIRET. Exact cents on a small plan.
import ExcelJS from 'exceljs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { delegation, envelope, F1, F2, pooled, siretWithKey } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';
import { upload } from '../import/raw.js';

const IMPORT = '/api/import/allocations';
const GRADES = siretWithKey('1300000000001'); // Île-de-France
const CYBER = siretWithKey('8400000000002'); // Auvergne-Rhône-Alpes
const WRONG = `${GRADES.slice(0, 13)}${(Number(GRADES[13]) + 1) % 10}`;
const UNKNOWN = siretWithKey('7700000000003');
const spaced = (s: string) => `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`;

// ENV-A: 1 000,00 € (no split); Île-de-France delegated 300,00 € on 2024
const ctx = async () => {
  const s = await smallSetup({
    envelopes: [envelope()],
    pooled: [
      pooled(GRADES, { name: 'GRADeS Île-de-France', serves: [F1] }),
      pooled(CYBER, { name: 'Centre cyber ARA', region: '84', serves: [F2] }),
    ],
    delegations: [delegation('del-idf', { amounts: { '2024': 300_00 } })],
  });
  return { ...s, planner: s.as(USERS.planner) };
};

test('import: a SIRET in the FINESS column creates an allocation to the pooled resource (spaces allowed); a wrong key, an unknown SIRET, a number of neither length are refused per row naming the field; nothing written on refusal', async () => {
  const { app, store, planner } = await ctx();
  const allocations = () => JSON.stringify(store.exportData().collections.allocations);
  const before = allocations();
  const sheet = [
    'FINESS;Établissement;Code action;Code enveloppe;2024',
    `${spaced(GRADES)};GRADeS;ACT-AD;ENV-A;120,50`,
    `${F1};CH;ACT-AD;ENV-A;10`,
    `${WRONG};;ACT-AD;ENV-A;10`,
    `${UNKNOWN};;ACT-AD;ENV-A;10`,
    '123456789012;;ACT-AD;ENV-A;10',
  ].join('\r\n');
  {
    const dry = await upload(app, USERS.planner, `${IMPORT}?dryRun=1`, sheet);
    assert.is(dry.status, 200, dry.text);
    assert.equal(
      dry.json.refused.map((r: any) => [r.line, r.finess, r.reason]),
      [
        [4, WRONG, `SIRET ${WRONG} : Clé de contrôle (Luhn) du numéro SIRET incorrecte.`],
        [5, UNKNOWN, `Ressource mutualisée SIRET ${UNKNOWN} introuvable.`],
        [6, '123456789012', 'FINESS ou SIRET « 123456789012 » : un FINESS compte 9 caractères, un SIRET 14 chiffres.'],
      ],
    );
    const applied = await upload(app, USERS.planner, IMPORT, sheet);
    assert.is(applied.status, 422, applied.text);
    assert.is(allocations(), before, 'nothing written');
  }
  // the good rows alone: the pooled resource's row is named by its SIRET and marked pooled
  const good = sheet.split('\r\n').slice(0, 3).join('\r\n');
  const dry = await upload(app, USERS.planner, `${IMPORT}?dryRun=1`, good);
  assert.equal(
    dry.json.changes.items.map((r: any) => [r.finess, r.name, r.regionName, r.pooled ?? false, r.totalCents]),
    [
      [GRADES, 'GRADeS Île-de-France', 'Île-de-France', true, 120_50],
      [F1, `Établissement ${F1}`, 'Île-de-France', false, 10_00],
    ],
  );
  const res = await upload(app, USERS.planner, IMPORT, good);
  assert.is(res.status, 201, res.text);
  assert.equal([res.json.created, res.json.createdCents], [2, 130_50]);
  const list = await planner.get(`/api/allocations?finess=${GRADES}`);
  assert.equal(
    list.json.items.map((a: any) => [a.finess, a.amounts]),
    [[GRADES, { '2024': 120_50 }]],
  );
  // its row again, in a « SIRET » column, beyond Île-de-France's delegation (300,00 € on 2024, 10,00 €
  // to F1): refused with what remains; 290,00 € fits
  const again = (euros: string) =>
    upload(
      app,
      USERS.planner,
      `${IMPORT}?dryRun=1`,
      `SIRET;Code action;Code enveloppe;2024\r\n${GRADES};ACT-AD;ENV-A;${euros}`,
    );
  const over = await again('290,01');
  assert.is(over.status, 200, over.text);
  assert.equal(over.json.refused.length, 1, over.text);
  assert.match(over.json.refused[0].reason, /sur la délégation Île-de-France 2024/);
  assert.equal((await again('290,00')).json.updated, 1);
});

test('import XLSX: a SIRET as a number cell reads as its 14 digits; a FINESS with a wrong key is refused naming FINESS', async () => {
  const { app } = await ctx();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dotations');
  ws.addRow(['Bénéficiaire', 'Code action', 'Code enveloppe', '2024']);
  ws.addRow([Number(CYBER), 'ACT-AD', 'ENV-A', 250.25]);
  ws.addRow(['910000010', 'ACT-AD', 'ENV-A', 1]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const res = await upload(
    app,
    USERS.planner,
    `${IMPORT}?dryRun=1`,
    bytes,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  assert.is(res.status, 200, res.text);
  assert.equal(
    res.json.changes.items.map((r: any) => [r.line, r.finess, r.totalCents]),
    [[2, CYBER, 250_25]],
  );
  assert.equal(
    res.json.refused.map((r: any) => [r.line, r.reason]),
    [[3, 'FINESS 910000010 : Clé de contrôle (Luhn) du numéro FINESS incorrecte.']],
  );
});

test('bulk: beneficiaries « pooled » funds every pooled resource the filters match (region, SIRET search), « all » both kinds; category or priority filters leave pooled resources out; establishments by default', async () => {
  const { planner, store } = await ctx();
  await planner.get('/api/me'); // logged in before: a session is a write
  const bulk = (filter: object, dryRun = true) =>
    planner.post('/api/allocations/bulk', {
      envelopeId: 'env-a',
      actionId: 'act-ad',
      amounts: { '2024': 40_00 },
      dryRun,
      filter,
    });
  const keys = (r: any) => r.json.targets.items.map((t: any) => [t.finess, t.pooled ?? false]);
  await unchanged(store, async () => {
    const pooledOnly = await bulk({ beneficiaries: 'pooled' });
    assert.is(pooledOnly.status, 200, JSON.stringify(pooledOnly.json));
    assert.equal([pooledOnly.json.count, pooledOnly.json.totalCents], [2, 80_00]);
    // by SIRET
    assert.equal(keys(pooledOnly), [
      [GRADES, true],
      [CYBER, true],
    ]);
    assert.equal(keys(await bulk({ beneficiaries: 'pooled', q: CYBER.slice(0, 6) })), [[CYBER, true]]);
    assert.equal(keys(await bulk({ beneficiaries: 'pooled', q: 'gradés' })), [[GRADES, true]]);
    const idf = await bulk({ beneficiaries: 'all', region: '11' });
    assert.equal(idf.json.count, 4); // F1, EJ, SITE and the GRADeS
    assert.ok(keys(idf).some(([k]: [string]) => k === GRADES));
    assert.equal((await bulk({ beneficiaries: 'all', region: '11', category: 'public' })).json.count, 1);
    assert.equal((await bulk({ beneficiaries: 'pooled', priority: false })).json.count, 2);
    assert.equal((await bulk({ beneficiaries: 'pooled', priority: true })).json.count, 0);
    assert.not.ok(keys(await bulk({})).some(([, p]: [string, boolean]) => p));
    isProblem(await bulk({ beneficiaries: 'siret' }), 400, 'filter.beneficiaries');
    // nothing matches: refused, naming pooled resources
    const none = await bulk({ beneficiaries: 'pooled', region: '94' }, false);
    isProblem(none, 422);
    assert.match(none.json.detail, /^Aucune ressource mutualisée ne correspond/);
  });
  const done = await bulk({ beneficiaries: 'pooled' }, false);
  assert.is(done.status, 201, JSON.stringify(done.json));
  assert.equal(done.json, { count: 2, totalCents: 80_00 });
  // a second time, both are skipped
  const again = await bulk({ beneficiaries: 'pooled' });
  assert.equal(
    [again.json.count, again.json.skipped, again.json.skippedList.items.map((s: any) => s.name)],
    [0, 2, ['GRADeS Île-de-France', 'Centre cyber ARA']],
  );
});

test('lists: pooled resources found by name (accents aside) or part of their SIRET; allocations to them found by q', async () => {
  const { planner } = await ctx();
  const names = async (q: string) =>
    (await planner.get(`/api/pooled-resources?q=${encodeURIComponent(q)}`)).json.items.map((p: any) => p.siret);
  assert.equal(await names('grades'), [GRADES]);
  assert.equal(await names(CYBER.slice(0, 5)), [CYBER]);
  assert.equal(await names('nope'), []);
  const al = await planner.post('/api/allocations', {
    envelopeId: 'env-a',
    finess: GRADES,
    actionId: 'act-ad',
    amounts: { '2024': 10_00 },
  });
  assert.is(al.status, 201, JSON.stringify(al.json));
  const found = await planner.get('/api/allocations?q=GRADeS');
  assert.is(found.status, 200, JSON.stringify(found.json));
  assert.equal(
    found.json.items.map((a: any) => a.id),
    [al.json.id],
  );
  isProblem(
    await planner.post('/api/allocations', {
      envelopeId: 'env-a',
      finess: UNKNOWN,
      actionId: 'act-ad',
      amounts: { '2024': 1 },
    }),
    422,
    'finess',
  );
});

test.run();
