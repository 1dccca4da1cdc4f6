import { checkPayment, type PaymentInput } from '../domain/payments.js';
import { ascii, resourceRoutes, type ResourceSpec } from './resource.js';
import { paymentCreate, paymentUpdate } from './schemas.js';

export const paymentSpec: ResourceSpec<'payments', PaymentInput, Partial<Omit<PaymentInput, 'allocationId'>>> = {
  kind: 'payments',
  label: 'Versement',
  idPrefix: 'pay',
  create: {
    schema: paymentCreate,
    build: (plan, id, input, ctx) =>
      checkPayment(plan, { id, rev: '', createdAt: ctx.now, updatedAt: ctx.now, ...input }, ctx),
  },
  update: {
    schema: paymentUpdate,
    build: (plan, cur, patch, ctx) => checkPayment(plan, { ...cur, ...patch, updatedAt: ctx.now }, ctx),
  },
  filters: {
    allocationId: 'allocationId',
    finess: 'allocation.finess',
    envelopeId: 'allocation.envelopeId',
    actionId: 'allocation.actionId',
    region: 'allocation.establishment.region',
    category: 'allocation.establishment.category',
    axis: 'allocation.action.axis',
    from: { path: 'paidOn', op: 'gte' },
    to: { path: 'paidOn', op: 'lte' },
  },
  finessOf: 'allocation.finess',
  sort: (a, b) => ascii(a.paidOn, b.paidOn) || ascii(a.id, b.id),
};

export const paymentRoutes = () => resourceRoutes(paymentSpec);
