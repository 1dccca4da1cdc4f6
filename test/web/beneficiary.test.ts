// Whom an allocation names (web/lib/beneficiary.ts): an establishment by its FINESS or a pooled
// regional resource by its SIRET, read by name with the SIRET, region and « Ressource mutualisée »
// beneath, as the review list, the payment form and the completions page show it; and the bulk
// form's « Filtres : » line, which repeats whom it funds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Establishment, PooledResource } from '../../server/contract/plan.js';
import { planReader } from '../../web/api/plan.js';
import {
  beneficiaryName,
  beneficiaryRegion,
  bulkScope,
  pooledLine,
  type Beneficiaries,
} from '../../web/lib/beneficiary.js';

const meta = { rev: '1', createdAt: '', updatedAt: '' };
const versailles: Establishment = {
  ...meta,
  id: '780000014',
  finess: '780000014',
  name: 'CH de Versailles',
  category: 'public',
  region: '11',
  priority: true,
};
const sesan: PooledResource = {
  ...meta,
  id: '18800000000110',
  siret: '18800000000110',
  name: 'GIP SESAN — GRADeS Île-de-France',
  region: '11',
  serves: ['780000014'],
};
const known: Beneficiaries = {
  ests: new Map([[versailles.finess, versailles]]),
  pooled: new Map([[sesan.siret, sesan]]),
};
const regionNames = new Map([['11', 'Île-de-France']]);

test('a pooled resource is named, not numbered; an establishment too; an unknown number stays a number', () => {
  assert.is(beneficiaryName(known, '18800000000110'), 'GIP SESAN — GRADeS Île-de-France');
  assert.is(beneficiaryName(known, '780000014'), 'CH de Versailles');
  assert.is(beneficiaryName(known, '18800000000847'), '18800000000847');
});

test('beneath a pooled resource: its SIRET, its region and what it is; nothing for an establishment', () => {
  assert.is(pooledLine(known, '18800000000110', regionNames), '18800000000110 · Île-de-France · Ressource mutualisée');
  assert.is(pooledLine(known, '780000014', regionNames), undefined);
  assert.is(pooledLine(known, '18800000000847', regionNames), undefined);
  // a region the list does not name: its code
  assert.is(pooledLine(known, '18800000000110', new Map()), '18800000000110 · 11 · Ressource mutualisée');
});

test('the region of either kind, none for an unknown number', () => {
  const other: Beneficiaries = { ests: known.ests, pooled: new Map([[sesan.siret, { ...sesan, region: '84' }]]) };
  assert.is(beneficiaryRegion(other, '18800000000110'), '84');
  assert.is(beneficiaryRegion(other, '780000014'), '11');
  assert.is(beneficiaryRegion(other, '999999999'), undefined);
});

test('the bulk form’s filters line ends with whom it funds', () => {
  assert.is(bulkScope('Île-de-France · Public', 'establishments'), 'Île-de-France · Public · Établissements');
  assert.is(bulkScope('Toutes les régions', 'pooled'), 'Toutes les régions · Ressources mutualisées');
  assert.is(
    bulkScope('Île-de-France · « SESAN »', 'all'),
    'Île-de-France · « SESAN » · Tous (établissements et ressources mutualisées)',
  );
  assert.is(bulkScope('', 'pooled'), 'Ressources mutualisées');
});

test('the plan reader indexes the pooled resources by SIRET, read once', async () => {
  const realFetch = globalThis.fetch;
  const calls: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    calls.push(String(input));
    return new Response(JSON.stringify({ items: [sesan], total: 1 }), {
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof fetch;
  try {
    const reader = planReader();
    const [pooled] = await Promise.all([reader.pooledIndex(), reader.pooledIndex()]);
    assert.is(beneficiaryName({ ests: new Map(), pooled }, '18800000000110'), 'GIP SESAN — GRADeS Île-de-France');
    assert.is(calls.length, 1);
    assert.match(calls[0]!, /^\/api\/pooled-resources/);
  } finally {
    globalThis.fetch = realFetch;
  }
});

test.run();
