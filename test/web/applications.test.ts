// The applications page's reading of the API: each committed objective's state (the last
// declaration decides), its tranche and what was paid on it (counter-entries deducted), when it
// may be declared again, and the evidence files refused before any upload.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Allocation, Payment } from '../../server/contract/plan.js';
import type { Application, Declaration, FundingWindow } from '../../server/contract/windows.js';
import {
  applicationsOpen,
  committedShareBp,
  declarable,
  filesProblem,
  isLive,
  objectiveRows,
  paidOnTranche,
} from '../../web/lib/applications.js';
import { formatShare } from '../../web/lib/format.js';

const meta = { rev: '1', createdAt: '2026-01-10T09:00:00.000Z', updatedAt: '2026-01-10T09:00:00.000Z' };
const win: FundingWindow = {
  ...meta,
  id: 'win-d1',
  code: 'D1',
  name: 'Annuaires et exposition',
  envelopeId: 'env-care',
  actionId: 'act-ad',
  year: '2026',
  reference: 'Arrêté du 18 mars 2024',
  phases: {
    applicationsOpen: '2026-01-01',
    applicationsClose: '2026-01-31',
    instructionEnd: '2026-02-28',
    declarationsOpen: '2026-01-15',
    declarationsClose: '2026-06-30',
    arsChecksEnd: '2026-09-30',
    ansChecksEnd: '2026-12-31',
  },
  objectives: [
    { code: 'D1-AD-1', title: 'Annuaire durci', shareBp: 5000 },
    { code: 'D1-AD-2', title: 'Exposition maîtrisée', shareBp: 3000 },
    { code: 'D1-AD-3', title: 'Sauvegardes', shareBp: 2000 },
  ],
  eligibility: {},
  caps: [{ applicant: 'establishment', minStaff: 0, capCents: 10_000_000 }],
};
const app: Application = {
  ...meta,
  id: 'app-1',
  windowId: 'win-d1',
  finess: '780000014',
  region: '11',
  objectives: ['D1-AD-3', 'D1-AD-1'],
  requestedCents: 7_000_000,
  state: 'granted',
  grantedCents: 7_000_000,
  allocationId: 'al-1',
};
const gate = (objective: string) => ({ kind: 'objective' as const, applicationId: 'app-1', objective });
const allocation = {
  id: 'al-1',
  tranches: [
    { code: 'D1-AD-1', label: 'D1-AD-1 Annuaire durci', amountCents: 5_000_000, gate: gate('D1-AD-1') },
    { code: 'D1-AD-3', label: 'D1-AD-3 Sauvegardes', amountCents: 2_000_000, gate: gate('D1-AD-3') },
  ],
} as Allocation;
const at = (minute: number) => `2026-02-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const decl = (id: string, objective: string, minute: number, checks: Partial<Declaration> = {}): Declaration => ({
  ...meta,
  id,
  createdAt: at(minute),
  applicationId: 'app-1',
  objective,
  achievedOn: '2026-01-30',
  evidence: [{ sha256: 'ab'.repeat(32), name: 'preuve.pdf', type: 'application/pdf', size: 1234 }],
  ...checks,
});
const yes = { verdict: 'conforme' as const, at: at(30) };
const no = (reason: string) => ({ verdict: 'non_conforme' as const, reason, at: at(31) });
const pay = (amountCents: number, tranche?: string): Payment =>
  ({ ...meta, id: `p${amountCents}`, allocationId: 'al-1', amountCents, paidOn: '2026-03-01', tranche }) as Payment;

test('objectives: the committed ones in the window order, with their tranche and deadline', () => {
  // Given a grant on D1-AD-1 and D1-AD-3, nothing declared
  const rows = objectiveRows(app, win, [], allocation, []);
  // Then two rows, in the window's order, each with its tranche, nothing paid, the declarations' deadline
  assert.equal(
    rows.map((r) => [r.code, r.state, r.trancheCents, r.paidCents, r.deadline]),
    [
      ['D1-AD-1', 'none', 5_000_000, 0, '2026-06-30'],
      ['D1-AD-3', 'none', 2_000_000, 0, '2026-06-30'],
    ],
  );
});

test('objectives: the last declaration decides, with the reason of the check that refused it', () => {
  const ds = [
    decl('d2', 'D1-AD-1', 5, { arsCheck: yes, ansCheck: no('Preuve illisible') }),
    decl('d1', 'D1-AD-1', 1, { arsCheck: no('Capture sans date') }),
    decl('d3', 'D1-AD-3', 2, { arsCheck: yes }),
  ];
  const rows = objectiveRows(app, win, ds, allocation, []);
  assert.is(rows[0]!.state, 'refused_ans');
  assert.is(rows[0]!.reason, 'Preuve illisible');
  assert.is(rows[0]!.last?.id, 'd2');
  assert.equal(
    rows[0]!.declarations.map((d) => d.id),
    ['d1', 'd2'],
  );
  assert.is(rows[1]!.state, 'pending_ans');
  assert.is(rows[1]!.reason, undefined);
  // a new declaration after the ANS's refusal waits for the ARS again
  const again = objectiveRows(app, win, [...ds, decl('d4', 'D1-AD-1', 9)], allocation, []);
  assert.is(again[0]!.state, 'pending_ars');
  const both = objectiveRows(app, win, [decl('d5', 'D1-AD-3', 3, { arsCheck: yes, ansCheck: yes })], allocation);
  assert.is(both[1]!.state, 'achieved');
});

test('paid: net of counter-entries, on the tranche named only', () => {
  const payments = [pay(2_000_000, 'D1-AD-3'), pay(-500_000, 'D1-AD-3'), pay(100_000), pay(300_000, 'D1-AD-1')];
  assert.is(paidOnTranche(payments, 'D1-AD-3'), 1_500_000);
  const rows = objectiveRows(app, win, [], allocation, payments);
  assert.equal(
    rows.map((r) => r.paidCents),
    [300_000, 1_500_000],
  );
});

test('declarable: not while a check is awaited or once achieved; only in the declaration phase', () => {
  const rows = (ds: Declaration[]) => objectiveRows(app, win, ds, allocation)[0]!;
  assert.ok(declarable(rows([]), win, '2026-01-15'));
  assert.ok(declarable(rows([]), win, '2026-06-30'));
  assert.not.ok(declarable(rows([]), win, '2026-01-14'));
  assert.not.ok(declarable(rows([]), win, '2026-07-01'));
  assert.not.ok(declarable(rows([decl('d1', 'D1-AD-1', 1)]), win, '2026-02-01'));
  assert.ok(declarable(rows([decl('d1', 'D1-AD-1', 1, { arsCheck: no('Non') })]), win, '2026-02-01'));
  assert.not.ok(declarable(rows([decl('d1', 'D1-AD-1', 1, { arsCheck: yes, ansCheck: yes })]), win, '2026-02-01'));
  const freed = { ...allocation, tranches: allocation.tranches!.map((tr) => ({ ...tr, freedAt: at(50) })) };
  assert.not.ok(declarable(objectiveRows(app, win, [], freed)[0]!, win, '2026-02-01'));
});

test('phases, live applications and shares', () => {
  assert.ok(applicationsOpen(win, '2026-01-31'));
  assert.not.ok(applicationsOpen(win, '2026-02-01'));
  assert.ok(isLive({ ...app, state: 'draft' }));
  assert.not.ok(isLive({ ...app, state: 'withdrawn' }));
  assert.not.ok(isLive({ ...app, state: 'refused' }));
  assert.is(committedShareBp(win, app.objectives), 7000);
  assert.is(formatShare(5000), '50\u00a0%');
  assert.is(formatShare(1250), '12,5\u00a0%');
});

test('files: 1 to 5, PDF / PNG / JPEG, 10 Mo at most, named when refused', () => {
  const f = (name: string, size = 1000, type = '') => ({ name, size, type });
  assert.is(filesProblem([]), 'Joignez au moins une pièce justificative.');
  assert.is(filesProblem([f('a.pdf'), f('b.png'), f('c.jpg'), f('d.jpeg'), f('e.PDF')]), null);
  assert.is(filesProblem(Array.from({ length: 6 }, (_, i) => f(`${i}.pdf`))), 'Cinq fichiers au plus.');
  assert.is(filesProblem([f('notes.docx')]), '« notes.docx » n’est ni un PDF, ni une image PNG ou JPEG.');
  assert.is(filesProblem([f('scan', 10, 'image/png')]), null);
  assert.is(filesProblem([f('big.pdf', 10 * 1024 * 1024)]), null);
  assert.is(filesProblem([f('big.pdf', 10 * 1024 * 1024 + 1)]), '« big.pdf » dépasse 10 Mo.');
});

test.run();
