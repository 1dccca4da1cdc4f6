// Exports for spreadsheets: allocations, payments, the variance report and an establishment's
// awards, as CSV (French Excel) or XLSX; same filters as the lists, same scope as the user.
import { Hono } from 'hono';
import { ALLOCATION_STATUS_LABELS as STATUS, CATEGORY_LABELS as CATEGORY } from '../../shared/labels.js';
import { PLAN_YEARS } from '../../shared/years.js';
import { approvedAmounts } from '../../shared/amounts.js';
import { beneficiaryOf, NO_GHT, POOLED_GROUP } from '../domain/beneficiary.js';
import { GHT_LABELS } from '../domain/dashboard-ghts.js';
import { notFound } from '../domain/errors.js';
import { amountOf, sumAmounts } from '../domain/money.js';
import { paidCentsOf, type PlanState } from '../domain/plan.js';
import { toCsv, type Cell } from '../lib/csv.js';
import { toXlsx, XLSX_TYPE, type Sheet } from '../lib/xlsx.js';
import { allocationSpec } from './allocations.js';
import { todayOf, type AppEnv, type Ctx } from './context.js';
import { awardsFor } from './establishments.js';
import { paymentSpec } from './payments.js';
import { matching } from './resource.js';
import { dashboardGhtsOf, dashboardOf } from './dashboard.js';
import { delegationsSheet } from './delegation-sheets.js';
import { parisDay } from '../../shared/dates.js';
import { VARIANCE_TOTALS, varianceColumns, varianceScope, type VarianceKey } from '../../shared/variance.js';

export type Format = 'csv' | 'xlsx';
const FORMATS: readonly Format[] = ['csv', 'xlsx'];

const t = (text: string | undefined): Cell => ({ text: text ?? '' });
const m = (cents: number): Cell => ({ cents });
/** A day (AAAA-MM-JJ) as a date cell: dd/mm/yyyy in CSV, a real date in XLSX. */
const d = (day: string | undefined): Cell => ({ date: day ?? '' });
/** The day of an instant (ISO date-time) in France, where the decisions are taken. */
const dayOf = (instant: string | undefined): Cell => d(instant ? parisDay(instant) : '');

/** The variance sheet's codes of the GHT rows that are no GHT. */
const GHT_CODES: Record<string, string> = { [NO_GHT]: 'HORS-GHT', [POOLED_GROUP]: 'MUTUALISÉES' };

/** A GHT's name by its code (an establishment carries the code). */
const ghtNames = (plan: PlanState): Map<string, string> =>
  new Map([...plan.ghts.values()].map((g) => [g.code, g.name]));

const allocationsSheet = (c: Ctx): Sheet => {
  const plan = c.get('store').plan;
  const header = [
    'FINESS',
    'Établissement',
    'Région',
    'Catégorie',
    'Enveloppe',
    'Action',
    'Intitulé de l’action',
    'Statut',
    ...PLAN_YEARS.map((y) => `${y} (€)`),
    'Total (€)',
    'Approuvé (€)',
    'Versé (€)',
    'Reste à payer (€)',
    'Approuvée le',
    'Référence',
    // last, so that the columns before keep their place in the sheets built on them
    'GHT',
  ];
  const ghtName = ghtNames(plan);
  const rows = matching(c, allocationSpec).map((a) => {
    // the beneficiary: an establishment (FINESS) or a pooled regional resource (SIRET)
    const e = beneficiaryOf(plan, a.finess),
      act = plan.actions.get(a.actionId);
    const approved = sumAmounts(approvedAmounts(a)),
      paid = paidCentsOf(plan, a.id);
    return [
      t(a.finess),
      t(e?.name),
      t(plan.regions.get(e?.region ?? '')?.name ?? e?.region),
      t(e?.category ? CATEGORY[e.category] : e ? GHT_LABELS.pooled : ''),
      t(plan.envelopes.get(a.envelopeId)?.code),
      t(act?.code),
      t(act?.title),
      t(STATUS[a.status]),
      ...PLAN_YEARS.map((y) => m(amountOf(a.amounts, y))),
      m(sumAmounts(a.amounts)),
      m(approved),
      m(paid),
      m(approved - paid),
      a.status === 'approved' ? dayOf(a.approvedAt) : d(''),
      t(a.id),
      t(e?.ght ? (ghtName.get(e.ght) ?? e.ght) : ''),
    ];
  });
  return { name: 'Dotations', header, rows };
};

