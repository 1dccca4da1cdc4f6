// XLSX through exceljs: one sheet per table with a bold frozen header row, money as real number
// cells in euros with a euro format, text neutralised like CSV; and a reader of a first sheet.
import ExcelJS from 'exceljs';
import type { Cell } from './csv.js';
import { neutralise } from './csv.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EURO_FORMAT = '#,##0.00\\ "€";-#,##0.00\\ "€"';

export interface Sheet { name: string; header: readonly string[]; rows: readonly Cell[][] }

export const toXlsx = async (sheets: readonly Sheet[]): Promise<Uint8Array<ArrayBuffer>> => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jalon';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(s.header.map(neutralise)).font = { bold: true };
    for (const r of s.rows) {
      const row = ws.addRow(r.map((c) => ('text' in c ? neutralise(c.text) : 'cents' in c ? c.cents / 100 : c.int)));
      r.forEach((c, i) => { if ('cents' in c) row.getCell(i + 1).numFmt = EURO_FORMAT; });
    }
    s.header.forEach((h, i) => { ws.getColumn(i + 1).width = Math.min(60, Math.max(12, h.length + 2)); });
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
};

export type CellValue = string | number | null;
export interface SheetRow { line: number; cells: CellValue[] }

/** First worksheet's rows as plain values (formulas give their cached result, dates ISO strings). */
export const readXlsx = async (bytes: Uint8Array): Promise<SheetRow[]> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: CellValue[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(plain(row.getCell(i).value));
    rows.push({ line, cells });
  });
  return rows;
};

const plain = (v: ExcelJS.CellValue): CellValue => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('result' in v) return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return String(v.text);
  return null;
};
