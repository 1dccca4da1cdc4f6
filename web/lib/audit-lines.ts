// An audit event as a person reads it: what it is about (names and codes rather than ids) and
// what changed, field by field, in euros, French statuses and dates. Pure: the page brings the
// reference lists, so a page of events costs no request per row.
import type { AuditEvent } from '../../server/contract/audit.js';
import type { Action, Allocation, Envelope, Establishment } from '../../server/contract/plan.js';
import { formatCount, formatDate, formatEuros, formatPercent } from './format.js';
import { t } from '../i18n/audit.js';

export interface AuditRefs {
  /** By FINESS. */
  establishments: ReadonlyMap<string, Pick<Establishment, 'name'>>;
  /** By id. */
  actions: ReadonlyMap<string, Pick<Action, 'code'>>;
  envelopes: ReadonlyMap<string, Pick<Envelope, 'code'>>;
  /** The allocations payments point to, by id. */
  allocations: ReadonlyMap<string, Pick<Allocation, 'finess' | 'actionId' | 'envelopeId'>>;
}
export const emptyRefs: AuditRefs = {
  establishments: new Map(),
  actions: new Map(),
  envelopes: new Map(),
  allocations: new Map(),
};

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

type Rec = Record<string, unknown>;
const recOf = (v: unknown): Rec | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A long value cut to `max` characters: the journal stays a table one reads down. */
export const short = (s: string, max = 60): string => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** Allocation ids of the payments among `events`: the only references a page must ask for. */
export const paymentAllocationIds = (events: readonly AuditEvent[]): string[] => [
  ...new Set(
    events
      .filter((e) => e.entity === 'payments')
      .map((e) => str((recOf(e.after) ?? recOf(e.before))?.allocationId))
      .filter(Boolean),
  ),
];

const code = (m: ReadonlyMap<string, { code: string }>, id: string) => m.get(id)?.code ?? id;

/** Establishment (name and FINESS), action and envelope codes; ids where a reference is unknown. */
const fundedLine = (refs: AuditRefs, r: Rec): Omit<Subject, 'kind'> => {
  const finess = str(r.finess),
    name = refs.establishments.get(finess)?.name;
  const details = [
    name ? t.audit.finess(finess) : '',
    r.actionId ? t.audit.actionCode(code(refs.actions, str(r.actionId))) : '',
    r.envelopeId ? t.audit.envelopeCode(code(refs.envelopes, str(r.envelopeId))) : '',
  ];
  return { title: name ?? (finess ? t.audit.finess(finess) : ''), details: details.filter(Boolean) };
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
    default:
      return make({ title: '', details: [] });
  }
};

const earmarkText = (v: unknown, refs: AuditRefs): string => {
  const m = recOf(v) ?? {};
  const list = (x: unknown) => (Array.isArray(x) ? x.map(String) : []);
  return (
    [
      list(m.regions).length ? `${t.audit.earmark.regions} ${list(m.regions).join(', ')}` : '',
      list(m.categories)
        .map((c) => (t.categories as Record<string, string>)[c] ?? c)
        .join(', '),
      m.priorityOnly ? t.audit.earmark.priorityOnly : '',
      list(m.actionIds).length
        ? `${t.audit.earmark.actions} ${list(m.actionIds)
            .map((id) => code(refs.actions, id))
            .join(', ')}`
        : '',
    ]
      .filter(Boolean)
      .join(' ; ') || t.common.none
  );
};

const targetText = (v: unknown, refs: AuditRefs): string => {
  const m = recOf(v) ?? {};
  return [
    code(refs.actions, str(m.actionId)),
    t.audit.population[str(m.population)] ?? str(m.population),
    typeof m.share === 'number' ? formatPercent(m.share) : '',
  ]
    .filter(Boolean)
    .join(', ');
};

/** One value of field `k`, in French: euros, dates, statuses, codes rather than ids. */
export const formatValue = (k: string, v: unknown, refs: AuditRefs): string => {
  if (v === undefined || v === null || v === '') return t.common.none;
  if (typeof v === 'boolean') return v ? t.audit.yes : t.audit.no;
  if (typeof v === 'number')
    return k.endsWith('Cents') ? formatEuros(v) : k === 'axis' ? t.axisShort(v) : formatCount(v);
  if (typeof v === 'string') {
    switch (k) {
      case 'status':
        return (t.statuses as Record<string, string>)[v] ?? v;
      case 'category':
        return (t.categories as Record<string, string>)[v] ?? v;
      case 'role':
        return (t.roles as Record<string, string>)[v] ?? v;
      case 'actionId':
        return code(refs.actions, v);
      case 'envelopeId':
        return code(refs.envelopes, v);
      case 'finess': {
        const name = refs.establishments.get(v)?.name;
        return name ? short(`${name} (${v})`) : v;
      }
      case 'passwordHash':
        return t.audit.masked;
    }
    if ((/(At|On)$/.test(k) || k === 'date') && /^\d{4}-\d{2}-\d{2}/.test(v)) return formatDate(v);
    return short(v);
  }
  if (k === 'earmark') return short(earmarkText(v, refs));
  if (k === 'target') return short(targetText(v, refs));
  if (Array.isArray(v)) return short(v.map((x) => formatValue('', x, refs)).join(', '));
  return short(JSON.stringify(v));
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
};
/** Who approved, rejected or validated: left out when it is the event's author (its own column). */
const BY = new Set(['approvedBy', 'rejectedBy', 'validatedBy', 'unapprovedBy', 'refusedBy', 'retiredBy']);
/** Amounts per year, one line a year. */
const YEARLY = new Set(['amounts', 'yearlyCents', 'revision']);
/** Money and status first, then the record's own order. */
const FIRST = ['amounts', 'amountCents', 'totalCents', 'yearlyCents', 'status', 'revision', 'paidOn'];
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
    // a flag that appears was false before (« désactivation : non → oui »)
    if (!whole && typeof av === 'boolean' && bv === undefined) bv = false;
    if (!whole && typeof bv === 'boolean' && av === undefined) av = false;
    lines.push({
      label: t.audit.fields[k] ?? k,
      ...(b ? { before: formatValue(k, bv, refs) } : {}),
      ...(a ? { after: formatValue(k, av, refs) } : {}),
    });
  }
  return { lines: lines.slice(0, max), more: Math.max(0, lines.length - max) };
};
