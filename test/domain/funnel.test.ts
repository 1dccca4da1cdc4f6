// A window's funnel: who could apply (a GHT once for its members), who applied, was granted,
// declared, passed the ARS then the ANS check, was paid; counts, establishments and cents by
// region and category; the envelope's share capped and granted in basis points.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FunnelRow, FunnelStage } from '../../server/contract/funnel.js';
import type { Allocation } from '../../server/contract/plan.js';
import type { Declaration } from '../../server/contract/windows.js';
import { windowFunnel } from '../../server/domain/funnel.js';
import {
  allocation,
  basics,
  EJ,
  envelope,
  establishment,
  F1,
  F2,
  F3,
  ght,
  payment,
  planOf,
  SITE,
  withKey,
  type PlanRecords,
} from '../helpers/plan.js';
import { application, fundingWindow, objectiveTranches } from '../helpers/windows.js';

const G1 = withKey('91000001'); // the GHT's support, Île-de-France, public, 300 ETP
const G2 = withKey('91000002'); // its member, 400 ETP: the GHT counts 700
const GHT = 'GHT Sud';
const meta = { rev: '1', createdAt: '2024-06-01T08:00:00.000Z', updatedAt: '2024-06-01T08:00:00.000Z' };

const grant = (id: string, applicationId: string, finess: string, cents: [number, number, number]): Allocation =>
  allocation(id, {
    finess,
    status: 'approved',
    amounts: { '2024': cents[0] + cents[1] + cents[2] },
    applicationId,
    tranches: objectiveTranches(applicationId, cents),
  });
const ok = { verdict: 'conforme' as const, at: '2025-07-01T10:00:00.000Z' };
const declaration = (
  id: string,
  applicationId: string,
  objective: string,
  o: Partial<Declaration> = {},
): Declaration => ({
  id,
  applicationId,
  objective,
  achievedOn: '2025-03-01',
  evidence: [{ sha256: 'a'.repeat(64), name: 'preuve.pdf', type: 'application/pdf', size: 1000 }],
  ...meta,
  ...o,
});

/** Given: 1 000 000,00 € envelope; eligible, the GHT (300 000,00 € cap, 2 establishments), F1
 *  (600 ETP: 120 000,00 €), F2, F3, EJ and SITE (50 000,00 € each): 620 000,00 €.
 *  The GHT asked 280 000,00 € and got 250 000,00 € (tranches 125 000 / 75 000 / 50 000), its
 *  first objective passed both checks and was paid, its second awaits the ARS; F1 asked
 *  110 000,00 € and got 100 000,00 € (50 000 / 30 000 / 20 000), its first objective awaits the
 *  ANS, its second was found non conforme by the ARS; F2's application is submitted
 *  (40 000,00 €), F3's refused (30 000,00 €), EJ's withdrawn, SITE's a draft. */
const records = (o: PlanRecords = {}): PlanRecords => {
  const b = basics();
  return {
    envelopes: [envelope({ totalCents: 1_000_000_00 })],
    establishments: [
      ...b.establishments.map((e) =>
        e.finess === F1 ? { ...e, staff: 600 } : e.finess === F3 ? { ...e, staff: 100 } : e,
      ),
      establishment(G1, { ght: GHT, staff: 300, priority: false }),
      establishment(G2, { ght: GHT, staff: 400, priority: true }),
    ],
    ghts: [ght('ght-sud', { code: GHT, supportFiness: G1 })],
    windows: [fundingWindow()],
    applications: [
      application('app-ght', {
        finess: G1,
        ghtCode: GHT,
        requestedCents: 280_000_00,
        state: 'granted',
        grantedCents: 250_000_00,
        allocationId: 'al-ght',
      }),
      application('app-f1', {
        requestedCents: 110_000_00,
        state: 'granted',
        grantedCents: 100_000_00,
        allocationId: 'al-f1',
      }),
      application('app-f2', { finess: F2, region: '84', requestedCents: 40_000_00 }),
      application('app-f3', { finess: F3, region: '94', requestedCents: 30_000_00, state: 'refused' }),
      application('app-ej', { finess: EJ, requestedCents: 20_000_00, state: 'withdrawn' }),
      application('app-site', { finess: SITE, requestedCents: 20_000_00, state: 'draft' }),
    ],
    allocations: [
      grant('al-ght', 'app-ght', G1, [125_000_00, 75_000_00, 50_000_00]),
      grant('al-f1', 'app-f1', F1, [50_000_00, 30_000_00, 20_000_00]),
    ],
    declarations: [
      declaration('dec-1', 'app-ght', 'D1-AD-1', { arsCheck: ok, ansCheck: ok }),
      declaration('dec-2', 'app-ght', 'D1-AD-2'),
      declaration('dec-3', 'app-f1', 'D1-AD-1', { arsCheck: ok }),
      declaration('dec-4', 'app-f1', 'D1-AD-2', {
        arsCheck: { verdict: 'non_conforme', reason: 'Preuve illisible.', at: '2025-07-01T10:00:00.000Z' },
      }),
    ],
    payments: [{ ...payment('pay-1', 'al-ght', 125_000_00, '2025-12-15'), tranche: 'D1-AD-1' }],
    ...o,
  };
};

