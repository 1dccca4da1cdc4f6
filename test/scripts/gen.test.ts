// npm run gen beyond the national 3,000 establishments: the envelopes grow with the plan and every
// envelope's position balances per year, to the cent, against its allocations as written.
// 4,500 by default (the scaled path, with a fractional scale, in a few seconds); the 30,000
// takes about a minute: JALON_TEST_GEN_ESTABLISHMENTS=30000 npm test -- 'scripts/gen'.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { heldAmounts, sumAmounts } from '../../shared/amounts.js';
import { PLAN_YEARS } from '../../shared/years.js';
import { envelopeBudget } from '../../server/domain/budget.js';
import { emptyData } from '../../server/store/schema.js';
import { JournalStore } from '../../server/store/store.js';

const N = Number(process.env.JALON_TEST_GEN_ESTABLISHMENTS ?? 4500);
// the totals the generator draws 3,000 establishments against
const BASE: Record<string, number> = {
  'SUPP-2023': 2_000_000_000,
  'CARE-SOCLE': 18_500_000_000,
  'CARE-D1': 6_500_000_000,
  'CARE-ANNONCE': 50_000_000_000,
};

test(`gen at ${N.toLocaleString('en')} establishments: envelopes scaled, every envelope and year balanced to the cent`, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-gen-scale-'));
  try {
    // Given a plan generated at that size (few accounts: they do not bear on the budget)
    const args = ['--import', 'tsx', 'scripts/gen.ts', '--establishments', String(N), '--users', '20', '--out', dir];
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      cwd: new URL('../..', import.meta.url).pathname,
      maxBuffer: 1 << 20,
    });
    const info = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    assert.is(info.establishments, N);
    assert.is(info.allocations, N * 12);
    assert.is(info.payments, Math.round((50_000 * N) / 3000), 'payments grow with the plan');
    assert.is(info.completions, Math.round((20_000 * N) / 3000), 'completions grow with the plan');

    const store = await JournalStore.open({ path: join(dir, 'jalon.json'), seed: emptyData });
    try {
      const plan = store.plan;
      assert.is(plan.establishments.size, N);
      assert.is(plan.envelopes.size, 4);
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

test.run();
