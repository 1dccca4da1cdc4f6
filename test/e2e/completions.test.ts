// Completion checks and milestones in Chromium, on the demo plan, as planif@jalon.test: the roadmap
// shows the declarations awaiting a check beside each milestone's checked progress; a milestone is
// created (a refusal shown next to its field), edited and deleted; in the queue Versailles' 2023
// declarations await a check: one is validated, one refused with a reason (mandatory), and both
// appear among the checked ones; the roadmap then counts the validated one. Every page: axe, no
// console error, no sideways scroll at 390 px.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { browserSuite, checkPage, fitsPhone, openAs } from './browser.js';

const e2e = browserSuite('e2e completions');
const VERSAILLES = 'Centre hospitalier de Versailles — Hôpital André-Mignot';
const EXERCISE = 'Exercice de crise cyber annuel';
const REMOTE = 'Sécurisation des accès distants (VPN, MFA, bastion)';
const MS_EXERCISE = 'Exercice de crise cyber pour 100 % des établissements prioritaires';

/** The roadmap item of a milestone, by its title. */
const item = (page: Page, title: string) =>
  page
    .locator('[data-testid="milestones"] > li')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) });

const noteOf = async (page: Page, label: string) => {
  const id = await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby');
  assert.ok(id, `${label} has a note`);
  return page.locator(`[id="${id}"]`).innerText();
};

/** Versailles' declarations as the API holds them, by action. */
const versailles = async (page: Page) =>
  page.evaluate(async () => {
    const r = await fetch('/api/completions?finess=780000014');
    const items = (await r.json()).items as Array<Record<string, string | undefined>>;
    return Object.fromEntries(items.map((c) => [c.actionId, c]));
  });

e2e(
  'planner: the roadmap shows declarations awaiting a check; creates, edits and deletes a milestone',
  async ({ env }) => {
    const s = await openAs(env, '/roadmap', 'planif@jalon.test');
    const page = s.page;
    await page.getByRole('heading', { name: 'Feuille de route 2023-2027' }).waitFor();
    // Versailles' 2023 crisis exercise is declared, not yet checked: counted apart, not in the progress
    const exercise = item(page, MS_EXERCISE);
    assert.is(await exercise.locator('[data-testid="declared"]').innerText(), '+ 1 déclaré, en attente de contrôle');
    assert.match(await exercise.locator('.hint').first().innerText(), /^18\s+sur\s+27\s+établissements$/);
    for (const text of await page.locator('[data-testid="declared"]').allInnerTexts())
      assert.match(text, /^\+ \d+ déclarés?, en attente de contrôle$/);
    await checkPage(s, 'completions-01-roadmap');

    // create: a share beyond 100 % is refused before sending, a date outside the plan by the API
    await page.getByRole('button', { name: 'Ajouter un jalon' }).click();
    await page.getByLabel('Intitulé', { exact: true }).fill('Test e2e : EDR déployé');
    await page.getByLabel('Échéance', { exact: true }).fill('2028-01-15');
    await page.getByLabel('Description (facultative)').fill('Jalon créé par le test de bout en bout.');
    await page.getByLabel('Cible mesurée à partir des réalisations').check();
    await page
      .getByLabel('Action', { exact: true })
      .selectOption({ label: 'Détection et réponse sur les postes et serveurs (EDR)' });
    await page.getByLabel('Les établissements prioritaires').check();
    await page.getByLabel('Part cible (%)').fill('150');
    await page.getByRole('button', { name: 'Ajouter le jalon' }).click();
    assert.is(await noteOf(page, 'Part cible (%)'), 'Part cible : un pourcentage de 0 à 100.');
    await page.getByLabel('Part cible (%)').fill('75');
    s.allowed.push(/status of 400/); // the date outside the plan, refused by the API and shown next to its field
    await page.getByRole('button', { name: 'Ajouter le jalon' }).click();
    await page.waitForFunction(() =>
      /hors période/.test(
        document
          .querySelector('app-shell')
          ?.shadowRoot?.querySelector('jalon-roadmap-page')
          ?.shadowRoot?.querySelector('jalon-milestone-form')
          ?.shadowRoot?.querySelector('.field-error')?.textContent ?? '',
      ),
    );
    assert.match(await noteOf(page, 'Échéance'), /Date hors période du plan \(2023-2027\)/);
    await checkPage(s, 'completions-02-milestone-form');
    await page.getByLabel('Échéance', { exact: true }).fill('2027-06-30');
    await page.getByRole('button', { name: 'Ajouter le jalon' }).click();
    await page.getByText('Jalon « Test e2e : EDR déployé » ajouté.').waitFor();
    const created = item(page, 'Test e2e : EDR déployé');
    assert.match(await created.locator('time').innerText(), /30 juin 2027/);
    assert.match(await created.locator('.measure').innerText(), /des établissements prioritaires, cible 75\s%/);

    // edit: title and share
    await page.getByRole('button', { name: 'Modifier le jalon « Test e2e : EDR déployé »' }).click();
    assert.is(await page.getByLabel('Part cible (%)').inputValue(), '75');
    await page.getByLabel('Intitulé', { exact: true }).fill('Test e2e : EDR partout');
    await page.getByLabel('Part cible (%)').fill('60');
    await page.getByLabel('Tous les établissements').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Jalon « Test e2e : EDR partout » enregistré.').waitFor();
    const edited = item(page, 'Test e2e : EDR partout');
    assert.match(await edited.locator('.measure').innerText(), /des établissements, cible 60\s%/);
    assert.is(await item(page, 'Test e2e : EDR déployé').count(), 0);
    await fitsPhone(page, 'roadmap', { buttons: true });
    await page.setViewportSize({ width: 1440, height: 1000 });

    // delete, after a confirmation
    await page.getByRole('button', { name: 'Supprimer le jalon « Test e2e : EDR partout »' }).click();
    await page.getByText('Supprimer le jalon « Test e2e : EDR partout » ? Cette suppression est définitive.').waitFor();
    await page.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await page.getByText('Jalon « Test e2e : EDR partout » supprimé.').waitFor();
    // the roadmap is read again after the notice: the item goes then
    await item(page, 'Test e2e : EDR partout').waitFor({ state: 'detached', timeout: 5_000 });
    const left = await page.evaluate(async () => (await (await fetch('/api/milestones')).json()).total);
    assert.is(left, 9);
    assert.equal(s.errors, []);
    await s.context.close();
  },
);

