// XLSX through exceljs: one sheet per table with a bold frozen header row, money as real number
// cells in euros with a euro format, text neutralised like CSV. Reading is xlsx-reader.ts's.
import ExcelJS from 'exceljs';
import type { Cell } from './csv.js';
import { neutralise } from './csv.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EURO_FORMAT = '#,##0.00\\ "€";-#,##0.00\\ "€"';

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
      const row = ws.addRow(r.map((c) => ('text' in c ? neutralise(c.text) : 'cents' in c ? c.cents / 100 : c.int)));
      r.forEach((c, i) => {
        if ('cents' in c) row.getCell(i + 1).numFmt = EURO_FORMAT;
      });
    }
    s.header.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.min(60, Math.max(12, h.length + 2));
    });
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
};
