// npm run gen beyond the national 3,000 establishments: the envelopes grow with the plan and every
// envelope's position balances per year, to the cent, against its allocations as written; each
// committed envelope is delegated to the 18 regions and the three conservation rules hold to the
// cent; the same seed gives the same plan.
// 4,500 by default (the scaled path, with a fractional scale, in a few seconds); the 30,000
// takes about a minute: JALON_TEST_GEN_ESTABLISHMENTS=30000 npm test -- 'scripts/gen'.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { heldAmounts, sumAmounts } from '../../shared/amounts.js';
import { PLAN_YEARS } from '../../shared/years.js';
import { envelopeBudget, yearBudget } from '../../server/domain/budget.js';
import { delegatedBudget } from '../../server/domain/region-budget.js';
import { REGION_NAMES } from '../../server/domain/regions.js';
import { windowFunnel } from '../../server/domain/funnel.js';
import { objectiveState } from '../../server/domain/objectives.js';
import type { PlanState } from '../../server/domain/plan.js';
import { emptyData } from '../../server/store/schema.js';
import { JournalStore } from '../../server/store/store.js';

interface GenInfo {
  establishments: number;
  allocations: number;
  payments: number;
  completions: number;
  delegations: number;
  /** The funding window: its applications, grants, declarations and tranche payments. */
  window: { applications: number; grants: number; declarations: number; payments: number };
}

const N = Number(process.env.JALON_TEST_GEN_ESTABLISHMENTS ?? 4500);
const root = new URL('../..', import.meta.url).pathname;
const gen = async (n: number, dir: string) => {
  // few accounts: they do not bear on the budget
  const args = ['--import', 'tsx', 'scripts/gen.ts', '--establishments', String(n), '--users', '20', '--out', dir];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as GenInfo;
};
const years = () => PLAN_YEARS.map(() => 0);
const add = (to: number[], from: Partial<Record<string, number>>) =>
  PLAN_YEARS.forEach((y, i) => (to[i]! += from[y] ?? 0));
const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
// the totals the generator draws 3,000 establishments against
const BASE: Record<string, number> = {
  'SUPP-2023': 2_000_000_000,
  'CARE-SOCLE': 18_500_000_000,
  'CARE-D1': 6_500_000_000,
  'CARE-ANNONCE': 50_000_000_000,
  // the funding window's own envelope (gen-window.ts)
  'CARE-D2': 10_000_000_000,
};

