// Tranches on any allocation, in Chromium on the demo plan: a planner splits the HCL site's
// approved D1-EXPO allocation (120 000,00 €, nothing paid) into two milestone tranches — refused
// by the API beside the sum while they do not add up, then proposed as an avenant; a reviewer
// approves it; the establishment reads each tranche and what it waits for; the reviewer can pick
// only the payable tranche (the other's reason shown), pays it, and pays the second once the
// milestone's completion is validated on the completions page. Desktop and 390 px, axe, console.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { browserSuite, checkPage, fitsPhone, openAs, SHOTS, type Session } from './browser.js';

const e2e = browserSuite('tranches');

const ALLOCATION = 'al-d1-expo-002';
const SITE = '690000021';
/** Spaces as the pages print amounts (narrow or not). */
const sp = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
const DESKTOP = { width: 1440, height: 1000 };

const openPayment = async (s: Session) => {
  const page = s.page;
  await page.getByRole('link', { name: 'Versements', exact: true }).click();
  await page.getByRole('button', { name: 'Enregistrer un versement' }).click();
  await page.getByLabel('Rechercher l’allocation (établissement : nom ou FINESS)').fill(SITE);
  await page.getByRole('radio', { name: /D1-EXPO · CARE-D1/ }).check();
  const choice = page.getByTestId('tranche-choice');
  await choice.getByRole('radio').nth(1).waitFor();
  return choice;
};

const trancheRow = (page: Page, code: string) =>
  page.locator(`jalon-award-card article[data-finess="${SITE}"][data-action="act-d1-expo"] tr[data-code="${code}"]`);

