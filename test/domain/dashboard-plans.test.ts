// The spend chart on real plans: « Alloué » ends on the committed allocated total, and cumulative
// paid never exceeds cumulative approved at any month, on the demo plan and on the national plan that `npm run gen` writes (3,000 establishments).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Allocation } from '../../server/contract/plan.js';
import { keptBuckets } from '../../server/domain/buckets.js';
import { dashboard, type DashboardFilter } from '../../server/domain/dashboard.js';
import type { PlanState } from '../../server/domain/plan.js';
import { emptyData } from '../../server/store/schema.js';
import { dataFromSeed } from '../../server/store/seed.js';
import { JournalStore } from '../../server/store/store.js';
import { PLAN_YEARS } from '../../shared/years.js';
import { demoSeedFile, TODAY } from '../helpers/app.js';

/** Every month where paid runs above approved, under every filter a reviewer can choose. */
const paidAboveApproved = (plan: PlanState, today?: string): string[] => {
  const filters: DashboardFilter[] = [
    {},
    ...[...plan.envelopes.keys()].map((envelopeId) => ({ envelopeId })),
    ...[...plan.regions.keys()].map((region) => ({ region })),
    ...[1, 2, 3, 4].map((axis) => ({ axis })),
  ];
  const out: string[] = [];
  for (const f of filters) {
    const s = dashboard(plan, f, keptBuckets(plan), today).series;
    s.paidCents.forEach((paid, i) => {
      if (paid > s.approvedCents[i]!) out.push(`${JSON.stringify(f)} ${s.months[i]}: ${paid} > ${s.approvedCents[i]}`);
    });
  }
  return out;
};

test('Demo plan: cumulative paid ≤ cumulative approved at every month, under every filter', async () => {
  // Given the demo plan
  const store = await JournalStore.open({
    seed: () => dataFromSeed(demoSeedFile(), { now: `${TODAY}T00:00:00.000Z`, withUsers: false }),
  });
  const d = dashboard(store.plan, {}, keptBuckets(store.plan), TODAY);
  // When the series run to today, Then paid never passes approved, and both have money in them
  assert.ok(d.series.paidCents.at(-1)! > 0 && d.series.approvedCents.at(-1)! > d.series.paidCents.at(-1)!);
  // « Alloué » ends on the committed allocated total, to the cent, recomputed from the records:
  // allocations on announced envelopes (planning, not money) are not on the line
  const plan = store.plan;
  const committed = (envelopeId: string) => plan.envelopes.get(envelopeId)?.status === 'committed';
  const held = (a: Allocation) =>
    a.status === 'rejected'
      ? 0
      : PLAN_YEARS.reduce(
          (s, y) =>
            s + Math.max(a.amounts[y] ?? 0, a.status === 'approved' && a.revision ? (a.revision.amounts[y] ?? 0) : 0),
          0,
        );
  const allocs = [...plan.allocations.values()];
  const committedAllocated = allocs.filter((a) => committed(a.envelopeId)).reduce((s, a) => s + held(a), 0);
  const announcedAllocated = allocs.filter((a) => !committed(a.envelopeId)).reduce((s, a) => s + held(a), 0);
  assert.ok(announcedAllocated > 0, 'the demo plan plans on its announced envelope');
  assert.is(d.series.plannedCents.at(-1), committedAllocated);
  assert.is(d.totals.byStatus.committed.allocatedCents, committedAllocated);
  assert.is(d.totals.allocatedCents, committedAllocated);
  assert.is(d.totals.byStatus.announced.allocatedCents, announcedAllocated);
  assert.equal(paidAboveApproved(store.plan, TODAY), []);
  // nor over the whole plan
  assert.equal(paidAboveApproved(store.plan), []);
});

test('National plan (npm run gen, 3,000 establishments, 50,000 payments): paid ≤ approved at every month', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-national-'));
  try {
    // Given the national plan as the generator writes it (fewer accounts and completions: they do not count here)
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/gen.ts',
        '--establishments',
        '3000',
        '--users',
        '20',
        '--completions',
        '100',
        '--out',
        dir,
      ],
      { cwd: new URL('../..', import.meta.url).pathname },
    );
    const store = await JournalStore.open({ path: join(dir, 'jalon.json'), seed: emptyData });
    try {
      // 50,000 payments, and the funding window's tranche payments (scripts/gen-window.ts)
      const tranchePayments = [...store.plan.payments.values()].filter((p) => p.id.startsWith('pay-gen-')).length;
      assert.ok(tranchePayments > 0);
      assert.is(store.plan.payments.size, 50_000 + tranchePayments);
      const d = dashboard(store.plan, {}, keptBuckets(store.plan));
      console.log(
        `national plan: approved ${d.series.approvedCents.at(-1)} cents, paid ${d.series.paidCents.at(-1)} cents over ${d.series.months.length} months`,
      );
      // When the series are read under every filter, Then paid never passes approved
      assert.equal(paidAboveApproved(store.plan, TODAY), []);
      assert.equal(paidAboveApproved(store.plan), []);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
