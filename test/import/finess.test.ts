import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFinessLine, sectorOf } from '../../server/domain/import-finess.js';
import { regionOf, REGION_OF_DEPARTEMENT } from '../../server/domain/regions.js';
import { emptyData } from '../../server/store/schema.js';
import { ACCOUNTS, demoData, setup } from '../helpers/app.js';
import { upload } from './raw.js';

const SAMPLE = readFileSync(new URL('../fixtures/finess-sample.csv', import.meta.url));
const FINESS = '/api/import/finess';

/** Jalon as a planner finds it on day one: accounts, and nothing else. */
const usersOnly = async () => {
  const demo = await demoData();
  const data = emptyData();
  data.collections.users = demo.collections.users;
  return data;
};

test('dry run of the sample: accents right, sectors and regions mapped, refusals with their line', async () => {
  // Given an empty Jalon
  const { app, store } = await setup(usersOnly);
  const before = store.exportData(),
    events = (await store.auditEvents()).length;
  // When a planner sends the Latin-1 sample as a dry run
  const res = await upload(app, ACCOUNTS.planner, `${FINESS}?dryRun=1`, SAMPLE);
  // Then it tells what would be created, and nothing is written
  assert.is(res.status, 200, res.text);
  const r = res.json;
  assert.is(r.dryRun, true);
  assert.is(r.lines, 13);
  assert.is(r.created, 7);
  assert.is(r.updated, 0);
  assert.is(r.unchanged, 0);
  assert.equal(r.skipped, { geolocalisation: 2, category: 1, other: 0 });
  assert.equal(
    r.refused.map((x: any) => [x.line, x.finess]),
    [
      [11, '750800016'],
      [13, '975000019'],
    ],
  );
  assert.match(r.refused[0].reason, /Luhn/);
  assert.match(r.refused[1].reason, /ARS/);
  const byFiness = Object.fromEntries(r.changes.created.map((e: any) => [e.finess, e]));
  assert.equal(byFiness['780800041'], {
    finess: '780800041',
    finessEj: '780780045',
    name: 'Centre hospitalier de Versailles — André Mignot',
    region: '11',
    category: 'public',
  });
  assert.is(byFiness['971780010'].region, '01');
  assert.is(byFiness['2A0000016'].region, '94');
  assert.is(byFiness['2A0000016'].name, "Centre hospitalier d'Ajaccio — Notre-Dame de la Miséricorde");
  assert.is(byFiness['976080010'].region, '06');
  assert.is(byFiness['940800014'].category, 'private_nonprofit'); // CLCC
  assert.is(byFiness['920800018'].category, 'private_nonprofit'); // ESPIC
  assert.is(byFiness['920800018'].name, 'Hôpital Foch');
  assert.is(byFiness['910800010'].category, 'private_forprofit'); // OQN
  assert.equal(r.regionsCreated, ['01', '06', '11', '94']);
  for (const k of ['regions', 'establishments'] as const)
    assert.equal(store.exportData().collections[k], before.collections[k]);
  assert.is((await store.auditEvents()).length, events);
});

test('applying imports everything at once; the same file again changes nothing', async () => {
  const { app, store } = await setup(usersOnly);
  const first = await upload(app, ACCOUNTS.planner, FINESS, SAMPLE, 'application/octet-stream');
  assert.is(first.status, 200, first.text);
  assert.is(first.json.created, 7);
  assert.is(store.count('establishments'), 7);
  assert.is(store.get('establishments', '780800041')?.name, 'Centre hospitalier de Versailles — André Mignot');
  assert.is(store.get('establishments', '780800041')?.priority, false);
  assert.is(store.get('regions', '94')?.name, 'Corse');
  const audited = (await store.auditEvents()).length;
  const before = store.exportData().collections.establishments;
  // When the same file is imported again
  const again = await upload(app, ACCOUNTS.planner, FINESS, SAMPLE);
  // Then nothing is created or updated, and no write happened
  assert.equal([again.json.created, again.json.updated, again.json.unchanged], [0, 0, 7]);
  assert.is((await store.auditEvents()).length, audited);
  assert.equal(store.exportData().collections.establishments, before);
});

test('an establishment known to Jalon is updated from FINESS, keeping its priority and GHT', async () => {
  const { app, store } = await setup(usersOnly);
  await upload(app, ACCOUNTS.planner, FINESS, SAMPLE);
  await store.transact({ now: '2026-11-29T10:00:00.000Z' }, (tx) => {
    const cur = tx.get('establishments', '780800041')!;
    tx.put('establishments', { ...cur, name: 'CH Versailles (ancien nom)', priority: true, ght: 'GHT Yvelines Sud' });
  });
  const res = await upload(app, ACCOUNTS.planner, `${FINESS}?dryRun=1`, SAMPLE);
  assert.equal([res.json.created, res.json.updated, res.json.unchanged], [0, 1, 6]);
  assert.equal(res.json.changes.updated, [
    { finess: '780800041', name: 'Centre hospitalier de Versailles — André Mignot', fields: ['name'] },
  ]);
  await upload(app, ACCOUNTS.planner, FINESS, SAMPLE);
  const e = store.get('establishments', '780800041')!;
  assert.equal(
    [e.name, e.priority, e.ght],
    ['Centre hospitalier de Versailles — André Mignot', true, 'GHT Yvelines Sud'],
  );
});

