import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AuditEvent } from '../../server/contract/audit.js';
import {
  changeLines,
  describeSubject,
  emptyRefs,
  formatValue,
  paymentAllocationIds,
  short,
  type AuditRefs,
} from '../../web/lib/audit-lines.js';

// Given the plan's reference lists, as the page loads them
const refs: AuditRefs = {
  establishments: new Map([['010000016', { name: 'Centre hospitalier de Bourg-en-Bresse' }]]),
  actions: new Map([['act-d1-ad', { code: 'D1-AD' }]]),
  envelopes: new Map([['env-care-d1', { code: 'CARE-D1' }]]),
  allocations: new Map([['al-1', { finess: '010000016', actionId: 'act-d1-ad', envelopeId: 'env-care-d1' }]]),
};
const meta = {
  rev: '1',
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
  createdBy: 'planif@jalon.test',
};
const allocation = {
  id: 'al-1',
  envelopeId: 'env-care-d1',
  finess: '010000016',
  actionId: 'act-d1-ad',
  amounts: { '2024': 24_000_00, '2025': 36_000_00 },
  status: 'proposed',
  ...meta,
};
const event = (over: Partial<AuditEvent>): AuditEvent => ({
  seq: 1,
  at: '2026-02-01T10:00:00.000Z',
  actor: 'planif@jalon.test',
  action: 'update',
  entity: 'allocations',
  id: 'al-1',
  before: null,
  after: null,
  prevHash: '',
  hash: 'h',
  ...over,
});
// the text of a line, as the page writes it
const text = (l: { label: string; before?: string; after?: string }) =>
  [l.label, l.before, l.after]
    .filter((x) => x !== undefined)
    .join(' | ')
    .replace(/[\u00a0\u202f]/g, ' ');

test('an allocation edit: establishment, FINESS, action and envelope codes; only the year that changed, in euros', () => {
  // When the planner changes 2024 from 24 000,00 € to 25 000,50 €
  const e = event({
    before: allocation,
    after: {
      ...allocation,
      amounts: { '2024': 25_000_50, '2025': 36_000_00 },
      rev: '2',
      updatedAt: '2026-02-01T10:00:00.000Z',
    },
  });
  // Then
  assert.equal(describeSubject(e, refs), {
    kind: 'Allocation',
    title: 'Centre hospitalier de Bourg-en-Bresse',
    details: ['FINESS 010000016', 'action D1-AD', 'enveloppe CARE-D1'],
  });
  assert.equal(changeLines(e, refs).lines.map(text), ['montant 2024 | 24 000,00 € | 25 000,50 €']);
});

test('an approval: status in French and the date; the approver left out when it is the author', () => {
  const e = event({
    action: 'approve',
    actor: 'finances@jalon.test',
    before: allocation,
    after: {
      ...allocation,
      status: 'approved',
      approvedAt: '2026-03-01T08:00:00.000Z',
      approvedBy: 'finances@jalon.test',
    },
  });
  assert.equal(changeLines(e, refs).lines.map(text), [
    'statut | Proposée | Approuvée',
    'date d’approbation | — | 1er mars 2026',
  ]);
});

test('an avenant: set against the amounts in force, the years it changes only; approved, the amounts change; rejected, it goes', () => {
  const approved = { ...allocation, status: 'approved' };
  const revision = { amounts: { '2024': 30_000_00, '2025': 36_000_00 }, proposedAt: '2026-04-01' };
  const proposed = event({ before: approved, after: { ...approved, revision } });
  assert.equal(changeLines(proposed, refs).lines.map(text), ['avenant 2024 | 24 000,00 € | 30 000,00 €']);
  const accepted = event({
    action: 'approve',
    before: { ...approved, revision },
    after: { ...approved, amounts: revision.amounts },
  });
  assert.equal(changeLines(accepted, refs).lines.map(text), ['montant 2024 | 24 000,00 € | 30 000,00 €']);
  const refused = event({ action: 'reject', before: { ...approved, revision }, after: approved });
  assert.equal(changeLines(refused, refs).lines.map(text), [
    'avenant 2024 | 30 000,00 € | —',
    'avenant 2025 | 36 000,00 € | —',
  ]);
});