test(`gen at ${N.toLocaleString('en')} establishments: envelopes scaled, every envelope and year balanced to the cent`, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-gen-scale-'));
  try {
    // Given a plan generated at that size
    const info = await gen(N, dir);
    assert.is(info.establishments, N);
    assert.is(info.allocations, N * 12 + info.window.grants, 'one per establishment and action, and the grants');
    assert.is(info.payments, Math.round((50_000 * N) / 3000), 'payments grow with the plan');
    assert.is(info.completions, Math.round((20_000 * N) / 3000), 'completions grow with the plan');

    const store = await JournalStore.open({ path: join(dir, 'jalon.json'), seed: emptyData });
    try {
      const plan = store.plan;
      assert.is(plan.establishments.size, N);
      assert.is(plan.envelopes.size, 5);
      for (const env of plan.envelopes.values()) {
        // Then each envelope is the national one scaled, split evenly over the years, whole euros
        const perYear = Math.ceil(((BASE[env.code]! / 5) * N) / 3000 / 100) * 100;
        for (const y of PLAN_YEARS) assert.is(env.yearlyCents?.[y], perYear, `${env.code} ${y}`);
        assert.is(env.totalCents, perYear * 5, `${env.code}: total = sum of its years`);

        // And what its allocations hold, summed from the records themselves, is what its position
        // says, year by year; budget = allocated + remaining; nothing over-allocated
        const held = Object.fromEntries(PLAN_YEARS.map((y) => [y, 0]));
        let count = 0;
        for (const a of plan.allocations.values()) {
          if (a.envelopeId !== env.id) continue;
          count++;
          const h = heldAmounts(a);
          for (const y of PLAN_YEARS) held[y] = held[y]! + (h[y] ?? 0);
        }
        assert.ok(count > 0, `${env.code} has allocations`);
        const b = envelopeBudget(plan, env);
        for (const y of PLAN_YEARS) {
          const yr = b.years[y];
          assert.is(yr.allocatedCents, held[y], `${env.code} ${y}: allocated`);
          assert.is(yr.budgetCents, perYear);
          assert.is(yr.budgetCents! - yr.allocatedCents, yr.remainingCents, `${env.code} ${y}: conservation`);
          assert.ok(yr.remainingCents! >= 0, `${env.code} ${y}: ${yr.remainingCents} remaining`);
        }
        const allocated = PLAN_YEARS.reduce((s, y) => s + held[y]!, 0);
        assert.is(b.allocatedCents, allocated);
        assert.is(b.remainingCents, env.totalCents - allocated, `${env.code}: conservation over the plan`);
        // the committed envelopes are used for real, not scaled out of reach
        if (env.status === 'committed') assert.ok(allocated > env.totalCents / 10, `${env.code} used`);
      }
      assert.is(info.delegations, plan.delegations.size);
      for (const env of plan.envelopes.values()) checkDelegations(plan, env.id);
      checkWindow(plan, info.window);
      // And no allocation is paid beyond what it holds
      for (const a of plan.allocations.values()) {
        let paid = 0;
        for (const p of plan.index.paymentsByAllocation(a.id)) paid += p.amountCents;
        if (paid > sumAmounts(a.amounts)) assert.unreachable(`${a.id} paid ${paid} of ${sumAmounts(a.amounts)}`);
      }
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** The window at national scale: ~1,200 applications per 3,000 establishments; each grant an
 *  approved allocation on the window's envelope, action and year, its tranches the grant split by
 *  the objectives' shares to the cent; each tranche paid only once its objective passed both
 *  checks (the last declaration conforme at the ARS then the ANS), never beyond its amount; the
 *  funnel counts what the records hold. */
function checkWindow(plan: PlanState, counts: GenInfo['window']) {
  const w = plan.windows.get('win-gen-d2')!;
  const apps = [...plan.index.applicationsByWindow(w.id)];
  assert.is(apps.length, Math.round((1200 * N) / 3000));
  assert.is(apps.length, counts.applications);
  const granted = apps.filter((a) => a.state === 'granted');
  assert.is(granted.length, counts.grants);
  assert.ok(granted.length > apps.length * 0.85, `${granted.length} granted of ${apps.length}`);
  let tranchePaid = 0;
  for (const a of granted) {
    const al = plan.allocations.get(a.allocationId!)!;
    assert.equal(
      [al.status, al.envelopeId, al.actionId, al.amounts, al.applicationId],
      ['approved', w.envelopeId, w.actionId, { [w.year]: a.grantedCents }, a.id],
    );
    const want = w.objectives.map((o) => Math.floor((a.grantedCents! * o.shareBp) / 10_000));
    want[want.length - 1]! += a.grantedCents! - want.reduce((s, v) => s + v, 0);
    assert.equal(
      al.tranches!.map((t) => t.amountCents),
      want,
      a.id,
    );
    for (const t of al.tranches!) {
      let paid = 0;
      for (const p of plan.index.paymentsByAllocation(al.id)) if (p.tranche === t.code) paid += p.amountCents;
      tranchePaid += paid;
      if (!paid) continue;
      assert.ok(paid <= t.amountCents, `${al.id} ${t.code} overpaid`);
      assert.is(objectiveState(plan, a.id, t.code), 'achieved', `${al.id} ${t.code} paid before both checks`);
    }
  }
  const f = windowFunnel(plan, w);
  assert.is(f.total.stages.applied.count, apps.filter((a) => a.state !== 'withdrawn').length);
  assert.is(f.total.stages.granted.count, granted.length);
  assert.is(f.total.stages.paid.cents, tranchePaid);
  assert.is(counts.declarations, [...plan.declarations.values()].length);
}

/** The three conservation rules of the delegations, from the records themselves, to the cent; and
 *  the envelope's delegated position (what the API and the dashboard show) says the same. */
function checkDelegations(plan: PlanState, envelopeId: string) {
  const env = plan.envelopes.get(envelopeId)!;
  const credits = new Map<string, number[]>(),
    held = new Map<string, number[]>(),
    rounds = new Map<string, string[]>();
  for (const d of plan.delegations.values()) {
    if (d.envelopeId !== env.id) continue;
    for (const y of PLAN_YEARS) assert.ok(Number.isSafeInteger(d.amounts[y] ?? 0), `${d.id} ${y}: whole cents`);
    add(credits.get(d.region) ?? credits.set(d.region, years()).get(d.region)!, d.amounts);
    (rounds.get(d.region) ?? rounds.set(d.region, []).get(d.region)!).push(d.reference);
  }
  for (const a of plan.allocations.values()) {
    if (a.envelopeId !== env.id) continue;
    const r = plan.establishments.get(a.finess)!.region;
    add(held.get(r) ?? held.set(r, years()).get(r)!, heldAmounts(a));
  }
  // Then a committed envelope is delegated to the 18 ARS in two rounds; an announced one is not
  if (env.status === 'committed') {
    assert.equal([...credits.keys()].sort(), Object.keys(REGION_NAMES).sort(), `${env.code}: the 18 regions`);
    for (const [r, refs] of rounds) assert.is(refs.length, 2, `${env.code} ${r}: two rounds`);
  } else assert.is(credits.size, 0, `${env.code}: announced, not delegated`);

  const delegated = years(),
    reserveUsed = years();
  for (const c of credits.values()) PLAN_YEARS.forEach((_, i) => (delegated[i]! += c[i]!));
  for (const [r, h] of held) if (!credits.has(r)) PLAN_YEARS.forEach((_, i) => (reserveUsed[i]! += h[i]!));
  PLAN_YEARS.forEach((y, i) => {
    const budget = yearBudget(env, y)!;
    // rule 1: the delegations of the envelope never exceed its year budget
    assert.ok(delegated[i]! <= budget, `${env.code} ${y}: delegated ${delegated[i]} > budget ${budget}`);
    // rule 2: a delegated region's allocations within its credits
    for (const [r, c] of credits) {
      const h = held.get(r)?.[i] ?? 0;
      assert.ok(h <= c[i]!, `${env.code} ${y} region ${r}: allocated ${h} > credits ${c[i]}`);
    }
    // rule 3: the other regions' allocations within the national reserve
    assert.ok(reserveUsed[i]! <= budget - delegated[i]!, `${env.code} ${y}: national reserve exceeded`);
  });
  assert.ok(sum(delegated) <= env.totalCents, `${env.code}: delegated over the plan`);
  for (const [r, c] of credits) assert.ok(sum(held.get(r) ?? []) <= sum(c), `${env.code} region ${r} over the plan`);
  assert.ok(sum(reserveUsed) <= env.totalCents - sum(delegated), `${env.code}: reserve over the plan`);
  // the delegations cover the needs with room, and leave a national reserve
  if (credits.size) {
    const allocated = sum([...held.values()].map(sum));
    assert.ok(sum(delegated) > allocated, `${env.code}: a margin beyond the allocations`);
    assert.ok(sum(delegated) < env.totalCents, `${env.code}: a national reserve`);
  }

  // And the envelope's delegated position says the same, to the cent
  const b = delegatedBudget(plan, env);
  assert.is(b.delegatedCents, sum(delegated), `${env.code}: delegated`);
  for (const p of b.regions) {
    const c = credits.get(p.region),
      h = held.get(p.region) ?? years();
    assert.is(p.hasDelegation, !!c, `${env.code} ${p.region}`);
    PLAN_YEARS.forEach((y, i) => {
      assert.is(p.years[y].delegatedCents, c?.[i] ?? 0, `${env.code} ${p.region} ${y}: delegated`);
      assert.is(p.years[y].allocatedCents, h[i], `${env.code} ${p.region} ${y}: allocated`);
      if (c) assert.is(p.years[y].remainingCents, c[i]! - h[i]!, `${env.code} ${p.region} ${y}: remaining`);
    });
  }
  PLAN_YEARS.forEach((y, i) => {
    const r = b.reserve.years[y];
    assert.is(r.budgetCents, yearBudget(env, y)! - delegated[i]!, `${env.code} ${y}: reserve`);
    assert.is(r.allocatedCents, reserveUsed[i], `${env.code} ${y}: drawn on the reserve`);
  });
  assert.is(b.reserve.remainingCents, env.totalCents - sum(delegated) - sum(reserveUsed));
}

test('gen: the same seed writes the same plan (password hashes aside: each is salted)', async () => {
  const dirs = [await mkdtemp(join(tmpdir(), 'jalon-gen-same-')), await mkdtemp(join(tmpdir(), 'jalon-gen-same-'))];
  try {
    // Given the same plan generated twice
    for (const dir of dirs) await gen(300, dir);
    // Then every record is the same, delegations included, and so is the audit trail but for the hashes
    const [a, b] = await Promise.all(
      dirs.map(async (dir) => {
        const text = await readFile(join(dir, 'jalon.json'), 'utf8');
        return text.replace(/"passwordHash":"[^"]*"/g, '').replace(/"auditHead":\{[^}]*\}/, '');
      }),
    );
    assert.match(a!, /"delegations":\{\s*"dlg-/, 'delegations written');
    assert.ok(a === b, 'the same records');
  } finally {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
});

test.run();