e2e(
  'a planner splits an allocation into milestone tranches; the establishment reads them; the reviewer pays each once its milestone is met',
  async ({ env }) => {
    // Given the planner on the CARE-D1 grid, narrowed to the site's D1-EXPO allocation
    const planner = await openAs(
      env,
      `/allocations?envelope=env-care-d1&actionId=act-d1-expo&q=${SITE}`,
      'planif@jalon.test',
    );
    const row = planner.page.locator(`jalon-allocation-grid tr[data-id="${ALLOCATION}"]`);
    await row.waitFor();
    await row.getByTestId('tranches').click();
    const dialog = planner.page.getByRole('dialog', { name: 'Tranches de versement' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /ces tranches forment un avenant/);
    const tranche = (n: number) => dialog.getByRole('group', { name: `Tranche ${n}`, exact: true });

    // When two tranches are tied to their milestones, for 110 000 € of 120 000 €
    await tranche(1).getByLabel('Jalon déclencheur').selectOption('ms-pbn');
    assert.is(
      await tranche(1).getByLabel('Libellé').inputValue(),
      'Versement à l’atteinte du jalon « Plan blanc numérique rédigé »',
    );
    await tranche(1).getByLabel('Montant (€)').fill('60 000,00');
    await tranche(2).getByLabel('Jalon déclencheur').selectOption('ms-hospiconnect');
    assert.match(await tranche(2).innerText(), /Versée une fois la réalisation de l’action HOSPICONNECT validée\./);
    await tranche(2).getByLabel('Montant (€)').fill('50 000');
    const sum = dialog.getByTestId('tranches-sum');
    assert.is(
      sp(await sum.innerText()),
      'Total des tranches : 110 000,00 € sur 120 000,00 € : reste 10 000,00 € à répartir.',
    );
    // Then the API refuses them beside the sum, and nothing changes
    await dialog.getByRole('button', { name: 'Enregistrer les tranches' }).click();
    const refusal = dialog.getByTestId('tranches-error');
    await refusal.waitFor();
    assert.is(
      sp(await refusal.innerText()),
      'Les tranches font 110 000,00 € pour une allocation de 120 000,00 € : elles doivent en faire le total exact.',
    );
    assert.is(await sum.getAttribute('aria-describedby'), 'tr-list-err');
    await checkPage(planner, 'tranches-01-refused');
    const stored = async () =>
      (await (await planner.page.request.get(`${env.base}/api/allocations/${ALLOCATION}`)).json()) as {
        revision?: { tranches?: Array<{ code: string; amountCents: number; gate: { milestoneId?: string } }> };
        tranches?: unknown;
      };
    assert.is((await stored()).revision, undefined, 'a refused split writes nothing');

    // When the second is set to 60 000 €, while another planner proposes an avenant on the amounts:
    // the save is refused (412), the dialog reads the allocation again and keeps what was typed
    const before = await planner.page.request.get(`${env.base}/api/allocations/${ALLOCATION}`);
    const meanwhile = await planner.page.request.patch(`${env.base}/api/allocations/${ALLOCATION}`, {
      headers: { 'if-match': before.headers()['etag']! },
      data: { amounts: ((await before.json()) as { amounts: Record<string, number> }).amounts },
    });
    assert.is(meanwhile.status(), 200, await meanwhile.text());
    await tranche(2).getByLabel('Montant (€)').fill('60 000');
    assert.match(sp(await sum.innerText()), /sur 120 000,00 € : le compte est juste\.$/);
    await dialog.getByRole('button', { name: 'Enregistrer les tranches' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/^Cet enregistrement a été modifié .* enregistrez à nouveau pour l’appliquer\.$/)
      .waitFor();
    assert.is(sp(await tranche(2).getByLabel('Montant (€)').inputValue()), '60 000');
    // Then sent again, the avenant is proposed with both
    await dialog.getByRole('button', { name: 'Enregistrer les tranches' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.match(
      await planner.page.getByTestId('notice').innerText(),
      /^Avenant proposé pour .+ — D1-EXPO \(2 tranches\) : en attente d’approbation\.$/,
    );
    const avenant = await stored();
    assert.equal(
      avenant.revision?.tranches?.map((t) => [t.code, t.amountCents, t.gate.milestoneId]),
      [
        ['T1', 60_000_00, 'ms-pbn'],
        ['T2', 60_000_00, 'ms-hospiconnect'],
      ],
    );
    assert.is(avenant.tranches, undefined, 'in force only once approved');
    assert.is(await row.getByTestId('tranches').innerText(), '2 tranches');
    // the dialog at 390 px: read again from the row, nothing sideways
    await planner.page.setViewportSize({ width: 390, height: 844 });
    await row.getByTestId('tranches').click();
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Un avenant attend une décision/);
    assert.is(sp(await tranche(2).getByLabel('Montant (€)').inputValue()), '60 000');
    await fitsPhone(planner.page, 'tranches dialog', { buttons: true });
    await checkPage(planner, 'tranches-02-dialog-phone');
    // the modal as the phone shows it (the page's full-length shot centres it far down)
    await dialog.screenshot({ path: join(SHOTS, 'tranches-02-dialog-phone-modal.png') });
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await planner.page.setViewportSize(DESKTOP);

    // Given a reviewer, the avenant says its tranches; approved, they are in force
    const reviewer = await openAs(env, '/dashboard', 'finances@jalon.test');
    const list = reviewer.page.locator('jalon-review-list');
    await list.getByLabel('Établissement (nom ou FINESS)').fill(SITE);
    const pending = list.locator(`tr[data-id="${ALLOCATION}"]`);
    await pending.waitFor();
    assert.is(
      sp(await pending.getByTestId('avenant-tranches').innerText()),
      'Tranches : T1 60 000,00 € · T2 60 000,00 €',
    );
    await checkPage(reviewer, 'tranches-03-review');
    await pending.getByRole('button', { name: /^Approuver : / }).click();
    await pending.waitFor({ state: 'detached' });

    // The establishment reads each tranche, its state and what it still waits for
    const etab = await openAs(env, '/awards', 'etab.hcl@jalon.test');
    const t1 = trancheRow(etab.page, 'T1'),
      t2 = trancheRow(etab.page, 'T2');
    await t2.waitFor();
    assert.match(
      sp(await t1.innerText()),
      /T1 Versement à l’atteinte du jalon « Plan blanc numérique rédigé »[\s\S]*60 000,00 €[\s\S]*0,00 €[\s\S]*Condition remplie : à verser/i,
    );
    assert.match(
      sp(await t2.innerText()),
      /60 000,00 €[\s\S]*À verser une fois le jalon atteint\s*En attente : jalon « HospiConnect obligatoire » : action HOSPICONNECT non réalisée\./i,
    );
    await t2.scrollIntoViewIfNeeded();
    await checkPage(etab, 'tranches-04-awards');
    await fitsPhone(etab.page, 'awards with tranches', { buttons: true });
    await t2.scrollIntoViewIfNeeded();
    await checkPage(etab, 'tranches-05-awards-phone');
    await etab.page.setViewportSize(DESKTOP);
    // it declares HospiConnect done on the site (as its page's declaration would)
    const declared = await etab.page.request.post(`${env.base}/api/completions`, {
      data: { finess: SITE, actionId: 'act-hospiconnect', completedOn: new Date().toISOString().slice(0, 10) },
    });
    assert.is(declared.status(), 201, await declared.text());

    // The reviewer: only the payable tranche can be picked; the other says what it waits for
    let choice = await openPayment(reviewer);
    const p1 = choice.getByRole('radio', { name: /^T1 — / });
    const p2 = choice.getByRole('radio', { name: /^T2 — / });
    assert.ok(await p2.isDisabled(), 'the gated tranche cannot be picked');
    assert.match(
      sp(await choice.innerText()),
      /T2 — .+\s*60 000,00 €, dont 0,00 € déjà versés\s*Non payable : jalon « HospiConnect obligatoire » : action HOSPICONNECT déclarée, validation en attente\./,
    );
    assert.match(
      sp(await choice.innerText()),
      /T1 — .+\s*60 000,00 €, dont 0,00 € déjà versés\s*À verser : 60 000,00 €\./,
    );
    await p1.check();
    assert.is(sp(await reviewer.page.getByLabel('Montant (€)').inputValue()), '60 000');
    await checkPage(reviewer, 'tranches-06-payment-form');
    await fitsPhone(reviewer.page, 'payment form with tranches', { buttons: true });
    await reviewer.page.setViewportSize(DESKTOP);
    await reviewer.page.getByRole('button', { name: 'Enregistrer le versement' }).click();
    await reviewer.page.getByText(/^Versement de 60\s000,00\s€ enregistré pour /).waitFor();
    await choice.getByText('Entièrement versée.').waitFor();
    assert.ok(await p1.isDisabled(), 'a tranche paid in full is not offered again');
    // behind the page the API says the same of the gated one
    const direct = await reviewer.page.request.post(`${env.base}/api/payments`, {
      data: {
        allocationId: ALLOCATION,
        amountCents: 100,
        paidOn: new Date().toISOString().slice(0, 10),
        tranche: 'T2',
      },
    });
    assert.is(direct.status(), 422);
    assert.match((await direct.json()).detail, /^Tranche T2 non payable : jalon « HospiConnect obligatoire »/);

    // The planner validates the site's HospiConnect completion on the completions page
    await planner.page.goto(`${env.base}/completions`);
    await planner.page.getByLabel('Établissement (nom ou FINESS)').fill(SITE);
    const queued = planner.page.locator(
      `[data-testid="queue"] tr[data-finess="${SITE}"][data-action="act-hospiconnect"]`,
    );
    await queued.getByRole('button', { name: /^Valider : / }).click();
    await planner.page.getByText(/^Réalisation validée : /).waitFor();
    await queued.waitFor({ state: 'detached' });

    // Then the reviewer pays the second tranche
    await reviewer.page.reload();
    choice = await openPayment(reviewer);
    await choice.getByText(/^À verser : 60\s000,00\s€\.$/).waitFor();
    await choice.getByRole('radio', { name: /^T2 — / }).check();
    await reviewer.page.getByRole('button', { name: 'Enregistrer le versement' }).click();
    await reviewer.page.getByText(/^Versement de 60\s000,00\s€ enregistré pour /).waitFor();

    // And the establishment reads both tranches paid
    await etab.page.reload();
    await t2.waitFor();
    for (const r of [t1, t2]) assert.match(sp(await r.innerText()), /60 000,00 €[\s\S]*60 000,00 €[\s\S]*Versée/i);
    await checkPage(etab, 'tranches-07-awards-paid');
    for (const s of [planner, reviewer, etab]) assert.equal(s.errors, []);
  },
);

e2e.run();
