// An audit event as a person reads it: what it is about (names and codes rather than ids) and
// what changed, field by field, in euros, French statuses and dates. Pure: the page brings the
// reference lists, so a page of events costs no request per row.
import type { AuditEvent } from '../../server/contract/audit.js';
import { formatDate, formatEuros } from './format.js';
import { t } from '../i18n/audit.js';
import {
  beneficiaryName,
  code,
  formatValue,
  partsOf,
  recOf,
  regionName,
  short,
  str,
  type AuditRefs,
  type Part,
  type Rec,
} from './audit-values.js';

export { emptyRefs, formatValue, short, type AuditRefs } from './audit-values.js';

export interface Subject {
  kind: string;
  title: string;
  details: string[];
}
/** One field: `before` alone for a deletion, `after` alone for a creation, both for a change. */
export interface ChangeLine {
  label: string;
  before?: string;
  after?: string;
}

/** Allocation ids of the payments among `events`: the only references a page must ask for. */
export const paymentAllocationIds = (events: readonly AuditEvent[]): string[] => [
  ...new Set(
    events
      .filter((e) => e.entity === 'payments')
      .map((e) => str((recOf(e.after) ?? recOf(e.before))?.allocationId))
      .filter(Boolean),
  ),
];

/** The beneficiary's FINESS, or a pooled resource's SIRET (14 digits). */
const idOf = (id: string) => (/^\d{14}$/.test(id) ? t.audit.siret(id) : t.audit.finess(id));

/** Beneficiary (name and FINESS or SIRET), action and envelope codes; ids where a reference is unknown. */
const fundedLine = (refs: AuditRefs, r: Rec): Omit<Subject, 'kind'> => {
  const finess = str(r.finess),
    name = beneficiaryName(refs, finess);
  const details = [
    name ? idOf(finess) : '',
    r.actionId ? t.audit.actionCode(code(refs.actions, str(r.actionId))) : '',
    r.envelopeId ? t.audit.envelopeCode(code(refs.envelopes, str(r.envelopeId))) : '',
  ];
  return { title: name ?? (finess ? idOf(finess) : ''), details: details.filter(Boolean) };
};

/** What the event is about, named as the plan names it. */
export const describeSubject = (e: AuditEvent, refs: AuditRefs): Subject => {
  const r = recOf(e.after) ?? recOf(e.before) ?? {};
  const make = ({ title, details }: Omit<Subject, 'kind'>): Subject => ({
    kind: t.audit.kinds[e.entity] ?? e.entity,
    title: short(title || e.id),
    details: details.filter(Boolean).map((d) => short(d)),
  });
  switch (e.entity) {
    case 'allocations':
    case 'completions':
      return make(fundedLine(refs, r));
    case 'payments': {
      const a = refs.allocations.get(str(r.allocationId));
      const paid =
        typeof r.amountCents !== 'number'
          ? ''
          : r.cancelsId
            ? t.audit.cancellationOf(formatEuros(-r.amountCents), str(r.cancelsId))
            : t.audit.paymentOf(formatEuros(r.amountCents));
      if (!a) return make({ title: r.allocationId ? t.audit.allocationOf(str(r.allocationId)) : '', details: [paid] });
      const f = fundedLine(refs, a as unknown as Rec);
      return make({ title: f.title, details: [...f.details, paid] });
    }
    case 'establishments':
      return make({ title: str(r.name), details: [r.finess ? t.audit.finess(str(r.finess)) : ''] });
    case 'envelopes':
      return make({ title: str(r.code), details: [str(r.name)] });
    case 'actions':
      return make({ title: str(r.code), details: [str(r.title)] });
    case 'milestones':
      return make({ title: str(r.title), details: [r.date ? formatDate(str(r.date)) : ''] });
    case 'users':
      return make({ title: str(r.email), details: [str(r.name)] });
    case 'delegations':
      return make({
        title: r.region ? regionName(str(r.region)) : '',
        details: [r.envelopeId ? t.audit.envelopeCode(code(refs.envelopes, str(r.envelopeId))) : '', str(r.reference)],
      });
    case 'ghts':
      return make({ title: str(r.code), details: [str(r.name) === str(r.code) ? '' : str(r.name)] });
    case 'pooled':
      return make({ title: str(r.name), details: [r.siret ? t.audit.siret(str(r.siret)) : ''] });
    case 'windows':
      return make({ title: str(r.code), details: [str(r.name)] });
    case 'applications': {
      const f = fundedLine(refs, r);
      return make({
        title: f.title,
        details: [
          ...f.details,
          r.ghtCode ? t.audit.ghtCode(str(r.ghtCode)) : '',
          r.windowId ? t.audit.windowCode(code(refs.windows, str(r.windowId))) : '',
        ],
      });
    }
    case 'declarations':
      return make({
        title: r.objective ? t.audit.objective(str(r.objective)) : '',
        details: [r.applicationId ? t.audit.applicationOf(str(r.applicationId)) : ''],
      });
    case 'scenarios':
      return make({ title: str(r.name), details: [r.region ? regionName(str(r.region)) : ''] });
    case 'scenarioLines': {
      const f = fundedLine(refs, r),
        scenario = refs.scenarios?.get(str(r.scenarioId))?.name;
      return make({ title: f.title, details: [...f.details, scenario ? t.audit.scenarioOf(scenario) : ''] });
    }
    default:
      return make({ title: '', details: [] });
  }
};

