// The establishment's pages in headless Chromium: approved awards only (a proposal and a pending
// avenant stay internal), a legal entity's sites together then one by one, and declarations
// corrected, withdrawn (after a confirmation) or read refused with their reason; at 390 px nothing
// scrolls sideways.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { browserSuite, cents, checkPage, fitsPhone, openAs, PASSWORD, type Env } from './browser.js';

const e2e = browserSuite('establishment');

/** The API as another user, from the test itself (a planner proposes, a reviewer approves). */
const apiAs = async (env: Env, email: string) => {
  const res = await fetch(`${env.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.is(res.status, 200, `login ${email}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(env.base + path, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, etag: r.headers.get('etag') ?? '', json: text ? JSON.parse(text) : null };
  };
  return {
    get: (p: string) => call('GET', p),
    post: (p: string, b: unknown, h?: Record<string, string>) => call('POST', p, b, h),
    patch: (p: string, b: unknown, h?: Record<string, string>) => call('PATCH', p, b, h),
  };
};

/** Every text the page shows, shadow roots included (innerText stops at them). */
const deepText = (page: Page): Promise<string> =>
  // a string, not a function: the test runner's transpiler would name the walker with a helper the page lacks
  page.evaluate<string>(`(() => {
    const walk = (n) => {
      if (n.nodeType === Node.TEXT_NODE) return n.textContent ?? '';
      if (n instanceof HTMLStyleElement || n instanceof HTMLScriptElement) return '';
      const root = n instanceof Element && n.shadowRoot ? walk(n.shadowRoot) : '';
      return root + [...n.childNodes].map(walk).join(' ');
    };
    return walk(document.body).replace(/\\s+/g, ' ');
  })()`);

e2e(
  'etab.versailles: no proposed amount nor pending avenant visible; an approved avenant shows its amounts',
  async ({ env }) => {
    const planner = await apiAs(env, 'planif@jalon.test');
    const proposal = await planner.post('/api/allocations', {
      envelopeId: 'env-care-d1',
      finess: '780000014',
      actionId: 'act-d1-ad',
      amounts: { '2025': 123_456_78 },
    });
    assert.is(proposal.status, 201, JSON.stringify(proposal.json));
    const fir = await planner.get('/api/allocations/al-fir-005');
    const avenant = await planner.patch(
      '/api/allocations/al-fir-005',
      { amounts: { '2024': 23_456_78 } },
      {
        'if-match': fir.etag,
      },
    );
    assert.is(avenant.status, 200, JSON.stringify(avenant.json));

    const s = await openAs(env, '/awards', 'etab.versailles@jalon.test');
    await s.page.locator('jalon-award-card').first().waitFor();
    await checkPage(s, 'establishment-01-versailles');
    const text = await deepText(s.page);
    assert.match(text, /Centre hospitalier de Versailles/);
    for (const leak of ['123 456,78', '23 456,78', 'attente d’approbation', 'Avenant', 'Proposée'])
      assert.not.ok(text.includes(leak), `« ${leak} » is shown to the establishment`);
    assert.equal(
      (
        await s.page
          .locator('jalon-award-card article')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
      ).sort(),
      ['act-acces-dist', 'act-edr', 'act-exe-crise'],
    );
    // « Attribué (approuvé) »: the three approved allocations, 750 000 + 300 000 + 20 000 €
    const granted = s.page.locator('dl.totals div', { hasText: 'Attribué (approuvé)' }).locator('dd');
    assert.is(cents(await granted.innerText()), 1_070_000_00);
    const api = await s.page.evaluate(async () => (await fetch('/api/allocations?limit=1000')).text());
    assert.not.match(api, /12345678|2345678/);
    await fitsPhone(s.page, 'awards');
    await checkPage(s, 'establishment-02-versailles-390px');

    // once a reviewer approves the avenant, its amounts are the ones in force
    const reviewer = await apiAs(env, 'finances@jalon.test');
    assert.is((await reviewer.post('/api/allocations/al-fir-005/approve', undefined)).status, 200);
    await s.page.reload();
    await s.page.locator('article[data-action="act-exe-crise"]', { hasText: '23 456,78' }).first().waitFor();
    assert.is(cents(await granted.innerText()), 1_070_000_00 - 20_000_00 + 23_456_78);
    await s.context.close();
  },
);

