// The planner's catalogue in Chromium, on the demo plan: envelopes (create, edit the total, the
// refusal below what is allocated next to the field, a refused and a confirmed deletion), actions
// (create, edit, retire, restore), establishments (search, filter, a FINESS with a wrong key
// refused next to the field then a right one accepted, edit); a reviewer reads the same pages
// without a single edit control. Every page: axe, no console error, no sideways scroll at 390 px.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { withKey } from '../helpers/plan.js';
import { browserSuite, checkPage, fitsPhone, openAs, shot } from './browser.js';

const e2e = browserSuite('e2e catalog');

const field = (page: Page, label: string | RegExp) => page.getByLabel(label, { exact: typeof label === 'string' });
const noteOf = async (page: Page, label: string) => {
  const input = field(page, label);
  const id = await input.getAttribute('aria-describedby');
  assert.ok(id, `${label} has a note`);
  return page.locator(`[id="${id!.split(' ')[0]}"]`).innerText();
};

e2e(
  'planner: creates an envelope, edits its total; a total below what is allocated is refused next to the field',
  async ({ env }) => {
    const s = await openAs(env, '/envelopes', 'planif@jalon.test');
    const page = s.page;
    await page.getByRole('heading', { name: 'Enveloppes de financement' }).waitFor();
    await page.locator('jalon-budget-summary').first().waitFor();
    assert.is(await page.locator('section[data-envelope]').count(), 5);
    assert.is(await page.locator('[data-envelope="CARE-ANNONCE"] [data-testid="status"]').innerText(), 'ANNONCÉE');
    assert.is(await page.locator('[data-envelope="CARE-D1"] [data-testid="status"]').innerText(), 'ENGAGÉE');
    // its position per year: budget, allocated, approved, paid, remaining
    const rows = await page.locator('[data-envelope="CARE-D1"] jalon-budget-summary tbody th').allInnerTexts();
    assert.equal(rows, ['Budget', 'Alloué', 'Approuvé', 'Versé', 'Reste à allouer']);
    await checkPage(s, 'catalog-01-envelopes');

    // create
    await page.getByRole('button', { name: 'Nouvelle enveloppe' }).click();
    await field(page, 'Code').fill('E2E-ENV');
    await field(page, 'Intitulé').fill('Enveloppe de test e2e');
    await field(page, 'Source (texte, arrêté, annonce)').fill('Arrêté fictif du 01/12/2026');
    await page.getByRole('radio', { name: /^Annoncée/ }).check();
    await field(page, 'Total (€)').fill('1 000 000,00');
    await field(page, '2026').fill('400 000');
    await field(page, '2027').fill('600 000');
    await page.locator('jalon-envelope-form summary').click();
    await page.getByLabel('Établissements prioritaires seulement').check();
    await checkPage(s, 'catalog-02-envelope-form');
    await page.getByRole('button', { name: 'Créer l’enveloppe' }).click();
    await page.getByText('Enveloppe E2E-ENV créée.').waitFor();
    const card = page.locator('section[data-envelope="E2E-ENV"]');
    await card.locator('jalon-budget-summary').waitFor();
    assert.is(await card.locator('[data-testid="total"]').innerText(), '1\u202f000\u202f000,00\u00a0€');
    assert.is(await card.locator('[data-testid="status"]').innerText(), 'ANNONCÉE');
    assert.match(await card.innerText(), /Établissements prioritaires seulement/);

    // edit its total
    await page.getByRole('button', { name: 'Modifier l’enveloppe E2E-ENV' }).click();
    assert.is(await field(page, 'Total (€)').inputValue(), '1\u202f000\u202f000');
    await field(page, 'Total (€)').fill('1 500 000,50');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Enveloppe E2E-ENV enregistrée.').waitFor();
    await page.waitForFunction(
      () =>
        document
          .querySelector('app-shell')
          ?.shadowRoot?.querySelector('jalon-envelopes-page')
          ?.shadowRoot?.querySelector('[data-envelope="E2E-ENV"] [data-testid="total"]')?.textContent ===
        '1\u202f500\u202f000,50\u00a0€',
    );

    // below what is allocated: refused, the message next to the total and next to the year
    const d1 = page.locator('section[data-envelope="CARE-D1"]');
    const allocated = await d1.locator('jalon-budget-summary tr[data-row="Alloué"] td').last().innerText();
    const total = await d1.locator('[data-testid="total"]').innerText();
    await page.getByRole('button', { name: 'Modifier l’enveloppe CARE-D1' }).click();
    await field(page, 'Total (€)').fill('1,00');
    await field(page, '2024').fill('1,00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page
      .getByText(/^Déjà alloué : /)
      .first()
      .waitFor();
    assert.is(
      await noteOf(page, 'Total (€)'),
      `Déjà alloué : ${allocated.replace('\u00a0€', ' €')} ; le total ne peut descendre en dessous.`,
    );
    assert.match(await noteOf(page, '2024'), /^Déjà alloué sur 2024 : [\d\u202f]+,\d\d €\.$/);
    assert.is(await field(page, 'Total (€)').getAttribute('aria-invalid'), 'true');
    await checkPage(s, 'catalog-03-envelope-refused');
    await page.getByRole('button', { name: 'Annuler' }).click();
    // nothing changed
    await page.reload();
    await d1.locator('jalon-budget-summary').waitFor();
    assert.is(await d1.locator('[data-testid="total"]').innerText(), total);

    // delete: refused with allocations, confirmed and done without
    await page.getByRole('button', { name: 'Supprimer l’enveloppe CARE-D1' }).click();
    await page.getByRole('button', { name: 'Confirmer la suppression' }).click();
    const refusal = await d1.locator('[data-testid="refusal"]').innerText();
    assert.match(refusal, /^L'enveloppe CARE-D1 porte \d+ allocations : elle ne peut pas être supprimée/);
    await page.getByRole('button', { name: 'Supprimer l’enveloppe E2E-ENV' }).click();
    await page.getByText(/Supprimer définitivement l’enveloppe E2E-ENV/).waitFor();
    await page.getByRole('button', { name: 'Confirmer la suppression' }).click();
    await page.getByText('Enveloppe E2E-ENV supprimée.').waitFor();
    await page.locator('section[data-envelope="E2E-ENV"]').waitFor({ state: 'detached' });
    await fitsPhone(page, '/envelopes', { buttons: true });
    await shot(page, 'catalog-04-envelopes-390');
    await page.getByRole('button', { name: 'Modifier l’enveloppe CARE-D1' }).click();
    await fitsPhone(page, '/envelopes form', { buttons: true });
    await checkPage(s, 'catalog-05-envelope-form-390');
    await s.context.close();
  },
);

e2e('planner: creates and edits an action, retires one in use (its deletion refused), restores it', async ({ env }) => {
  const s = await openAs(env, '/actions', 'planif@jalon.test');
  const page = s.page;
  const table = page.locator('[data-testid="actions-table"]');
  await table.locator('tbody tr').first().waitFor();
  assert.match(await table.locator('caption').innerText(), /^11 actions$/);
  await checkPage(s, 'catalog-06-actions');

  await page.getByRole('button', { name: 'Nouvelle action' }).click();
  await field(page, 'Code').fill('E2E-ACT');
  await field(page, 'Intitulé').fill('Action de test');
  await page.getByLabel('Axe CaRE').selectOption('2');
  await field(page, 'Domaine (facultatif)').fill('Test');
  await page.getByRole('button', { name: 'Ajouter l’action' }).click();
  await page.getByText('Action E2E-ACT ajoutée au catalogue.').waitFor();
  const row = table.locator('tr[data-action="E2E-ACT"]');
  await row.waitFor();
  assert.match(await row.innerText(), /Action de test\s+Axe 2\s+Test\s+ACTIVE/);

  // a duplicate code is refused next to the field (409, which Chromium logs)
  s.allowed.push(/status of 409/);
  await page.getByRole('button', { name: 'Modifier l’action E2E-ACT' }).click();
  await field(page, 'Code').fill('PBN');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('Une action porte déjà le code PBN.').first().waitFor();
  assert.is(await noteOf(page, 'Code'), 'Une action porte déjà le code PBN.');
  await field(page, 'Code').fill('E2E-ACT');
  await field(page, 'Intitulé').fill('Action de test, modifiée');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('Action E2E-ACT enregistrée.').waitFor();
  await row.getByText('Action de test, modifiée').waitFor();

  // an action in use: deleting it is refused with the reason; it is retired instead
  await page.getByRole('button', { name: 'Supprimer l’action PBN' }).click();
  await page.getByRole('button', { name: 'Confirmer la suppression' }).click();
  const refusal = await page.locator('[data-testid="refusal"]').innerText();
  assert.match(
    refusal,
    /^L'action PBN porte \d+ allocations : elle ne peut pas être supprimée\. Retirez-la du catalogue/,
  );
  await page.getByRole('button', { name: 'Retirer l’action PBN' }).click();
  await page.getByText(/Action PBN retirée du catalogue/).waitFor();
  const pbn = table.locator('tr[data-action="PBN"]');
  await pbn.getByText('Retirée').waitFor();
  assert.match(await table.locator('caption').innerText(), /^12 actions, dont 1 retirée$/);
  // focus stays on the row: the button that undoes it
  await page.waitForFunction(() => {
    const root = document.querySelector('app-shell')?.shadowRoot?.querySelector('jalon-actions-page')?.shadowRoot;
    return root?.activeElement?.id === 'restore-act-pbn';
  });
  // the API refuses it a new allocation, and the allocations page no longer offers it
  const res = await page.request.post(`${env.base}/api/allocations`, {
    data: { envelopeId: 'env-care-socle', finess: '780000014', actionId: 'act-pbn', amounts: { '2025': 100 } },
    headers: { Origin: env.base },
  });
  assert.is(res.status(), 422);
  assert.match((await res.json()).detail, /PBN est retirée du catalogue/);
  await checkPage(s, 'catalog-07-actions-retired');
  await fitsPhone(page, '/actions', { buttons: true });
  await shot(page, 'catalog-08-actions-390');
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.getByRole('button', { name: 'Rétablir l’action PBN' }).click();
  await page.getByText('Action PBN rétablie dans le catalogue.').waitFor();
  await pbn.getByText('Active').waitFor();
  await s.context.close();
});

e2e(
  'planner: searches and filters establishments; a wrong FINESS key is refused next to the field, a right one accepted; edits it',
  async ({ env }) => {
    const s = await openAs(env, '/establishments', 'planif@jalon.test');
    const page = s.page;
    const table = page.locator('[data-testid="establishments-table"]');
    await table.locator('tbody tr').first().waitFor();
    assert.match(await page.locator('[data-testid="establishments-range"]').innerText(), /^1 à 25 sur \d+$/);
    await checkPage(s, 'catalog-09-establishments');

    await page.getByLabel('Rechercher').fill('versailles');
    await page.waitForFunction(
      () =>
        /Versailles/.test(
          document
            .querySelector('app-shell')
            ?.shadowRoot?.querySelector('jalon-establishments-page')
            ?.shadowRoot?.querySelector('tbody')?.textContent ?? '',
        ) &&
        (document
          .querySelector('app-shell')
          ?.shadowRoot?.querySelector('jalon-establishments-page')
          ?.shadowRoot?.querySelectorAll('tbody tr').length ?? 99) < 5,
    );
    assert.ok(await table.locator('tr[data-finess="780000014"]').isVisible());
    assert.match(page.url(), /q=versailles/);
    await page.getByLabel('Rechercher').fill('780000014');
    await table.locator('tr[data-finess="780000014"]').waitFor();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.getByLabel('Région', { exact: true }).selectOption({ label: 'Corse' });
    await page.getByLabel('Priorité').selectOption('false');
    await page.waitForURL(/priority=false/);
    await page.waitForFunction(() => {
      const rows = document
        .querySelector('app-shell')
        ?.shadowRoot?.querySelector('jalon-establishments-page')
        ?.shadowRoot?.querySelectorAll('tbody tr');
      return (
        !!rows && [...rows].every((r) => /Corse/.test(r.textContent ?? '') && !/Prioritaire/.test(r.textContent ?? ''))
      );
    });
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();

    // create: a wrong key first, refused where the FINESS is typed, as the API says
    const right = withKey('75099901');
    const wrong = right.slice(0, 8) + String((Number(right[8]) + 1) % 10);
    await page.getByRole('button', { name: 'Nouvel établissement' }).click();
    await field(page, 'Numéro FINESS géographique').fill(wrong);
    await field(page, 'Nom').fill('Clinique de test e2e');
    await page.getByLabel('Catégorie', { exact: true }).last().selectOption('private_forprofit');
    await page.getByLabel('Région (ARS)').selectOption({ label: 'Île-de-France' });
    await page.getByRole('button', { name: 'Créer l’établissement' }).click();
    await page.getByText('Clé de contrôle (Luhn) du numéro FINESS incorrecte.').first().waitFor();
    assert.is(await noteOf(page, 'Numéro FINESS géographique'), 'Clé de contrôle (Luhn) du numéro FINESS incorrecte.');
    assert.is(await field(page, 'Numéro FINESS géographique').getAttribute('aria-invalid'), 'true');
    await checkPage(s, 'catalog-10-establishment-refused');
    await field(page, 'Numéro FINESS géographique').fill(right);
    await page.getByRole('button', { name: 'Créer l’établissement' }).click();
    await page.getByText(`Établissement créé : Clinique de test e2e (${right}).`).waitFor();

    // find it, edit it: a GHT, a legal entity with a wrong key refused, then priority
    await page.getByLabel('Rechercher').fill(right);
    const row = table.locator(`tr[data-finess="${right}"]`);
    await row.waitFor();
    await page.getByRole('button', { name: 'Modifier Clinique de test e2e' }).click();
    assert.is(await page.locator('jalon-establishment-form [data-testid="finess"]').innerText(), right);
    await field(page, 'GHT (facultatif)').fill('GHT de test');
    await field(page, 'FINESS de l’entité juridique (facultatif)').fill(wrong);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Clé de contrôle (Luhn) du numéro FINESS incorrecte.').first().waitFor();
    assert.is(
      await noteOf(page, 'FINESS de l’entité juridique (facultatif)'),
      'Clé de contrôle (Luhn) du numéro FINESS incorrecte.',
    );
    await field(page, 'FINESS de l’entité juridique (facultatif)').fill('');
    await page.getByLabel('Établissement prioritaire').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Établissement enregistré : Clinique de test e2e.').waitFor();
    await row.getByText('GHT de test').waitFor();
    assert.match(await row.innerText(), /Privé lucratif\s+Île-de-France\s+PRIORITAIRE/);
    await fitsPhone(page, '/establishments', { buttons: true });
    await shot(page, 'catalog-11-establishments-390');
    await page.getByRole('button', { name: 'Modifier Clinique de test e2e' }).click();
    await fitsPhone(page, '/establishments form', { buttons: true });
    await checkPage(s, 'catalog-12-establishment-form-390');
    await s.context.close();
  },
);

e2e('reviewer: reads envelopes, actions and establishments, with no edit control', async ({ env }) => {
  const s = await openAs(env, '/envelopes', 'finances@jalon.test');
  const page = s.page;
  const nav = await page.getByRole('navigation', { name: 'Navigation principale' }).innerText();
  assert.match(nav, /Enveloppes[\s\S]*Actions[\s\S]*Établissements/);
  for (const [path, name, ready] of [
    ['/envelopes', 'envelopes', 'jalon-budget-summary'],
    ['/actions', 'actions', '[data-testid="actions-table"] tbody tr'],
    ['/establishments', 'establishments', '[data-testid="establishments-table"] tbody tr'],
  ] as const) {
    if (new URL(page.url()).pathname !== path)
      await page
        .getByRole('link', {
          name: new RegExp(
            `^${{ envelopes: 'Enveloppes', actions: 'Actions', establishments: 'Établissements' }[name]}$`,
          ),
        })
        .click();
    await page.locator(ready).first().waitFor();
    await page.getByText(/Consultation : seuls les planificateurs/).waitFor();
    const buttons = await page.getByRole('button').allInnerTexts();
    const edits = buttons.filter((b) => /Nouve|Modifier|Supprimer|Retirer|Rétablir|Enregistrer/.test(b));
    assert.equal(edits, [], `${path}: no edit control for a reviewer`);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await checkPage(s, `catalog-13-reviewer-${name}`);
    await fitsPhone(page, `${path} (reviewer, { buttons: true })`);
    await page.setViewportSize({ width: 1440, height: 1000 });
  }
  await s.context.close();
});

e2e.run();
