// The allocation sheet's template, CSV (French Excel: BOM, « ; ») or XLSX: the header the importer
// reads, nothing else, so that it imports as it is (nothing to do) and with rows added. The XLSX
// adds two sheets listing the envelope and action codes (the importer reads the first sheet only).
import { Hono } from 'hono';
import { TEMPLATE_COLUMNS } from '../domain/import-allocations.js';
import { toCsv } from '../lib/csv.js';
import { toXlsx, XLSX_TYPE } from '../lib/xlsx.js';
import type { AppEnv, Ctx } from './context.js';

const NAME = 'modele-allocations';
const STATUS = { committed: 'Engagée', announced: 'Annoncée' } as const;

const attachment = (ext: string) => ({
  'Content-Disposition': `attachment; filename="${NAME}.${ext}"`,
  'Cache-Control': 'no-store',
});

const codeSheets = (c: Ctx) => {
  const plan = c.get('store').plan;
  const t = (text: string) => ({ text });
  const byCode = <T extends { code: string }>(a: T, b: T) => a.code.localeCompare(b.code);
  return [
    {
      name: 'Enveloppes',
      header: ['Code enveloppe', 'Intitulé', 'Statut'],
      rows: [...plan.envelopes.values()].sort(byCode).map((e) => [t(e.code), t(e.name), t(STATUS[e.status])]),
    },
    {
      name: 'Actions',
      header: ['Code action', 'Intitulé', 'Axe'],
      rows: [...plan.actions.values()]
        .filter((a) => !a.retiredAt)
        .sort(byCode)
        .map((a) => [t(a.code), t(a.title), { int: a.axis }]),
    },
  ];
};

export const importTemplateRoutes = () =>
  new Hono<AppEnv>()
    .get('/allocations/template.csv', (c) =>
      c.body(toCsv(TEMPLATE_COLUMNS, []), 200, { ...attachment('csv'), 'Content-Type': 'text/csv; charset=utf-8' }),
    )
    .get('/allocations/template.xlsx', async (c) =>
      c.body(await toXlsx([{ name: 'Allocations', header: TEMPLATE_COLUMNS, rows: [] }, ...codeSheets(c)]), 200, {
        ...attachment('xlsx'),
        'Content-Type': XLSX_TYPE,
      }),
    );
