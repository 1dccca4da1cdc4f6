// One value of an audited record in French: euros, dates, statuses, codes and names rather than
// ids, and the structured fields of windows, applications, declarations, tranches and scenarios
// as sentences (no JSON). Pure: the page brings the reference lists (AuditRefs).
import type { Action, Allocation, Envelope, Establishment } from '../../server/contract/plan.js';
import { REGION_NAMES } from '../../shared/regions.js';
import { WINDOW_PHASES } from '../../shared/windows.js';
import { formatBytes, formatCount, formatDate, formatEuros, formatPercent, formatShare } from './format.js';
import { t } from '../i18n/audit.js';

export interface AuditRefs {
  /** By FINESS. */
  establishments: ReadonlyMap<string, Pick<Establishment, 'name'>>;
  /** By id. */
  actions: ReadonlyMap<string, Pick<Action, 'code'>>;
  envelopes: ReadonlyMap<string, Pick<Envelope, 'code'>>;
  /** The allocations payments point to, by id. */
  allocations: ReadonlyMap<string, Pick<Allocation, 'finess' | 'actionId' | 'envelopeId'>>;
  /** Pooled regional resources, by SIRET (an allocation's or a line's beneficiary). */
  pooled?: ReadonlyMap<string, { name: string }>;
  /** Funding windows, by id (an application names its window by id). */
  windows?: ReadonlyMap<string, { code: string }>;
  /** Scenarios, by id (a line names its scenario by id). */
  scenarios?: ReadonlyMap<string, { name: string }>;
}
export const emptyRefs: AuditRefs = {
  establishments: new Map(),
  actions: new Map(),
  envelopes: new Map(),
  allocations: new Map(),
};

export type Rec = Record<string, unknown>;
export const recOf = (v: unknown): Rec | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : null);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(recOf).filter((x): x is Rec => !!x) : []);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** A long value cut to `max` characters: the journal stays a table one reads down. */
export const short = (s: string, max = 60): string => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

export const code = (m: ReadonlyMap<string, { code: string }> | undefined, id: string) => m?.get(id)?.code ?? id;
export const regionName = (r: string) => t.audit.region(REGION_NAMES[r], r);
/** An establishment's or a pooled resource's name, when known. */
export const beneficiaryName = (refs: AuditRefs, id: string): string | undefined =>
  refs.establishments.get(id)?.name ?? refs.pooled?.get(id)?.name;
const named = (refs: AuditRefs, id: string) => {
  const name = beneficiaryName(refs, id);
  return name ? `${name} (${id})` : id;
};
const date = (v: unknown) => (typeof v === 'string' && v ? formatDate(v) : t.common.none);

