// The dashboard's delegations: each region's credits on the selected committed envelopes and what it
// did with them (byRegion[].delegatedCents and the delegations list), to the cent. The envelope and
// region filters apply; the axis filter does not (a delegation is credits of an envelope, every axis).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dashboard } from '../../server/domain/dashboard.js';
import { regionalDashboard } from '../../server/domain/regional.js';
import { allocation, delegation, envelope, F2, F3, payment, planOf } from '../helpers/plan.js';

const TODAY = '2026-12-02';

const plan = () =>
  planOf({
    envelopes: [
      envelope({ totalCents: 10_000_00 }),
      envelope({ id: 'env-c', code: 'ENV-C', totalCents: 5_000_00 }),
      envelope({ id: 'env-b', code: 'ENV-B', status: 'announced', totalCents: 5_000_00 }),
    ],
    delegations: [
      // Île-de-France: a first and a second delegation of env-a, one of env-c
      delegation('d-1', { amounts: { '2024': 1_000_00 } }),
      delegation('d-2', { amounts: { '2025': 500_00 }, reference: '2e délégation' }),
      delegation('d-3', { envelopeId: 'env-c', amounts: { '2024': 200_00 } }),
      delegation('d-4', { region: '84', amounts: { '2024': 300_00 } }),
      // announced credits are not money yet: neither is their delegation
      delegation('d-5', { envelopeId: 'env-b', region: '94', amounts: { '2026': 100_00 } }),
    ],
    allocations: [
      allocation('al-1', { amounts: { '2024': 400_00 }, status: 'approved' }), // F1 (11), axis 4
      allocation('al-2', { actionId: 'act-exe', amounts: { '2025': 100_01 } }), // F1, axis 1
      allocation('al-3', { finess: F2, amounts: { '2024': 250_00 } }), // 84
      allocation('al-4', { envelopeId: 'env-c', finess: F3, amounts: { '2024': 50_00 } }), // 94: the reserve
      allocation('al-5', { envelopeId: 'env-c', amounts: { '2024': 30_00 }, status: 'approved' }), // 11
      allocation('al-6', { envelopeId: 'env-b', finess: F3, amounts: { '2026': 10_00 } }),
    ],
    payments: [payment('p-1', 'al-1', 120_00, '2024-06-01'), payment('p-2', 'al-1', 5_00, '2028-01-10')],
  });

const line = (
  key: string,
  label: string,
  delegatedCents: number,
  allocatedCents: number,
  approvedCents: number,
  paidCents: number,
) => ({
  key,
  label,
  allocatedCents,
  approvedCents,
  paidCents,
  delegatedCents,
  remainingCents: delegatedCents - allocatedCents,
});
const delegatedByRegion = (d: ReturnType<typeof dashboard>) =>
  Object.fromEntries(d.byRegion.map((r) => [r.key, r.delegatedCents]));

const ARA = line('84', 'Auvergne-Rhône-Alpes', 300_00, 250_00, 0, 0);
const IDF = line('11', 'Île-de-France', 1_000_00 + 500_00 + 200_00, 400_00 + 100_01 + 30_00, 400_00 + 30_00, 125_00);

test('Given delegations of committed and announced envelopes, the national dashboard lists the delegated regions, to the cent', async () => {
  // When the whole plan is read
  const d = dashboard(await plan(), {}, undefined, TODAY);
  // Then each delegated region has its credits and their use on the committed envelopes, by name;
  // Corse draws on env-c's reserve and holds only an announced delegation: no row
  assert.equal(d.delegations, [ARA, IDF]);
  assert.is(IDF.remainingCents, 1_169_99);
  assert.equal(delegatedByRegion(d), { '11': 1_700_00, '84': 300_00, '94': 0 });
  // a payment dated outside the plan still counts as paid
  assert.is(d.byRegion.find((r) => r.key === '11')!.paidCents, 125_00);
});

test('The axis filter leaves the delegations whole; the envelope and region filters narrow them', async () => {
  const p = await plan();
  // Given an axis filter: byRegion's money narrows to axis 1, the delegations do not
  const axis = dashboard(p, { axis: 1 }, undefined, TODAY);
  assert.equal(axis.delegations, [ARA, IDF]);
  assert.equal(delegatedByRegion(axis), { '11': 1_700_00, '84': 300_00, '94': 0 });
  assert.is(axis.byRegion.find((r) => r.key === '11')!.allocatedCents, 100_01);
  // an envelope: its own delegations only
  const c = dashboard(p, { envelopeId: 'env-c' }, undefined, TODAY);
  assert.equal(c.delegations, [line('11', 'Île-de-France', 200_00, 30_00, 30_00, 0)]);
  assert.equal(delegatedByRegion(c), { '11': 200_00, '84': 0, '94': 0 });
  // a region: its row alone
  const ara = dashboard(p, { region: '84' }, undefined, TODAY);
  assert.equal(ara.delegations, [ARA]);
  assert.equal(delegatedByRegion(ara), { '11': 0, '84': 300_00, '94': 0 });
  // an announced envelope: nothing delegated is money yet
  const b = dashboard(p, { envelopeId: 'env-b' }, undefined, TODAY);
  assert.equal([b.delegations, delegatedByRegion(b)], [[], { '11': 0, '84': 0, '94': 0 }]);
  // a region without a delegation of committed credits: none
  assert.equal(dashboard(p, { region: '94' }, undefined, TODAY).delegations, []);
});

test('An ARS reads its own delegation line, as its region holds it', async () => {
  const p = await plan();
  const d = regionalDashboard(p, '11', dashboard(p, { region: '11' }, undefined, TODAY));
  assert.equal(d.delegations, [IDF]);
  assert.equal(
    d.byRegion.map((r) => [r.key, r.delegatedCents]),
    [['11', 1_700_00]],
  );
});

test.run();
