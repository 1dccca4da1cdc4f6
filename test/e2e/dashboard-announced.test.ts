// The dashboard in Chromium with announced credits: they are not money yet, so the spend chart's
// « Alloué » line, the year and region breakdowns count committed envelopes only, end on the
// « Alloués » tile to the cent, and say so; an announced envelope picked in the filter says why
// its money figures are empty. At 1440 and 390 px wide.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { browserSuite, checkPage, login, open } from './browser.js';

const e2e = browserSuite('dashboard-announced');

/** "271 500 000,00 €" → 27_150_000_000 cents. */
const cents = (euros: string) => Math.round(Number(euros.replace(/[\s\u202f€]/g, '').replace(',', '.')) * 100);
const tileCents = async (page: Page, id: string) =>
  cents(await page.locator(`[data-testid="tile-${id}"] .x`).innerText());
const figure = (page: Page, chart: string) => page.locator(`jalon-chart-figure[data-chart="${chart}"]`);
/** A chart's data table (in its closed disclosure: read as text content), row by row. */
const tableOf = async (page: Page, chart: string) => ({
  head: (await figure(page, chart).locator('thead th').allTextContents()).map((s) => s.trim()),
  rows: await figure(page, chart)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim()))),
});
const sumColumns = (rows: string[][], from: number) =>
  rows.reduce((s, r) => s + r.slice(from).reduce((n, c) => n + cents(c), 0), 0);

e2e(
  '« Alloué » on the spend chart, the years and the regions: committed money only, to the tile’s cent',
  async ({ env }) => {
    const s = await open(env, '/dashboard');
    await login(s.page, 'finances@jalon.test');
    await s.page.locator('[data-testid="tile-allocated"]').waitFor();
    const allocated = await tileCents(s.page, 'allocated');
    // the demo plan plans on its announced envelope: these allocations stand apart
    assert.match(
      await s.page.locator('[data-testid="tile-announced"]').innerText(),
      /[1-9][\d,]*\s?[kM]?€ d’allocations en prévision/,
    );
    assert.ok(allocated > 0);
    // the spend chart: the line is named for what it counts, the caption says announced credits are not on it
    const spend = await tableOf(s.page, 'spend');
    assert.equal(spend.head.slice(0, 2), ['Mois', 'Alloué (crédits engagés)']);
    assert.is(spend.rows.at(-1)![0], 'déc. 2027');
    assert.is(cents(spend.rows.at(-1)![1]!), allocated, 'the last point of « Alloué » is the tile');
    assert.match(
      await figure(s.page, 'spend').locator('figcaption').innerText(),
      /enveloppes engagées seulement : ce qui est prévu sur des crédits annoncés n’est pas de l’argent et n’y figure pas/,
    );
    // years by axis and regions: committed envelopes only, and they add up to the tile
    for (const chart of ['years', 'regions']) {
      const caption = await figure(s.page, chart).locator('figcaption').innerText();
      assert.match(caption, /sur crédits engagés/, chart);
      assert.match(caption, /Enveloppes engagées seulement/, chart);
    }
    assert.is(sumColumns((await tableOf(s.page, 'years')).rows, 1), allocated, 'years × axes = the tile');
    // « Alloué » by its header: « Délégué » comes first once a region holds delegated credits
    const regions = await tableOf(s.page, 'regions');
    const allocatedColumn = regions.head.indexOf('Alloué');
    assert.ok(allocatedColumn > 0, regions.head.join(', '));
    assert.is(
      regions.rows.reduce((n, r) => n + cents(r[allocatedColumn]!), 0),
      allocated,
      'regions = the tile',
    );
    // the envelope chart names its announced envelope so
    const envRows = (await tableOf(s.page, 'envelopes')).rows.map((r) => r[0]);
    assert.ok(
      envRows.some((l) => / \(annoncée\)$/.test(l!)),
      envRows.join(', '),
    );
    assert.is(await s.page.locator('[data-testid="announced-only"]').count(), 0);
    await checkPage(s, 'dashboard-announced-1440');
    await s.context.close();
  },
);

e2e(
  'an announced envelope picked in the filter: no money figures, and a note that says why (1440 and 390 px)',
  async ({ env }) => {
    for (const width of [1440, 390]) {
      const s = await open(env, '/dashboard');
      await s.page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await login(s.page, 'finances@jalon.test');
      await s.page.locator('[data-testid="tile-allocated"]').waitFor();
      // the announced envelope of the demo plan (500 M€), by its code
      const label = await s.page.locator('#d-envelopeId option', { hasText: 'CARE-ANNONCE' }).textContent();
      await s.page.locator('#d-envelopeId').selectOption({ label: label! });
      const note = s.page.locator('[data-testid="announced-only"]');
      await note.waitFor();
      assert.match(await note.innerText(), /Cette enveloppe est annoncée, non engagée/);
      assert.equal(await Promise.all(['allocated', 'approved', 'paid'].map((k) => tileCents(s.page, k))), [0, 0, 0]);
      assert.is(await tileCents(s.page, 'announced'), 50_000_000_000);
      const w = await s.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= width, `${w} px wide in a ${width} px window`);
      await checkPage(s, `dashboard-announced-only-${width}`);
      await s.context.close();
    }
  },
);

e2e.run();
