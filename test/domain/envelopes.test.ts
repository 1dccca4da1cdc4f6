import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertEnvelopeDeletable, createEnvelope, updateEnvelope } from '../../server/domain/envelopes.js';
import { refuses } from '../helpers/assert.js';
import { allocation, ctx, envelope, F2, planOf } from '../helpers/plan.js';

const input = { code: 'NEW', name: 'Nouvelle', source: 's', status: 'committed' as const, totalCents: 1_000_00 };

test('Given a yearly split equal to the total, the envelope is accepted', async () => {
  const plan = await planOf();
  const e = createEnvelope(plan, 'env-n', { ...input, yearlyCents: { '2024': 600_00, '2025': 400_00 } }, ctx());
  assert.is(e.totalCents, 1_000_00);
  assert.is(e.createdBy, 'planif@jalon.test');
});

test('Given a yearly split one cent over the total, it is refused (422 on yearlyCents)', async () => {
  const plan = await planOf();
  const err = refuses(
    () => createEnvelope(plan, 'env-n', { ...input, yearlyCents: { '2024': 600_00, '2025': 400_01 } }, ctx()),
    422,
    `1\u202f000,01 €`,
  );
  assert.is(err.errors[0]!.path, 'yearlyCents');
});

test('Given an existing code, a new envelope with it is a 409 duplicate', async () => {
  const plan = await planOf();
  const err = refuses(() => createEnvelope(plan, 'env-n', { ...input, code: 'ENV-A' }, ctx()), 409);
  assert.is(err.errors[0]!.path, 'code');
});

test('Given an earmark naming an unknown action or region, it is refused', async () => {
  const plan = await planOf();
  refuses(
    () => createEnvelope(plan, 'env-n', { ...input, earmark: { actionIds: ['act-none'] } }, ctx()),
    422,
    'act-none',
  );
  refuses(() => createEnvelope(plan, 'env-n', { ...input, earmark: { regions: ['99'] } }, ctx()), 422, '99');
});

const allocated = () =>
  planOf({
    envelopes: [envelope({ totalCents: 1_000_00, yearlyCents: { '2024': 500_00, '2025': 500_00 } })],
    allocations: [
      allocation('al-1', { amounts: { '2024': 300_00, '2025': 100_00 } }),
      allocation('al-2', { amounts: { '2024': 200_00 }, status: 'approved' }),
      allocation('al-3', { amounts: { '2025': 400_00 }, status: 'rejected' }),
    ],
  });

test('Given 600,00 € allocated (rejected ones not counted), lowering the total to exactly 600,00 € is accepted', async () => {
  const plan = await allocated();
  const cur = plan.envelopes.get('env-a')!;
  const next = updateEnvelope(
    plan,
    cur,
    { totalCents: 600_00, yearlyCents: { '2024': 500_00, '2025': 100_00 } },
    ctx(),
  );
  assert.is(next.totalCents, 600_00);
});

test('Given 600,00 € allocated, lowering the total to 599,99 € is refused and says what is allocated', async () => {
  const plan = await allocated();
  const cur = plan.envelopes.get('env-a')!;
  const err = refuses(
    () => updateEnvelope(plan, cur, { totalCents: 599_99, yearlyCents: { '2024': 500_00 } }, ctx()),
    422,
    '600,00 €',
  );
  assert.ok(err.errors.some((e) => e.path === 'totalCents'));
});

test('Given 500,00 € allocated on 2024, lowering 2024 to 499,99 € is refused on yearlyCents.2024', async () => {
  const plan = await allocated();
  const cur = plan.envelopes.get('env-a')!;
  const err = refuses(
    () => updateEnvelope(plan, cur, { yearlyCents: { '2024': 499_99, '2025': 500_00 } }, ctx()),
    422,
    '500,00 €',
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['yearlyCents.2024'],
  );
});

test('Given a split removed (null), the envelope keeps no yearlyCents', async () => {
  const plan = await allocated();
  const next = updateEnvelope(plan, plan.envelopes.get('env-a')!, { yearlyCents: null } as never, ctx());
  assert.is(next.yearlyCents, undefined);
});

test('Given an allocation to an Île-de-France priority public site, an earmark it would break is refused', async () => {
  const plan = await allocated();
  const cur = plan.envelopes.get('env-a')!;
  refuses(() => updateEnvelope(plan, cur, { earmark: { regions: ['84'] } }, ctx()), 422, 'fléchage');
  refuses(() => updateEnvelope(plan, cur, { earmark: { categories: ['private_forprofit'] } }, ctx()), 422, 'fléchage');
  refuses(() => updateEnvelope(plan, cur, { earmark: { actionIds: ['act-exe'] } }, ctx()), 422, 'fléchage');
  // an earmark the allocations satisfy is accepted
  const ok = updateEnvelope(
    plan,
    cur,
    { earmark: { regions: ['11'], categories: ['public'], priorityOnly: true, actionIds: ['act-ad'] } },
    ctx(),
  );
  assert.equal(ok.earmark!.regions, ['11']);
});

test('Given an allocation to a non-priority site, a priorityOnly earmark is refused', async () => {
  const plan = await planOf({ allocations: [allocation('al-1', { finess: F2, amounts: { '2024': 1 } })] });
  refuses(
    () => updateEnvelope(plan, plan.envelopes.get('env-a')!, { earmark: { priorityOnly: true } }, ctx()),
    422,
    'fléchage',
  );
});

test('Given a rejected allocation holding nothing, a new earmark ignores it', async () => {
  const plan = await planOf({
    allocations: [allocation('al-1', { finess: F2, amounts: { '2024': 1 }, status: 'rejected' })],
  });
  const next = updateEnvelope(plan, plan.envelopes.get('env-a')!, { earmark: { priorityOnly: true } }, ctx());
  assert.ok(next.earmark!.priorityOnly);
});

test('An envelope with allocations cannot be deleted; an empty one can', async () => {
  const plan = await allocated();
  refuses(() => assertEnvelopeDeletable(plan, plan.envelopes.get('env-a')!), 422);
  const empty = await planOf();
  assertEnvelopeDeletable(empty, empty.envelopes.get('env-a')!);
});

test.run();
