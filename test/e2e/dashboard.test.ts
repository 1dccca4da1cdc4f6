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

/** The dashboard as the API answers it to the page's own session. */
const apiDashboard = (page: Page, query = '') =>
  page.evaluate(async (q) => {
    const r = await fetch(`/api/dashboard${q}`);
    return (await r.json()) as {
      totals: { allocatedCents: number; approvedCents: number; paidCents: number };
      byRegion: Array<{ key: string; delegatedCents: number }>;
      delegations: Array<{
        key: string;
        delegatedCents: number;
        allocatedCents: number;
        approvedCents: number;
        paidCents: number;
        remainingCents: number;
      }>;
    };
  }, query);
/** A table's body rows (closed disclosures included: read as text content), key first. */
const rowsOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((trs) =>
      trs.map((tr) => [
        (tr as HTMLElement).dataset.key ?? '',
        ...[...tr.children].map((c) => (c.textContent ?? '').trim()),
      ]),
    );

e2e(
  'delegations to the ARS: each row and the total add up to the cent on screen, as the API says; « Délégué » in the region chart; the GHT table ends on the tiles',
  async ({ env }) => {
    const s = await openAs(env, '/dashboard', 'finances@jalon.test');
    const page = s.page;
    await page.locator('[data-testid="tile-committed"]').waitFor();
    // the demo plan's delegations; without any, one made here (Mayotte, nothing allocated there on CARE-D1)
    if (!(await apiDashboard(page)).delegations.length) {
      const planner = await openAs(env, '/dashboard', 'planif@jalon.test');
      const status = await planner.page.evaluate(async () => {
        const body = {
          envelopeId: 'env-care-d1',
          region: '06',
          amounts: { '2025': 1_000_00 },
          reference: '1re délégation (test)',
          notifiedOn: '2025-09-08',
        };
        return (
          await fetch('/api/delegations', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).status;
      });
      assert.is(status, 201);
      await planner.context.close();
      await page.reload();
    }
    const api = await apiDashboard(page);
    const section = page.locator('[data-testid="dashboard-delegations"]');
    await section.getByRole('heading', { name: 'Délégations aux ARS' }).waitFor();
    const rows = await rowsOf(page, '[data-testid="dashboard-delegations"] [data-testid="delegation-row"]');
    // region, delegated, allocated, approved, paid, remaining: remaining = delegated − allocated, to the cent
    assert.ok(rows.length > 0);
    const figures = rows.map(([key, , ...cells]) => [key!, ...cells.map(cents)] as [string, ...number[]]);
    for (const [key, delegated, allocated, , , remaining] of figures)
      assert.is(remaining, delegated! - allocated!, `remaining of ${key}`);
    assert.equal(
      figures,
      api.delegations.map((d) => [
        d.key,
        d.delegatedCents,
        d.allocatedCents,
        d.approvedCents,
        d.paidCents,
        d.remainingCents,
      ]),
    );
    const total = (await section.locator('[data-testid="delegation-total"] td').allInnerTexts()).map(cents);
    assert.equal(
      total,
      [1, 2, 3, 4, 5].map((i) => figures.reduce((n, r) => n + (r[i] as number), 0)),
    );
    console.log(`  ${figures.length} delegated regions, ${total[0]} cents delegated, ${total[4]} remaining`);

    // the region chart: « Délégué » beside allocated, approved and paid, in its data table too
    await chartsDrawn(page);
    const regions = page.locator('jalon-chart-figure[data-chart="regions"]');
    const head = (await regions.locator('thead th').allTextContents()).map((h) => h.trim());
    assert.equal(head, ['Région', 'Délégué', 'Alloué', 'Approuvé', 'Versé']);
    const delegatedOnScreen = await regions
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    const regionCode = new Map(
      (
        await page.evaluate(
          async () =>
            ((await (await fetch('/api/regions')).json()) as { items: Array<{ code: string; name: string }> }).items,
        )
      ).map((r) => [r.name, r.code]),
    );
    for (const d of api.delegations) {
      const line = delegatedOnScreen.find((r) => regionCode.get(r[0]!) === d.key);
      assert.ok(line, `region ${d.key} in the region chart's table`);
      assert.is(cents(line![1]!), api.byRegion.find((r) => r.key === d.key)!.delegatedCents);
    }
    const datasets = await regions.evaluate((fig) => {
      const chart = fig.shadowRoot!.querySelector('jalon-chart') as unknown as {
        config: { data: { datasets: Array<{ label: string }> } };
      };
      return chart.config.data.datasets.map((d) => d.label);
    });
    assert.equal(datasets, ['Délégué', 'Alloué', 'Approuvé', 'Versé']);

    // by GHT (read apart, /api/dashboard/ghts): every GHT record, then « Hors GHT » and
    // « Ressources mutualisées », as the API says, ending on the tiles
    await page.locator('[data-testid="dashboard-ght"] tbody tr[data-key="*pooled"]').waitFor();
    const ght = await rowsOf(page, '[data-testid="dashboard-ght"] tbody tr');
    const apiGhts = await page.evaluate(
      async () =>
        (
          (await (await fetch('/api/dashboard/ghts')).json()) as {
            items: Array<{ key: string; allocatedCents: number }>;
          }
        ).items,
    );
    assert.equal(
      ght.map((r) => [r[0], cents(r[2]!)]),
      apiGhts.map((g) => [g.key, g.allocatedCents]),
    );
    assert.equal(
      ght.slice(-2).map((r) => r[1]),
      ['Hors GHT', 'Ressources mutualisées'],
    );
    assert.ok(
      ght.some((r) => r[1] === 'GHT Île-de-France Sud (Essonne)'),
      ght.map((r) => r[1]).join(', '),
    );
    const ghtTotal = (
      await page.locator('[data-testid="dashboard-ght"] [data-testid="breakdown-total"] td').allInnerTexts()
    ).map(cents);
    assert.equal(
      ghtTotal,
      [1, 2, 3].map((i) => ght.reduce((n, r) => n + cents(r[i + 1]!), 0)),
    );
    assert.equal(ghtTotal, [
      await tileCents(page, 'allocated'),
      await tileCents(page, 'approved'),
      await tileCents(page, 'paid'),
    ]);
    assert.match(
      (await page.locator('[data-testid="dashboard-ght"] a[data-format="csv"]').getAttribute('href')) ?? '',
      /^\/api\/export\/variance\.csv/,
    );
    await s.context.close();
  },
);

e2e('one envelope: its delegations, and the delegation table’s export links', async ({ env }) => {
  const s = await openAs(env, '/dashboard', 'finances@jalon.test');
  await s.page.locator('[data-testid="tile-committed"]').waitFor();
  // an envelope the plan (or the test before) delegated
  const envelopeId = await s.page.evaluate(
    async () =>
      ((await (await fetch('/api/delegations')).json()) as { items: Array<{ envelopeId: string }> }).items[0]!
        .envelopeId,
  );
  await s.page.goto(`${env.base}/dashboard?envelopeId=${envelopeId}`);
  const section = s.page.locator('[data-testid="dashboard-delegations"]');
  await section.locator('[data-testid="delegation-row"]').first().waitFor();
  assert.equal(await section.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), [
    `/api/export/delegations.csv?envelopeId=${envelopeId}`,
    `/api/export/delegations.xlsx?envelopeId=${envelopeId}`,
  ]);
  await s.context.close();
});

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