/** Bookkeeping every write changes. */
// (an allocation's engagement history repeats, dated, the amounts' own lines)
const BOOKKEEPING = new Set([
  'id',
  'rev',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'synthetic',
  'engagements',
]);
/** What the « Objet » column already names: left out of a creation's or a deletion's values. */
const NAMED: Record<string, string[]> = {
  allocations: ['finess', 'actionId', 'envelopeId'],
  payments: ['allocationId'],
  completions: ['finess', 'actionId'],
  establishments: ['finess', 'name'],
  envelopes: ['code', 'name'],
  actions: ['code', 'title'],
  milestones: ['title'],
  users: ['email', 'name', 'passwordHash'],
  delegations: ['region', 'envelopeId', 'reference'],
  ghts: ['code', 'name'],
  pooled: ['siret', 'name'],
  windows: ['code', 'name'],
  applications: ['finess', 'ghtCode', 'windowId'],
  declarations: ['applicationId', 'objective'],
  scenarios: ['name', 'region'],
  scenarioLines: ['finess', 'actionId', 'envelopeId', 'scenarioId'],
};
/** Who approved, rejected or validated: left out when it is the event's author (its own column). */
const BY = new Set([
  'approvedBy',
  'rejectedBy',
  'validatedBy',
  'unapprovedBy',
  'refusedBy',
  'retiredBy',
  'submittedBy',
  'grantedBy',
  'withdrawnBy',
  'freedBy',
  'promotedBy',
]);
/** Amounts per year, one line a year. */
const YEARLY = new Set(['amounts', 'yearlyCents', 'revision']);
/** Money and status first, then the record's own order. */
const FIRST = [
  'amounts',
  'amountCents',
  'totalCents',
  'yearlyCents',
  'requestedCents',
  'grantedCents',
  'status',
  'state',
  'revision',
  'paidOn',
];
const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : FIRST.length);

const yearsOf = (k: string, v: unknown): Record<string, unknown> | null =>
  recOf(k === 'revision' ? recOf(v)?.amounts : v);
const cents = (m: Record<string, unknown> | null, y: string): number | undefined =>
  m ? (typeof m[y] === 'number' ? m[y] : 0) : undefined;

const yearLines = (k: string, b: Rec | null, a: Rec | null): ChangeLine[] => {
  let bm = b && yearsOf(k, b[k]),
    am = a && yearsOf(k, a[k]);
  const whole = !b || !a;
  if (k === 'revision' && !whole) {
    // an avenant proposed: set against the amounts in force; approved: they become the amounts
    // (shown on their own lines), so nothing is left to say here; rejected: it goes, « — »
    bm ??= recOf(b.amounts);
    if (!am && JSON.stringify(recOf(a.amounts)) === JSON.stringify(yearsOf(k, b[k]))) am = recOf(a.amounts);
  }
  const years = [...new Set([...Object.keys(bm ?? {}), ...Object.keys(am ?? {})])].sort();
  const money = (m: Record<string, unknown> | null, y: string) => {
    const c = cents(m, y);
    return c === undefined ? t.common.none : formatEuros(c);
  };
  return years
    .filter((y) => (whole ? !!cents(am ?? bm, y) : cents(bm, y) !== cents(am, y)))
    .map((y) => ({
      label: `${t.audit.perYear[k] ?? t.audit.fields[k] ?? k} ${y}`,
      ...(b ? { before: money(bm, y) } : {}),
      ...(a ? { after: money(am, y) } : {}),
    }));
};

/** The parts of a field that changed (a phase, a tranche, an objective, a cap row), one line each. */
const partLines = (before: Part[], after: Part[]): ChangeLine[] => {
  const was = new Map(before.map((p) => [p.key, p])),
    now = new Map(after.map((p) => [p.key, p]));
  return [...new Set([...now.keys(), ...was.keys()])]
    .filter((key) => was.get(key)?.text !== now.get(key)?.text)
    .map((key) => ({
      label: (now.get(key) ?? was.get(key))!.label,
      before: short(was.get(key)?.text ?? t.common.none),
      after: short(now.get(key)?.text ?? t.common.none),
    }));
};

/** What the event changed, field by field (a creation: its values; a deletion: what was deleted);
 *  at most `max` lines, `more` counting the others. */
export const changeLines = (e: AuditEvent, refs: AuditRefs, max = 8): { lines: ChangeLine[]; more: number } => {
  const b = recOf(e.before),
    a = recOf(e.after);
  const whole = !b || !a;
  const skip = new Set([...BOOKKEEPING, ...(whole ? (NAMED[e.entity] ?? []) : [])]);
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
    .filter((k) => !skip.has(k) && !(BY.has(k) && (a ?? b)?.[k] === e.actor))
    .sort((x, y) => rank(x) - rank(y));
  const lines: ChangeLine[] = [];
  for (const k of keys) {
    let bv = b?.[k],
      av = a?.[k];
    const only = a ? av : bv;
    if (whole ? only === undefined || only === null || only === '' : JSON.stringify(bv) === JSON.stringify(av))
      continue;
    if (YEARLY.has(k)) {
      lines.push(...yearLines(k, b, a));
      continue;
    }
    const bp = partsOf(k, bv),
      ap = partsOf(k, av);
    if (!whole && (bp || ap)) {
      lines.push(...partLines(bp ?? [], ap ?? []));
      continue;
    }
    // a flag that appears was false before (« désactivation : non → oui »)
    if (!whole && typeof av === 'boolean' && bv === undefined) bv = false;
    if (!whole && typeof bv === 'boolean' && av === undefined) av = false;
    lines.push({
      label: t.audit.fields[k] ?? k,
      ...(b ? { before: formatValue(k, bv, refs, e.actor) } : {}),
      ...(a ? { after: formatValue(k, av, refs, e.actor) } : {}),
    });
  }
  return { lines: lines.slice(0, max), more: Math.max(0, lines.length - max) };
};