/** A row as [stage, count, establishments, cents] lines, in the funnel's order. */
const lines = (row: FunnelRow) =>
  (Object.entries(row.stages) as Array<[FunnelStage, { count: number; establishments: number; cents: number }]>).map(
    ([stage, c]) => [stage, c.count, c.establishments, c.cents],
  );

test('The national funnel: each step in counts, establishments covered and cents, a GHT counting once', async () => {
  const plan = await planOf(records());
  const f = windowFunnel(plan, plan.windows.get('win-d1')!);
  assert.equal(
    f.stages.map((s) => s.stage),
    ['eligible', 'applied', 'granted', 'declared', 'arsChecked', 'ansChecked', 'paid'],
  );
  assert.equal(lines(f.total), [
    ['eligible', 6, 7, 620_000_00],
    ['applied', 4, 5, 460_000_00],
    ['granted', 2, 3, 350_000_00],
    ['declared', 2, 3, 280_000_00],
    ['arsChecked', 2, 3, 175_000_00],
    ['ansChecked', 1, 2, 125_000_00],
    ['paid', 1, 2, 125_000_00],
  ]);
  assert.equal(f.shares, {
    envelopeCents: 1_000_000_00,
    cappedCents: 620_000_00,
    grantedCents: 350_000_00,
    cappedBp: 6200,
    grantedBp: 3500,
  });
  assert.is(f.region, null);
});

test('By region (by name) and by category (GHT, public outside a GHT, non-profit, for-profit): the rows add up to the total', async () => {
  const plan = await planOf(records());
  const f = windowFunnel(plan, plan.windows.get('win-d1')!);
  assert.equal(
    f.byRegion.map((r) => [r.key, r.label]),
    [
      ['84', 'Auvergne-Rhône-Alpes'],
      ['94', 'Corse'],
      ['11', 'Île-de-France'],
    ],
  );
  const idf = f.byRegion.find((r) => r.key === '11')!;
  assert.equal(lines(idf).slice(0, 3), [
    ['eligible', 4, 5, 520_000_00],
    ['applied', 2, 3, 390_000_00],
    ['granted', 2, 3, 350_000_00],
  ]);
  assert.equal(
    f.byCategory.map((r) => [r.key, r.label, r.stages.eligible.count, r.stages.eligible.cents, r.stages.applied.cents]),
    [
      ['ght', 'GHT', 1, 300_000_00, 280_000_00],
      ['public', 'Public hors GHT', 1, 120_000_00, 110_000_00],
      ['private_nonprofit', 'Privé non lucratif', 3, 150_000_00, 30_000_00],
      ['private_forprofit', 'Privé lucratif', 1, 50_000_00, 40_000_00],
    ],
  );
  for (const rows of [f.byRegion, f.byCategory])
    for (const stage of f.stages.map((s) => s.stage))
      for (const k of ['count', 'establishments', 'cents'] as const)
        assert.is(
          rows.reduce((s, r) => s + r.stages[stage][k], 0),
          f.total.stages[stage][k],
          `${stage} ${k}`,
        );
});

