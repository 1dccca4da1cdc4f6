// One factory serves every kind's list / read / create / update / delete, with filters,
// paging, ETags, If-Match and scoping; rules come from the domain.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { z } from 'zod';
import type { WriteContext } from '../domain/context.js';
import { invalid, notFound, ruleBroken } from '../domain/errors.js';
import { conditionOf, resolve, testOf, type Condition, type FilterSpec } from '../domain/conditions.js';
import type { PlanState } from '../domain/plan.js';
import type { Tx } from '../store/interface.js';
import type { Kind, RecordOf } from '../store/schema.js';
import { assertIfMatch, body, etag, parseWith, sendJson, txMeta, writeCtx, type AppEnv, type Ctx } from './context.js';
import { listQuery } from './schemas.js';

export const newId = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

/** A comparison of two records, its parameters bivariant as a method's are (a spec of one kind
 *  then stands where any kind's is expected, as its other methods let it). */
type Compare<K extends Kind> = { compare(a: RecordOf<K>, b: RecordOf<K>): number }['compare'];

export interface ResourceSpec<K extends Kind, C, U> {
  kind: K;
  label: string;
  idPrefix: string;
  create: { schema: z.ZodType<C>; build(plan: PlanState, id: string, input: C, ctx: WriteContext): RecordOf<K> };
  update: { schema: z.ZodType<U>; build(plan: PlanState, cur: RecordOf<K>, patch: U, ctx: WriteContext): RecordOf<K> };
  assertDeletable?(plan: PlanState, cur: RecordOf<K>, ctx: WriteContext): void;
  /** Query parameters that filter lists: name → a path compared with eq, or a path and an op
   *  (domain/conditions.ts); the store runs them. */
  filters?: Record<string, FilterSpec>;
  /** Path to the FINESS a record belongs to, for establishment scoping; absent: shared reference data. */
  finessOf?: string;
  /** Path to the region (INSEE code) a record belongs to, for ARS accounts' scoping (they see and
   *  write only their region's records); absent: shared reference data. */
  regionOf?: string;
  sort?(a: RecordOf<K>, b: RecordOf<K>): number;
  /** Other orders a staff list may be asked for: `?sort=name`, or `-name` for the reverse; `sort`
   *  breaks ties. A caller with a scope keeps the default order (an order on what its view hides,
   *  a pending avenant's amounts, would tell it). */
  sorts?: Record<string, (plan: PlanState) => Compare<K>>;
  /** How reads present a record (e.g. a milestone with its measured progress); as stored if absent. */
  view?(c: Ctx, r: RecordOf<K>): unknown;
  /** What an establishment (a caller with a scope) may see of this kind: only the records these
   *  conditions select (any other is 404 to it, and counts in no list), shown through `view`
   *  (e.g. an approved allocation without the avenant still under discussion). */
  scoped?: {
    where: Condition[];
    view?(r: RecordOf<K>): unknown;
    /** Filters that read differently for such a caller (replacing those of the same name): a filter
     *  must not select on what the view hides (an allocation's pending avenant). */
    filters?: Record<string, FilterSpec>;
  };
  /** Called last in each create, update and delete transaction (e.g. to record an undo step). */
  afterWrite?(c: Ctx, tx: Tx, action: 'create' | 'update' | 'delete'): void;
}

const scopedTests = new WeakMap<object, Array<(plan: PlanState, r: object) => boolean>>();
/** Whether a scoped caller may see `r` (always, for a caller without a scope). */
export const visibleTo = <K extends Kind>(
  c: Ctx,
  spec: Pick<ResourceSpec<K, unknown, unknown>, 'scoped'>,
  r: RecordOf<K>,
  from: Reader = c.get('store'),
): boolean => {
  const s = spec.scoped;
  if (!c.get('scope') || !s) return true;
  let tests = scopedTests.get(s);
  if (!tests) scopedTests.set(s, (tests = s.where.map(testOf)));
  return tests.every((t) => t(from.plan, r));
};

/** A record as a read shows it to this caller. */
export const present = <K extends Kind>(c: Ctx, spec: ResourceSpec<K, unknown, unknown>, r: RecordOf<K>): unknown =>
  c.get('scope') && spec.scoped?.view ? spec.scoped.view(r) : spec.view ? spec.view(c, r) : r;

/** Where a route reads: the store, or inside a transaction its `tx` (which sees its own writes,
 *  and on an engine with real transactions is the only consistent view). */
export type Reader = Pick<Tx, 'get' | 'plan'>;

/** The condition an ARS account's region adds to every read of this kind: one mechanism for
 *  lists (a condition the store runs), single reads and writes (inScope); null for a national
 *  caller or shared reference data. */
