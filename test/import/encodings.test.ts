// Files nobody says the encoding of: French Excel's CSV (Windows-1252, no BOM), « CSV UTF-8 »
// (with a BOM) and UTF-8 without one all read the same, for allocation sheets and the FINESS extract.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeText, decodeWindows1252, SniffingDecoder } from '../../server/lib/text-decoding.js';
import { ACCOUNTS, setup } from '../helpers/app.js';
import { upload } from './raw.js';

/** The bytes French Excel writes, spelled out (not computed by the code under test). */
const CP1252: Record<string, number> = {
  é: 0xe9,
  É: 0xc9,
  è: 0xe8,
  ô: 0xf4,
  ç: 0xe7,
  '\u00a0': 0xa0,
  '€': 0x80,
  '’': 0x92,
  œ: 0x9c,
  '—': 0x97,
  Œ: 0x8c,
  '°': 0xb0,
  û: 0xfb,
};
const cp1252 = (s: string) =>
  Buffer.from(
    [...s].map((ch) => {
      if (ch.charCodeAt(0) < 0x80) return ch.charCodeAt(0);
      const b = CP1252[ch];
      if (b === undefined) throw new Error(`no cp1252 byte for ${ch} in this test`);
      return b;
    }),
  );
const utf8 = (s: string, bom = false) => Buffer.from(`${bom ? '\uFEFF' : ''}${s}`, 'utf8');
/** A stream cut into pieces of `size` bytes, to cut sequences and the BOM in two. */
const pieces = (bytes: Uint8Array, size: number) => {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
};
const decodeInPieces = (bytes: Uint8Array, size: number) => {
  const d = new SniffingDecoder();
  return (
    pieces(bytes, size)
      .map((p) => d.decode(p))
      .join('') + d.decode()
  );
};

const NAME = 'Hôpital d’Évry — Œuvre sœur, coût 1 234,56 €';

test('Windows-1252: the 32 bytes where it differs from Latin-1, and the accented letters', () => {
  assert.is(decodeWindows1252(Uint8Array.from([0x80, 0x92, 0x9c, 0x97, 0xe9, 0xc9, 0x41])), '€’œ—éÉA');
  // the same table as ICU's streaming decoder, byte for byte
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const icu = new TextDecoder('windows-1252').decode(all, { stream: true });
  assert.is(decodeWindows1252(all), icu);
});

test('the encoding is found from the bytes: BOM → UTF-8, valid UTF-8 → UTF-8, else Windows-1252', () => {
  const csv = `FINESS;Établissement;Montant\r\n910000025;${NAME};1 234,56 €\r\n`;
  assert.equal(decodeText(cp1252(csv)), { text: csv, encoding: 'windows-1252' });
  assert.equal(decodeText(utf8(csv)), { text: csv, encoding: 'utf-8' });
  assert.equal(decodeText(utf8(csv, true)), { text: csv, encoding: 'utf-8' }, 'the BOM is not text');
  assert.equal(decodeText(utf8('FINESS;2024\r\n')), { text: 'FINESS;2024\r\n', encoding: 'utf-8' });
  // a long ASCII start does not decide: the first accent does
  const late = `${'910000025;D1-AD;CARE-D1;10\r\n'.repeat(5000)}780000022;${NAME}\r\n`;
  assert.equal(decodeText(cp1252(late)).encoding, 'windows-1252');
  assert.is(decodeText(cp1252(late)).text, late);
  // piece by piece, with sequences, the BOM and the first accent cut anywhere
  for (const size of [1, 2, 3, 5, 7, 64])
    for (const bytes of [cp1252(csv), utf8(csv), utf8(csv, true)])
      assert.is(decodeInPieces(bytes, size), csv, `pieces of ${size}`);
});

test('a file that starts in UTF-8 and goes on in Windows-1252 is refused, not read as garbage', () => {
  const d = new SniffingDecoder();
  assert.is(d.decode(utf8('Évry;1\n')), 'Évry;1\n');
  assert.throws(() => d.decode(cp1252('Créteil;2\n')), /UTF-8 puis/);
});

const IMPORT = '/api/import/allocations?dryRun=1';
// one good row, amounts with « € » and a no-break space; one refused row whose codes quote accents
const SHEET = [
  'N° FINESS;Établissement;Code action;Code enveloppe;2024;2025',
  `910000025;${NAME};D1-AD;CARE-D1;1\u00a0234,56 €;10 000 €`,
  '780000022;CH de Rambouillet — l’hôpital;Sécurité’s;CARE-D1;5 €;',
].join('\r\n');

test('allocation sheet: Windows-1252, UTF-8 with and without BOM give the same simulation', async () => {
  const { app } = await setup();
  const reports = [];
  for (const body of [cp1252(SHEET), utf8(SHEET, true), utf8(SHEET)]) {
    const res = await upload(app, ACCOUNTS.planner, IMPORT, body);
    assert.is(res.status, 200, res.text);
    for (const row of res.json.changes.items) delete row.allocationId; // a new id each time
    reports.push(res.json);
  }
  const r = reports[0];
  assert.equal([r.created, r.createdCents, r.refusedCount], [1, 123456 + 1000000, 1]);
  assert.equal(r.refused, [
    { line: 3, finess: '780000022', reason: 'Action « Sécurité’s » inconnue (code attendu, ex. D1-AD).' },
  ]);
  assert.is(r.changes.items[0].totalCents, 123456 + 1000000, 'amounts with « € » and a no-break space');
  assert.equal(reports[1], r);
  assert.equal(reports[2], r);
});

test('FINESS extract: the Latin-1 sample and a copy re-saved in UTF-8 (with or without BOM) read the same', async () => {
  const sample = readFileSync(new URL('../fixtures/finess-sample.csv', import.meta.url));
  const text = new TextDecoder('windows-1252').decode(sample, { stream: true });
  assert.ok(text.includes('—'), 'the sample holds a Windows-1252 byte of 0x80-0x9F');
  const { app } = await setup();
  const reports = [];
  for (const body of [sample, utf8(text), utf8(text, true)]) {
    const res = await upload(app, ACCOUNTS.planner, '/api/import/finess?dryRun=1', body);
    assert.is(res.status, 200, res.text);
    reports.push(res.json);
  }
  const names = reports[0].changes.created.map((e: { name: string }) => e.name);
  assert.ok(names.includes('Centre hospitalier de Versailles — André Mignot'), names.join('\n'));
  assert.equal(reports[1], reports[0]);
  assert.equal(reports[2], reports[0]);
});

test.run();