/** Every movement of the ledger: payments, and the counter-entries that cancel some (negative,
 *  with their reason and the payment they cancel, right after it); the amounts add up to the net. */
const paymentsSheet = (c: Ctx): Sheet => {
  const plan = c.get('store').plan;
  const staff = !c.get('scope');
  const header = [
    'Date de versement',
    'FINESS',
    'Établissement',
    'Enveloppe',
    'Action',
    'Tranche',
    'Montant (€)',
    'Allocation',
    'Référence',
    'Mouvement',
    'Versement annulé',
    'Annulé par',
    'Motif d’annulation',
    'Saisi le',
    // an establishment does not read the staff's e-mail addresses
    ...(staff ? ['Saisi par'] : []),
  ];
  const rows = matching(c, paymentSpec).map((p) => {
    const a = plan.allocations.get(p.allocationId);
    return [
      d(p.paidOn),
      t(a?.finess),
      t(beneficiaryOf(plan, a?.finess ?? '')?.name),
      t(plan.envelopes.get(a?.envelopeId ?? '')?.code),
      t(plan.actions.get(a?.actionId ?? '')?.code),
      t(p.tranche),
      m(p.amountCents),
      t(p.allocationId),
      t(p.id),
      t(p.cancelsId ? 'Annulation' : p.cancelledBy ? 'Versement annulé' : 'Versement'),
      t(p.cancelsId),
      t(p.cancelledBy),
      t(p.reason),
      dayOf(p.createdAt),
      ...(staff ? [t(p.createdBy)] : []),
    ];
  });
  return { name: 'Versements', header, rows };
};

/** The dashboard's variance table, by envelope then by region, each with a total: the screen's
 *  columns (shared/variance.ts), national or the filter's, after a « Vue » and a « Code ». */
const varianceSheet = (c: Ctx): Sheet => {
  const d = dashboardOf(c);
  const plan = c.get('store').plan;
  const region = c.req.query('region'),
    axis = c.req.query('axis');
  const scope = varianceScope(region ? (plan.regions.get(region)?.name ?? region) : undefined, axis || undefined);
  const cols = varianceColumns('envelope', scope).slice(1);
  const regionKeys = new Set(varianceColumns('region', scope).map((col) => col.key));
  const header = ['Vue', 'Code', 'Libellé', ...cols.map((col) => `${col.header} (${col.key === 'rate' ? '%' : '€'})`)];
  type Line = {
    allocatedCents: number;
    approvedCents: number;
    paidCents: number;
    totalCents?: number;
    remainingCents?: number;
  };
  // consumption as a number, a percentage to a tenth as on screen (a ratio, not an amount: no euro
  // format), rounded to a tenth of a percent
  const rate = (r: Line): Cell =>
    r.allocatedCents ? { tenthsOfPercent: Math.round((r.paidCents * 1000) / r.allocatedCents) } : t('');
  const value = (r: Line, key: VarianceKey, view: 'envelope' | 'region'): Cell => {
    if (view === 'region' && !regionKeys.has(key)) return t('');
    if (key === 'gap') return m(r.allocatedCents - r.paidCents);
    if (key === 'rate') return rate(r);
    const v = r[key as 'allocatedCents' | 'approvedCents' | 'paidCents' | 'totalCents' | 'remainingCents'];
    return v === undefined ? t('') : m(v);
  };
  const VIEW = { envelope: 'Enveloppe', region: 'Région', ght: 'GHT' } as const;
  const line = (view: keyof typeof VIEW, code: string, label: string, r: Line): Cell[] => [
    t(VIEW[view]),
    t(code),
    t(label),
    ...cols.map((col) => value(r, col.key, view === 'ght' ? 'region' : view)),
  ];
  const totalOf = (rs: Line[]): Line => {
    const sum = (f: (r: Line) => number | undefined) => rs.reduce((s, r) => s + (f(r) ?? 0), 0);
    return {
      allocatedCents: sum((r) => r.allocatedCents),
      approvedCents: sum((r) => r.approvedCents),
      paidCents: sum((r) => r.paidCents),
      totalCents: sum((r) => r.totalCents),
      remainingCents: sum((r) => r.remainingCents),
    };
  };
  const envs = d.byEnvelope.map((r) => ({ ...r, code: plan.envelopes.get(r.key)?.code ?? r.key }));
  const regions = d.byRegion
    .filter((r) => r.allocatedCents || r.approvedCents || r.paidCents)
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  const ghts = dashboardGhtsOf(c).items.filter((r) => r.allocatedCents || r.approvedCents || r.paidCents);
  const rows = [
    ...envs.map((r) => line('envelope', r.code, r.label, r)),
    // committed and announced envelopes totalled apart, as on screen: announced credits are not money yet
    line('envelope', 'TOTAL', VARIANCE_TOTALS.committed, totalOf(envs.filter((r) => r.status !== 'announced'))),
    ...(envs.some((r) => r.status === 'announced')
      ? [
          line(
            'envelope',
            'TOTAL-ANNONCÉ',
            VARIANCE_TOTALS.announced,
            totalOf(envs.filter((r) => r.status === 'announced')),
          ),
        ]
      : []),
    ...regions.map((r) => line('region', r.key, r.label, r)),
    line('region', 'TOTAL', VARIANCE_TOTALS.regions, totalOf(regions)),
    // by GHT, then outside any GHT and the pooled regional resources: the same money as the regions
    ...ghts.map((r) => line('ght', GHT_CODES[r.key] ?? r.key, r.label, r)),
    line('ght', 'TOTAL', 'Total par GHT (enveloppes engagées)', totalOf(ghts)),
  ];
  return { name: 'Écarts', header, rows };
};

