// Declarative list filters: what a list asks for, as data, so that each storage engine runs it in
// its own way (the embedded engine in memory, a SQL engine as a WHERE clause). A path walks a
// record's own fields and the records it names: `establishment` (by its FINESS), `action` (by its
// actionId), `allocation` (by its allocationId); '' is the record itself.
import type { Allocation, Completion, Establishment } from '../contract/plan.js';
import { hasStatus } from './allocations.js';
import { completionState } from './completions.js';
import type { PlanState } from './plan.js';
import { matchesSearch } from './text.js';

/** eq: the value, as text; gte / lte: ISO dates or codes compared as text; in: one of a comma-
 *  separated list; search: an establishment by name or FINESS, accents aside; status: an
 *  allocation's status, 'revision' or 'pending' (domain/allocations.ts says what those select);
 *  checked: a completion's state, pending, validated or refused (comma-separated for several). */
export type Op = 'eq' | 'gte' | 'lte' | 'in' | 'search' | 'status' | 'checked';
export interface Condition {
  path: string;
  op: Op;
  value: string;
}
/** How a list's query parameter becomes a condition: a path (compared with eq), or a path and op. */
export type FilterSpec = string | { path: string; op: Op };

type Rec = Record<string, unknown>;
const REFS: Record<string, (plan: PlanState, r: Rec) => unknown> = {
  // an allocation's beneficiary: an establishment, or a pooled regional resource (by its SIRET)
  establishment: (plan, r) => plan.establishments.get(r.finess as string) ?? plan.pooled.get(r.finess as string),
  action: (plan, r) => plan.actions.get(r.actionId as string),
  allocation: (plan, r) => plan.allocations.get(r.allocationId as string),
};

/** A path made into a function once (a list tests it on every record). */
export const pathOf = (path: string): ((plan: PlanState, record: object) => unknown) => {
  const segs = path ? path.split('.') : [];
  return (plan, record) => {
    let cur: unknown = record;
    for (const seg of segs) {
      if (cur === null || typeof cur !== 'object') return undefined;
      const ref = REFS[seg];
      cur = ref ? ref(plan, cur as Rec) : (cur as Rec)[seg];
    }
    return cur;
  };
};

export const resolve = (plan: PlanState, record: object, path: string): unknown => pathOf(path)(plan, record);

/** A condition made into a test once. */
export const testOf = (c: Condition): ((plan: PlanState, record: object) => boolean) => {
  const at = pathOf(c.path),
    value = c.value;
  switch (c.op) {
    case 'eq':
      return (plan, r) => {
        const v = at(plan, r);
        return v !== undefined && v !== null && String(v) === value;
      };
    case 'gte':
      return (plan, r) => {
        const v = at(plan, r);
        return typeof v === 'string' && v >= value;
      };
    case 'lte':
      return (plan, r) => {
        const v = at(plan, r);
        return typeof v === 'string' && v <= value;
      };
    case 'in': {
      const list = `,${value},`;
      return (plan, r) => {
        const v = at(plan, r);
        return v !== undefined && v !== null && list.includes(`,${String(v)},`);
      };
    }
    case 'search':
      return (plan, r) => matchesSearch(at(plan, r) as Establishment | undefined, value);
    case 'status':
      return (plan, r) => {
        const v = at(plan, r);
        return v !== undefined && hasStatus(v as Allocation, value);
      };
    case 'checked': {
      const states = value.split(',');
      return (plan, r) => {
        const v = at(plan, r);
        return v !== undefined && states.includes(completionState(v as Completion));
      };
    }
  }
};

export const conditionOf = (spec: FilterSpec, value: string): Condition =>
  typeof spec === 'string' ? { path: spec, op: 'eq', value } : { ...spec, value };
