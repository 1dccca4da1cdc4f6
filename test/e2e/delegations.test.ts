// The delegations page in Chromium, on the demo plan: a national planner starts a round on
// CARE-SOCLE, delegates to a region cell by cell (French amounts, Enter saves); a delegation beyond
// the envelope is refused next to its cell and changes nothing; the grid's, the position's and the
// consumption's totals add up to the cent on screen; a reviewer reads the same page without an
// edit; at 390 px nothing scrolls sideways.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { browserSuite, cents, checkPage, fitsPhone, openAs } from './browser.js';

const e2e = browserSuite('e2e delegations');

const cell = (page: Page, region: string, year: string) =>
  page.locator(`jalon-delegation-grid tr[data-region="${region}"] td[data-year="${year}"]`);
const money = async (page: Page, selector: string) => cents(await page.locator(selector).innerText());
const row = (page: Page, testid: string) => page.locator(`[data-testid="${testid}"] td`);
const amounts = async (page: Page, testid: string) => (await row(page, testid).allInnerTexts()).map(cents);

/** What the API holds for the envelope (the page's own session). */
const stored = (page: Page) =>
  page.evaluate(async () => {
    const r = await fetch('/api/delegations?envelopeId=env-care-socle');
    const body = (await r.json()) as { items: Array<{ region: string; amounts: Record<string, number>; rev: string }> };
    return body.items.map((d) => [d.region, d.amounts, d.rev]);
  });

const type = async (page: Page, region: string, year: string, text: string) => {
  await cell(page, region, year).dblclick();
  const input = cell(page, region, year).locator('input');
  await input.waitFor();
  await input.fill(text);
  await input.press('Enter');
};