export const regionCondition = (c: Ctx, spec: { regionOf?: string }): Condition | null => {
  const region = c.get('region');
  return region && spec.regionOf ? { path: spec.regionOf, op: 'eq', value: region } : null;
};

const regionTests = new Map<string, (plan: PlanState, r: object) => boolean>();
const regionTest = (cond: Condition) => {
  const key = `${cond.path}=${cond.value}`;
  let t = regionTests.get(key);
  if (!t) regionTests.set(key, (t = testOf(cond)));
  return t;
};

/** Whether `r` is within the caller's scope: an establishment's FINESS, an ARS account's region. */
export const inScope = <K extends Kind>(
  c: Ctx,
  spec: Pick<ResourceSpec<K, unknown, unknown>, 'finessOf' | 'regionOf'>,
  r: RecordOf<K>,
  from: Reader = c.get('store'),
): boolean => {
  const region = regionCondition(c, spec);
  if (region && !regionTest(region)(from.plan, r)) return false;
  const scope = c.get('scope');
  if (!scope || !spec.finessOf) return true;
  const f = resolve(from.plan, r, spec.finessOf);
  return typeof f === 'string' && scope.has(f);
};

/** The FINESS the caller sees, where a figure is measured on beneficiaries (a milestone's
 *  progress, awards, the audit trail): an establishment's own, an ARS account's region's
 *  establishments and pooled resources (by SIRET); undefined: all of them. */
export const finessInView = (c: Ctx): ReadonlySet<string> | undefined => {
  const scope = c.get('scope'),
    region = c.get('region');
  if (scope) return scope;
  if (!region) return undefined;
  const store = c.get('store');
  const cache = store.derived<ReadonlySet<string>>('region-finess');
  let set = cache.get(region);
  if (!set) {
    const plan = store.plan;
    set = new Set([
      ...[...plan.establishments.values()].filter((e) => e.region === region).map((e) => e.finess),
      ...[...plan.pooled.values()].filter((p) => p.region === region).map((p) => p.id),
    ]);
    cache.set(region, set);
  }
  return set;
};

const finessOf = (spec: { finessOf?: string }, r: object, from: Reader): string => {
  const f = spec.finessOf ? resolve(from.plan, r, spec.finessOf) : undefined;
  return typeof f === 'string' ? f : '';
};

export const getScoped = <K extends Kind>(
  c: Ctx,
  spec: ResourceSpec<K, unknown, unknown>,
  id: string,
  from: Reader = c.get('store'),
): RecordOf<K> => {
  const r = from.get(spec.kind, id);
  if (!r || !inScope(c, spec, r, from) || !visibleTo(c, spec, r, from)) throw notFound(spec.label, id);
  return r;
};

/** Plain code-unit order: ids, FINESS and codes are ASCII, and localeCompare costs ~10× more. */
export const ascii = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A list's cache key from the parsed query: decoded names and values, sorted, JSON-encoded, so
 *  that no value can pass for another filter (`q=a%26ids%3Db` is one filter, `q=a&ids=b` two). */
export const listKey = (
  kind: string,
  scope: ReadonlySet<string> | null,
  active: ReadonlyArray<readonly [string, string, unknown]>,
): string =>
  JSON.stringify([
    kind,
    scope ? [...scope].sort(ascii) : null,
    active.map(([n, v]) => [n, v]).sort((a, b) => ascii(a[0]!, b[0]!)),
  ]);

/** The order a list is asked for (`sort`), among the spec's; none: its default order. */
const orderOf = <K extends Kind>(c: Ctx, spec: ResourceSpec<K, unknown, unknown>) => {
  const name = c.req.query('sort');
  if (!name || c.get('scope')) return null;
  const key = name.replace(/^-/, '');
  if (!spec.sorts || !Object.hasOwn(spec.sorts, key))
    throw invalid(
      `Tri inconnu : « ${name.slice(0, 40)} » (attendu : ${Object.keys(spec.sorts ?? {}).join(', ') || 'aucun'}).`,
      [{ path: 'sort', message: 'Tri inconnu.' }],
    );
  return { name, key, reverse: name.startsWith('-') };
};