test('the kept categories are a parameter', async () => {
  const { app } = await setup(usersOnly);
  const res = await upload(app, ACCOUNTS.planner, `${FINESS}?dryRun=1&categories=1101,4401`, SAMPLE);
  assert.is(res.status, 200, res.text);
  assert.equal(
    res.json.changes.created.map((e: any) => e.finess),
    ['971780010'],
  );
  // an EHPAD has no hospital sector in FINESS: refused rather than guessed
  assert.equal(
    res.json.refused.map((x: any) => [x.line, x.finess]),
    [[10, '780800124']],
  );
  assert.match(res.json.refused[0].reason, /Secteur/);
  const bad = await upload(app, ACCOUNTS.planner, `${FINESS}?categories=CH`, SAMPLE);
  assert.is(bad.status, 400);
});

test('progress=1 answers NDJSON: progress lines, then the result', async () => {
  const { app } = await setup(usersOnly);
  const res = await upload(app, ACCOUNTS.planner, `${FINESS}?dryRun=1&progress=1`, SAMPLE);
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type')!, /application\/x-ndjson/);
  const lines = res.text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.ok(lines.length >= 2);
  assert.is(lines.at(-2).type, 'progress');
  assert.is(lines.at(-2).lines, 13);
  assert.is(lines.at(-2).bytes, SAMPLE.byteLength);
  assert.is(lines.at(-1).type, 'result');
  assert.is(lines.at(-1).created, 7);
});

test('only planners import; other bodies are refused', async () => {
  const { app } = await setup();
  assert.is((await upload(app, ACCOUNTS.reviewer, FINESS, SAMPLE)).status, 403);
  assert.is((await upload(app, 'etab.versailles@jalon.test', FINESS, SAMPLE)).status, 403);
  assert.is((await upload(app, ACCOUNTS.planner, FINESS, '{}', 'application/json')).status, 400);
  assert.is((await upload(app, ACCOUNTS.planner, FINESS, '')).status, 400);
});

test('a file larger than 1 MB is accepted on the import route only', async () => {
  const { app } = await setup(usersOnly);
  const big = Buffer.concat([SAMPLE, Buffer.from(`${'geolocalisation;x;0;0;;\n'.repeat(60_000)}`, 'latin1')]);
  assert.ok(big.byteLength > 1024 * 1024);
  const res = await upload(app, ACCOUNTS.planner, `${FINESS}?dryRun=1`, big, 'text/csv', {
    'content-length': String(big.byteLength),
  });
  assert.is(res.status, 200, res.text.slice(0, 200));
  assert.is(res.json.created, 7);
  const elsewhere = await upload(app, ACCOUNTS.planner, '/api/envelopes', big, 'application/json', {
    'content-length': String(big.byteLength),
  });
  assert.is(elsewhere.status, 413);
});

test('lines: wrong field count is refused, other tags ignored', () => {
  assert.is(readFinessLine('structureet;780800041;x', 5).kind, 'refused');
  assert.is(readFinessLine('structureej;780800041', 5).kind, 'skipped');
  assert.is(readFinessLine('', 5).kind, 'skipped');
});

test('every département has a region; overseas by number or by FINESS code', () => {
  const deps = [
    ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20'),
    '2A',
    '2B',
  ];
  for (const d of deps) assert.ok(REGION_OF_DEPARTEMENT.get(d), d);
  assert.equal(
    ['971', '972', '973', '974', '976', '9A', '9B', '9C', '9D', '9F'].map((d) => regionOf(d, '')),
    ['01', '02', '03', '04', '06', '01', '02', '03', '04', '06'],
  );
  assert.is(regionOf('', '971780010'), '01');
  assert.is(regionOf('9E', '975000019'), undefined);
  assert.is(regionOf('', '2B0000016'), '94');
});

test('sector: law first, then labels, then codesph', () => {
  assert.is(sectorOf('1102', '', '', ''), 'public');
  assert.is(sectorOf('1105', '', '', ''), 'private_nonprofit');
  assert.is(sectorOf('1109', '', 'Etablissement privé non PSPH', ''), 'private_forprofit');
  assert.is(sectorOf('1109', '', "Etablissement de santé privé d'intérêt collectif", ''), 'private_nonprofit');
  assert.is(sectorOf('1109', '1', '', ''), 'public');
  assert.is(sectorOf('1109', '', '', ''), undefined);
});

test.run();
