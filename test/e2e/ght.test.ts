// GHT and pooled regional resources in Chromium, on the demo plan: a planner creates a pooled
// resource (a SIRET with a wrong key refused beside the field, nothing created; then the right one),
// creates a GHT (a support establishment of another region refused beside the field) whose list
// shows its members and its support establishment, then proposes an allocation to the pooled
// resource from the allocations page, found by its name, which the grid shows (its SIRET beneath).
// A reviewer reads both pages without an edit control. The planner then edits a GHT's and a pooled
// resource's name, deletes a GHT without members and a pooled resource without allocations, and is
// refused, in the row, deleting those that have some. Every page: axe, no console error, no
// sideways scroll at 390 px.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { siretWithKey } from '../helpers/plan.js';
import { browserSuite, cents, checkPage, fitsPhone, openAs, shot } from './browser.js';

const e2e = browserSuite('e2e ght');

const SIRET = siretWithKey('1300000000001');
const WRONG = `${SIRET.slice(0, 13)}${(Number(SIRET[13]) + 1) % 10}`;
const VERSAILLES = '780000014'; // GHT Yvelines Sud, with Rambouillet (780000022)
const GRENOBLE = '380000018'; // CHU Grenoble Alpes, Auvergne-Rhône-Alpes

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const noteOf = async (page: Page, label: string) => {
  const id = await field(page, label).getAttribute('aria-describedby');
  assert.ok(id, `${label} has a note`);
  return page.locator(`[id="${id!.split(' ')[0]}"]`).innerText();
};
const api = async (page: Page, path: string) =>
  (await page.context().request.get(new URL(path, page.url()).href)).json();

