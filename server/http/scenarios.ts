// /api/scenarios: planners' drafts of allocations (domain/scenarios.ts), their lines, distribution
// rules, the comparison with the plan and the promotion. Planners write (an ARS account its
// region's scenarios), reviewers read; another region's scenario is unknown to an ARS account.
import { Hono } from 'hono';
import type { Scenario, ScenarioLine } from '../contract/scenarios.js';
import { compare } from '../domain/compare.js';
import type { DistributionInput } from '../domain/distribute.js';
import { notFound } from '../domain/errors.js';
import { promote } from '../domain/promote.js';
import { applyDistribution } from '../domain/scenario-distribution.js';
import {
  createLine,
  createScenario,
  lineById,
  linesOf,
  rebasedLines,
  removedLine,
  staleness,
  updateLine,
  updateScenario,
  type ScenarioInput,
} from '../domain/scenarios.js';
import type { PlanState } from '../domain/plan.js';
import { pageOf } from '../domain/bulk-preview.js';
import type { Reader } from './resource.js';
import { ascii, newId } from './resource.js';
import {
  assertIfMatch,
  body,
  etag,
  parseWith,
  Rollback,
  rolledBack,
  sendJson,
  txMeta,
  writeCtx,
  type AppEnv,
  type Ctx,
} from './context.js';
import { listQuery } from './schemas.js';
import {
  compareQuery,
  distributeBody,
  lineCreate,
  lineUpdate,
  scenarioCreate,
  scenarioUpdate,
} from './scenario-schemas.js';
import { sendComparison } from './scenario-exports.js';

/** A scenario the caller may see: an ARS account, its region's only (any other is unknown to it). */
const scenarioOf = (c: Ctx, id: string, from: Reader = c.get('store')): Scenario => {
  const s = from.get('scenarios', id);
  const region = c.get('region');
  if (!s || (region && s.region !== region)) throw notFound('Scénario', id);
  return s;
};

const lineOf = (s: Scenario, id: string, plan: PlanState): ScenarioLine => {
  const l = lineById(plan, s, id);
  if (!l) throw notFound('Ligne de scénario', id);
  return l;
};

const view = (c: Ctx, s: Scenario) => {
  const plan = c.get('store').plan;
  const lines = linesOf(plan, s);
  let totalCents = 0;
  for (const l of lines) for (const v of Object.values(l.amounts)) totalCents += v ?? 0;
  return { ...s, lineCount: lines.length, totalCents, stale: staleness(plan, s).map((e) => e.message) };
};

const flag = (c: Ctx, name: string) => ['1', 'true'].includes(c.req.query(name) ?? '');