const listText = (refs: AuditRefs, m: Rec, ids: boolean): string =>
  [
    strs(m.regions).length ? `${t.audit.earmark.regions} ${strs(m.regions).join(', ')}` : '',
    strs(m.categories)
      .map((c) => (t.categories as Record<string, string>)[c] ?? c)
      .join(', '),
    m.priorityOnly ? t.audit.earmark.priorityOnly : '',
    ids && strs(m.actionIds).length
      ? `${t.audit.earmark.actions} ${strs(m.actionIds)
          .map((id) => code(refs.actions, id))
          .join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join(' ; ');

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

/** « conforme, le 31 août 2026, par x@jalon.test » or « non conforme, le …, par … : motif »;
 *  the checker left out when it is the event's author (its own column). */
const checkText = (v: Rec, actor?: string): string => {
  const head = [
    t.audit.verdicts[str(v.verdict)] ?? str(v.verdict),
    v.at ? t.audit.checkOn(formatDate(str(v.at))) : '',
    v.by && v.by !== actor ? t.audit.checkBy(str(v.by)) : '',
  ]
    .filter(Boolean)
    .join(', ');
  return v.reason ? `${head} : ${str(v.reason)}` : head;
};

/** « 2 fichiers : pv.pdf (30 ko), capture.png (1,2 Mo) ». */
const evidenceText = (v: unknown): string => {
  const files = recs(v);
  return `${t.audit.files(files.length)} : ${files
    .map((f) => `${str(f.name)}${typeof f.size === 'number' ? ` (${formatBytes(f.size)})` : ''}`)
    .join(', ')}`;
};

const gateText = (g: Rec | null, trancheCode: string): string => {
  if (g?.kind === 'objective' && g.objective !== trancheCode) return t.audit.objective(str(g.objective));
  if (g?.kind === 'milestone') return t.audit.milestoneOf(str(g.milestoneId));
  return '';
};
/** A tranche without its code: « 60 000,00 € (objectif D1-AD-1), libérée le 3 mars 2026 ». */
const trancheValue = (x: Rec): string => {
  const gate = gateText(recOf(x.gate), str(x.code));
  return [
    `${typeof x.amountCents === 'number' ? formatEuros(x.amountCents) : t.common.none}${gate ? ` (${gate})` : ''}`,
    x.freedAt ? t.audit.freedOn(formatDate(str(x.freedAt))) : '',
  ]
    .filter(Boolean)
    .join(', ');
};

const band = (c: Rec) => {
  const min = formatCount(Number(c.minStaff ?? 0));
  return typeof c.maxStaff === 'number' ? t.audit.bandFromTo(min, formatCount(c.maxStaff)) : t.audit.bandFrom(min);
};
/** A cap row's applicant, category and size band: « établissement, CHU, de 0 à moins de 300 ETP ». */
const capRow = (c: Rec) =>
  [
    t.audit.applicants[str(c.applicant)] ?? str(c.applicant),
    c.category ? ((t.categories as Record<string, string>)[str(c.category)] ?? str(c.category)) : '',
    band(c),
  ]
    .filter(Boolean)
    .join(', ');
const phaseLabel = (p: string) => t.audit.phases[p] ?? p;

/** A field made of parts (keyed): a change shows the parts that changed, one line each. */
export interface Part {
  key: string;
  label: string;
  text: string;
}
export const partsOf = (k: string, v: unknown): Part[] | null => {
  switch (k) {
    case 'phases': {
      const m = recOf(v);
      return m
        ? WINDOW_PHASES.filter((p) => p in m).map((p) => ({ key: p, label: phaseLabel(p), text: date(m[p]) }))
        : null;
    }
    case 'tranches':
      return Array.isArray(v)
        ? recs(v).map((x) => ({ key: str(x.code), label: t.audit.trancheOf(str(x.code)), text: trancheValue(x) }))
        : null;
    case 'objectives':
      // a window's objectives (an application's are codes: one value)
      return recs(v).length
        ? recs(v).map((o) => ({
            key: str(o.code),
            label: t.audit.objective(str(o.code)),
            text: `${typeof o.shareBp === 'number' ? formatShare(o.shareBp) : t.common.none} — ${str(o.title)}`,
          }))
        : null;
    case 'caps':
      return Array.isArray(v)
        ? recs(v).map((c) => ({
            key: capRow(c),
            label: t.audit.capOf(capRow(c)),
            text: typeof c.capCents === 'number' ? formatEuros(c.capCents) : t.common.none,
          }))
        : null;
    case 'extensions':
      // oldest first, never removed: the index is the key; the phase's own line has the dates
      return Array.isArray(v)
        ? recs(v).map((x, i) => ({
            key: String(i),
            label: t.audit.extensionOf(phaseLabel(str(x.phase))),
            text: str(x.reason),
          }))
        : null;
  }
  return null;
};

/** A structured value as one sentence. */
const structured = (k: string, v: unknown, refs: AuditRefs, actor?: string): string | null => {
  const m = recOf(v);
  switch (k) {
    case 'earmark':
      return listText(refs, m ?? {}, true) || t.common.none;
    case 'eligibility':
      return listText(refs, m ?? {}, false) || t.audit.unrestricted;
    case 'target':
      return targetText(v, refs);
    case 'arsCheck':
    case 'ansCheck':
      return m ? checkText(m, actor) : null;
    case 'evidence':
      return evidenceText(v);
    case 'phases': {
      const days = Object.values(m ?? {})
        .map(str)
        .filter(Boolean)
        .sort();
      return days.length ? t.audit.span(formatDate(days[0]!), formatDate(days.at(-1)!)) : t.common.none;
    }
    case 'tranches':
      return (
        recs(v)
          .map((x) => `${str(x.code)} ${trancheValue(x)}`)
          .join(' · ') || t.common.none
      );
    case 'objectives':
      return recs(v).length
        ? recs(v)
            .map((o) => t.audit.objectiveShare(str(o.code), formatShare(Number(o.shareBp))))
            .join(' · ')
        : null;
    case 'caps':
      return recs(v)
        .map((c) => `${capRow(c)} : ${formatEuros(Number(c.capCents))}`)
        .join(' · ');
    case 'extensions':
      return recs(v)
        .map((x) => t.audit.extension(phaseLabel(str(x.phase)), date(x.to)))
        .join(' · ');
    case 'published':
      return recs(v)
        .map((f) => `${str(f.label)} : ${str(f.value)}`)
        .join(' · ');
    case 'serves':
      return `${t.audit.establishmentsCount(strs(v).length)} : ${strs(v)
        .map((f) => beneficiaryName(refs, f) ?? f)
        .join(', ')}`;
    case 'envelopeIds':
      return strs(v)
        .map((id) => code(refs.envelopes, id))
        .join(', ');
    case 'origin':
      return m ? t.audit.copyOf(refs.scenarios?.get(str(m.scenarioId))?.name ?? str(m.scenarioId)) : null;
    case 'basis':
      return m
        ? t.audit.basis(date(m.at), t.audit.allocationsCount(Object.keys(recOf(m.allocationRevs) ?? {}).length))
        : null;
  }
  return null;
};

const text = (k: string, v: string, refs: AuditRefs): string => {
  switch (k) {
    case 'status':
      return (t.statuses as Record<string, string>)[v] ?? v;
    case 'state':
      return t.audit.applicationStates[v] ?? v;
    case 'category':
      return (t.categories as Record<string, string>)[v] ?? v;
    case 'role':
      return (t.roles as Record<string, string>)[v] ?? v;
    case 'origin':
      return t.audit.origins[v] ?? v;
    case 'actionId':
      return code(refs.actions, v);
    case 'envelopeId':
      return code(refs.envelopes, v);
    case 'windowId':
      return code(refs.windows, v);
    case 'scenarioId':
      return refs.scenarios?.get(v)?.name ?? v;
    case 'region':
      return regionName(v);
    case 'finess':
    case 'supportFiness':
      return named(refs, v);
    case 'passwordHash':
      return t.audit.masked;
  }
  if ((/(At|On)$/.test(k) || k === 'date') && /^\d{4}-\d{2}-\d{2}/.test(v)) return formatDate(v);
  return v;
};

/** One value of field `k`, in French: euros, dates, statuses, codes rather than ids, structured
 *  values as sentences. `actor`: the event's author, left out of a check it made. */
export const formatValue = (k: string, v: unknown, refs: AuditRefs, actor?: string): string => {
  if (v === undefined || v === null || v === '') return t.common.none;
  if (typeof v === 'boolean') return v ? t.audit.yes : t.audit.no;
  if (typeof v === 'number')
    return k.endsWith('Cents') ? formatEuros(v) : k === 'axis' ? t.axisShort(v) : formatCount(v);
  if (typeof v === 'string') return short(text(k, v, refs));
  const s = structured(k, v, refs, actor);
  if (s !== null) return short(s);
  if (Array.isArray(v)) return short(v.map((x) => formatValue('', x, refs)).join(', ') || t.common.none);
  return short(JSON.stringify(v));
};
