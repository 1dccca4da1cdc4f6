// « Mon compte » in headless Chromium: make an API token (its secret shown once, its deadline in
// the list), use it, revoke it; change the password, which ends the session and the tokens.
import * as assert from 'uvu/assert';
import { browserSuite, checkPage, openAs, PASSWORD } from './browser.js';

const e2e = browserSuite('account');
const WHO = 'finances2@jalon.test';
const NEW_PASSWORD = 'Une-phrase-de-passe-2026';

e2e(
  'an API token: made with a chosen lifetime, secret shown once, listed with its deadline, usable, revoked',
  async ({ env }) => {
    const s = await openAs(env, '/login', WHO);
    await s.page.getByRole('link', { name: 'Mon compte' }).click();
    await s.page.getByRole('heading', { name: 'Jetons d’API' }).waitFor();
    await checkPage(s, 'account-01-empty');
    await s.page.getByLabel('Nom du jeton').fill('export nocturne');
    await s.page.getByLabel('Durée de validité').selectOption('30');
    await s.page.getByRole('button', { name: 'Créer le jeton' }).click();
    const secret = (await s.page.getByTestId('token-secret').locator('code').innerText()).trim();
    assert.match(secret, /^jtok_/);
    const row = s.page.getByTestId('tokens-table').getByRole('row', { name: /export nocturne/ });
    const expected = new Date(Date.now() + 30 * 86_400_000)
      .toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
      .replace(/^1 /, '1er ');
    assert.match(await row.innerText(), new RegExp(`${expected}[\\s\\S]*Actif`, 'i'));
    await checkPage(s, 'account-02-token');
    const me = (token: string) => fetch(`${env.base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.is((await me(secret)).status, 200);
    await row.getByRole('button', { name: 'Révoquer export nocturne' }).click();
    await s.page.getByText('Jeton « export nocturne » révoqué.').waitFor();
    assert.match(await row.innerText(), /Révoqué\s+à la demande/i);
    assert.is((await me(secret)).status, 401);
    await s.context.close();
  },
);

e2e(
  'the password form: a wrong current password is said in French; the right one ends the session and the tokens, and the page comes back after login',
  async ({ env }) => {
    const s = await openAs(env, '/login', WHO);
    await s.page.goto(`${env.base}/account`);
    await s.page.getByLabel('Nom du jeton').fill('script');
    await s.page.getByRole('button', { name: 'Créer le jeton' }).click();
    const secret = (await s.page.getByTestId('token-secret').locator('code').innerText()).trim();
    s.allowed.push(/status of 400/); // the refused current password, shown in the form
    await s.page.getByLabel('Mot de passe actuel').fill('pas-le-bon-mot-de-passe');
    await s.page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await s.page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await s.page.getByText('Mot de passe actuel incorrect.', { exact: true }).waitFor();
    await s.page.getByLabel('Mot de passe actuel').fill(PASSWORD);
    await s.page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await s.page.getByText(/Mot de passe changé : vos sessions sont fermées/).waitFor();
    assert.is((await fetch(`${env.base}/api/me`, { headers: { authorization: `Bearer ${secret}` } })).status, 401);
    await s.page.getByLabel('Adresse électronique').fill(WHO);
    await s.page.getByLabel('Mot de passe').fill(NEW_PASSWORD);
    await s.page.getByRole('button', { name: 'Se connecter' }).click();
    await s.page.getByRole('heading', { name: 'Mon compte' }).waitFor();
    assert.match(await s.page.getByTestId('tokens-table').innerText(), /script[\s\S]*Révoqué\s+mot de passe changé/i);
    await s.page.setViewportSize({ width: 390, height: 900 });
    await checkPage(s, 'account-03-390px');
    await s.context.close();
  },
);

e2e.run();
