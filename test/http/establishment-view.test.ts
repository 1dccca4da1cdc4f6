// What an establishment sees of the money: approved allocations only, with the amounts in force —
// never a proposal, a rejected proposal or an avenant still under discussion, in any API; and a
// legal entity's awards: its sites together, whose totals are the sum of the sites' to the cent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Allocation, AwardTotals, Awards } from '../../server/contract/plan.js';
import { isProblem } from '../helpers/assert.js';
import { demoData, setup } from '../helpers/app.js';
import { allocation, F1, payment } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

// amounts no other figure of the small plan spells: found in a body, they leaked
const APPROVED = 300_00,
  AVENANT = 411_11,
  PROPOSED = 222_22,
  REJECTED = 155_55;

const ctx = () =>
  smallSetup({
    allocations: [
      allocation('al-ok', {
        amounts: { '2024': APPROVED },
        status: 'approved',
        approvedAt: '2024-01-10T10:00:00.000Z',
        approvedBy: USERS.reviewer2,
        revision: { amounts: { '2024': AVENANT }, proposedAt: '2024-06-01T10:00:00.000Z', proposedBy: USERS.planner },
      }),
      allocation('al-prop', { actionId: 'act-exe', amounts: { '2025': PROPOSED } }),
      allocation('al-rej', { actionId: 'act-exe', amounts: { '2024': REJECTED }, status: 'rejected' }),
    ],
    payments: [payment('pay-ok', 'al-ok', 100_00)],
  });

/** Neither the cents nor the euros of what is under discussion, in any writing. */
const leaks = (body: unknown): string[] => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return [AVENANT, PROPOSED, REJECTED].flatMap((cents) => {
    const euros = (cents / 100).toFixed(2);
    return [String(cents), euros, euros.replace('.', ',')].filter((s) => text.includes(s));
  });
};

test('Allocations list and read: an establishment sees approved ones only, without the pending avenant', async () => {
  const { as } = await ctx();
  const etab = as(USERS.etab);
  const list = await etab.get('/api/allocations');
  assert.equal(
    list.json.items.map((a: { id: string }) => a.id),
    ['al-ok'],
  );
  assert.is(list.json.total, 1);
  assert.is(list.json.items[0].revision, undefined);
  assert.equal(list.json.items[0].amounts, { '2024': APPROVED });
  assert.equal(leaks(list.json), []);
  for (const status of ['proposed', 'rejected', 'revision', 'pending'])
    assert.is((await etab.get(`/api/allocations?status=${status}`)).json.total, 0, status);
  const one = await etab.get('/api/allocations/al-ok');
  assert.is(one.status, 200);
  assert.is(one.json.revision, undefined);
  assert.equal(leaks(one.json), []);
  for (const id of ['al-prop', 'al-rej']) {
    const r = await etab.get(`/api/allocations/${id}`);
    isProblem(r, 404);
    assert.equal(leaks(r.json), [], id);
  }
  // the staff still see everything
  const planner = await as(USERS.planner).get('/api/allocations');
  assert.is(planner.json.total, 3);
  assert.equal(planner.json.items.find((a: { id: string }) => a.id === 'al-ok').revision.amounts, { '2024': AVENANT });
});

test('Awards and exports: the establishment’s totals are the approved ones; the staff’s count the proposal', async () => {
  const { as } = await ctx();
  const etab = as(USERS.etab);
  const mine = (await etab.get(`/api/establishments/${F1}/awards`)).json as Awards;
  assert.equal(
    mine.awards.map((l) => l.allocation.id),
    ['al-ok'],
  );
  assert.is(mine.awards[0]!.allocation.revision, undefined);
  assert.equal(mine.totals, {
    allocatedCents: APPROVED,
    approvedCents: APPROVED,
    proposedCents: 0,
    paidCents: 100_00,
    remainingCents: APPROVED - 100_00,
  } satisfies AwardTotals);
  assert.equal(leaks(mine), []);
  for (const path of [
    `/api/export/awards/${F1}.csv`,
    '/api/export/allocations.csv',
    '/api/export/payments.csv',
    '/api/payments',
  ]) {
    const r = await etab.get(path);
    assert.is(r.status, 200, path);
    assert.equal(leaks(r.json), [], path);
  }
  const csv = String((await etab.get(`/api/export/awards/${F1}.csv`)).json);
  assert.match(csv, /300,00/);
  const staff = (await as(USERS.planner).get(`/api/establishments/${F1}/awards`)).json as Awards;
  assert.equal(staff.awards.map((l) => l.allocation.id).sort(), ['al-ok', 'al-prop']);
  assert.is(staff.totals.proposedCents, PROPOSED);
  assert.is(staff.totals.allocatedCents, APPROVED + PROPOSED);
});