e2e(
  'etab.hcl: the legal entity’s totals, then each site’s; the selector shows FINESS and name; one site at a time',
  async ({ env }) => {
    const s = await openAs(env, '/awards', 'etab.hcl@jalon.test');
    await s.page.getByRole('heading', { name: 'Hospices civils de Lyon', exact: true }).waitFor();
    const select = s.page.getByLabel('Établissement affiché');
    const options = await select.locator('option').allInnerTexts();
    assert.equal(options.length, 3);
    assert.match(
      options[0]!,
      /^691000012 — Hospices civils de Lyon : toute l’entité juridique \(2\u00a0établissements\)$/,
    );
    assert.ok(options.includes('690000013 — Hospices civils de Lyon — Hôpital Édouard-Herriot'), options.join(' | '));
    assert.ok(
      options.includes('690000021 — Hospices civils de Lyon — Hôpital de la Croix-Rousse'),
      options.join(' | '),
    );
    // entity totals first, then one section per site; the entity's are the sum of the sites'
    const tiles = s.page.locator('jalon-awards-page dl.totals').first();
    const entityGranted = cents(await tiles.locator('div', { hasText: 'Attribué' }).locator('dd').innerText());
    const rows = s.page.locator('table.sites tbody tr');
    assert.is(await rows.count(), 2);
    const siteGranted = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[0]!.textContent!));
    assert.is(
      entityGranted,
      siteGranted.map(cents).reduce((a, b) => a + b, 0),
    );
    assert.ok(entityGranted > 0);
    const sections = s.page.locator('section.site > h2');
    assert.equal(await sections.allInnerTexts(), [
      '690000013 — Hospices civils de Lyon — Hôpital Édouard-Herriot',
      '690000021 — Hospices civils de Lyon — Hôpital de la Croix-Rousse',
    ]);
    await checkPage(s, 'establishment-03-hcl-entity');
    await fitsPhone(s.page, 'legal entity');
    await checkPage(s, 'establishment-04-hcl-entity-390px');
    await s.page.setViewportSize({ width: 1440, height: 1000 });
    // one site at a time
    await select.selectOption('690000021');
    await s.page
      .getByRole('heading', { name: 'Hospices civils de Lyon — Hôpital de la Croix-Rousse', exact: true })
      .waitFor();
    await s.page.getByText(/^FINESS 690000021 · /).waitFor();
    const finess = await s.page
      .locator('jalon-award-card article')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-finess')));
    assert.ok(finess.length > 0 && finess.every((f) => f === '690000021'), finess.join(','));
    assert.is(await s.page.locator('table.sites').count(), 0);
    const siteOnly = cents(await tiles.locator('div', { hasText: 'Attribué' }).locator('dd').innerText());
    assert.is(siteOnly, cents(siteGranted[1]!));
    await checkPage(s, 'establishment-05-hcl-site');
    await s.context.close();
  },
);

e2e(
  'declarations: corrected and withdrawn (after a confirmation) while pending; a refusal shows its reason',
  async ({ env }) => {
    const planner = await apiAs(env, 'planif2@jalon.test');
    const cp37 = await planner.get('/api/completions/cp-0037');
    const refused = await planner.post(
      '/api/completions/cp-0037/refuse',
      { reason: 'Preuve illisible : joindre le procès-verbal de recette.' },
      { 'if-match': cp37.etag },
    );
    assert.is(refused.status, 200, JSON.stringify(refused.json));
    const etab = await apiAs(env, 'etab.versailles@jalon.test');

    const s = await openAs(env, '/awards', 'etab.versailles@jalon.test');
    const exe = s.page.locator('article[data-action="act-exe-crise"]');
    await exe.getByText('Réalisation déclarée le 23 mars 2023').waitFor();
    await exe.getByText('en attente de contrôle').waitFor();
    // correct the date
    await exe.getByRole('button', { name: /^Corriger/ }).click();
    const date = exe.getByLabel('Date de réalisation corrigée');
    assert.ok(await date.evaluate((el) => el.matches(':focus')), 'the date field has the focus');
    await date.fill('2023-03-30');
    await exe.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await exe.getByText('Déclaration corrigée : réalisation le 30 mars 2023').waitFor();
    await exe.getByText('Réalisation déclarée le 30 mars 2023').waitFor();
    assert.is((await etab.get('/api/completions/cp-0016')).json.completedOn, '2023-03-30');
    // withdraw: a first click only asks
    const edr = s.page.locator('article[data-action="act-edr"]');
    await edr.getByRole('button', { name: /^Retirer/ }).click();
    await edr.getByText(/Retirer la déclaration de réalisation du 20 août 2023 \?/).waitFor();
    assert.is((await etab.get('/api/completions/cp-0049')).status, 200, 'nothing withdrawn before the confirmation');
    await checkPage(s, 'establishment-06-withdraw-confirm');
    await edr.getByRole('button', { name: 'Annuler' }).click();
    await edr.getByRole('button', { name: /^Retirer/ }).click();
    await edr.getByRole('button', { name: 'Confirmer le retrait' }).click();
    await edr.getByText('Déclaration du 20 août 2023 retirée.').waitFor();
    assert.is((await etab.get('/api/completions/cp-0049')).status, 404);
    await edr.getByRole('button', { name: /^Déclarer l’action réalisée/ }).waitFor();
    // the refused one: its reason, and the way to declare again; no correction
    const access = s.page.locator('article[data-action="act-acces-dist"]');
    await access.getByText(/Déclaration du 26 mai 2023 refusée le \d+ \S+ 20\d\d :/).waitFor();
    await access.getByText('Preuve illisible : joindre le procès-verbal de recette.').waitFor();
    await access.getByRole('button', { name: /^Déclarer à nouveau/ }).waitFor();
    assert.is(await access.getByRole('button', { name: /^Corriger/ }).count(), 0);
    // a validated declaration of an action not awarded here: read-only, with its date of validation
    const others = s.page.getByRole('region', { name: 'Autres déclarations' });
    await others.getByText(/validée le 16 mai 2025/).waitFor();
    await checkPage(s, 'establishment-07-declarations');
    await fitsPhone(s.page, 'declarations');
    await checkPage(s, 'establishment-08-declarations-390px');
    await s.context.close();
  },
);

e2e.run();
