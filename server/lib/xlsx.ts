// XLSX through exceljs: one sheet per table with a bold frozen header row, money as real number
// cells in euros with a euro format, dates as real date cells (dd/mm/yyyy), text neutralised like
// CSV. Reading is xlsx-reader.ts's.
import ExcelJS from 'exceljs';
import type { Cell } from './csv.js';
import { neutralise } from './csv.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EURO_FORMAT = '#,##0.00\\ "€";-#,##0.00\\ "€"';
export const DATE_FORMAT = 'dd/mm/yyyy';
/** A ratio shown as a percentage to a tenth (French Excel reads « 12,3 % »). */
export const PERCENT_FORMAT = '0.0\\ %';

/** Days since 1899-12-30, the serial number a spreadsheet stores for a date (1900 date system),
 *  from the ISO day alone: no time zone can move it to the day before. */
export const excelSerial = (iso: string): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - Date.UTC(1899, 11, 30)) / 86_400_000;
};

const valueOf = (c: Cell): string | number | null =>
  'text' in c
    ? neutralise(c.text)
    : 'cents' in c
      ? c.cents / 100
      : 'date' in c
        ? excelSerial(c.date)
        : 'tenthsOfPercent' in c
          ? c.tenthsOfPercent / 1000
          : c.int;

export interface Sheet {
  name: string;
  header: readonly string[];
  rows: readonly Cell[][];
}

export const toXlsx = async (sheets: readonly Sheet[]): Promise<Uint8Array<ArrayBuffer>> => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jalon';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(s.header.map(neutralise)).font = { bold: true };
    for (const r of s.rows) {
      const row = ws.addRow(r.map(valueOf));
      r.forEach((c, i) => {
        if ('cents' in c) row.getCell(i + 1).numFmt = EURO_FORMAT;
        // a real date: the serial number with a date format (sorts, filters, computes like one)
        else if ('date' in c && c.date) row.getCell(i + 1).numFmt = DATE_FORMAT;
        else if ('tenthsOfPercent' in c) row.getCell(i + 1).numFmt = PERCENT_FORMAT;
      });
    }
    s.header.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.min(60, Math.max(12, h.length + 2));
    });
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
};
