// The finance reviewer's dashboard in Chromium: figures that add up, read from the screen
// (announced credits apart), the spend chart's milestones, the variance table's columns under a
// filter, the printout, and a phone's width for the dashboard and the audit page.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { browserSuite, cents, chartsDrawn, checkPage, fitsWindow, login, open, openAs, shot } from './browser.js';

const e2e = browserSuite('dashboard');

const tileCents = async (page: Page, id: string) =>
  cents(await page.locator(`[data-testid="tile-${id}"] .x`).innerText());

e2e('tiles: committed credits alone, announced ones apart, figures that add up to the cent', async ({ env }) => {
  const s = await openAs(env, '/dashboard', 'finances@jalon.test');
  await s.page.locator('[data-testid="tile-committed"]').waitFor();
  await chartsDrawn(s.page);
  const [committed, allocated, approved, paid, remaining, announced] = await Promise.all(
    ['committed', 'allocated', 'approved', 'paid', 'remaining', 'announced'].map((id) => tileCents(s.page, id)),
  );
  // the demo plan: four committed envelopes (20 M€ + 185 M€ + 65 M€ + 1,5 M€) and the 500 M€ announced apart
  assert.is(committed, 27_150_000_000);
  assert.is(announced, 50_000_000_000);
  assert.ok(allocated! > 0 && allocated! <= committed!, `allocated ${allocated} ≤ committed ${committed}`);
  assert.is(remaining, committed! - allocated!);
  assert.ok(approved! <= allocated! && paid! <= approved!);
  const tiles = await s.page.locator('[data-testid="tiles"]').innerText();
  assert.match(tiles, /des 271,5\sM€ engagés/);
  assert.match(
    await s.page.locator('[data-testid="tile-announced"]').innerText(),
    /jamais ajoutés aux crédits engagés/,
  );
  await checkPage(s, 'dashboard-1440');
  await s.context.close();
});

e2e(
  'spend chart: numbered milestones listed with their dates, in the text alternative too; a today line',
  async ({ env }) => {
    const s = await openAs(env, '/dashboard', 'finances@jalon.test');
    await chartsDrawn(s.page);
    const spend = s.page.locator('jalon-chart-figure[data-chart="spend"]');
    const items = await spend.locator('[data-testid="chart-notes"] li').allInnerTexts();
    assert.ok(items.length >= 5, items.join('\n'));
    items.forEach((text, i) => assert.match(text, new RegExp(`^${i + 1}\\s+\\S.*\\d{4}$`), text));
    assert.ok(
      items.some((i) => /Plan cyber pluriannuel de la task force 31 mars 2023/.test(i)),
      items.join('\n'),
    );
    const alt = (await spend.locator('canvas').getAttribute('aria-label')) ?? '';
    const n = items.findIndex((i) => i.includes('Plan cyber pluriannuel de la task force')) + 1;
    assert.ok(
      alt.includes(`Jalons : 1. ${items[0]!.replace(/^1\s+/, '').replace(/ (\d{1,2}(er)? \S+ \d{4})$/, ', $1')} ;`),
      alt,
    );
    assert.ok(alt.includes(` ${n}. Plan cyber pluriannuel de la task force, 31 mars 2023`), alt);
    // the chart's configuration: one numbered line per listed milestone, and « aujourd'hui »
    const annotations = await spend.evaluate((fig) => {
      const chart = fig.shadowRoot!.querySelector('jalon-chart') as unknown as {
        config: {
          options: { plugins: { annotation: { annotations: Record<string, { label: { content: string } }> } } };
        };
      };
      return Object.entries(chart.config.options.plugins.annotation.annotations).map(([k, a]) => [k, a.label.content]);
    });
    assert.equal(
      annotations.filter(([k]) => k !== 'today').map(([, c]) => c),
      items.map((_, i) => String(i + 1)),
    );
    assert.ok(annotations.some(([k, c]) => k === 'today' && c === 'aujourd’hui'));
    await s.context.close();
  },
);

