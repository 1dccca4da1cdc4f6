// The web app in headless Chromium, one story per role, on a real server with the demo plan.
// Every page: no console error, no axe violation, a screenshot in test-results/screenshots.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { browserSuite, cents, chartsDrawn, checkPage, fitsWindow, login, open, openAs, shot } from './browser.js';

const e2e = browserSuite('e2e');

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
const remaining2024 = (page: Page) => text(page, 'jalon-budget-summary tr.remaining td:nth-of-type(2)');
const remaining2025 = (page: Page) => text(page, 'jalon-budget-summary tr.remaining td:nth-of-type(3)');

e2e('deep link while logged out: login form, then that very page', async ({ env }) => {
  const s = await open(env, '/roadmap');
  await s.page.getByRole('heading', { name: 'Connexion à Jalon' }).waitFor();
  await checkPage(s, '01-login');
  await s.page.getByRole('button', { name: 'Se connecter' }).click();
  await s.page.getByText('Saisissez votre adresse électronique').waitFor();
  await s.page.getByLabel('Adresse électronique').fill('finances@jalon.test');
  await s.page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
  s.allowed.push(/status of 401/); // the refused login, shown in the form; the page before it logged none
  await s.page.getByRole('button', { name: 'Se connecter' }).click();
  await s.page.getByText('E-mail ou mot de passe incorrect.').waitFor();
  await login(s.page, 'finances@jalon.test');
  assert.is(new URL(s.page.url()).pathname, '/roadmap');
  await s.page.getByRole('heading', { name: 'Feuille de route 2023-2027' }).waitFor();
  // the heading is there before the milestones are read: wait for them before reading their texts
  await s.page.locator('[data-testid="milestones"] .measure').first().waitFor();
  const measure = await s.page.locator('[data-testid="milestones"] .measure').allInnerTexts();
  assert.ok(
    measure.some((m) =>
      /^Exercice de crise cyber annuel : \d+\s% des établissements prioritaires, cible 100\s% au 31 mai 2023$/.test(m),
    ),
    measure.join('\n'),
  );
  assert.ok(await s.page.locator('[data-testid="today"]').isVisible());
  assert.ok(
    (await s.page.locator('.badge').allInnerTexts()).some((b) => /ATTEINT|EN BONNE VOIE|À RISQUE|MANQUÉ/i.test(b)),
  );
  await checkPage(s, '02-roadmap');
  await s.page.goBack();
  await s.context.close();
});

e2e('unknown address (a 404) and a page the role may not open: a message, the navigation kept', async ({ env }) => {
  const s = await open(env, '/login');
  s.allowed.push(/status of 404/); // the unknown address is a real 404, which Chromium logs
  // signed out: the message, and the way to the login form
  let res = await s.page.goto(`${env.base}/nimporte`);
  assert.is(res?.status(), 404);
  assert.match(res?.headers()['content-type'] ?? '', /^text\/html/);
  await s.page.getByRole('heading', { name: 'Page introuvable.' }).waitFor();
  await s.page.getByRole('link', { name: 'Retour à l’accueil' }).click();
  await s.page.getByRole('heading', { name: 'Connexion à Jalon' }).waitFor();
  await login(s.page, 'planif@jalon.test');
  await s.page.waitForURL(/\/allocations$/);
  // signed in: the message under the navigation, and a link to the role's home page
  res = await s.page.goto(`${env.base}/nimporte/encore?x=1`);
  assert.is(res?.status(), 404);
  await s.page.getByRole('heading', { name: 'Page introuvable.' }).waitFor();
  assert.is(await s.page.title(), 'Page introuvable — Jalon');
  assert.match(await s.page.getByRole('navigation', { name: 'Navigation principale' }).innerText(), /Allocations/);
  await checkPage(s, 'refusal-not-found');
  await s.page.getByRole('link', { name: 'Retour à l’accueil' }).click();
  await s.page.waitForURL(/\/allocations$/);
  // a planner on the admin's page: told so, not sent away
  res = await s.page.goto(`${env.base}/users`);
  assert.is(res?.status(), 200);
  await s.page.getByText('Votre rôle ne donne pas accès à cette page.').waitFor();
  assert.is(new URL(s.page.url()).pathname, '/users');
  await s.page.getByRole('heading', { name: 'Comptes' }).waitFor();
  const nav = await s.page.getByRole('navigation', { name: 'Navigation principale' }).innerText();
  assert.match(nav, /Allocations/);
  assert.not.match(nav, /Comptes/);
  await checkPage(s, 'refusal-forbidden');
  await s.context.close();
});

