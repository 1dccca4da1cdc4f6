// Hand-made zips and workbooks for the upload-limit suites: what a forger can write (a declared
// size that lies, a part that inflates a thousand times), which a spreadsheet program never does.
import { constants, deflateRawSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Uint8Array) => {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

export interface Part {
  name: string;
  /** The part's text, or pieces each repeated so many times: a piece is deflated once and its
   *  blocks repeated, which is how 2 MB unpack to 400 MB in no time (the CRC is then left at 0:
   *  the reader refuses such a part before any check). */
  text: string | Array<[piece: string, times: number]>;
  /** Uncompressed size written in the headers instead of the true one. */
  declaredSize?: number;
}

const deflated = (text: Part['text']): { data: Buffer; size: number; crc: number } => {
  if (typeof text === 'string') {
    const raw = Buffer.from(text, 'utf8');
    return { data: deflateRawSync(raw, { level: 9 }), size: raw.length, crc: crc32(raw) };
  }
  // non-final blocks ending on a byte boundary (sync flush) concatenate, then one empty final block
  const blocks: Buffer[] = [];
  let size = 0;
  for (const [piece, times] of text) {
    const raw = Buffer.from(piece, 'utf8');
    const block = deflateRawSync(raw, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
    for (let i = 0; i < times; i++) blocks.push(block);
    size += raw.length * times;
  }
  return { data: Buffer.concat([...blocks, deflateRawSync(Buffer.alloc(0))]), size, crc: 0 };
};

/** A zip of deflated parts; `declaredSize` replaces the true uncompressed size in both headers. */
export const zip = (parts: Part[]): Uint8Array<ArrayBuffer> => {
  const locals: Buffer[] = [],
    centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const { data, size: trueSize, crc } = deflated(p.text);
    const name = Buffer.from(p.name, 'utf8');
    const size = p.declaredSize ?? trueSize;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const col = (i: number) =>
  i < 26
    ? String.fromCharCode(65 + i)
    : `${String.fromCharCode(64 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;

/** One row of inline-string cells, as the sheet XML writes it. */
export const sheetRow = (r: number, cells: readonly string[]) =>
  `<row r="${r}">${cells.map((v, i) => `<c r="${col(i)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`;

const SHEET_START =
  '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_END = '</sheetData></worksheet>';

/** A minimal workbook whose first sheet holds `rows` (<row> elements, or pieces repeated). */
export const workbook = (rows: string | Array<[string, number]>, declaredSize?: number): Uint8Array<ArrayBuffer> =>
  zip([
    {
      name: '[Content_Types].xml',
      text: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: 'xl/workbook.xml',
      text: '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      text:
        typeof rows === 'string' ? `${SHEET_START}${rows}${SHEET_END}` : [[SHEET_START, 1], ...rows, [SHEET_END, 1]],
      declaredSize,
    },
  ]);

/** The workbook of the issue: 1,000,000 rows of 10 inline strings (420 MB of XML in ~2.5 MB). */
export const bombWorkbook = () =>
  workbook([[`<row>${'<c t="inlineStr"><is><t>x</t></is></c>'.repeat(10)}</row>`.repeat(10_000), 100]]);

export const HEADER = ['FINESS', 'Code action', 'Code enveloppe', '2024'];
