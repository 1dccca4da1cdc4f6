// Free text as the API takes it: NFC, and nothing invisible or misleading; the French detail names
// the field and the reason.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, F1, withKey } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const NEW = withKey('75000099');
const est = { finess: NEW, name: 'Centre hospitalier', category: 'public', region: '11', priority: false };

test('Names made only of zero-width characters, or holding NUL, a control, a lone surrogate or a bidi override: 400, naming field and reason', async () => {
  const { as, store } = await smallSetup();
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  const cases: Array<[string, string, unknown, string, RegExp]> = [
    [
      '/api/establishments',
      'name',
      { ...est, name: '\u200B\u200C\u200D' },
      'name',
      /^Nom : ne contient que des caractères invisibles\.$/,
    ],
    [
      '/api/establishments',
      'name',
      { ...est, name: 'CH\u0000Versailles' },
      'name',
      /^Nom : caractère de contrôle U\+0000 refusé\.$/,
    ],
    ['/api/establishments', 'name', { ...est, name: 'CH \uD83D' }, 'name', /^Nom : caractère invalide \(moitié isolée/],
    [
      '/api/establishments',
      'ght',
      { ...est, ght: 'GHT\u202Eexe.fdp' },
      'ght',
      /^GHT : caractère de contrôle du sens d’écriture U\+202E refusé/,
    ],
    [
      '/api/actions',
      'title',
      { code: 'NEW', title: 'Exercice\u0007', axis: 1 },
      'title',
      /^Intitulé : caractère de contrôle U\+0007 refusé\.$/,
    ],
    [
      '/api/actions',
      'domain',
      { code: 'NEW', title: 'Exercice', axis: 1, domain: '\u2060' },
      'domain',
      /^Domaine : ne contient que des caractères invisibles\.$/,
    ],
    [
      '/api/envelopes',
      'source',
      { code: 'E', name: 'E', source: 'Arrêté\u2066', status: 'committed', totalCents: 1 },
      'source',
      /^Source : caractère de contrôle du sens d’écriture U\+2066/,
    ],
    [
      '/api/milestones',
      'description',
      { title: 'J', date: '2025-01-01', description: 'a\u0000' },
      'description',
      /^Description : caractère de contrôle U\+0000 refusé\.$/,
    ],
  ];
  for (const [path, field, body, errPath, detail] of cases) {
    const r = await unchanged(store, () => planner.post(path, body));
    isProblem(r, 400, errPath);
    assert.match(r.json.detail, detail, `${path} ${field}: ${r.json.detail}`);
  }
});

test('A reviewer’s reason and a payment’s tranche go through the same check; a multi-line reason keeps its line breaks', async () => {
  const { as, store } = await smallSetup({
    allocations: [
      allocation('al-1', { amounts: { '2024': 100_00 } }),
      allocation('al-2', { finess: withKey('69000002'), amounts: { '2024': 100_00 }, status: 'approved' }),
    ],
  });
  const reviewer = as(USERS.reviewer);
  await reviewer.get('/api/me');
  isProblem(
    await unchanged(store, () => reviewer.post('/api/allocations/al-1/reject', { reason: '\u200B' })),
    400,
    'reason',
  );
  isProblem(
    await unchanged(store, () =>
      reviewer.post('/api/payments', {
        allocationId: 'al-2',
        amountCents: 1,
        paidOn: '2024-06-01',
        tranche: 'T1\u0000',
      }),
    ),
    400,
    'tranche',
  );
  const r = await reviewer.post('/api/allocations/al-1/reject', { reason: 'Pièces manquantes :\n- devis' });
  assert.equal([r.status, r.json.rejectionReason], [200, 'Pièces manquantes :\n- devis']);
});

test('Text is stored in NFC: a name typed with combining accents is stored and answered precomposed', async () => {
  const { as } = await smallSetup();
  const planner = as(USERS.planner);
  const decomposed = 'Ho\u0302pital Saint-E\u0301loi';
  const r = await planner.post('/api/establishments', { ...est, name: decomposed });
  assert.equal([r.status, r.json.name], [201, 'Hôpital Saint-Éloi']);
  assert.is.not(r.json.name, decomposed);
  const p = await planner.patch(
    `/api/establishments/${F1}`,
    { name: 'Clinique des Ce\u0300dres' },
    { 'if-match': (await planner.get(`/api/establishments/${F1}`)).headers.get('etag')! },
  );
  assert.is(p.json.name, 'Clinique des Cèdres');
});

test.run();
