import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sumAmounts } from '../../server/domain/money.js';
import { PLAN_YEARS } from '../../shared/years.js';
import { isProblem } from '../helpers/assert.js';
import { ACCOUNTS, setup, TODAY } from '../helpers/app.js';

test('Demo plan: dashboard totals equal sums recomputed from the stored records, to the cent', async () => {
  const { as, store } = await setup();
  const d = (await as(ACCOUNTS.reviewer).get('/api/dashboard')).json;
  const allocs = [...store.all('allocations')];
  const envs = [...store.all('envelopes')];
  const held = (a: (typeof allocs)[number]) => {
    if (a.status === 'rejected') return 0;
    if (a.status !== 'approved' || !a.revision) return sumAmounts(a.amounts);
    return PLAN_YEARS.reduce((s, y) => s + Math.max(a.amounts[y] ?? 0, a.revision!.amounts[y] ?? 0), 0);
  };
  const { byStatus, ...totals } = d.totals;
  // money is counted on committed envelopes only: announced credits are not money yet
  const committed = new Set(envs.filter((e) => e.status === 'committed').map((e) => e.id));
  const onCommitted = allocs.filter((a) => committed.has(a.envelopeId));
  const committedCents = envs.filter((e) => e.status === 'committed').reduce((s, e) => s + e.totalCents, 0);
  const byId = new Map(allocs.map((a) => [a.id, a]));
  assert.equal(totals, {
    envelopeCents: envs.reduce((s, e) => s + e.totalCents, 0),
    committedCents,
    announcedCents: envs.filter((e) => e.status === 'announced').reduce((s, e) => s + e.totalCents, 0),
    allocatedCents: onCommitted.reduce((s, a) => s + held(a), 0),
    approvedCents: onCommitted.filter((a) => a.status === 'approved').reduce((s, a) => s + sumAmounts(a.amounts), 0),
    paidCents: [...store.all('payments')]
      .filter((p) => committed.has(byId.get(p.allocationId)!.envelopeId))
      .reduce((s, p) => s + p.amountCents, 0),
    remainingCents: committedCents - onCommitted.reduce((s, a) => s + held(a), 0),
  });
  assert.ok(
    allocs.some((a) => !committed.has(a.envelopeId) && held(a) > 0),
    'the demo plan plans on its announced envelope',
  );
  // the top-level money figures are byStatus.committed's: the API and the tiles read the same numbers
  for (const k of ['allocatedCents', 'approvedCents', 'paidCents', 'remainingCents'] as const)
    assert.is(byStatus.committed[k], totals[k], k);
  assert.is(
    byStatus.announced.allocatedCents,
    allocs.filter((a) => !committed.has(a.envelopeId)).reduce((s, a) => s + held(a), 0),
  );
  assert.is(
    byStatus.committed.totalCents,
    envs.filter((e) => e.status === 'committed').reduce((s, e) => s + e.totalCents, 0),
  );
  assert.ok(byStatus.committed.allocatedCents <= byStatus.committed.totalCents);
  assert.is(byStatus.committed.remainingCents, byStatus.committed.totalCents - byStatus.committed.allocatedCents);
  // the schedule runs to December 2027; approved and paid stop at the server's date (29 Nov 2026)
  assert.is(d.series.months.length, 60);
  assert.is(d.series.today, TODAY);
  assert.is(d.series.paidCents.length, d.series.months.indexOf(TODAY.slice(0, 7)) + 1);
  assert.equal(
    [d.series.plannedCents[59], d.series.approvedCents.at(-1), d.series.paidCents.at(-1)],
    [d.totals.allocatedCents, d.totals.approvedCents, d.totals.paidCents],
  );
  for (const e of d.byEnvelope) {
    const mine = allocs.filter((a) => a.envelopeId === e.key);
    assert.is(
      e.allocatedCents,
      mine.reduce((s, a) => s + held(a), 0),
      e.key,
    );
    assert.ok(e.allocatedCents <= e.totalCents, `${e.key} over-allocated in the demo plan`);
  }
  // milestones do not depend on the filters: they are read from /api/milestones
  assert.is(d.milestones, undefined);
});

test('Dashboard filters; a bad axis is 400', async () => {
  const { as, store } = await setup();
  const reviewer = as(ACCOUNTS.reviewer);
  const env = [...store.all('envelopes')][0]!;
  const one = (await reviewer.get(`/api/dashboard?envelopeId=${env.id}`)).json;
  assert.is(one.totals.envelopeCents, env.totalCents);
  assert.is(one.byEnvelope.length, 1);
  const r11 = (await reviewer.get('/api/dashboard?region=11')).json;
  const expected = [...store.all('allocations')]
    // a pooled regional resource (the demo's GRADeS) counts in its region like an establishment
    .filter(
      (a) =>
        a.status === 'approved' &&
        (store.get('establishments', a.finess) ?? store.get('pooled', a.finess))!.region === '11',
    )
    .reduce((s, a) => s + sumAmounts(a.amounts), 0);
  assert.is(r11.totals.approvedCents, expected);
  isProblem(await reviewer.get('/api/dashboard?axis=5'), 400, 'axis');
  isProblem(await reviewer.get('/api/dashboard?axis=x'), 400, 'axis');
});

test.run();