e2e(
  'planner: a pooled resource (wrong SIRET key refused beside the field), a GHT with its members and support, an allocation to the pooled resource',
  async ({ env }) => {
    const s = await openAs(env, '/pooled-resources', 'planif@jalon.test');
    const page = s.page;
    await page.getByRole('heading', { name: 'Ressources mutualisées', level: 1 }).waitFor();
    // the demo plan's two GRADeS (Île-de-France, Auvergne-Rhône-Alpes)
    await page.getByText('GIP SESAN — GRADeS Île-de-France', { exact: true }).first().waitFor();
    await page.getByText('GCS SARA — GRADeS Auvergne-Rhône-Alpes', { exact: true }).first().waitFor();
    assert.is((await api(page, '/api/pooled-resources')).total, 2);

    // create: the SIRET's key is wrong, refused beside the field, nothing created
    await page.getByRole('button', { name: 'Nouvelle ressource mutualisée' }).click();
    await field(page, 'Numéro SIRET').fill(WRONG);
    await field(page, 'Nom').fill('GRADeS Île-de-France (SESAN)');
    await page.getByLabel('Région (ARS)').selectOption({ label: 'Île-de-France' });
    await field(page, 'Ajouter un établissement servi').fill('Versailles');
    await page.getByRole('button', { name: /^Ajouter Centre hospitalier de Versailles/ }).click();
    await field(page, 'Ajouter un établissement servi').fill('Rambouillet');
    await page.getByRole('button', { name: /^Ajouter Centre hospitalier de Rambouillet/ }).click();
    assert.is(await page.locator('jalon-pooled-form [data-testid="serves"] li').count(), 2); // the demo's rows list theirs
    await checkPage(s, 'ght-01-pooled-form');
    await page.getByRole('button', { name: 'Créer la ressource' }).click();
    await page.getByText('Clé de contrôle (Luhn) du numéro SIRET incorrecte.').first().waitFor();
    assert.is(await noteOf(page, 'Numéro SIRET'), 'Clé de contrôle (Luhn) du numéro SIRET incorrecte.');
    assert.is(await field(page, 'Numéro SIRET').getAttribute('aria-invalid'), 'true');
    assert.is((await api(page, '/api/pooled-resources')).total, 2, 'nothing created');
    await checkPage(s, 'ght-02-pooled-siret-refused');
    await fitsPhone(page, '/pooled-resources form, refused', { buttons: true });
    await shot(page, 'ght-03-pooled-refused-390');
    await page.setViewportSize({ width: 1440, height: 1000 });

    // the right key: created, listed with the establishments it serves
    await field(page, 'Numéro SIRET').fill(SIRET);
    await page.getByRole('button', { name: 'Créer la ressource' }).click();
    await page.getByText(`Ressource mutualisée créée : GRADeS Île-de-France (SESAN) (${SIRET}).`).waitFor();
    const row = page.locator(`tr[data-siret="${SIRET}"]`);
    await row.waitFor();
    assert.match(
      await row.locator('[data-testid="serves"]').innerText(),
      /Versailles[\s\S]*780000014[\s\S]*Rambouillet/,
    );
    assert.is((await api(page, '/api/pooled-resources')).total, 3);
    await checkPage(s, 'ght-04-pooled-list');
    await fitsPhone(page, '/pooled-resources', { buttons: true });
    await shot(page, 'ght-05-pooled-390');
    await page.setViewportSize({ width: 1440, height: 1000 });

    // a GHT: a support establishment of another region is refused beside its field
    await page.goto(`${env.base}/ghts`);
    await page.getByRole('heading', { name: 'GHT', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Nouveau GHT' }).click();
    await field(page, 'Code du GHT').fill('GHT Yvelines Sud');
    await field(page, 'Nom').fill('GHT Yvelines Sud');
    await page.getByLabel('Région (ARS)').selectOption({ label: 'Île-de-France' });
    await field(page, 'Établissement support (FINESS)').fill(GRENOBLE);
    await page.getByRole('button', { name: 'Créer le GHT' }).click();
    await page
      .getByText(/n'est pas dans la région Île-de-France/)
      .first()
      .waitFor();
    assert.match(await noteOf(page, 'Établissement support (FINESS)'), /n'est pas dans la région Île-de-France\.$/);
    assert.is((await api(page, '/api/ghts')).total, 2, 'nothing created (the demo has two)');
    await checkPage(s, 'ght-06-ght-support-refused');
    await field(page, 'Établissement support (FINESS)').fill(VERSAILLES);
    assert.match(
      await noteOf(page, 'Établissement support (FINESS)'),
      /^Établissement support : Centre hospitalier de Versailles/,
    );
    await page.getByRole('button', { name: 'Créer le GHT' }).click();
    await page.getByText('GHT créé : GHT Yvelines Sud.').waitFor();
    const ght = page.locator('tr[data-ght="GHT Yvelines Sud"]');
    await ght.waitFor();
    assert.match(
      await ght.locator('[data-testid="support"]').innerText(),
      /^Centre hospitalier de Versailles — Hôpital André-Mignot\s+780000014$/,
    );
    assert.equal(
      (await ght.locator('[data-testid="members"] li').allInnerTexts()).map((x) => x.trim()),
      [
        'Centre hospitalier de Rambouillet 780000022',
        'Centre hospitalier de Versailles — Hôpital André-Mignot 780000014',
      ],
    );
    await checkPage(s, 'ght-07-ght-list');
    await fitsPhone(page, '/ghts', { buttons: true });
    await shot(page, 'ght-08-ghts-390');
    await page.setViewportSize({ width: 1440, height: 1000 });

    // an allocation to the pooled resource, from the allocations page (CARE-SOCLE: no earmark)
    await page.goto(`${env.base}/allocations?envelope=env-care-socle`);
    await page.getByRole('button', { name: 'Ajouter une allocation' }).click();
    await page.locator('#est-q').fill(SIRET); // by its number: the demo has GRADeS of its own
    await page.locator('#est-count', { hasText: /1 ressource mutualisée/ }).waitFor();
    await page.locator('#est-pick').selectOption(SIRET);
    const mutu = await page.locator('#act option', { hasText: 'MUTU-RSSI' }).getAttribute('value');
    await page.locator('#act').selectOption(mutu!);
    await page.locator('#add-2025').fill('45 000,50');
    await checkPage(s, 'ght-09-allocation-form');
    await page.getByRole('button', { name: 'Proposer l’allocation' }).click();
    await page.getByText('Allocation proposée pour GRADeS Île-de-France (SESAN).').waitFor();
    const mine = await api(page, `/api/allocations?finess=${SIRET}`);
    assert.equal(
      mine.items.map((a: any) => [a.envelopeId, a.actionId, a.status, a.amounts]),
      [['env-care-socle', mutu, 'proposed', { '2025': cents('45 000,50 €') }]],
    );
    // the grid names a pooled resource, its SIRET beneath as an establishment's FINESS: the demo's
    // GRADeS and the one created above
    const sesan = '18800000000110';
    const demo = await api(page, `/api/allocations?envelopeId=env-care-socle&finess=${sesan}&actionId=${mutu}`);
    assert.is(demo.total, 1, 'the demo funds its GRADeS on MUTU-RSSI');
    await page.goto(`${env.base}/allocations?envelope=env-care-socle&region=11&actionId=${mutu}`);
    for (const [id, name, siret] of [
      [demo.items[0].id, 'GIP SESAN — GRADeS Île-de-France', sesan],
      [mine.items[0].id, 'GRADeS Île-de-France (SESAN)', SIRET],
    ]) {
      const th = page.locator(`jalon-allocation-grid tr[data-id="${id}"] th`);
      await th.waitFor();
      assert.is(await th.locator('.name').innerText(), name);
      assert.is(await th.locator('.sub').innerText(), `${siret} · Île-de-France · Ressource mutualisée`);
      // and so do its cells for a screen reader
      const cell = page.locator(`jalon-allocation-grid tr[data-id="${id}"] td[data-year="2025"]`);
      await cell.dblclick();
      assert.is(await cell.locator('input').getAttribute('aria-label'), `Montant 2025, ${name}, MUTU-RSSI`);
      await page.keyboard.press('Escape');
    }
    await fitsPhone(page, '/allocations with a pooled resource');
    await checkPage(s, 'ght-10-allocation-proposed-390');
    await s.context.close();
  },
);

e2e('reviewer: reads the GHT and pooled resources pages, no edit control', async ({ env }) => {
  const s = await openAs(env, '/ghts', 'finances@jalon.test');
  const page = s.page;
  await page.getByText('Consultation : seuls les planificateurs nationaux créent et modifient les GHT.').waitFor();
  await page.locator('tr[data-ght="GHT Yvelines Sud"]').waitFor();
  assert.is(await page.getByRole('button', { name: /Nouveau GHT|Modifier|Supprimer/ }).count(), 0);
  await checkPage(s, 'ght-11-reviewer-ghts');
  await page.goto(`${env.base}/pooled-resources`);
  await page.locator(`tr[data-siret="${SIRET}"]`).waitFor();
  assert.is(await page.getByRole('button', { name: /Nouvelle ressource|Modifier|Supprimer/ }).count(), 0);
  await checkPage(s, 'ght-12-reviewer-pooled');
  await s.context.close();
});

e2e(
  'planner: edits a GHT’s name, deletes a GHT without members, is refused deleting one with members; the same for pooled resources (one holding an allocation stays)',
  async ({ env }) => {
    const s = await openAs(env, '/ghts', 'planif@jalon.test');
    const page = s.page;
    const notice = (text: string) => page.locator('[role="status"] .alert', { hasText: text }).waitFor();
    /** Asks to delete `name`'s row, then confirms. */
    const remove = async (name: string) => {
      await page.getByRole('button', { name: `Supprimer ${name}`, exact: true }).click();
      await page.getByRole('group', { name: `Supprimer définitivement ${name} ?` }).waitFor();
      await page.getByRole('button', { name: 'Confirmer la suppression' }).click();
    };

    // a GHT's name edited (its code stays: its members carry it)
    const yvelines = page.locator('tr[data-ght="GHT Yvelines Sud"]');
    await yvelines.waitFor();
    await page.getByRole('button', { name: 'Modifier GHT Yvelines Sud', exact: true }).click();
    await page
      .locator('jalon-ght-form')
      .getByText(/Le code identifie le GHT/)
      .waitFor();
    await field(page, 'Nom').fill('GHT Yvelines Sud (78)');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await notice('GHT enregistré : GHT Yvelines Sud (78).');
    await yvelines.locator('th', { hasText: 'GHT Yvelines Sud (78)' }).waitFor();
    const ghtNamed = async (code: string) =>
      (await api(page, '/api/ghts')).items.find((g: { code: string }) => g.code === code);
    assert.is((await ghtNamed('GHT Yvelines Sud')).name, 'GHT Yvelines Sud (78)');
    await checkPage(s, 'ght-13-ght-edited');

    // with its two members it is refused, the refusal in its row; nothing deleted
    await remove('GHT Yvelines Sud (78)');
    const refusal = yvelines.locator('[data-testid="refusal"]');
    await refusal.waitFor();
    assert.is(
      await refusal.innerText(),
      '« GHT Yvelines Sud (78) » compte 2 établissements membres : retirez-les du GHT avant de le supprimer.',
    );
    assert.ok(await ghtNamed('GHT Yvelines Sud'), 'still there');
    await checkPage(s, 'ght-14-ght-delete-refused');

    // one without members goes
    await page.getByRole('button', { name: 'Nouveau GHT' }).click();
    await field(page, 'Code du GHT').fill('GHT sans membre');
    await field(page, 'Nom').fill('GHT sans membre');
    await page.getByLabel('Région (ARS)').selectOption({ label: 'Île-de-France' });
    await field(page, 'Établissement support (FINESS)').fill(VERSAILLES);
    await page.getByRole('button', { name: 'Créer le GHT' }).click();
    await notice('GHT créé : GHT sans membre.');
    const empty = page.locator('tr[data-ght="GHT sans membre"]');
    assert.match(await empty.locator('[data-testid="members"]').innerText(), /^Aucun membre/);
    const before = (await api(page, '/api/ghts')).total;
    await remove('GHT sans membre');
    await notice('GHT supprimé : GHT sans membre.');
    await empty.waitFor({ state: 'detached' });
    assert.is((await api(page, '/api/ghts')).total, before - 1);
    assert.is(await ghtNamed('GHT sans membre'), undefined);

    // a pooled resource's name edited (its SIRET stays)
    await page.goto(`${env.base}/pooled-resources`);
    const mine = page.locator(`tr[data-siret="${SIRET}"]`);
    await mine.waitFor();
    await page.getByRole('button', { name: 'Modifier GRADeS Île-de-France (SESAN)', exact: true }).click();
    await page
      .locator('jalon-pooled-form')
      .getByText(/Le numéro SIRET identifie la ressource/)
      .waitFor();
    await field(page, 'Nom').fill('SESAN — GRADeS francilien');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await notice('Ressource mutualisée enregistrée : SESAN — GRADeS francilien.');
    await mine.locator('th', { hasText: 'SESAN — GRADeS francilien' }).waitFor();
    const pooledOf = async (siret: string) =>
      (await api(page, '/api/pooled-resources')).items.find((p: { siret: string }) => p.siret === siret);
    assert.is((await pooledOf(SIRET)).name, 'SESAN — GRADeS francilien');
    await checkPage(s, 'ght-15-pooled-edited');

    // it holds the allocation proposed above: refused, in its row
    await remove('SESAN — GRADeS francilien');
    const held = mine.locator('[data-testid="refusal"]');
    await held.waitFor();
    assert.is(
      await held.innerText(),
      'La ressource mutualisée SESAN — GRADeS francilien a des allocations : elle ne peut pas être supprimée.',
    );
    assert.ok(await pooledOf(SIRET), 'still there');

    // one without an allocation goes
    const spare = siretWithKey('1300000000002');
    await page.getByRole('button', { name: 'Nouvelle ressource mutualisée' }).click();
    await field(page, 'Numéro SIRET').fill(spare);
    await field(page, 'Nom').fill('Centre régional de réponse cyber (test)');
    await page.getByLabel('Région (ARS)').selectOption({ label: 'Île-de-France' });
    await page.getByRole('button', { name: 'Créer la ressource' }).click();
    await notice(`Ressource mutualisée créée : Centre régional de réponse cyber (test) (${spare}).`);
    const total = (await api(page, '/api/pooled-resources')).total;
    await remove('Centre régional de réponse cyber (test)');
    await notice('Ressource mutualisée supprimée : Centre régional de réponse cyber (test).');
    await page.locator(`tr[data-siret="${spare}"]`).waitFor({ state: 'detached' });
    assert.is((await api(page, '/api/pooled-resources')).total, total - 1);
    assert.is(await pooledOf(spare), undefined);
    await checkPage(s, 'ght-16-pooled-deleted');
    await fitsPhone(page, '/pooled-resources after a deletion', { buttons: true });
    await s.context.close();
  },
);

e2e.run();
