// The administrator's accounts page in headless Chromium: search, change a role and an
// establishment binding, give a temporary password that its owner must change at the next login,
// disable after a confirmation; the login page says whom to ask for a forgotten password; at 390 px
// nothing scrolls sideways.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { browserSuite, checkPage, fitsPhone, open, openAs } from './browser.js';

const e2e = browserSuite('users');
const OWN = 'Une-phrase-bien-a-moi-2026';

/** The e-mails of the rows the table shows. */
const emails = (page: Page) =>
  page
    .getByTestId('users-table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[0]!.textContent!.trim()));

/** The account as the API has it (the page's own session: an administrator's). */
const account = (page: Page, email: string) =>
  page.evaluate(async (who) => {
    const list = (await (await fetch('/api/users')).json()) as {
      items: Array<{ email: string; role: string; finess?: string; disabled?: boolean; mustChangePassword?: boolean }>;
    };
    return list.items.find((u) => u.email === who)!;
  }, email);

e2e('admin: search accounts, change a role and an establishment binding', async ({ env }) => {
  const s = await openAs(env, '/users', 'admin@jalon.test');
  await s.page.getByTestId('users-table').locator('tbody tr').first().waitFor();
  const all = (await emails(s.page)).length;
  assert.ok(all >= 9, `${all} accounts`);
  await s.page.getByLabel('Rechercher un compte').fill('versailles');
  assert.equal(await emails(s.page), ['etab.versailles@jalon.test']);
  await s.page.getByLabel('Rechercher un compte').fill('fabienne');
  assert.equal(await emails(s.page), ['finances@jalon.test']); // by name, accents and case aside
  await s.page.getByLabel('Rechercher un compte').fill('');
  await s.page.getByLabel('Filtrer par rôle').selectOption('establishment');
  assert.equal((await emails(s.page)).sort(), [
    'etab.corbeil@jalon.test',
    'etab.hcl@jalon.test',
    'etab.monceau@jalon.test',
    'etab.versailles@jalon.test',
  ]);
  await s.page.getByText(/^4\u00a0comptes sur \d+$/).waitFor();
  await s.page.getByLabel('Rechercher un compte').fill('contrôle');
  await s.page.getByLabel('Filtrer par rôle').selectOption('');
  assert.equal((await emails(s.page)).sort(), [
    'ars.ara.finances@jalon.test',
    'ars.idf.finances@jalon.test',
    'finances2@jalon.test',
    'finances@jalon.test',
  ]); // by role (the demo's ARS reviewers too)
  await s.page.getByLabel('Rechercher un compte').fill('');
  await checkPage(s, 'users-01-list');

  // a reviewer becomes a planner
  await s.page.getByRole('button', { name: 'Modifier finances2@jalon.test' }).click();
  const panel = s.page.getByTestId('user-panel');
  await panel.getByRole('heading', { name: 'Modifier le compte finances2@jalon.test' }).waitFor();
  await panel.getByLabel('Rôle').selectOption('planner');
  await panel.getByRole('button', { name: 'Enregistrer' }).click();
  await s.page.getByText('Compte finances2@jalon.test modifié.').waitFor();
  assert.is((await account(s.page, 'finances2@jalon.test')).role, 'planner');
  // an establishment account moves to another FINESS: a wrong key is refused beside the field
  s.allowed.push(/status of 400/);
  await s.page.getByRole('button', { name: 'Modifier etab.monceau@jalon.test' }).click();
  await panel.getByLabel('FINESS de rattachement').fill('750000029');
  await panel.getByRole('button', { name: 'Enregistrer' }).click();
  await panel.locator('.field-error').waitFor();
  assert.match(await panel.locator('.field-error').innerText(), /clé|FINESS/i);
  assert.is((await account(s.page, 'etab.monceau@jalon.test')).finess, '750000028', 'nothing changed');
  await checkPage(s, 'users-02-binding-refused');
  await panel.getByLabel('FINESS de rattachement').fill('910000017');
  await panel.getByRole('button', { name: 'Enregistrer' }).click();
  await s.page.getByText('Compte etab.monceau@jalon.test modifié.').waitFor();
  assert.is((await account(s.page, 'etab.monceau@jalon.test')).finess, '910000017');
  // an administrator cannot change their own account here
  assert.is(await s.page.getByRole('button', { name: 'Modifier admin@jalon.test' }).count(), 0);
  await fitsPhone(s.page, 'users');
  await checkPage(s, 'users-03-390px');
  await s.context.close();
});

e2e('admin: reset a password; its owner must change it at the next login, before anything else', async ({ env }) => {
  const s = await openAs(env, '/users', 'admin@jalon.test');
  await s.page.getByRole('button', { name: 'Mot de passe provisoire : planif2@jalon.test' }).click();
  const panel = s.page.getByTestId('user-panel');
  await panel.getByRole('button', { name: 'Générer' }).click();
  const temp = await panel.getByLabel('Mot de passe provisoire').inputValue();
  assert.match(temp, /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
  await checkPage(s, 'users-04-reset');
  await panel.getByRole('button', { name: 'Définir le mot de passe provisoire' }).click();
  await s.page.getByText(/^Mot de passe provisoire défini pour planif2@jalon.test/).waitFor();
  assert.is((await account(s.page, 'planif2@jalon.test')).mustChangePassword, true);
  await s.page
    .locator('tr[data-user]', { hasText: 'planif2@jalon.test' })
    .locator('.badge', { hasText: 'Mot de passe provisoire' })
    .waitFor();

  // the owner: the login page says whom to ask; the temporary password opens only the change
  const u = await open(env, '/login');
  await u.page.getByRole('heading', { name: 'Mot de passe oublié ?' }).waitFor();
  await u.page.getByText(/Demandez à l’administrateur Jalon de votre organisation/).waitFor();
  await fitsPhone(u.page, 'login');
  await checkPage(u, 'users-05-login-390px');
  await u.page.setViewportSize({ width: 1440, height: 1000 });
  await u.page.getByLabel('Adresse électronique').fill('planif2@jalon.test');
  await u.page.getByLabel('Mot de passe').fill(temp);
  await u.page.getByRole('button', { name: 'Se connecter' }).click();
  await u.page.getByRole('heading', { name: 'Changer votre mot de passe' }).waitFor();
  assert.is(await u.page.getByRole('navigation').count(), 0, 'no menu before the change');
  u.allowed.push(/status of 400/);
  const refused = await u.page.evaluate(async () => {
    const r = await fetch('/api/allocations');
    return { status: r.status, title: ((await r.json()) as { title: string }).title };
  });
  assert.equal(refused, { status: 403, title: 'Mot de passe à changer' });
  u.errors.splice(0); // Chromium logs the probe's own 403
  await checkPage(u, 'users-06-change');
  // two different entries are said so before anything is sent
  await u.page.getByLabel('Mot de passe provisoire').fill(temp);
  await u.page.getByLabel('Nouveau mot de passe', { exact: true }).fill(OWN);
  await u.page.getByLabel('Confirmer le nouveau mot de passe').fill(`${OWN}x`);
  await u.page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await u.page.getByText('Les deux saisies du nouveau mot de passe diffèrent.').first().waitFor();
  // the same as the temporary one: the API's refusal beside the field
  await u.page.getByLabel('Nouveau mot de passe', { exact: true }).fill(temp);
  await u.page.getByLabel('Confirmer le nouveau mot de passe').fill(temp);
  await u.page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await u.page.getByText('Identique au mot de passe provisoire.').waitFor();
  await u.page.getByLabel('Nouveau mot de passe', { exact: true }).fill(OWN);
  await u.page.getByLabel('Confirmer le nouveau mot de passe').fill(OWN);
  await u.page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  // signed in again with the new password, on the planner's home page, menu back
  await u.page.getByRole('navigation').getByRole('link', { name: 'Allocations' }).waitFor();
  assert.is(new URL(u.page.url()).pathname, '/allocations');
  assert.is((await account(s.page, 'planif2@jalon.test')).mustChangePassword, undefined);
  await fitsPhone(u.page, 'after the change');
  await u.context.close();
  await s.context.close();
});

e2e('admin: disabling asks for a confirmation first', async ({ env }) => {
  const s = await openAs(env, '/users', 'admin@jalon.test');
  await s.page.getByRole('button', { name: 'Désactiver etab.corbeil@jalon.test' }).click();
  const panel = s.page.getByTestId('user-panel');
  await panel.getByRole('heading', { name: 'Désactiver le compte etab.corbeil@jalon.test ?' }).waitFor();
  assert.not.ok((await account(s.page, 'etab.corbeil@jalon.test')).disabled, 'nothing before the confirmation');
  await checkPage(s, 'users-07-disable-confirm');
  await panel.getByRole('button', { name: 'Annuler' }).click();
  assert.is(await s.page.getByTestId('user-panel').count(), 0);
  assert.not.ok((await account(s.page, 'etab.corbeil@jalon.test')).disabled);
  await s.page.getByRole('button', { name: 'Désactiver etab.corbeil@jalon.test' }).click();
  await panel.getByRole('button', { name: 'Confirmer la désactivation' }).click();
  await s.page.getByText('etab.corbeil@jalon.test désactivé.').waitFor();
  assert.is((await account(s.page, 'etab.corbeil@jalon.test')).disabled, true);
  await s.page
    .locator('tr[data-user]', { hasText: 'etab.corbeil@jalon.test' })
    .locator('.badge', { hasText: 'Désactivé' })
    .waitFor();
  // re-enabling needs no confirmation: it opens nothing by itself
  await s.page.getByRole('button', { name: 'Réactiver etab.corbeil@jalon.test' }).click();
  await s.page.getByText('etab.corbeil@jalon.test réactivé.').waitFor();
  await s.context.close();
});

e2e.run();
