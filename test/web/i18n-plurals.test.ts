// The counted texts of the allocations, payments, imports and account pages agree with their
// count as French does: 0 and 1 singular (verb and participles included), 2 and more plural.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { t as alloc } from '../../web/i18n/allocations.js';
import { t as pay } from '../../web/i18n/payments.js';
import { t as imp } from '../../web/i18n/imports.js';
import { t as account } from '../../web/i18n/account.js';
import { tp } from '../../web/i18n/previews.js';

const thousand = new Intl.NumberFormat('fr-FR').format(1234); // ICU's thousands separator

test('bulk preview: « 0 établissement recevra », « 2 établissements recevront », skipped ones agree too', () => {
  assert.is(
    alloc.bulk.previewResult(0, '0,00 €', 0),
    '0 établissement recevra une allocation, pour un total de 0,00 €.',
  );
  assert.is(
    alloc.bulk.previewResult(1, '10,00 €', 1),
    '1 établissement recevra une allocation, pour un total de 10,00 € (1 déjà doté, ignoré).',
  );
  assert.is(
    alloc.bulk.previewResult(2, '20,00 €', 3),
    '2 établissements recevront une allocation, pour un total de 20,00 € (3 déjà dotés, ignorés).',
  );
  assert.is(
    alloc.bulk.previewResult(1234, '1,00 €', 0),
    `${thousand} établissements recevront une allocation, pour un total de 1,00 €.`,
  );
  assert.is(alloc.bulk.applied(1, '5,00 €'), '1 allocation proposée, pour 5,00 €.');
  assert.is(alloc.bulk.applied(2, '5,00 €'), '2 allocations proposées, pour 5,00 €.');
});

test('bulk preview of pooled resources or of every beneficiary: its noun, and the participles agreeing with it', () => {
  assert.is(
    alloc.bulk.previewResult(1, '10,00 €', 1, 'pooled'),
    '1 ressource mutualisée recevra une allocation, pour un total de 10,00 € (1 déjà dotée, ignorée).',
  );
  assert.is(
    alloc.bulk.previewResult(2, '20,00 €', 3, 'pooled'),
    '2 ressources mutualisées recevront une allocation, pour un total de 20,00 € (3 déjà dotées, ignorées).',
  );
  assert.is(
    alloc.bulk.previewResult(1234, '1,00 €', 2, 'all'),
    `${thousand} bénéficiaires recevront une allocation, pour un total de 1,00 € (2 déjà dotés, ignorés).`,
  );
  assert.equal(
    [tp.bulk.targets(0, 'pooled'), tp.bulk.targets(2, 'pooled'), tp.bulk.targets(2)],
    [
      '0 ressource mutualisée recevra une allocation',
      '2 ressources mutualisées recevront une allocation',
      '2 établissements recevront une allocation',
    ],
  );
  assert.equal(
    [tp.bulk.skipped(1, 'pooled'), tp.bulk.skipped(2, 'all'), tp.bulk.skipped(2)],
    [
      '1 ressource mutualisée déjà dotée, ignorée',
      '2 bénéficiaires déjà dotés, ignorés',
      '2 établissements déjà dotés, ignorés',
    ],
  );
});

test('grid caption and the add form’s matches', () => {
  assert.equal(
    [0, 1, 2].map((n) => alloc.allocations.gridCaption(n)),
    ['0 allocation', '1 allocation', '2 allocations'],
  );
  assert.equal(
    [0, 1, 2].map((n) => alloc.addForm.matches(n)),
    ['0 établissement trouvé', '1 établissement trouvé', '2 établissements trouvés'],
  );
});

test('payments: counts, cancellations and the ledger caption', () => {
  const p = pay.payments;
  assert.equal([p.countOf(0), p.countOf(1), p.countOf(2)], ['0 versement', '1 versement', '2 versements']);
  assert.equal([p.cancelledOf(1), p.cancelledOf(2)], ['1 annulation', '2 annulations']);
  assert.is(p.listCaption(1), '1 mouvement, les plus récents d’abord');
  assert.is(p.listCaption(2), '2 mouvements, les plus récents d’abord');
});

test('imports: refused lines, FINESS applied, allocation file preview and result', () => {
  const f = imp.imports.finess,
    a = imp.imports.allocations;
  assert.is(imp.imports.refusedCaption(1), '1 ligne refusée');
  assert.is(imp.imports.refusedCaption(2), '2 lignes refusées');
  assert.is(f.accept(1), 'J’ai vérifié la ligne refusée : les appliquer sans elle.');
  assert.is(f.accept(3), 'J’ai vérifié les 3 lignes refusées : les appliquer sans elles.');
  assert.is(f.applied(0, 2), 'Import FINESS appliqué : 0 établissement créé, 2 mis à jour.');
  assert.is(f.applied(2, 0), 'Import FINESS appliqué : 2 établissements créés, 0 mis à jour.');
  const counts = { created: 1, updated: 2, revised: 1, createdEuros: '1,00 €', change: '+ 2,00 €' };
  assert.is(
    a.preview(counts),
    'Ce fichier proposerait 1 nouvelle allocation (1,00 €), modifierait 2 allocations proposées et ouvrirait 1 avenant sur des allocations approuvées ; écart des modifications : + 2,00 €.',
  );
  assert.is(
    a.applied({ ...counts, created: 2, updated: 1, revised: 2 }),
    'Import appliqué : 2 nouvelles allocations proposées (1,00 €), 1 allocation proposée modifiée et 2 avenants à faire approuver ; écart des modifications : + 2,00 €.',
  );
  assert.is(a.blocked(1).split(' :')[0], '1 ligne en erreur');
  assert.is(a.blocked(2).split(' :')[0], '2 lignes en erreur');
});

test('account: API tokens', () => {
  assert.equal(
    [0, 1, 2].map((n) => account.account.count(n)),
    ['0 jeton', '1 jeton', '2 jetons'],
  );
});

test.run();