e2e(
  'national planner: a new round on CARE-SOCLE, two cells saved; beyond the envelope refused beside the cell, nothing changed; totals to the cent',
  async ({ env }) => {
    const s = await openAs(env, '/delegations?envelopeId=env-care-socle', 'planif@jalon.test');
    const page = s.page;
    await page.getByRole('heading', { name: 'Délégations aux ARS' }).waitFor();
    await page.locator('jalon-delegation-grid tbody tr').nth(17).waitFor();
    assert.is(await page.locator('jalon-delegation-grid tbody tr').count(), 18);
    // no delegation yet: a new round, its reference and date typed first
    assert.is(await page.getByLabel('Délégation', { exact: true }).inputValue(), '\u0000new');
    await type(page, '06', '2024', '1 000,00');
    await page.getByText('Saisissez d’abord la référence de l’acte et sa date de notification.').first().waitFor();
    await page.keyboard.press('Escape');
    await page.getByLabel('Référence de l’acte').fill('1re délégation, circulaire du 8 sept. 2025');
    await page.getByLabel('Notifiée le').fill('2025-09-08');

    const envelope = await amounts(page, 'pos-envelope'); // 2023 … 2027, total
    assert.equal([envelope[1], envelope[2], envelope[5]], [80_000_000_00, 105_000_000_00, 185_000_000_00]);
    const reserveLeftBefore = await amounts(page, 'pos-reserve-left');

    // Mayotte holds nothing on CARE-SOCLE (a region that does must be delegated at least that much): 1 234 567,89 € on 2024, then 250 000,01 € on 2025
    await type(page, '06', '2024', '1 234 567,89');
    await page
      .locator('[data-testid="grid-live"]')
      .getByText(/Mayotte 2024 : 1\s234\s567,89\s€ délégués, enregistré\./)
      .waitFor();
    // the round now exists: the select shows it
    await page
      .getByLabel('Délégation', { exact: true })
      .locator('option:checked', { hasText: '1re délégation' })
      .waitFor({ state: 'attached' });
    await type(page, '06', '2025', '250000,01');
    await page
      .locator('[data-testid="grid-live"]')
      .getByText(/Mayotte 2025 : 250\s000,01\s€ délégués/)
      .waitFor();
    const before = await stored(page);
    assert.equal(
      before.map(([r, a]) => [r, a]),
      [['06', { '2024': 1_234_567_89, '2025': 250_000_01 }]],
    );
    await checkPage(s, 'delegations-01-planner');

    // beyond the envelope on 2025: refused next to the cell, the typed amount kept, nothing written
    await type(page, '01', '2025', '110 000 000');
    const error = cell(page, '01', '2025').locator('[data-testid="cell-error"]');
    await error.waitFor();
    assert.match(
      await error.innerText(),
      /Délégations au-delà de l'enveloppe CARE-SOCLE : reste 104\s749\s999,99\s€ à déléguer sur 2025\./,
    );
    assert.is(await cell(page, '01', '2025').locator('input').inputValue(), '110 000 000');
    await page.screenshot({ path: 'test-results/screenshots/delegations-02-refused.png' });
    assert.equal(await stored(page), before);
    await page.keyboard.press('Escape');
    await error.waitFor({ state: 'detached' });

    // to the cent: the grid, the envelope's position and the consumption
    const delegated = 1_234_567_89 + 250_000_01;
    assert.is(await money(page, '[data-testid="col-total-2024"]'), 1_234_567_89);
    assert.is(await money(page, '[data-testid="col-total-2025"]'), 250_000_01);
    assert.is(await money(page, '[data-testid="round-total"]'), delegated);
    assert.is(
      cents(await page.locator('jalon-delegation-grid tr[data-region="06"] [data-testid="row-total"]').innerText()),
      delegated,
    );
    assert.equal(await amounts(page, 'pos-delegated'), [0, 1_234_567_89, 250_000_01, 0, 0, delegated]);
    const reserve = await amounts(page, 'pos-reserve');
    assert.equal(
      [reserve[1], reserve[2], reserve[5]],
      [80_000_000_00 - 1_234_567_89, 105_000_000_00 - 250_000_01, 185_000_000_00 - delegated],
    );
    const reserveLeft = await amounts(page, 'pos-reserve-left');
    assert.equal(
      reserveLeft,
      reserveLeftBefore.map((v, i) => v - [0, 1_234_567_89, 250_000_01, 0, 0, delegated][i]!),
    );
    const mayotte = await page.locator('jalon-delegation-table tr[data-key="06"] td').allInnerTexts();
    assert.equal(mayotte.map(cents), [delegated, 0, 0, 0, delegated]);
    const total = await page.locator('[data-testid="delegation-total"] td').allInnerTexts();
    // delegated + reserve = the envelope; what remains = delegated + reserve − allocated
    assert.is(cents(total[0]!), 185_000_000_00);
    assert.is(cents(total[4]!), 185_000_000_00 - cents(total[1]!));
    assert.is(cents(total[4]!), delegated + reserveLeft[5]!);

    await fitsPhone(page, 'delegations', { buttons: true });
    await page.screenshot({ path: 'test-results/screenshots/delegations-03-phone.png', fullPage: true });
    await s.context.close();
  },
);

e2e('reviewer: reads the delegations, no cell opens for editing, nothing overflows at 390 px', async ({ env }) => {
  const s = await openAs(env, '/delegations?envelopeId=env-care-socle', 'finances@jalon.test');
  const page = s.page;
  await page.getByTestId('read-only').waitFor();
  await page.locator('jalon-delegation-grid tr[data-region="06"] [data-testid="row-total"]').waitFor();
  assert.is(await page.locator('jalon-delegation-grid table').getAttribute('aria-readonly'), 'true');
  assert.is(await page.locator('option', { hasText: 'Nouvelle délégation…' }).count(), 0);
  assert.is(await page.locator('jalon-delegation-import').count(), 0);
  await cell(page, '06', '2024').dblclick();
  await cell(page, '06', '2024').press('Enter');
  assert.is(await cell(page, '06', '2024').locator('input').count(), 0);
  await checkPage(s, 'delegations-04-reviewer');
  await fitsPhone(page, 'delegations (reviewer)', { buttons: true });
  await s.context.close();
});

e2e.run();