test('Payments: an establishment sees those of its approved allocations only, and not who entered them (list, read, totals, export)', async () => {
  // Given al-back, approved then paid, then its payment cancelled and its approval withdrawn (a proposal again)
  const { as } = await smallSetup({
    allocations: [
      allocation('al-ok', { amounts: { '2024': APPROVED }, status: 'approved', approvedBy: USERS.reviewer2 }),
      allocation('al-back', { actionId: 'act-exe', amounts: { '2025': PROPOSED } }),
    ],
    payments: [
      { ...payment('pay-ok', 'al-ok', 100_00), createdBy: USERS.reviewer, updatedBy: USERS.reviewer },
      { ...payment('pay-old', 'al-back', 12_34), cancelledBy: 'pay-old-x', createdBy: USERS.reviewer },
      { ...payment('pay-old-x', 'al-back', -12_34), cancelsId: 'pay-old', reason: 'erreur', createdBy: USERS.reviewer },
    ],
  });
  const etab = as(USERS.etab),
    reviewer = as(USERS.reviewer);
  // When the establishment reads its payments
  for (const path of ['/api/payments', '/api/payments?order=desc']) {
    const list = await etab.get(path);
    assert.is(list.status, 200);
    // Then only the approved allocation's payment, without the staff's e-mail
    assert.equal(
      list.json.items.map((p: { id: string }) => p.id),
      ['pay-ok'],
      path,
    );
    assert.is(list.json.total, 1);
    assert.not.match(JSON.stringify(list.json), /@jalon\.test/, path);
  }
  const one = await etab.get('/api/payments/pay-ok');
  assert.is(one.status, 200);
  assert.equal([one.json.amountCents, one.json.createdBy, one.json.updatedBy], [100_00, undefined, undefined]);
  isProblem(await etab.get('/api/payments/pay-old'), 404);
  assert.equal((await etab.get('/api/payments/totals')).json.count, 1);
  const csv = String((await etab.get('/api/export/payments.csv')).json);
  assert.not.match(csv, /Saisi par|@jalon\.test|pay-old/);
  assert.match(csv, /pay-ok/);
  // the staff still read everything, with who entered it
  const staff = await reviewer.get('/api/payments');
  assert.is(staff.json.total, 3);
  assert.is(staff.json.items.find((p: { id: string }) => p.id === 'pay-ok').createdBy, USERS.reviewer);
  assert.match(String((await reviewer.get('/api/export/payments.csv')).json), /Saisi par/);
});

test('An avenant once approved: the establishment then sees its amounts; a proposal once approved appears', async () => {
  const { as, store } = await ctx();
  const etab = as(USERS.etab),
    reviewer = as(USERS.reviewer);
  assert.is((await reviewer.post('/api/allocations/al-ok/approve')).status, 200);
  assert.is((await reviewer.post('/api/allocations/al-prop/approve')).status, 200);
  const mine = (await etab.get(`/api/establishments/${F1}/awards`)).json as Awards;
  assert.is(mine.totals.approvedCents, AVENANT + PROPOSED);
  assert.is(mine.totals.remainingCents, AVENANT + PROPOSED - 100_00);
  assert.equal((await etab.get('/api/allocations/al-ok')).json.amounts, { '2024': AVENANT });
  assert.is((await etab.get('/api/allocations')).json.total, 2);
  assert.is(store.get('allocations', 'al-prop')!.status, 'approved');
});