e2e(
  'planner: edits a cell and sees what remains change; over-allocation and 412 shown at the cell',
  async ({ env }) => {
    const s = await openAs(env, '/login', 'planif@jalon.test');
    await s.page.waitForURL(/\/allocations/);
    const grid = s.page.locator('[data-testid="allocation-grid"]');
    await grid.locator('tbody tr[data-id]').first().waitFor();
    await s.page.locator('jalon-budget-summary tr.remaining').waitFor();
    const before = await remaining2024(s.page);
    // the footer counts what the envelope holds: rejected rows are left out, as in « Alloué »
    assert.is(
      await grid.locator('[data-testid="grand-total"]').innerText(),
      await text(s.page, 'jalon-budget-summary tr[data-row="Alloué"] td:last-child'),
    );
    // keyboard: focus the first 2023 cell, arrow right to 2024, Enter, type, Enter
    await grid.locator('td[data-r="0"][data-c="0"]').click();
    await s.page.keyboard.press('ArrowRight');
    const cell = grid.locator('td[data-r="0"][data-c="1"]');
    assert.is(await cell.evaluate((el) => el.matches(':focus')), true, 'arrow key moves focus');
    await s.page.keyboard.press('Enter');
    const input = cell.locator('input');
    await input.fill('1 000,50');
    await s.page.keyboard.press('Enter');
    await s.page.locator('[data-testid="grid-live"]', { hasText: 'Enregistré' }).waitFor();
    await s.page.waitForFunction((b) => {
      const el = document
        .querySelector('app-shell')
        ?.shadowRoot?.querySelector('jalon-allocations-page')
        ?.shadowRoot?.querySelector('jalon-budget-summary')
        ?.shadowRoot?.querySelector('tr.remaining td:nth-of-type(2)');
      return el && el.textContent !== b;
    }, before);
    assert.is.not(await remaining2024(s.page), before, 'remaining changed after the save');
    const shown = await cell.innerText();
    assert.match(shown, /^1\s000,50\s€$/, `cell shows ${JSON.stringify(shown)}`);
    // spreadsheet typing: digits straight into a selected cell (no Enter first), then Tab saves
    const cell2025 = grid.locator('td[data-r="0"][data-c="2"]');
    const was2025 = cents(await cell2025.innerText());
    const before2025 = await remaining2025(s.page);
    await cell2025.click();
    await s.page.keyboard.type('25000,50');
    assert.is(await cell2025.locator('input').inputValue(), '25000,50', 'the first digit is kept');
    await s.page.keyboard.press('Tab');
    await s.page.locator('[data-testid="grid-live"]', { hasText: /2025 = 25\s000,50\s€/ }).waitFor();
    assert.match(await cell2025.innerText(), /^25\s000,50\s€$/);
    assert.is(
      await grid.locator('td[data-r="0"][data-c="3"]').evaluate((el) => el.matches(':focus')),
      true,
      'Tab moves to 2026',
    );
    await s.page.waitForFunction((b) => {
      const el = document
        .querySelector('app-shell')
        ?.shadowRoot?.querySelector('jalon-allocations-page')
        ?.shadowRoot?.querySelector('jalon-budget-summary')
        ?.shadowRoot?.querySelector('tr.remaining td:nth-of-type(3)');
      return el && el.textContent !== b;
    }, before2025);
    assert.is(
      cents(await remaining2025(s.page)),
      cents(before2025) + was2025 - 2_500_050,
      'what remains for 2025 follows the new amount',
    );
    // over-allocation: the API's message (what remains) next to the cell, typed value kept
    await cell.focus();
    await s.page.keyboard.press('Enter');
    await cell.locator('input').fill('999 999 999');
    await s.page.keyboard.press('Enter');
    const err = cell.locator('[data-testid="cell-error"]');
    await err.waitFor();
    assert.match(await err.innerText(), /Dépassement de l'enveloppe .* reste .* sur 2024/);
    assert.is(await cell.locator('input').inputValue(), '999 999 999');
    // a click on another cell drops the refused value there, and typing goes to the new cell
    const cell2026 = grid.locator('td[data-r="0"][data-c="3"]');
    await cell2026.click();
    await s.page.keyboard.type('12');
    assert.is(await cell2026.locator('input').inputValue(), '12', 'typing reaches the clicked cell');
    assert.is(await cell.locator('input').count(), 0, 'the refused edit is closed');
    assert.is(await err.count(), 0, 'and its message gone');
    await s.page.keyboard.press('Escape');
    // 412: someone else saves the row meanwhile; the typed value is kept and can be re-applied
    const id = await grid.locator('tbody tr[data-id]').first().getAttribute('data-id');
    const establishment = (await grid.locator('tbody tr[data-id]').first().locator('.name').getAttribute('title'))!;
    await s.page.evaluate(async (allocationId) => {
      const r = await fetch(`/api/allocations/${allocationId}`);
      const a = await r.json();
      await fetch(`/api/allocations/${allocationId}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': r.headers.get('ETag')! },
        body: JSON.stringify({ amounts: { ...a.amounts, '2024': 200000 } }),
      });
    }, id);
    await cell.focus();
    await s.page.keyboard.press('Enter');
    await cell.locator('input').fill('3 000');
    await s.page.keyboard.press('Enter');
    await err.waitFor();
    assert.match(await err.innerText(), /modifiée entre-temps.*2\s000,00.*3\s000,00/s);
    assert.is(await cell.locator('input').inputValue(), '3 000');
    await s.page.keyboard.press('Enter');
    await s.page.locator('[data-testid="grid-live"]', { hasText: 'Enregistré' }).waitFor();
    assert.match(await cell.innerText(), /^3\s000,00\s€$/);
    await checkPage(s, '03-allocations');
    // add an allocation through the form (the establishment declares it done later)
    await s.page
      .getByLabel('Enveloppe', { exact: true })
      .selectOption({ label: /CARE-SOCLE/ } as never)
      .catch(async () => {
        const v = await s.page.locator('#envelope option', { hasText: 'CARE-SOCLE' }).getAttribute('value');
        await s.page.locator('jalon-allocations-page #envelope').selectOption(v!);
      });
    await s.page.getByRole('button', { name: 'Ajouter une allocation' }).click();
    // submitted empty: each field says what it misses, once, beside it
    await s.page.getByRole('button', { name: 'Proposer l’allocation' }).click();
    await s.page.locator('#est-pick-err').waitFor();
    assert.equal(await s.page.locator('jalon-allocation-form .field-error').allInnerTexts(), [
      'Choisissez un établissement.',
      'Choisissez une action.',
    ]);
    assert.is(await s.page.locator('#act-err').innerText(), 'Choisissez une action.');
    await s.page
      .getByLabel('Rechercher un établissement ou une ressource mutualisée (nom, FINESS ou SIRET)')
      .fill('780000014');
    await s.page.locator('#est-pick option').first().waitFor();
    await s.page.locator('#est-pick').selectOption('780000014');
    const action = await s.page.locator('#act option', { hasText: 'HOSPICONNECT' }).getAttribute('value');
    await s.page.locator('#act').selectOption(action!);
    await s.page.getByLabel('2025').fill('45 000');
    await s.page.getByRole('button', { name: 'Proposer l’allocation' }).click();
    await s.page.getByText('Allocation proposée pour').waitFor();
    await checkPage(s, '04-allocations-add');
    // bulk: preview count and total before applying
    await s.page.getByRole('button', { name: 'Allocation groupée' }).click();
    await s.page.getByRole('button', { name: 'Prévisualiser' }).click();
    await s.page.locator('#bulk-act-err').waitFor();
    assert.equal(
      await s.page.locator('jalon-bulk-form .field-error').allInnerTexts(),
      ['Choisissez une action.'],
      'no establishment field, no establishment message',
    );
    await s.page.locator('#f-region').selectOption('94');
    const sens = await s.page.locator('#bulk-act option', { hasText: 'SENSIB' }).getAttribute('value');
    await s.page.locator('#bulk-act').selectOption(sens!);
    await s.page.locator('#bulk-2025').fill('5 000');
    await s.page.getByRole('button', { name: 'Prévisualiser' }).click();
    const preview = s.page.locator('[data-testid="bulk-status"]', { hasText: 'total de' });
    await preview.waitFor();
    assert.match(await preview.innerText(), /\d+ établissements? recevr.*total de/);
    await checkPage(s, '05-allocations-bulk');
    // a preview the envelope cannot hold: refused with what remains, and nothing left to apply
    await s.page.locator('#bulk-2025').fill('999 999 999');
    await s.page.getByRole('button', { name: 'Prévisualiser' }).click();
    await s.page
      .locator('[data-testid="bulk-status"]', { hasText: 'aucune allocation n’est créée' })
      .or(s.page.locator('[data-testid="bulk-status"]', { hasText: "aucune allocation n'est créée" }))
      .waitFor();
    assert.not.match(
      await s.page.locator('[data-testid="bulk-status"]').innerText(),
      /recevr/,
      'the earlier preview is gone',
    );
    assert.ok(await s.page.getByRole('button', { name: 'Appliquer à tous' }).isDisabled());
    // the audit trail names what the edit was about and shows the amount before → after, in euros
    await s.page.getByRole('link', { name: 'Journal d’audit' }).click();
    const entry = s.page
      .locator(`[data-testid="audit-table"] tbody tr[data-id="${id}"]`, { hasText: /3\s000,00\s€/ })
      .first();
    await entry.waitFor();
    const logged = await entry.innerText();
    assert.ok(logged.includes(establishment), `${establishment} in ${JSON.stringify(logged)}`);
    assert.match(logged, /Modification/);
    assert.match(logged, /montant 2024\s:\s2\s000,00\s€\s→\s3\s000,00\s€/);
    await checkPage(s, '10-audit-planner');
    await s.context.close();
  },
);

e2e('reviewer: charts drawn, filters in the URL, approves an allocation', async ({ env }) => {
  const s = await openAs(env, '/', 'finances@jalon.test');
  await s.page.waitForURL(/\/dashboard/);
  await s.page.locator('[data-testid="tiles"]').waitFor();
  await chartsDrawn(s.page);
  assert.match(await s.page.locator('[data-testid="tiles"]').innerText(), /M€/);
  // the whole queue, a page at a time; a decision on page 2 leaves the count right
  const reviewer = s.page.locator('jalon-review-list');
  const range = (text: string) =>
    reviewer.locator('[data-testid="review-range"]', { hasText: new RegExp(`^${text}$`) }).waitFor();
  const queued = Number(
    (await reviewer.locator('[data-testid="review-range"]').innerText()).match(/^1 à 12 sur (\d+)$/)?.[1],
  );
  assert.ok(queued > 12, `queue of ${queued}`);
  await reviewer.getByRole('button', { name: 'Suivant' }).click();
  await range(`13 à ${Math.min(24, queued)} sur ${queued}`);
  // announced credits offer no approval (CARE-ANNONCE): a row on committed credits
  const later = reviewer
    .locator('tbody tr[data-id]')
    .filter({ hasNotText: 'André-Mignot' })
    .filter({ hasNotText: 'CARE-ANNONCE' });
  const approvedId = await later.first().getAttribute('data-id');
  await later
    .first()
    .getByRole('button', { name: /^Approuver/ })
    .click();
  await s.page.locator('[data-testid="review-live"]', { hasText: 'Allocation approuvée' }).waitFor();
  await range(`13 à ${Math.min(24, queued - 1)} sur ${queued - 1}`);
  assert.is(await reviewer.locator(`tr[data-id="${approvedId}"]`).count(), 0);
  const rejected = later.last();
  const rejectedId = await rejected.getAttribute('data-id');
  await rejected.getByRole('button', { name: /^Rejeter/ }).click();
  await rejected.getByLabel('Motif du rejet').fill('Doublon');
  await rejected.getByRole('button', { name: 'Confirmer le rejet' }).click();
  await s.page.locator('[data-testid="review-live"]', { hasText: 'Allocation rejetée' }).waitFor();
  await range(`13 à ${Math.min(24, queued - 2)} sur ${queued - 2}`);
  assert.is(await reviewer.locator(`tr[data-id="${rejectedId}"]`).count(), 0);
  await checkPage(s, 'review-page-2');
  await reviewer.getByRole('button', { name: 'Précédent' }).click();
  await range(`1 à 12 sur ${queued - 2}`);
  // the dashboard's own filter (the review list below has its own « Région » too)
  await s.page.locator('#d-region').selectOption('11');
  assert.match(s.page.url(), /region=11/);
  // envelopes are national: under a region filter the tiles say so
  const tiles = s.page.locator('[data-testid="tiles"]', { hasText: 'alloués au national' });
  await tiles.waitFor();
  assert.match(
    await tiles.innerText(),
    /Alloués\s+\S+\s+M€\s+[^\n]+\s€\s+\d+(,\d)?\s+% des \S+\s+M€ alloués au national\s[\s\S]*Reste à allouer\s+\S+\s+M€\s+[^\n]+\s€\s+Au national : crédits engagés moins alloués\s/,
  );
  const review = s.page.locator('[data-testid="review-list"]');
  const row = review.locator('tr', { hasText: 'Hôpital André-Mignot' }).filter({ hasText: 'HOSPICONNECT' });
  await row.waitFor();
  await row.getByRole('button', { name: /^Approuver/ }).click();
  await s.page.locator('[data-testid="review-live"]', { hasText: 'Allocation approuvée' }).waitFor();
  await s.page.waitForLoadState('networkidle');
  // every data table open: wide ones scroll in their own box, the page keeps to the window
  const disclosures = s.page.getByText('Voir les données sous forme de tableau');
  for (let i = 0; i < (await disclosures.count()); i++) await disclosures.nth(i).click();
  await fitsWindow(s.page, 'tables open at 1440 px');
  await s.page.setViewportSize({ width: 1280, height: 1000 });
  await fitsWindow(s.page, 'tables open at 1280 px');
  await s.page.setViewportSize({ width: 1440, height: 1000 });
  await s.page.getByRole('button', { name: /^Versé/ }).click();
  await checkPage(s, '06-dashboard');
  await s.page.emulateMedia({ media: 'print' });
  await shot(s.page, '07-dashboard-print');
  await s.context.close();
});

e2e('establishment: sees only its own actions and declares a completion', async ({ env }) => {
  // Versailles has declared all its approved actions already (test/e2e/establishment.test.ts corrects
  // and withdraws them); a site of Hospices civils de Lyon has one still to declare
  const s = await openAs(env, '/awards', 'etab.hcl@jalon.test');
  await s.page.getByRole('heading', { name: 'Mes actions financées' }).waitFor();
  await s.page.getByRole('heading', { name: 'Hospices civils de Lyon', exact: true }).waitFor();
  const nav = await s.page.getByRole('navigation').innerText();
  assert.not.match(nav, /Tableau de bord|Allocations|Journal/);
  const other = await s.page.evaluate(async () => (await fetch('/api/establishments/910000017/awards')).status);
  assert.is(other, 404, 'another establishment is invisible');
  s.errors.splice(0); // Chromium logs the probe's own 404
  const card = s.page.locator('article[data-action="act-d1-expo"]');
  // two steps: the first click only asks (date, confirm or cancel); nothing is sent before
  const posts: string[] = [];
  s.page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  await card.getByRole('button', { name: 'Déclarer l’action réalisée' }).click();
  await card.getByRole('button', { name: 'Annuler' }).click();
  await card.getByRole('button', { name: 'Déclarer l’action réalisée' }).click();
  const date = card.getByLabel('Date de réalisation');
  assert.ok(await date.evaluate((el) => el.matches(':focus')), 'the date field has the focus');
  assert.equal(posts, [], 'nothing declared before the confirmation');
  await checkPage(s, 'awards-confirm');
  await card.getByRole('button', { name: 'Confirmer la déclaration' }).click();
  await card.getByText(/^Réalisation déclarée le/).waitFor();
  assert.is(posts.length, 1);
  await checkPage(s, '08-awards');
  await s.context.close();
});

e2e('admin: accounts and audit trail', async ({ env }) => {
  const s = await openAs(env, '/users', 'admin@jalon.test');
  await s.page.locator('[data-testid="users-table"]').waitFor();
  await s.page.getByLabel('Nom').fill('Inès Contrôleuse');
  await s.page.getByLabel('Adresse électronique').fill('ines@jalon.test');
  await s.page.getByLabel('Mot de passe initial').fill('Un-mot-de-passe-solide-2027');
  await s.page.getByRole('button', { name: 'Créer le compte' }).click();
  await s.page.getByText('Compte créé : ines@jalon.test.').waitFor();
  await s.page.getByRole('button', { name: 'Désactiver ines@jalon.test' }).click();
  await s.page.getByRole('button', { name: 'Confirmer la désactivation' }).click();
  await s.page.getByText('ines@jalon.test désactivé.').waitFor();
  await checkPage(s, '09-users');
  await s.page.getByRole('link', { name: 'Journal d’audit' }).click();
  await s.page.locator('[data-testid="audit-table"] tbody tr').first().waitFor();
  await checkPage(s, '10-audit');
  await s.page.goBack();
  await s.page.locator('[data-testid="users-table"]').waitFor();
  await s.context.close();
});

e2e.run();
