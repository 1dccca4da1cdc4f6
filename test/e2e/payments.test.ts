// « Versements » in headless Chromium, as the finance reviewer: record a payment through the page
// (an amount beyond what remains refused beside the amount field), cancel it by a counter-entry
// with a reason, and see the register and its totals follow; a planner reads the page only; at
// 390 × 844 nothing scrolls sideways. axe and the console are checked on every view.
import type { Page } from 'playwright-core';
import * as assert from 'uvu/assert';
import { browserSuite, cents, checkPage, fitsPhone, openAs, SHOTS } from './browser.js';

const e2e = browserSuite('payments');

const tile = async (page: Page, id: string) => cents(await page.getByTestId(id).innerText());

e2e(
  'a reviewer records a payment (beyond what remains refused beside the amount), then cancels it with a reason: register and totals follow',
  async ({ env }) => {
    const s = await openAs(env, '/login', 'finances@jalon.test');
    await s.page.getByRole('link', { name: 'Versements', exact: true }).click();
    await s.page.getByRole('heading', { name: 'Versements', level: 1 }).waitFor();
    await s.page.getByTestId('total-net').waitFor();
    await s.page.waitForFunction(() => {
      const page = document.querySelector('app-shell')?.shadowRoot?.querySelector('jalon-payments-page');
      return page?.shadowRoot?.querySelector('[data-testid=payment-totals]')?.getAttribute('aria-busy') === 'false';
    });
    const paid0 = await tile(s.page, 'total-paid'),
      net0 = await tile(s.page, 'total-net'),
      cancelled0 = await tile(s.page, 'total-cancelled');
    assert.ok(paid0 > 0, 'the demo plan has payments');
    await checkPage(s, 'payments-01-list');

    // Given the CHU de Brest's approved allocation, nothing paid yet
    await s.page.getByRole('button', { name: 'Enregistrer un versement' }).click();
    await s.page.getByLabel('Rechercher l’allocation (établissement : nom ou FINESS)').fill('Brest');
    await s.page.getByRole('radio', { name: /CHU de Brest/ }).check();
    const position = s.page.getByTestId('allocation-position');
    await position.getByText('300 000,00 €').first().waitFor();
    assert.match(
      await position.innerText(),
      /Approuvé\s+300\s000,00\s€[\s\S]*Déjà versé \(net\)\s+0,00\s€[\s\S]*Reste à verser\s+300\s000,00\s€/,
    );
    await checkPage(s, 'payments-02-form');

    // When one cent more than what remains is entered, Then the API's refusal stands beside the amount
    const amount = s.page.getByLabel('Montant (€)');
    await amount.fill('300 000,01');
    await s.page.getByRole('button', { name: 'Enregistrer le versement' }).click();
    const refusal = s.page.locator('jalon-payment-form').locator('#pf-amount-err');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /reste 300\s000,00\s€ sur 300\s000,00\s€ approuvés/);
    assert.is(await amount.getAttribute('aria-invalid'), 'true');
    assert.is(await amount.getAttribute('aria-describedby'), 'pf-amount-hint pf-amount-err');
    assert.is(await tile(s.page, 'total-paid'), paid0, 'a refused payment changes nothing');

    // When 1 234,56 € is recorded with a tranche, Then it is in the register and the totals
    await amount.fill('1 234,56');
    await s.page.getByLabel('Tranche (facultatif)').fill('1re tranche');
    await s.page.getByRole('button', { name: 'Enregistrer le versement' }).click();
    await s.page.getByText('Versement de 1 234,56 € enregistré pour CHU de Brest.').waitFor();
    await position.getByText('298 765,44 €').waitFor();
    await s.page.waitForFunction((want) => {
      const page = document.querySelector('app-shell')?.shadowRoot?.querySelector('jalon-payments-page');
      const v = page?.shadowRoot?.querySelector('[data-testid=total-paid]')?.textContent ?? '';
      return v.replace(/\D/g, '') === String(want);
    }, paid0 + 123456);
    assert.is(await tile(s.page, 'total-net'), net0 + 123456);
    const row = s.page
      .getByTestId('payments-table')
      .getByRole('row', { name: /CHU de Brest/ })
      .first();
    assert.match(await row.innerText(), /1re tranche[\s\S]*1\s234,56\s€/);
    await checkPage(s, 'payments-03-recorded');

    // When it is cancelled: the reason is required, then the counter-entry shows and the totals net it
    await row.getByRole('button', { name: /^Annuler ce versement : CHU de Brest — 1\s234,56\s€/ }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Annuler ce versement' });
    await dialog.waitFor();
    await checkPage(s, 'payments-04-dialog');
    await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await dialog.getByText('Le motif est obligatoire.').waitFor();
    await dialog.getByLabel('Motif de l’annulation (obligatoire)').fill('Saisi sur la mauvaise allocation');
    await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await s.page.getByText(/Versement annulé par contre-passation : CHU de Brest/).waitFor();
    const counter = s.page.getByTestId('payments-table').locator('tr[data-kind=counter]').first();
    await counter.waitFor();
    assert.match(
      await counter.innerText(),
      /CHU de Brest[\s\S]*−\s1\s234,56\s€[\s\S]*Annulation[\s\S]*annule le versement du[\s\S]*Motif : Saisi sur la mauvaise allocation/i,
    );
    const original = s.page.getByTestId('payments-table').locator('tr[data-kind=cancelled]').first();
    assert.match(await original.innerText(), /CHU de Brest[\s\S]*Annulé[\s\S]*annulé par la contre-passation/i);
    assert.is(await original.getByRole('button').count(), 0, 'a cancelled payment is not cancelled twice');
    await s.page.waitForFunction((want) => {
      const page = document.querySelector('app-shell')?.shadowRoot?.querySelector('jalon-payments-page');
      const v = page?.shadowRoot?.querySelector('[data-testid=total-cancelled]')?.textContent ?? '';
      return v.replace(/\D/g, '') === String(want);
    }, cancelled0 + 123456);
    assert.is(await tile(s.page, 'total-net'), net0);
    assert.is(await tile(s.page, 'total-paid'), paid0 + 123456);
    await position.getByText('300 000,00 €').nth(1).waitFor(); // the form's remaining is whole again
    // the search filter narrows the register and its totals to the establishment
    await s.page.getByLabel('Établissement (nom ou FINESS)').fill('290000017');
    await s.page.getByRole('button', { name: 'Filtrer' }).click();
    await s.page.waitForURL(/q=290000017/);
    // (the unfiltered totals had one cancellation too: wait for the filtered count)
    await s.page.getByTestId('payment-totals').getByText('1 versement', { exact: true }).waitFor();
    await s.page.getByTestId('payments-table').getByText('2 mouvements, les plus récents d’abord').waitFor();
    assert.is(await tile(s.page, 'total-cancelled'), 123456);
    assert.is(await tile(s.page, 'total-net'), 0);
    assert.is(await s.page.getByTestId('payments-table').locator('tbody tr').count(), 2);
    const xlsx = await s.page.getByRole('link', { name: /Exporter Excel/ }).getAttribute('href');
    assert.is(xlsx, '/api/export/payments.xlsx?q=290000017');
    await checkPage(s, 'payments-05-cancelled');

    await fitsPhone(s.page, 'register at 390 px');
    await s.page.getByTestId('payments-table').locator('tr[data-kind=counter]').first().scrollIntoViewIfNeeded();
    await checkPage(s, 'payments-06-390px');
    await s.page.screenshot({ path: `${SHOTS}/payments-06-390px-window.png` });
    await s.context.close();
  },
);