const awardsSheet = (c: Ctx, finess: string): Sheet => {
  // the page's figures: an establishment's export has its approved allocations only
  const aw = awardsFor(c, finess);
  const header = [
    'FINESS',
    'Enveloppe',
    'Intitulé de l’enveloppe',
    'Action',
    'Intitulé de l’action',
    'Statut',
    'Alloué (€)',
    'Approuvé (€)',
    'Versé (€)',
    'Reste à payer (€)',
  ];
  const rows = aw.awards.map((l) => [
    t(l.allocation.finess),
    t(l.envelope.code),
    t(l.envelope.name),
    t(l.action.code),
    t(l.action.title),
    t(STATUS[l.allocation.status]),
    m(sumAmounts(l.allocation.amounts)),
    m(l.approvedCents),
    m(l.paidCents),
    m(l.remainingCents),
  ]);
  const tot = aw.totals;
  rows.push([
    t(aw.finess),
    t('TOTAL'),
    t(aw.name),
    t(''),
    t(''),
    t(''),
    m(tot.allocatedCents),
    m(tot.approvedCents),
    m(tot.paidCents),
    m(tot.remainingCents),
  ]);
  return { name: 'Aides', header, rows };
};

/** attachment; an ASCII name for old clients and the French one (RFC 6266 / 5987). */
const disposition = (name: string) =>
  `attachment; filename="${name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^\w.-]/g, '-')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const send = async (c: Ctx, format: Format, base: string, sheet: Sheet) => {
  const name = `${base}-${todayOf(c)}.${format}`;
  const headers = { 'Content-Disposition': disposition(name), 'Cache-Control': 'no-store' };
  if (format === 'csv')
    return c.body(toCsv(sheet.header, sheet.rows), 200, { ...headers, 'Content-Type': 'text/csv; charset=utf-8' });
  return c.body(await toXlsx([sheet]), 200, { ...headers, 'Content-Type': XLSX_TYPE });
};

export const exportRoutes = () => {
  const app = new Hono<AppEnv>();
  for (const f of FORMATS) {
    app.get(`/allocations.${f}`, (c) => send(c, f, 'dotations', allocationsSheet(c)));
    app.get(`/payments.${f}`, (c) => send(c, f, 'versements', paymentsSheet(c)));
    app.get(`/variance.${f}`, (c) => send(c, f, 'écarts-alloué-approuvé-versé', varianceSheet(c)));
    app.get(`/delegations.${f}`, (c) => {
      const { base, sheet } = delegationsSheet(c);
      return send(c, f, base, sheet);
    });
  }
  // Hono has no "/:finess.csv" (a parameter and a suffix in one segment): the file name is the parameter.
  app.get('/awards/:file', (c) => {
    // a FINESS, or a pooled regional resource's SIRET
    const [, finess, format] = c.req.param('file').match(/^([0-9AB]{9}|\d{14})\.(csv|xlsx)$/i) ?? [];
    if (!finess || !format) throw notFound('Export', c.req.param('file'));
    return send(
      c,
      format.toLowerCase() as Format,
      `aides-${finess.toUpperCase()}`,
      awardsSheet(c, finess.toUpperCase()),
    );
  });
  return app;
};
