// Previews say who gets what: a bulk allocation's dry run lists the establishments that would
// receive an allocation, with their amounts, and those skipped with the allocation they hold,
// one page at a time, bounded on a national plan.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Establishment } from '../../server/contract/plan.js';
import type { DataFile } from '../../server/store/schema.js';
import { isProblem, unchanged } from '../helpers/assert.js';
import { ACCOUNTS, demoData, setup } from '../helpers/app.js';
import { withKey } from '../helpers/plan.js';

// D2 back-ups on CARE-SOCLE: the D2 window granted some Île-de-France establishments, not most
const BULK = {
  envelopeId: 'env-care-socle',
  actionId: 'act-d2-sauv',
  amounts: { '2025': 1_000_00, '2024': 250_50 },
  filter: { region: '11' },
};

test('bulk dry run: a page of the establishments with their amounts, and the skipped ones with what they hold', async () => {
  // Given the demo plan, where some Île-de-France establishments already hold D2-SAUV on CARE-SOCLE
  const { as, store } = await setup();
  const planner = as(ACCOUNTS.planner);
  await planner.get('/api/me'); // logged in before the store is compared
  const inRegion = [...store.all('establishments')].filter((e) => e.region === '11');
  const funded = (e: Establishment) =>
    [...store.all('allocations')].filter(
      (a) =>
        a.finess === e.finess &&
        a.envelopeId === 'env-care-socle' &&
        a.actionId === 'act-d2-sauv' &&
        a.status !== 'rejected',
    );
  const byFiness = (a: Establishment, b: Establishment) => a.finess.localeCompare(b.finess);
  const expectTargets = inRegion.filter((e) => !funded(e).length).sort(byFiness);
  const expectSkipped = inRegion.filter((e) => funded(e).length).sort(byFiness);
  assert.ok(expectTargets.length > 3 && expectSkipped.length > 0, 'the demo has both');
  // When the planner previews 250,50 € on 2024 and 1 000,00 € on 2025 for each, 3 a page
  const res = await unchanged(store, () =>
    planner.post('/api/allocations/bulk', {
      ...BULK,
      dryRun: true,
      preview: { targets: { offset: 3, limit: 3 }, skipped: { limit: 1 } },
    }),
  );
  // Then it counts them all, and lists the second page with FINESS, name, region and amounts
  assert.is(res.status, 200, JSON.stringify(res.json));
  const p = res.json;
  assert.equal(
    [p.count, p.totalCents, p.skipped, p.amounts],
    [expectTargets.length, 1_250_50 * expectTargets.length, expectSkipped.length, BULK.amounts],
  );
  assert.equal([p.targets.offset, p.targets.limit, p.targets.total], [3, 3, expectTargets.length]);
  assert.equal(
    p.targets.items,
    expectTargets.slice(3, 6).map((e) => ({
      finess: e.finess,
      name: e.name,
      region: '11',
      regionName: 'Île-de-France',
      category: e.category,
      amounts: { '2025': 1_000_00, '2024': 250_50 },
      totalCents: 1_250_50,
    })),
  );
  // and the first skipped one, with the allocation it already holds
  const s0 = expectSkipped[0]!;
  assert.equal([p.skippedList.total, p.skippedList.items.length], [expectSkipped.length, 1]);
  assert.equal(p.skippedList.items[0], {
    finess: s0.finess,
    name: s0.name,
    region: '11',
    regionName: 'Île-de-France',
    category: s0.category,
    existing: funded(s0).map((a) => ({
      id: a.id,
      status: a.status,
      // what the grid shows: an avenant's amounts while it waits
      totalCents: Object.values(a.revision?.amounts ?? a.amounts).reduce((x, y) => x + y, 0),
    })),
  });
  // the default page is the first 50; a page past the end is empty, not an error
  const first = await planner.post('/api/allocations/bulk', { ...BULK, dryRun: true });
  assert.equal(
    first.json.targets.items.map((e: { finess: string }) => e.finess),
    expectTargets.slice(0, 50).map((e) => e.finess),
  );
  const past = await planner.post('/api/allocations/bulk', {
    ...BULK,
    dryRun: true,
    preview: { targets: { offset: 1000 } },
  });
  assert.equal([past.json.targets.items, past.json.count], [[], expectTargets.length]);
  // a page size beyond 500 is refused, with its field
  isProblem(
    await planner.post('/api/allocations/bulk', { ...BULK, dryRun: true, preview: { targets: { limit: 501 } } }),
    400,
    'preview.targets.limit',
  );
});

test('bulk dry run on a national-sized plan: 3 200 establishments, a bounded answer', async () => {
  // Given 3 200 more establishments in Bretagne (53)
  const extra = async (): Promise<DataFile> => {
    const d = await demoData();
    const any = Object.values(d.collections.establishments)[0]!;
    for (let i = 0; i < 3200; i++) {
      const finess = withKey(`29${String(100000 + i).padStart(6, '0')}`);
      d.collections.establishments[finess] = {
        ...any,
        id: finess,
        finess,
        name: `Centre hospitalier n° ${i}`,
        region: '53',
        finessEj: undefined,
      };
    }
    return d;
  };
  const { as } = await setup(extra);
  const res = await as(ACCOUNTS.planner).post('/api/allocations/bulk', {
    envelopeId: 'env-care-socle',
    actionId: 'act-sensib',
    amounts: { '2025': 1_00 },
    filter: { region: '53' },
    dryRun: true,
  });
  assert.is(res.status, 200, JSON.stringify(res.json).slice(0, 500));
  assert.ok(res.json.count >= 3200);
  assert.equal([res.json.targets.total, res.json.targets.items.length], [res.json.count, 50]);
  assert.is(res.json.totalCents, res.json.count * 1_00);
  const bytes = JSON.stringify(res.json).length;
  assert.ok(bytes < 20_000, `answer of ${bytes} bytes`);
});

test.run();