e2e(
  'an establishment sees a cancelled payment marked « annulé » and its counter-entry with the reason',
  async ({ env }) => {
    // Given a reviewer cancels one of Versailles' payments (through the API, as the page does)
    const r = await openAs(env, '/login', 'finances@jalon.test');
    const list = await r.page.request.get(`${env.base}/api/payments?finess=780000014&limit=1`);
    const pay = (await list.json()).items[0] as { id: string; rev: string; amountCents: number };
    const done = await r.page.request.post(`${env.base}/api/payments/${pay.id}/cancel`, {
      data: { reason: 'Erreur de saisie' },
      headers: { 'if-match': `"${pay.rev}"` }, // the version read, as the page sends it
    });
    assert.is(done.status(), 201);
    await r.context.close();
    // When the establishment opens its page, Then the payment reads « annulé », the counter-entry its reason
    const s = await openAs(env, '/login', 'etab.versailles@jalon.test');
    const item = s.page.locator('jalon-award-card li', { hasText: 'annulation : Erreur de saisie' });
    await item.waitFor();
    assert.match(await item.innerText(), /−\s[\d\s]+,\d{2}\s€/);
    assert.ok((await s.page.locator('jalon-award-card li', { hasText: '— annulé' }).count()) >= 1);
    await checkPage(s, 'payments-09-establishment');
    await s.context.close();
  },
);

e2e('a planner reads the register, its totals and its export, and can neither record nor cancel', async ({ env }) => {
  const s = await openAs(env, '/login', 'planif@jalon.test');
  await s.page.getByRole('link', { name: 'Versements', exact: true }).click();
  await s.page.getByTestId('read-only').waitFor();
  await s.page.getByTestId('payments-table').locator('tbody tr').first().waitFor();
  assert.ok((await s.page.getByTestId('payments-table').locator('tbody tr').count()) > 0);
  assert.is(await s.page.getByRole('button', { name: 'Enregistrer un versement' }).count(), 0);
  assert.is(await s.page.getByRole('button', { name: /Annuler ce versement/ }).count(), 0);
  assert.ok((await tile(s.page, 'total-paid')) > 0);
  await checkPage(s, 'payments-07-planner');
  await fitsPhone(s.page, 'planner at 390 px');
  await checkPage(s, 'payments-08-planner-390px');
  await s.page.screenshot({ path: `${SHOTS}/payments-08-planner-390px-window.png` });
  await s.context.close();
});

e2e.run();