/** Every record a list would show, all pages: the user's scope, then the list's filters, sorted. */
export const matching = <K extends Kind>(c: Ctx, spec: ResourceSpec<K, unknown, unknown>): RecordOf<K>[] => {
  const store = c.get('store');
  const scope = c.get('scope');
  const filters = scope && spec.scoped?.filters ? { ...spec.filters, ...spec.scoped.filters } : spec.filters;
  const where = Object.entries(filters ?? {}).flatMap(([name, f]) => {
    const v = c.req.query(name);
    return v === undefined || v === '' ? [] : [[name, v, conditionOf(f, v)] as const];
  });
  // an ARS account's region, after the filters: a region= filter for another region selects nothing
  const region = regionCondition(c, spec);
  if (region) where.push(['(region)', region.value, region] as const);
  const order = orderOf(c, spec);
  const key = listKey(spec.kind, scope, order ? [...where, ['sort', order.name, null]] : where);
  // computed once per write: paging through a big list (15 pages for an envelope) filters and sorts once
  const cache = store.derived<RecordOf<K>[]>('lists');
  const hit = cache.get(key);
  if (hit) return hit;
  const items = store.list(spec.kind, {
    where: [...where.map(([, , cond]) => cond), ...(scope && spec.scoped ? spec.scoped.where : [])],
    scope: scope && spec.finessOf ? { path: spec.finessOf, finess: scope } : null,
  });
  if (spec.sort) items.sort(spec.sort);
  if (order) {
    const cmp = spec.sorts![order.key]!(store.plan);
    items.sort(order.reverse ? (a, b) => cmp(b, a) : cmp); // stable: ties keep the default order
  }
  if (cache.size >= 200) cache.clear();
  cache.set(key, items);
  return items;
};

export const listOf = <K extends Kind>(c: Ctx, spec: ResourceSpec<K, unknown, unknown>) => {
  const { limit, offset } = parseWith(listQuery, { limit: c.req.query('limit'), offset: c.req.query('offset') });
  const items = matching(c, spec);
  return { items: items.slice(offset, offset + limit), total: items.length, limit, offset };
};

export const resourceRoutes = <K extends Kind, C, U>(spec: ResourceSpec<K, C, U>) =>
  new Hono<AppEnv>()
    .get('/', (c) => {
      const page = listOf(c, spec);
      const shown = (c.get('scope') && spec.scoped?.view) || spec.view;
      return sendJson(c, shown ? { ...page, items: page.items.map((r) => present(c, spec, r)) } : page);
    })
    .get('/:id', (c) => {
      const r = getScoped(c, spec, c.req.param('id'));
      return sendJson(c, present(c, spec, r), 200, { etag: etag(r.rev) });
    })
    .post('/', async (c) => {
      const input = await body(c, spec.create.schema);
      const saved = await c.get('store').transact(txMeta(c, 'create'), (tx) => {
        // scope first: a rule's refusal (e.g. a 409 naming a date) must not describe another's records
        if (!inScope(c, spec, input as unknown as RecordOf<K>, tx))
          throw notFound('Établissement', finessOf(spec, input as object, tx));
        const r = spec.create.build(tx.plan, newId(spec.idPrefix), input, writeCtx(c));
        if (!inScope(c, spec, r, tx)) throw notFound('Établissement', finessOf(spec, r, tx));
        const saved = tx.put(spec.kind, r);
        spec.afterWrite?.(c, tx, 'create');
        return saved;
      });
      return sendJson(c, saved, 201, {
        etag: etag(saved.rev),
        location: `${c.req.path.replace(/\/$/, '')}/${saved.id}`,
      });
    })
    .patch('/:id', async (c) => {
      const patch = await body(c, spec.update.schema);
      const saved = await c.get('store').transact(txMeta(c, 'update'), (tx) => {
        const cur = getScoped(c, spec, c.req.param('id'), tx);
        assertIfMatch(c, cur.rev);
        const next = spec.update.build(tx.plan, cur, patch, writeCtx(c));
        if (next === cur) return cur;
        // an ARS account keeps its records in its region (an establishment moved out would vanish from it)
        if (!inScope(c, spec, next, tx))
          throw ruleBroken('Hors de votre région : un compte ARS ne déplace rien vers une autre région.', [
            { path: spec.regionOf?.split('.')[0] ?? 'region', message: 'Hors de votre région.' },
          ]);
        const saved = tx.put(spec.kind, next);
        spec.afterWrite?.(c, tx, 'update');
        return saved;
      });
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    })
    .delete('/:id', async (c) => {
      await c.get('store').transact(txMeta(c, 'delete'), (tx) => {
        const cur = getScoped(c, spec, c.req.param('id'), tx);
        assertIfMatch(c, cur.rev);
        spec.assertDeletable?.(tx.plan, cur, writeCtx(c));
        tx.remove(spec.kind, cur.id);
        spec.afterWrite?.(c, tx, 'delete');
      });
      return c.body(null, 204);
    });