test('a creation shows its main values, a deletion what was deleted (not what the subject names)', () => {
  const created = changeLines(event({ action: 'create', after: allocation }), refs).lines.map(text);
  assert.equal(created, ['montant 2024 | 24 000,00 €', 'montant 2025 | 36 000,00 €', 'statut | Proposée']);
  const deleted = changeLines(event({ action: 'delete', before: allocation }), refs).lines.map(text);
  assert.equal(deleted, ['montant 2024 | 24 000,00 €', 'montant 2025 | 36 000,00 €', 'statut | Proposée']);
});

test('unknown references (a deleted establishment): the FINESS and the ids stand in', () => {
  const e = event({
    before: { ...allocation, finess: '990000017', actionId: 'act-gone' },
    after: null,
    action: 'delete',
  });
  assert.equal(describeSubject(e, emptyRefs), {
    kind: 'Allocation',
    title: 'FINESS 990000017',
    details: ['action act-gone', 'enveloppe env-care-d1'],
  });
  assert.equal(describeSubject(event({ entity: 'milestones', id: 'ms-1', after: {} }), refs).title, 'ms-1');
});

test('a payment: its allocation’s establishment and its amount; the allocation id when unknown', () => {
  const pay = {
    id: 'pay-1',
    allocationId: 'al-1',
    amountCents: 10_000_00,
    paidOn: '2024-03-01',
    tranche: 'amorçage',
    ...meta,
  };
  const e = event({ entity: 'payments', id: 'pay-1', action: 'create', actor: 'finances@jalon.test', after: pay });
  assert.equal(describeSubject(e, refs).title, 'Centre hospitalier de Bourg-en-Bresse');
  assert.equal(
    describeSubject(e, refs).details.map((d) => d.replace(/[\u00a0\u202f]/g, ' ')),
    ['FINESS 010000016', 'action D1-AD', 'enveloppe CARE-D1', 'versement de 10 000,00 €'],
  );
  assert.equal(changeLines(e, refs).lines.map(text), [
    'montant | 10 000,00 €',
    'date de versement | 1er mars 2024',
    'tranche | amorçage',
  ]);
  assert.is(describeSubject({ ...e, after: { ...pay, allocationId: 'al-gone' } }, refs).title, 'allocation al-gone');
  assert.equal(paymentAllocationIds([e, e, event({})]), ['al-1']);
});

test('a counter-entry: « annulation de » the amount and the payment it cancels, its reason among its values', () => {
  const counter = {
    id: 'pay-2',
    allocationId: 'al-1',
    amountCents: -10_000_00,
    paidOn: '2024-03-01',
    cancelsId: 'pay-1',
    reason: 'doublon',
    ...meta,
  };
  const e = event({ entity: 'payments', id: 'pay-2', action: 'cancel', actor: 'finances@jalon.test', after: counter });
  assert.equal(
    describeSubject(e, refs)
      .details.at(-1)!
      .replace(/[\u00a0\u202f]/g, ' '),
    'annulation de 10 000,00 € (versement pay-1)',
  );
  const lines = changeLines(e, refs).lines.map(text);
  assert.ok(lines.includes('annule le versement | pay-1'), lines.join(' / '));
  assert.ok(lines.includes('motif | doublon'), lines.join(' / '));
});

test('users: the e-mail; a flag that appears reads « non → oui »; a password stays masked', () => {
  const user = {
    id: 'usr-1',
    email: 'ines@jalon.test',
    name: 'Inès',
    role: 'reviewer',
    passwordHash: '[masqué]',
    ...meta,
  };
  const disabled = event({
    entity: 'users',
    id: 'usr-1',
    actor: 'admin@jalon.test',
    before: user,
    after: { ...user, disabled: true },
  });
  assert.is(describeSubject(disabled, refs).title, 'ines@jalon.test');
  assert.equal(changeLines(disabled, refs).lines.map(text), ['désactivation | non | oui']);
  assert.equal(changeLines(event({ entity: 'users', action: 'create', after: user }), refs).lines.map(text), [
    'rôle | Contrôle financier',
  ]);
});

test('long values are cut; lines past the maximum are counted', () => {
  assert.is(short('x'.repeat(80)), `${'x'.repeat(59)}…`);
  assert.is(formatValue('rejectionReason', 'y'.repeat(100), refs).length, 60);
  const before = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, i]));
  const after = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, i + 1]));
  const { lines, more } = changeLines(event({ entity: 'x', before, after }), refs, 8);
  assert.equal([lines.length, more], [8, 4]);
});

test.run();