export const scenarioRoutes = () =>
  new Hono<AppEnv>()
    // before /:id, which would take « compare » for an id
    .get('/compare', (c) => {
      const q = parseWith(compareQuery, {
        ids: c.req.query('ids'),
        format: c.req.query('format'),
        limit: c.req.query('limit'),
      });
      const scenarios = q.ids.map((id) => scenarioOf(c, id));
      const region = c.get('region') ?? undefined;
      const sheet = q.format === 'csv' || q.format === 'xlsx' ? q.format : null;
      // an export lists every beneficiary that gains or loses
      const cmp = compare(c.get('store').plan, scenarios, { region, limit: sheet ? Infinity : q.limit });
      return sheet ? sendComparison(c, sheet, cmp) : sendJson(c, cmp);
    })
    .get('/', (c) => {
      const { limit, offset } = parseWith(listQuery, { limit: c.req.query('limit'), offset: c.req.query('offset') });
      const region = c.get('region');
      const items = [...c.get('store').all('scenarios')]
        .filter((s) => !region || s.region === region)
        .sort((a, b) => ascii(b.updatedAt, a.updatedAt) || ascii(a.id, b.id));
      return sendJson(c, {
        // a row leaves out the basis's revisions (one per allocation of a national copy: ~36,000)
        items: items.slice(offset, offset + limit).map((s) => {
          const v = view(c, s);
          return v.basis ? { ...v, basis: { at: v.basis.at } } : v;
        }),
        total: items.length,
        limit,
        offset,
      });
    })
    .post('/', async (c) => {
      const input = (await body(c, scenarioCreate)) as ScenarioInput;
      const saved = await c.get('store').transact(txMeta(c, 'create'), (tx) => {
        const { scenario, lines } = createScenario(
          tx.plan,
          newId('sc'),
          input,
          { ...writeCtx(c), region: c.get('region') ?? undefined },
          () => newId('scl'),
        );
        const s = tx.put('scenarios', scenario);
        for (const l of lines) tx.put('scenarioLines', l);
        return s;
      });
      return sendJson(c, view(c, saved), 201, {
        etag: etag(saved.rev),
        location: `/api/scenarios/${saved.id}`,
      });
    })
    .get('/:id', (c) => {
      const s = scenarioOf(c, c.req.param('id'));
      return sendJson(c, view(c, s), 200, { etag: etag(s.rev) });
    })
    .patch('/:id', async (c) => {
      const patch = await body(c, scenarioUpdate);
      const saved = await c.get('store').transact(txMeta(c, patch.rebase ? 'rebase' : 'update'), (tx) => {
        const cur = scenarioOf(c, c.req.param('id'), tx);
        assertIfMatch(c, cur.rev);
        const next = updateScenario(tx.plan, cur, patch, writeCtx(c));
        if (patch.rebase) {
          const lines = rebasedLines(tx.plan, cur);
          for (const l of lines.put) tx.put('scenarioLines', l);
          for (const id of lines.remove) tx.remove('scenarioLines', id);
        }
        return tx.put('scenarios', next);
      });
      return sendJson(c, view(c, saved), 200, { etag: etag(saved.rev) });
    })
    .delete('/:id', async (c) => {
      await c.get('store').transact(txMeta(c, 'delete'), (tx) => {
        const cur = scenarioOf(c, c.req.param('id'), tx);
        assertIfMatch(c, cur.rev);
        for (const l of [...tx.plan.index.linesOfScenario(cur.id)]) tx.remove('scenarioLines', l.id);
        tx.remove('scenarios', cur.id);
      });
      return c.body(null, 204);
    })
    .get('/:id/lines', (c) => {
      const s = scenarioOf(c, c.req.param('id'));
      const { limit, offset } = parseWith(listQuery, { limit: c.req.query('limit'), offset: c.req.query('offset') });
      const f = {
        envelopeId: c.req.query('envelopeId'),
        finess: c.req.query('finess'),
        actionId: c.req.query('actionId'),
      };
      const items = linesOf(c.get('store').plan, s)
        .filter((l) => (!f.envelopeId || l.envelopeId === f.envelopeId) && (!f.finess || l.finess === f.finess))
        .filter((l) => !f.actionId || l.actionId === f.actionId)
        .sort((a, b) => ascii(a.finess, b.finess) || ascii(a.actionId, b.actionId) || ascii(a.id, b.id));
      return sendJson(c, { items: items.slice(offset, offset + limit), total: items.length, limit, offset });
    })
    .post('/:id/lines', async (c) => {
      const input = await body(c, lineCreate);
      const saved = await c.get('store').transact(txMeta(c, 'create'), (tx) => {
        const s = scenarioOf(c, c.req.param('id'), tx);
        return tx.put('scenarioLines', createLine(tx.plan, s, newId('scl'), input, writeCtx(c)));
      });
      return sendJson(c, saved, 201, {
        etag: etag(saved.rev),
        location: `/api/scenarios/${saved.scenarioId}/lines/${saved.id}`,
      });
    })
    .get('/:id/lines/:lineId', (c) => {
      const s = scenarioOf(c, c.req.param('id'));
      const l = lineOf(s, c.req.param('lineId'), c.get('store').plan);
      return sendJson(c, l, 200, { etag: etag(l.rev) });
    })
    .patch('/:id/lines/:lineId', async (c) => {
      const patch = await body(c, lineUpdate);
      const saved = await c.get('store').transact(txMeta(c, 'update'), (tx) => {
        const s = scenarioOf(c, c.req.param('id'), tx);
        const cur = lineOf(s, c.req.param('lineId'), tx.plan);
        assertIfMatch(c, cur.rev);
        return tx.put('scenarioLines', updateLine(tx.plan, s, cur, patch, writeCtx(c)));
      });
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    })
    .delete('/:id/lines/:lineId', async (c) => {
      await c.get('store').transact(txMeta(c, 'delete'), (tx) => {
        const s = scenarioOf(c, c.req.param('id'), tx);
        const cur = lineOf(s, c.req.param('lineId'), tx.plan);
        assertIfMatch(c, cur.rev);
        const withdrawn = removedLine(s, cur, writeCtx(c));
        if (withdrawn) tx.put('scenarioLines', withdrawn);
        else tx.remove('scenarioLines', cur.id);
      });
      return c.body(null, 204);
    })
    // one rule fills the scenario for one envelope, action and year; ?preview=1 answers the same
    // shares through the same checks, then undoes them
    .post('/:id/distribute', async (c) => {
      const { page, ...input } = await body(c, distributeBody);
      const preview = flag(c, 'preview');
      const result = await c
        .get('store')
        .transact(txMeta(c, 'distribute'), (tx) => {
          const s = scenarioOf(c, c.req.param('id'), tx);
          const d = applyDistribution(tx.plan, s, input as DistributionInput, writeCtx(c), () => newId('scl'));
          if (preview) throw new Rollback(d.result);
          for (const l of d.lines) tx.put('scenarioLines', l);
          return d.result;
        })
        .catch(rolledBack<ReturnType<typeof applyDistribution>['result']>);
      const { items, ...rest } = result;
      return sendJson(c, { ...rest, preview, shares: pageOf(items, page, (x) => x) });
    })
    .post('/:id/promote', async (c) => {
      const dryRun = flag(c, 'dryRun');
      const report = await c
        .get('store')
        .transact(txMeta(c, 'promote'), (tx) => {
          const s = scenarioOf(c, c.req.param('id'), tx);
          if (c.req.header('if-match')) assertIfMatch(c, s.rev);
          const r = promote(
            tx.plan,
            s,
            writeCtx(c),
            {
              put: (a, action) => void tx.put('allocations', a, { action }),
              remove: (id, action) => tx.remove('allocations', id, { action }),
              putLine: (l, action) => void tx.put('scenarioLines', l, { action }),
              removeLine: (id, action) => tx.remove('scenarioLines', id, { action }),
              putScenario: (next, action) => void tx.put('scenarios', next, { action }),
              newId: () => newId('al'),
            },
            { dryRun },
          );
          if (dryRun) throw new Rollback(r);
          return r;
        })
        .catch(rolledBack<ReturnType<typeof promote>>);
      return sendJson(c, report);
    });