const sum = (list: AwardTotals[]): AwardTotals =>
  list.reduce(
    (s, t) => ({
      allocatedCents: s.allocatedCents + t.allocatedCents,
      approvedCents: s.approvedCents + t.approvedCents,
      proposedCents: s.proposedCents + t.proposedCents,
      paidCents: s.paidCents + t.paidCents,
      remainingCents: s.remainingCents + t.remainingCents,
    }),
    { allocatedCents: 0, approvedCents: 0, proposedCents: 0, paidCents: 0, remainingCents: 0 },
  );

test('Demo plan: Hospices civils de Lyon, a legal entity, reads its sites together; totals = sum of the sites to the cent', async () => {
  // a proposal on one site, which the entity must neither see nor count
  const { as, store } = await setup(async () => {
    const data = await demoData();
    (data.collections.allocations as Record<string, Allocation>)['al-hcl-prop'] = allocation('al-hcl-prop', {
      envelopeId: 'env-care-d1',
      finess: '690000013',
      actionId: 'act-d1-ad',
      amounts: { '2025': PROPOSED },
    });
    return data;
  });
  const hcl = as('etab.hcl@jalon.test');
  const me = (await hcl.get('/api/me')).json;
  assert.equal([...me.scope].sort(), ['690000013', '690000021']);
  const planner = as('planif@jalon.test');
  const entity = await hcl.get('/api/establishments/691000012/awards');
  assert.is(entity.status, 200, JSON.stringify(entity.json));
  const aw = entity.json as Awards;
  assert.is(aw.finess, '691000012');
  assert.is(aw.name, 'Hospices civils de Lyon');
  assert.is(aw.establishment, undefined);
  assert.equal(aw.sites.map((s) => s.establishment.finess).sort(), ['690000013', '690000021']);
  assert.equal(leaks(aw), []);
  // the entity's totals are the sum of its sites', and each site's are those of the site read alone
  assert.equal(aw.totals, sum(aw.sites.map((s) => s.totals)));
  const alone: AwardTotals[] = [];
  for (const s of aw.sites) {
    const one = (await hcl.get(`/api/establishments/${s.establishment.finess}/awards`)).json as Awards;
    assert.equal(one.totals, s.totals, s.establishment.finess);
    assert.equal(one.sites.length, 1);
    alone.push(one.totals);
  }
  assert.equal(aw.totals, sum(alone));
  // and the store's own sums, approved allocations of the two sites minus their payments
  const approved = [...store.all('allocations')].filter(
    (a) => ['690000013', '690000021'].includes(a.finess) && a.status === 'approved',
  );
  const approvedCents = approved.reduce((s, a) => s + Object.values(a.amounts).reduce((x, y) => x + (y ?? 0), 0), 0);
  const paidCents = [...store.all('payments')]
    .filter((p) => approved.some((a) => a.id === p.allocationId))
    .reduce((s, p) => s + p.amountCents, 0);
  assert.equal([aw.totals.approvedCents, aw.totals.paidCents, aw.totals.proposedCents], [approvedCents, paidCents, 0]);
  assert.ok(approvedCents > 0);
  // the staff read the same entity with the proposal
  const staff = (await planner.get('/api/establishments/691000012/awards')).json as Awards;
  const proposed = [...store.all('allocations')].filter(
    (a) => ['690000013', '690000021'].includes(a.finess) && a.status === 'proposed',
  );
  assert.ok(proposed.some((a) => a.id === 'al-hcl-prop'));
  assert.is(
    staff.totals.proposedCents,
    proposed.reduce((s, a) => s + Object.values(a.amounts).reduce((x, y) => x + (y ?? 0), 0), 0),
  );
  // its export: one line per award and the entity's total
  const csv = String((await hcl.get('/api/export/awards/691000012.csv')).json);
  assert.match(csv, /691000012;TOTAL;Hospices civils de Lyon/);
  assert.equal(leaks(csv), []);
  // another establishment cannot read the entity, nor the entity another establishment
  isProblem(await as('etab.versailles@jalon.test').get('/api/establishments/691000012/awards'), 404);
  isProblem(await as('etab.versailles@jalon.test').get('/api/export/awards/691000012.csv'), 404);
  isProblem(await hcl.get('/api/establishments/780000014/awards'), 404);
});

test.run();