test('An ARS account reads its region only: its applicants, its applications, their share of the whole envelope', async () => {
  const plan = await planOf(records());
  const f = windowFunnel(plan, plan.windows.get('win-d1')!, '84');
  assert.is(f.region, '84');
  assert.equal(
    f.byRegion.map((r) => r.key),
    ['84'],
  );
  assert.equal(lines(f.total).slice(0, 3), [
    ['eligible', 1, 1, 50_000_00],
    ['applied', 1, 1, 40_000_00],
    ['granted', 0, 0, 0],
  ]);
  assert.equal(f.shares, {
    envelopeCents: 1_000_000_00,
    cappedCents: 50_000_00,
    grantedCents: 0,
    cappedBp: 500,
    grantedBp: 0,
  });
});

test('Eligibility restricts who counts: categories, priority (a GHT through a priority member), regions', async () => {
  const eligible = async (eligibility: object) => {
    const plan = await planOf(records({ windows: [fundingWindow({ eligibility })] }));
    const e = windowFunnel(plan, plan.windows.get('win-d1')!).total.stages.eligible;
    return [e.count, e.establishments, e.cents];
  };
  // public: the GHT (its support is public) and F1
  assert.equal(await eligible({ categories: ['public'] }), [2, 3, 420_000_00]);
  // priority: F1, EJ and SITE (basics' default), and the GHT through G2 (its support G1 is not)
  assert.equal(await eligible({ priorityOnly: true }), [4, 5, 520_000_00]);
  assert.equal(await eligible({ regions: ['84', '94'] }), [2, 2, 100_000_00]);
});

test('Without a cap row for GHTs their members count one by one; without any matching row, nobody', async () => {
  const noGhtRow = fundingWindow({
    caps: [{ applicant: 'establishment', minStaff: 0, maxStaff: 500, capCents: 50_000_00 }],
  });
  const plan = await planOf(records({ windows: [noGhtRow] }));
  // F1 (600 ETP) has no row: G1 and G2 (300 and 400 ETP), F2, F3, EJ, SITE at 50 000,00 €
  assert.equal(lines(windowFunnel(plan, noGhtRow).total)[0], ['eligible', 6, 6, 300_000_00]);
  const none = fundingWindow({ caps: [{ applicant: 'ght', minStaff: 5000, capCents: 1_00 }] });
  const plan2 = await planOf(records({ windows: [none] }));
  assert.equal(lines(windowFunnel(plan2, none).total)[0], ['eligible', 0, 0, 0]);
});

test('Shares are basis points rounded down, in integers: D1 caps of 64 276 242 € on 65 M€ are 9 888 bp', async () => {
  const plan = await planOf(
    records({
      envelopes: [envelope({ totalCents: 65_000_000_00 })],
      windows: [fundingWindow({ caps: [{ applicant: 'establishment', minStaff: 0, capCents: 10_712_707_00 }] })],
    }),
  );
  // no row for GHTs: G1 and G2 count alone beside F1, F2, F3, EJ and SITE; 74 988 949 € is 115,36 %
  const f = windowFunnel(plan, plan.windows.get('win-d1')!);
  assert.is(f.total.stages.eligible.count, 7);
  assert.is(f.shares.cappedCents, 74_988_949_00);
  assert.is(f.shares.cappedBp, 11_536);
  const six = await planOf(
    records({
      envelopes: [envelope({ totalCents: 65_000_000_00 })],
      windows: [
        fundingWindow({
          eligibility: { regions: ['11'] },
          caps: [{ applicant: 'establishment', minStaff: 0, capCents: 12_855_248_40 }],
        }),
      ],
    }),
  );
  const g = windowFunnel(six, six.windows.get('win-d1')!);
  // Île-de-France: G1, G2, F1, EJ, SITE: 5 × 12 855 248,40 € = 64 276 242,00 €
  assert.is(g.shares.cappedCents, 64_276_242_00);
  assert.is(g.shares.cappedBp, 9888);
});

test('A later declaration decides: declared again after a non conforme, the objective counts at its new state', async () => {
  const r = records();
  r.declarations!.push(
    declaration('dec-5', 'app-f1', 'D1-AD-2', { createdAt: '2025-08-01T08:00:00.000Z', arsCheck: ok, ansCheck: ok }),
  );
  const plan = await planOf(r);
  const t = windowFunnel(plan, plan.windows.get('win-d1')!).total.stages;
  // F1's second objective (30 000,00 €) now passed both checks
  assert.equal([t.arsChecked.cents, t.ansChecked.count, t.ansChecked.cents], [205_000_00, 2, 155_000_00]);
});

test.run();
