import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cancelPayment, checkPayment, paymentTotals } from '../../server/domain/payments.js';
import { paidCentsOf } from '../../server/domain/plan.js';
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

test('Given 400,00 € paid then cancelled by a counter-entry, the whole 500,00 € remains; the pair nets to zero', async () => {
  const p = await plan();
  const { counter, original } = cancelPayment(p.payments.get('pay-1')!, 'pay-c', 'erreur de saisie', REVIEWER);
  assert.equal(
    [
      counter.amountCents,
      counter.allocationId,
      counter.paidOn,
      counter.cancelsId,
      counter.reason,
      original.cancelledBy,
    ],
    [-400_00, 'al-ok', '2024-03-01', 'pay-1', 'erreur de saisie', 'pay-c'],
  );
  const after = await planOf({
    allocations: [...p.allocations.values()],
    payments: [original, counter],
  });
  assert.is(paidCentsOf(after, 'al-ok'), 0);
  assert.is(checkPayment(after, pay({ amountCents: 500_00 }), REVIEWER).amountCents, 500_00);
  refuses(() => checkPayment(after, pay({ amountCents: 500_01 }), REVIEWER), 422, 'reste 500,00 €');
  assert.equal(paymentTotals([original, counter, pay({ id: 'pay-x', amountCents: 1_23 })]), {
    count: 2,
    paidCents: 401_23,
    cancelledCount: 1,
    cancelledCents: 400_00,
    netCents: 1_23,
  });
  // once, and never a counter-entry
  refuses(() => cancelPayment(original, 'pay-d', 'encore', REVIEWER), 422, 'déjà annulé');
  refuses(() => cancelPayment(counter, 'pay-d', 'encore', REVIEWER), 422, 'ne s’annule pas');
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

test('A payment cannot precede the approval: the Paris calendar day of approvedAt, or of the first engagement', async () => {
  const p = await planOf({
    allocations: [
      // 23:30 UTC on 11 March is already 12 March in Paris
      allocation('al-late', {
        status: 'approved',
        amounts: { '2024': 100_00 },
        approvedAt: '2024-03-11T23:30:00.000Z',
      }),
      // approved, withdrawn, approved again: the first engagement (1 Feb) is the start
      allocation('al-eng', {
        status: 'approved',
        amounts: { '2024': 100_00 },
        approvedAt: '2024-06-10T09:00:00.000Z',
        engagements: [
          { at: '2024-02-01T09:00:00.000Z', amounts: { '2024': 100_00 } },
          { at: '2024-04-01T09:00:00.000Z', amounts: { '2024': -100_00 } },
          { at: '2024-06-10T09:00:00.000Z', amounts: { '2024': 100_00 } },
        ],
      }),
    ],
  });
  const err = refuses(
    () => checkPayment(p, pay({ allocationId: 'al-late', paidOn: '2024-03-11' }), REVIEWER),
    422,
    'Le versement ne peut pas précéder l’approbation de l’allocation (le 12/03/2024).',
  );
  assert.equal(
    err.errors.map((e) => [e.path, e.message]),
    [['paidOn', 'Date antérieure à l’approbation (le 12/03/2024).']],
  );
  // the day of the approval itself is accepted
  assert.is(checkPayment(p, pay({ allocationId: 'al-late', paidOn: '2024-03-12' }), REVIEWER).paidOn, '2024-03-12');
  refuses(() => checkPayment(p, pay({ allocationId: 'al-eng', paidOn: '2024-01-31' }), REVIEWER), 422, 'le 01/02/2024');
  checkPayment(p, pay({ allocationId: 'al-eng', paidOn: '2024-02-01' }), REVIEWER);
});

test('The counter-entry keeps the original date, even one recorded before the approval rule existed', async () => {
  const p = await planOf({
    allocations: [
      allocation('al-x', { status: 'approved', amounts: { '2024': 100_00 }, approvedAt: '2024-05-01T09:00:00.000Z' }),
    ],
    payments: [payment('pay-old', 'al-x', 50_00, '2024-04-01')],
  });
  const { counter } = cancelPayment(p.payments.get('pay-old')!, 'pay-c', 'date erronée', REVIEWER);
  assert.equal([counter.paidOn, counter.amountCents], ['2024-04-01', -50_00]);
});

test.run();
