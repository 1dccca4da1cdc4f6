// GET /api/windows/:id/funnel: staff read a window's funnel to the cent, an ARS account its
// region's only; an establishment is refused, an unknown window is 404; a write is seen at once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Funnel } from '../../server/contract/funnel.js';
import { isProblem } from '../helpers/assert.js';
import { allocation, envelope, F2, payment } from '../helpers/plan.js';
import { ARS, regionalSetup } from '../helpers/regional.js';
import { USERS } from '../helpers/small.js';
import { application, fundingWindow, objectiveTranches } from '../helpers/windows.js';

/** Given a 1 000 000,00 € envelope and the small plan's five establishments, each eligible at
 *  50 000,00 € (no staff known: the first band); F1 granted 40 000,00 € (tranches 20 000 /
 *  12 000 / 8 000) and paid 5 000,00 €, F2's application submitted at 30 000,00 €. */
const plan = () =>
  regionalSetup({
    envelopes: [envelope({ totalCents: 1_000_000_00 })],
    windows: [fundingWindow()],
    applications: [
      application('app-f1', { state: 'granted', grantedCents: 40_000_00, allocationId: 'al-f1' }),
      application('app-f2', { finess: F2, region: '84', requestedCents: 30_000_00 }),
    ],
    allocations: [
      allocation('al-f1', {
        status: 'approved',
        amounts: { '2024': 40_000_00 },
        applicationId: 'app-f1',
        tranches: objectiveTranches('app-f1', [20_000_00, 12_000_00, 8_000_00]),
      }),
    ],
    payments: [payment('pay-1', 'al-f1', 5_000_00, '2025-01-10')],
  });

const counts = (f: Funnel) => Object.values(f.total.stages).map((s) => [s.count, s.establishments, s.cents]);

test('A national planner or reviewer reads the whole funnel, in order, to the cent', async () => {
  const { as } = await plan();
  for (const who of [USERS.planner, USERS.reviewer, USERS.admin]) {
    const res = await as(who).get('/api/windows/win-d1/funnel');
    assert.is(res.status, 200, who);
    const f = res.json as Funnel;
    assert.equal(
      f.stages.map((s) => s.label),
      ['Éligibles', 'Candidats', 'Retenus', 'Objectifs déclarés', 'Conformes ARS', 'Conformes ANS', 'Versés'],
    );
    assert.equal(counts(f), [
      [5, 5, 250_000_00],
      [2, 2, 70_000_00],
      [1, 1, 40_000_00],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [1, 1, 5_000_00],
    ]);
    assert.equal(f.shares, {
      envelopeCents: 1_000_000_00,
      cappedCents: 250_000_00,
      grantedCents: 40_000_00,
      cappedBp: 2500,
      grantedBp: 400,
    });
    assert.is(f.region, null);
  }
});

test('An ARS account reads its region only', async () => {
  const { as } = await plan();
  const f = (await as(ARS.plannerAra).get('/api/windows/win-d1/funnel')).json as Funnel;
  assert.is(f.region, '84');
  assert.equal(
    f.byRegion.map((r) => r.key),
    ['84'],
  );
  assert.equal(counts(f).slice(0, 3), [
    [1, 1, 50_000_00],
    [1, 1, 30_000_00],
    [0, 0, 0],
  ]);
  const idf = (await as(ARS.reviewer).get('/api/windows/win-d1/funnel')).json as Funnel;
  assert.equal(
    idf.byRegion.map((r) => r.key),
    ['11'],
  );
  assert.is(idf.total.stages.paid.cents, 5_000_00);
});

test('An establishment is refused; an unknown window is 404, as problem+json', async () => {
  const { as } = await plan();
  isProblem(await as(USERS.etab).get('/api/windows/win-d1/funnel'), 403);
  const res = await as(USERS.planner).get('/api/windows/win-nope/funnel');
  isProblem(res, 404);
  assert.match(res.json.detail, /win-nope/);
});

test('The funnel kept between requests follows the next write', async () => {
  const { as, store } = await plan();
  assert.is(((await as(USERS.planner).get('/api/windows/win-d1/funnel')).json as Funnel).total.stages.applied.count, 2);
  await store.transact({ now: '2024-04-03T10:00:00.000Z', actor: USERS.planner }, (tx) => {
    const a = tx.get('applications', 'app-f2')!;
    tx.put('applications', { ...a, state: 'withdrawn', withdrawnAt: '2024-04-03T10:00:00.000Z' });
  });
  const after = (await as(USERS.planner).get('/api/windows/win-d1/funnel')).json as Funnel;
  assert.equal([after.total.stages.applied.count, after.total.stages.applied.cents], [1, 40_000_00]);
});

test.run();
