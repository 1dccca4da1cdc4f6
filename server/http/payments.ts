import { checkPayment, type PaymentInput } from '../domain/payments.js';
import { ascii, resourceRoutes, type ResourceSpec } from './resource.js';
import { paymentCreate, paymentUpdate } from './schemas.js';

export const paymentSpec: ResourceSpec<'payments', PaymentInput, Partial<Omit<PaymentInput, 'allocationId'>>> = {
  kind: 'payments', label: 'Versement', idPrefix: 'pay',
  create: { schema: paymentCreate, build: (plan, id, input, ctx) => checkPayment(plan, { id, rev: '', createdAt: ctx.now, updatedAt: ctx.now, ...input }, ctx) },
  update: { schema: paymentUpdate, build: (plan, cur, patch, ctx) => checkPayment(plan, { ...cur, ...patch, updatedAt: ctx.now }, ctx) },
  filters: {
    allocationId: (p, v) => p.allocationId === v,
    finess: (p, v, plan) => plan.allocations.get(p.allocationId)?.finess === v,
    envelopeId: (p, v, plan) => plan.allocations.get(p.allocationId)?.envelopeId === v,
    actionId: (p, v, plan) => plan.allocations.get(p.allocationId)?.actionId === v,
    region: (p, v, plan) => plan.establishments.get(plan.allocations.get(p.allocationId)?.finess ?? '')?.region === v,
    category: (p, v, plan) => plan.establishments.get(plan.allocations.get(p.allocationId)?.finess ?? '')?.category === v,
    axis: (p, v, plan) => String(plan.actions.get(plan.allocations.get(p.allocationId)?.actionId ?? '')?.axis) === v,
    from: (p, v) => p.paidOn >= v,
    to: (p, v) => p.paidOn <= v,
  },
  finessOf: (p, plan) => plan.allocations.get(p.allocationId)?.finess,
  sort: (a, b) => ascii(a.paidOn, b.paidOn) || ascii(a.id, b.id),
};

export const paymentRoutes = () => resourceRoutes(paymentSpec);
