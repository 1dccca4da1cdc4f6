import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  amountOf,
  approvedAmounts,
  heldAmounts,
  heldCents,
  maxAmounts,
  sameAmounts,
  shownAmounts,
  sumAmounts,
  type AmountsOf,
} from '../../shared/amounts.js';
import { PLAN_YEARS } from '../../shared/years.js';

test('sumAmounts: missing years are zero, total is the exact integer sum', () => {
  assert.is(sumAmounts(undefined), 0);
  assert.is(sumAmounts({}), 0);
  assert.is(sumAmounts({ '2023': 1, '2027': 2 }), 3);
  assert.is(sumAmounts({ '2023': 100_000_000_01, '2024': 99, '2025': 0 }), 100_000_001_00);
  assert.is(amountOf({ '2024': 7 }, '2025'), 0);
});

test('maxAmounts: per-year maximum of approved amounts and a revision', () => {
  assert.equal(maxAmounts({ '2024': 100, '2025': 50 }, { '2024': 80, '2025': 70 }), { '2024': 100, '2025': 70 });
  assert.equal(maxAmounts({ '2024': 100 }, undefined), { '2024': 100 });
  assert.equal(maxAmounts({ '2024': 100 }, { '2026': 5 }), { '2024': 100, '2026': 5 });
});

test('sameAmounts: a missing year is a zero one', () => {
  assert.ok(sameAmounts({ '2024': 5, '2025': 0 }, { '2024': 5 }));
  assert.not.ok(sameAmounts({ '2024': 5 }, { '2024': 6 }));
});

// Given one allocation in each state, with cents on 2024 and 2025
const proposed: AmountsOf = { status: 'proposed', amounts: { '2024': 600_00 } };
const rejected: AmountsOf = {
  status: 'rejected',
  amounts: { '2024': 600_00 },
  revision: { amounts: { '2024': 900_00 } },
};
const approved: AmountsOf = { status: 'approved', amounts: { '2024': 600_00, '2025': 200_00 } };
const avenant: AmountsOf = {
  status: 'approved',
  amounts: { '2024': 600_00, '2025': 200_00 },
  revision: { amounts: { '2024': 400_00, '2025': 300_00 } },
};

test('heldAmounts: rejected holds nothing; an avenant holds the larger amount of each year until approved', () => {
  assert.equal([proposed, rejected, approved, avenant].map(heldAmounts), [
    { '2024': 600_00 },
    {},
    { '2024': 600_00, '2025': 200_00 },
    { '2024': 600_00, '2025': 300_00 },
  ]);
});

test('heldCents is heldAmounts one year at a time, for every state and year', () => {
  for (const a of [proposed, rejected, approved, avenant, { ...proposed, revision: { amounts: { '2024': 1 } } }])
    for (const y of PLAN_YEARS) assert.is(heldCents(a, y), amountOf(heldAmounts(a), y), `${a.status} ${y}`);
});

test("approvedAmounts are an approved allocation's own; shownAmounts a pending avenant's first", () => {
  assert.equal([proposed, rejected, approved, avenant].map(approvedAmounts), [
    {},
    {},
    approved.amounts,
    avenant.amounts,
  ]);
  assert.equal([proposed, rejected, approved, avenant].map(shownAmounts), [
    proposed.amounts,
    { '2024': 900_00 },
    approved.amounts,
    { '2024': 400_00, '2025': 300_00 },
  ]);
});

test.run();
