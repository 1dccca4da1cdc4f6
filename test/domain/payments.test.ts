import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkPayment } from '../../server/domain/payments.js';
import type { Payment } from '../../server/contract/plan.js';
import { refuses } from '../helpers/assert.js';
import { allocation, ctx, payment, planOf } from '../helpers/plan.js';

const REVIEWER = ctx('finances@jalon.test', '2026-11-29T10:00:00.000Z');
const pay = (o: Partial<Payment> = {}): Payment => ({ ...payment('pay-n', 'al-ok', 100_00, '2026-11-29'), ...o });
const plan = () =>
  planOf({
    allocations: [
      allocation('al-ok', { status: 'approved', amounts: { '2024': 300_00, '2025': 200_00 } }),
      allocation('al-prop', { amounts: { '2024': 100_00 } }),
      allocation('al-rej', { status: 'rejected', amounts: { '2024': 100_00 } }),
      allocation('al-rev', {
        status: 'approved',
        amounts: { '2024': 100_00 },
        revision: { amounts: { '2024': 900_00 }, proposedAt: 'x' },
      }),
    ],
    payments: [payment('pay-1', 'al-ok', 400_00, '2024-03-01')],
  });

test('Given 400,00 € paid on 500,00 € approved, a payment of exactly 100,00 € today is accepted', async () => {
  const p = checkPayment(await plan(), pay(), REVIEWER);
  assert.is(p.amountCents, 100_00);
});

test('Given 400,00 € paid on 500,00 € approved, one more cent is refused saying what remains', async () => {
  const p = await plan();
  const err = refuses(
    () => checkPayment(p, pay({ amountCents: 100_01 }), REVIEWER),
    422,
    'reste 100,00 € sur 500,00 € approuvés',
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['amountCents'],
  );
});

test('Editing a payment does not count its own old amount', async () => {
  const p = await plan();
  const cur = p.payments.get('pay-1')!;
  assert.is(checkPayment(p, { ...cur, amountCents: 500_00 }, REVIEWER).amountCents, 500_00);
  refuses(() => checkPayment(p, { ...cur, amountCents: 500_01 }, REVIEWER), 422, 'reste 500,00 €');
});

test('Payments only on approved allocations: proposed, rejected and unknown are refused', async () => {
  const p = await plan();
  for (const id of ['al-prop', 'al-rej']) {
    const err = refuses(() => checkPayment(p, pay({ allocationId: id, amountCents: 1 }), REVIEWER), 422, 'approuvée');
    assert.equal(
      err.errors.map((e) => e.path),
      ['allocationId'],
    );
  }
  refuses(() => checkPayment(p, pay({ allocationId: 'al-none' }), REVIEWER), 422, 'introuvable');
});

test('A pending revision increase does not raise what may be paid: only approved amounts count', async () => {
  const p = await plan();
  checkPayment(p, pay({ allocationId: 'al-rev', amountCents: 100_00 }), REVIEWER);
  refuses(() => checkPayment(p, pay({ allocationId: 'al-rev', amountCents: 100_01 }), REVIEWER), 422, 'reste 100,00 €');
});

test('A payment dated tomorrow is refused; today is accepted; zero is refused', async () => {
  const p = await plan();
  const err = refuses(() => checkPayment(p, pay({ paidOn: '2026-11-30' }), REVIEWER), 422, 'futur');
  assert.equal(
    err.errors.map((e) => e.path),
    ['paidOn'],
  );
  checkPayment(p, pay({ paidOn: '2026-11-29' }), REVIEWER);
  refuses(() => checkPayment(p, pay({ amountCents: 0 }), REVIEWER), 422, 'positif');
});

test.run();
