// A comparison of scenarios as a spreadsheet (CSV for French Excel, or XLSX): one row per figure
// (dimension, key, label), one column per plan or scenario, in euros; then what remains on each
// envelope, each milestone's coverage, and every beneficiary that gains or loses.
import type { Comparison, CompareRow } from '../contract/scenarios.js';
import type { Cell } from '../lib/csv.js';
import type { Sheet } from '../lib/xlsx.js';
import type { Ctx } from './context.js';
import { send, type Format } from './exports.js';

const t = (text: string): Cell => ({ text });
const m = (cents: number): Cell => ({ cents });

export const comparisonSheet = (cmp: Comparison): Sheet => {
  const header = ['Dimension', 'Clé', 'Libellé', ...cmp.columns.map((c) => `${c.label} (€)`)];
  const rows: Cell[][] = [];
  const block = (dimension: string, list: readonly CompareRow[]) => {
    for (const r of list) rows.push([t(dimension), t(r.key), t(r.label), ...r.cents.map(m)]);
  };
  rows.push([t('Total'), t('TOTAL'), t('Total des enveloppes comparées'), ...cmp.totalCents.map(m)]);
  block('Enveloppe', cmp.byEnvelope);
  for (const e of cmp.byEnvelope)
    rows.push([t('Reste sur l’enveloppe'), t(e.key), t(e.label), ...e.remainingCents.map(m)]);
  block('Année', cmp.byYear);
  block('Région', cmp.byRegion);
  block('Catégorie', cmp.byCategory);
  block('Axe', cmp.byAxis);
  block('GHT', cmp.byGht);
  for (const c of cmp.coverage)
    rows.push([
      t('Couverture du jalon (% de la population)'),
      t(c.milestoneId),
      t(`${c.title} (${c.populationCount} établissements)`),
      ...c.share.map((s) => ({ tenthsOfPercent: Math.round(s * 1000) })),
    ]);
  for (const b of cmp.beneficiaries.items)
    rows.push([t('Bénéficiaire'), t(b.finess), t(b.name), m(b.planCents), ...b.cents.map(m)]);
  return { name: 'Comparaison', header, rows };
};

export const sendComparison = (c: Ctx, format: Format, cmp: Comparison) =>
  send(c, format, 'comparaison-scenarios', comparisonSheet(cmp));