e2e(
  'planner: the queue lists Versailles’ 2023 declarations; validates one, refuses one with a reason',
  async ({ env }) => {
    const s = await openAs(env, '/completions', 'planif@jalon.test');
    const page = s.page;
    await page.getByRole('heading', { name: 'Contrôle des réalisations' }).waitFor();
    const queue = page.locator('[data-testid="queue"] tbody tr');
    await queue.first().waitFor();
    assert.equal(
      await page
        .locator('[data-testid="queue"] tr[data-finess="780000014"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))),
      ['act-exe-crise', 'act-acces-dist', 'act-edr', 'act-d2-sauv'],
    );
    const row = page.locator('[data-testid="queue"] tr[data-finess="780000014"][data-action="act-exe-crise"]');
    assert.match(
      await row.innerText(),
      /Centre hospitalier de Versailles[\s\S]*FINESS 780000014[\s\S]*Île-de-France[\s\S]*Exercice de crise cyber annuel[\s\S]*23 mars 2023/,
    );
    await checkPage(s, 'completions-03-queue');

    // filters: the region and the search narrow the queue
    await page.getByLabel('Région', { exact: true }).selectOption({ label: 'Île-de-France' });
    await page.getByLabel('Établissement (nom ou FINESS)').fill('versaillés');
    assert.is(await queue.count(), 4);
    assert.is(await page.locator('[data-testid="count"]').innerText(), '4 réalisations');
    await page.getByLabel('Action', { exact: true }).selectOption({ label: EXERCISE });
    assert.is(await queue.count(), 1);
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Toutes les actions' });

    // validate one
    await page.getByRole('button', { name: `Valider : ${VERSAILLES}, ${EXERCISE}` }).click();
    await page.getByText(`Réalisation validée : ${VERSAILLES}, ${EXERCISE}.`).waitFor();
    await page.waitForFunction(() => {
      const root = document.querySelector('app-shell')?.shadowRoot?.querySelector('jalon-completions-page')?.shadowRoot;
      return root?.querySelectorAll('[data-testid="queue"] tbody tr').length === 3;
    });

    // refuse one: the reason is mandatory
    await page.getByRole('button', { name: `Refuser : ${VERSAILLES}, ${REMOTE}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Refuser la réalisation' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Refuser la réalisation' }).click();
    assert.is(await noteOf(page, 'Motif du refus (obligatoire)'), 'Indiquez le motif du refus.');
    await checkPage(s, 'completions-04-refuse-dialog');
    await dialog.getByLabel('Motif du refus (obligatoire)').fill('Preuve absente : joignez la configuration du MFA.');
    await dialog.getByRole('button', { name: 'Refuser la réalisation' }).click();
    await page.getByText(`Réalisation refusée : ${VERSAILLES}, ${REMOTE}.`, { exact: false }).waitFor();
    assert.not.ok(await dialog.isVisible());
    await page.waitForFunction(() => {
      const root = document.querySelector('app-shell')?.shadowRoot?.querySelector('jalon-completions-page')?.shadowRoot;
      return root?.querySelectorAll('[data-testid="queue"] tbody tr').length === 2;
    });

    // the API holds both checks
    const held = await versailles(page);
    assert.equal(
      [held['act-exe-crise']!.validatedBy, held['act-exe-crise']!.refusedAt],
      ['planif@jalon.test', undefined],
    );
    assert.equal(
      [held['act-acces-dist']!.refusedBy, held['act-acces-dist']!.refusalReason, held['act-acces-dist']!.validatedAt],
      ['planif@jalon.test', 'Preuve absente : joignez la configuration du MFA.', undefined],
    );
    assert.equal([held['act-edr']!.validatedAt, held['act-edr']!.refusedAt], [undefined, undefined]);

    // the checked tab: both, with the state, who and the reason
    await page.getByRole('tab', { name: /^Contrôlées/ }).click();
    const checked = page.locator('[data-testid="queue"] tr[data-finess="780000014"]');
    await checked.first().waitFor();
    const texts = await checked.allInnerTexts();
    assert.ok(
      texts.some((x) => /VALIDÉE[\s\S]*par planif@jalon\.test/i.test(x) && x.includes(EXERCISE)),
      texts.join('\n'),
    );
    assert.ok(
      texts.some((x) => /REFUSÉE[\s\S]*Motif : Preuve absente : joignez la configuration du MFA\./i.test(x)),
      texts.join('\n'),
    );
    await checkPage(s, 'completions-05-checked');
    await fitsPhone(page, 'completions (checked, { buttons: true })');
    await page.getByRole('tab', { name: /^En attente de contrôle/ }).click();
    await fitsPhone(page, 'completions (queue, { buttons: true })');
    assert.equal(s.errors, []);
    await s.context.close();
  },
);

e2e('the roadmap counts the validated declaration, and no longer shows it as awaiting a check', async ({ env }) => {
  const s = await openAs(env, '/roadmap', 'planif@jalon.test');
  const page = s.page;
  await page.getByRole('heading', { name: 'Feuille de route 2023-2027' }).waitFor();
  const exercise = item(page, MS_EXERCISE);
  await exercise.waitFor();
  assert.match(await exercise.locator('.hint').first().innerText(), /^19\s+sur\s+27\s+établissements$/);
  assert.is(await exercise.locator('[data-testid="declared"]').count(), 0);
  await fitsPhone(page, 'roadmap (after checks, { buttons: true })');
  await checkPage(s, 'completions-06-roadmap-phone');
  await s.context.close();
});

e2e(
  'establishment: its roadmap counts its own sites, its declaration awaiting a check apart; no edit control',
  async ({ env }) => {
    const s = await openAs(env, '/roadmap', 'etab.versailles@jalon.test');
    const page = s.page;
    await page.getByRole('heading', { name: 'Feuille de route 2023-2027' }).waitFor();
    await item(page, MS_EXERCISE).waitFor();
    assert.match(await item(page, MS_EXERCISE).locator('.hint').first().innerText(), /^1\s+sur\s+1\s+établissement$/);
    const backups = item(page, 'Sauvegardes déconnectées dans 60 % des établissements prioritaires');
    assert.is(await backups.locator('[data-testid="declared"]').innerText(), '+ 1 déclaré, en attente de contrôle');
    assert.is(await page.getByRole('button', { name: 'Ajouter un jalon' }).count(), 0);
    assert.is(await page.getByRole('button', { name: /^Modifier le jalon/ }).count(), 0);
    await checkPage(s, 'completions-07-roadmap-establishment');
    await fitsPhone(page, 'roadmap (establishment, { buttons: true })');
    await s.context.close();
  },
);

e2e.run();