e2e(
  'variance under a region filter: national and regional columns named; printout states filters, time and who',
  async ({ env }) => {
    const s = await openAs(env, '/dashboard?region=11', 'finances@jalon.test');
    await chartsDrawn(s.page);
    const heads = await s.page.locator('[data-testid="variance-table"] thead th').allInnerTexts();
    assert.equal(
      heads.map((h) => h.replace(/[▲▼]/g, '').trim()),
      [
        'Enveloppe',
        'Enveloppe (nationale)',
        'Alloué (Île-de-France)',
        'Approuvé (Île-de-France)',
        'Versé (Île-de-France)',
        'Écart alloué − versé (Île-de-France)',
        'Consommation (Île-de-France)',
        'Reste à allouer (national)',
      ],
    );
    assert.match(
      await s.page.locator('[data-testid="consumption"]').innerText(),
      /^Consommation : part de l’alloué déjà versée/,
    );
    await s.page.emulateMedia({ media: 'print' });
    const printed = s.page.locator('[data-testid="printed"]');
    assert.ok(await printed.isVisible());
    assert.match(
      await printed.innerText(),
      /^Imprimé le \d{1,2}(er)? \S+ \d{4} à \d\d:\d\d par \S.* \(finances@jalon\.test\)\. Filtres : Enveloppe : Toutes les enveloppes ; Région : Île-de-France ; Axe CaRE : Tous les axes\.$/,
    );
    assert.is(await s.page.getByLabel('Filtres du tableau de bord').isVisible(), false);
    await shot(s.page, 'dashboard-print');
    await s.page.emulateMedia({ media: 'screen' });
    assert.is(await printed.isVisible(), false);
    await checkPage(s, 'dashboard-region');
    await s.context.close();
  },
);

e2e(
  'the layout holds still as the figures arrive (layout shifts summed as CLS counts them, < 0.1)',
  async ({ env }) => {
    const s = await openAs(env, '/dashboard', 'finances@jalon.test');
    await chartsDrawn(s.page);
    // a fresh load of each page, signed in, with every layout shift recorded from its first paint
    await s.context.addInitScript(`
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    `);
    for (const [width, height] of [
      [1440, 1000],
      [390, 844],
    ] as const) {
      for (const path of ['/dashboard', '/audit']) {
        const page = await s.context.newPage();
        await page.setViewportSize({ width, height });
        await page.goto(env.base + path);
        if (path === '/dashboard') await chartsDrawn(page);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        const cls = (await page.evaluate('window.__cls')) as number;
        console.log(`CLS ${path} at ${width}: ${cls.toFixed(3)}`);
        assert.ok(cls < 0.1, `${path} at ${width} px shifts by ${cls}`);
        if (width === 1440 && path === '/dashboard') {
          // the measure can fail: a block pushed in above the page is a shift it sees
          await page.evaluate(
            `document.body.prepend(Object.assign(document.createElement('div'), { style: 'height: 300px' }))`,
          );
          await page.waitForTimeout(300);
          assert.ok(((await page.evaluate('window.__cls')) as number) > 0.1, 'a real shift is measured');
        }
        await page.close();
      }
    }
    await s.context.close();
  },
);

e2e('a phone (390 × 844): the dashboard and the audit page do not scroll sideways', async ({ env }) => {
  const s = await open(env, '/dashboard');
  await s.page.setViewportSize({ width: 390, height: 844 });
  await login(s.page, 'finances@jalon.test');
  await chartsDrawn(s.page);
  const disclosures = s.page.getByText('Voir les données sous forme de tableau');
  for (let i = 0; i < (await disclosures.count()); i++) await disclosures.nth(i).click();
  await fitsWindow(s.page, 'dashboard');
  await checkPage(s, 'dashboard-390');
  await s.page.goto(`${env.base}/audit`);
  await s.page.locator('jalon-audit-page').waitFor();
  await s.page.waitForLoadState('networkidle');
  await fitsWindow(s.page, 'audit');
  await checkPage(s, 'audit-390');
  await s.context.close();
});

e2e.run();
