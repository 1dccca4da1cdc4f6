// A day at the ARS Île-de-France: its planner reads what it received, proposes within it, is
// refused beyond it; its reviewer approves and pays; nothing of Auvergne-Rhône-Alpes anywhere.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem } from '../helpers/assert.js';
import { decide } from '../helpers/decide.js';
import { allocation, delegation, F1, F2, SITE } from '../helpers/plan.js';
import { ARS, regionalSetup } from '../helpers/regional.js';

test('An ARS planner’s and reviewer’s day, in exact cents', async () => {
  const { as } = await regionalSetup({
    delegations: [
      delegation('del-idf-1', { region: '11', amounts: { '2025': 50_000_00 }, reference: '1re délégation' }),
      delegation('del-idf-2', { region: '11', amounts: { '2025': 10_000_00 }, reference: '2e délégation' }),
      delegation('del-ara', { region: '84', amounts: { '2025': 30_000_00 } }),
    ],
    envelopes: [
      {
        id: 'env-a',
        code: 'ENV-A',
        name: 'Enveloppe A',
        source: 'test',
        status: 'committed',
        totalCents: 100_000_00,
        rev: '1',
        createdAt: '2023-01-01T00:00:00.000Z',
        updatedAt: '2023-01-01T00:00:00.000Z',
      },
    ],
    allocations: [allocation('al-ara', { finess: F2, amounts: { '2025': 12_345_00 }, status: 'approved' })],
  });
  const planner = as(ARS.planner),
    reviewer = as(ARS.reviewer),
    reviewer2 = as(ARS.reviewer2);
  // morning: its credits, the sum of its two delegations
  const me = await planner.get('/api/me');
  assert.is(me.json.user.region, '11');
  const budget = (await planner.get('/api/envelopes/env-a/budget')).json;
  assert.equal([budget.totalCents, budget.years['2025'].remainingCents], [60_000_00, 60_000_00]);
  assert.equal(
    (await planner.get('/api/delegations')).json.items.map((d: { id: string }) => d.id),
    ['del-idf-1', 'del-idf-2'],
  );
  // proposes within, then beyond what remains
  const a = await planner.post('/api/allocations', {
    envelopeId: 'env-a',
    finess: F1,
    actionId: 'act-ad',
    amounts: { '2025': 45_000_00 },
  });
  assert.is(a.status, 201);
  const beyond = await planner.post('/api/allocations', {
    envelopeId: 'env-a',
    finess: SITE,
    actionId: 'act-ad',
    amounts: { '2025': 15_000_01 },
  });
  isProblem(beyond, 422, 'amounts.2025');
  assert.match(beyond.json.detail, /reste 15\s000,00\s€ sur la délégation Île-de-France 2025/);
  // afternoon: the reviewer approves and pays; the dashboard shows the region's consumption
  const ok = await decide(reviewer, `/api/allocations/${a.json.id}/approve`);
  assert.equal([ok.status, ok.json.approvedBy], [200, ARS.reviewer]);
  const paid = await reviewer.post('/api/payments', {
    allocationId: a.json.id,
    amountCents: 9_000_00,
    paidOn: '2026-11-29',
  });
  assert.is(paid.status, 201, JSON.stringify(paid.json));
  const row = (await reviewer2.get('/api/dashboard')).json.byEnvelope.find((r: { key: string }) => r.key === 'env-a');
  assert.equal(
    [row.totalCents, row.allocatedCents, row.approvedCents, row.paidCents, row.remainingCents],
    [60_000_00, 45_000_00, 45_000_00, 9_000_00, 15_000_00],
  );
  // and nothing of Auvergne-Rhône-Alpes on any of its screens
  for (const p of [
    '/api/allocations',
    '/api/payments',
    '/api/establishments',
    '/api/dashboard',
    '/api/audit',
    '/api/delegations',
  ])
    assert.not.match(JSON.stringify((await reviewer2.get(p)).json), /al-ara|12 ?345|del-ara|69000002/, p);
  isProblem(await reviewer.get('/api/allocations/al-ara'), 404);
});

test.run();
