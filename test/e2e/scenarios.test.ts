// The scenarios page (« Scénarios ») in Chromium, on the demo plan: a national planner's whole job.
// Two scenarios by rule on SUPP-2023 (20 M€, priority establishments, 2023): « Montant égal »
// started empty (2 500 000 € equally among the 27 priority ones, 7 cents of remainder; each share
// stands for its establishment's crisis-exercise allocation, so no less than the 80 000 € paid) and
// « Pondération régionale » from the plan (500 000 € on SENSIB, Île-de-France 2, Auvergne-Rhône-Alpes
// 1), each previewed then applied; the second edited by hand (an amount over the envelope refused
// beside the cell, nothing saved; then a valid one), a line added and removed; both compared with
// the plan (every total, remainder and breakdown figure equal to the API's to the cent, coverage,
// exports); the second promoted after a dry run, and the allocations page shows its proposals; the
// first, stale since, refused with the list, then re-based. A reviewer reads without a write
// control; an ARS planner sees its region's only, renames and deletes its own. Every page: axe, no console error, 1366 and 390 px.
import type { Page } from 'playwright-core';
import * as assert from 'uvu/assert';
import { browserSuite, cents, checkPage, fitsPhone, openAs, shot, type Env } from './browser.js';

const e2e = browserSuite<{ equal?: string; regional?: string }>('e2e scenarios');

const PLANNER = 'planif@jalon.test';
const SUPP = 'env-supp-2023';
const DESKTOP = { width: 1366, height: 900 };

interface Line {
  id: string;
  finess: string;
  actionId: string;
  amounts: Record<string, number>;
}
interface Comparison {
  columns: Array<{ key: string; label: string }>;
  totalCents: number[];
  byEnvelope: Array<{ key: string; cents: number[]; remainingCents: number[] }>;
  byRegion: Array<{ key: string; cents: number[] }>;
  byCategory: Array<{ key: string; cents: number[] }>;
  coverage: Array<{ milestoneId: string; funded: number[]; populationCount: number }>;
}

const get = async <T>(env: Env, page: Page, path: string): Promise<T> => {
  const r = await page.request.get(env.base + path);
  assert.is(r.status(), 200, `${path}: ${await r.text()}`);
  return (await r.json()) as T;
};
const lines = async (env: Env, page: Page, id: string) =>
  (await get<{ items: Line[] }>(env, page, `/api/scenarios/${id}/lines?limit=1000`)).items;
const scenarioIdOf = (page: Page) => new URL(page.url()).searchParams.get('id') ?? '';

/** The list's « Nouveau scénario » form: a name, SUPP-2023, and where the lines come from. */
const create = async (page: Page, name: string, from: string) => {
  await page.getByRole('button', { name: 'Nouveau scénario' }).click();
  await page.getByLabel('Nom du scénario').fill(name);
  await page.getByLabel(/SUPP-2023 —/).check();
  await page.getByLabel('Point de départ').selectOption({ label: from });
  await page.getByRole('button', { name: 'Créer le scénario' }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
};

/** « Répartir »'s preview, then « Appliquer »: the summary's words, and the notice once applied. */
const previewThenApply = async (page: Page, summary: RegExp) => {
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  const box = page.getByTestId('distribution-summary');
  await box.waitFor();
  assert.match((await box.innerText()).replace(/[\u202f\u00a0]/g, ' '), summary);
  await page.getByTestId('apply').click();
  await page.getByTestId('notice').filter({ hasText: 'Répartition appliquée' }).waitFor();
};

const atBoth = async (page: Page, name: string) => {
  await page.setViewportSize(DESKTOP);
  await shot(page, `${name}-1366`);
  await fitsPhone(page, name, { buttons: true });
  await shot(page, `${name}-390`);
  await page.setViewportSize(DESKTOP);
};

e2e('planner: two scenarios by rule, each previewed then applied', async (ctx) => {
  const { env } = ctx;
  const s = await openAs(env, '/scenarios', PLANNER);
  const page = s.page;
  await page.getByRole('heading', { name: 'Scénarios', level: 1 }).waitFor();
  await checkPage(s, 'scenarios-empty-list');

  // Given an empty scenario: 2 500 000 € equally among SUPP-2023's 27 priority establishments (11 of
  // them were paid 80 000 € on their crisis-exercise allocation, which their share replaces)
  await create(page, 'Montant égal', 'Vide');
  ctx.equal = scenarioIdOf(page);
  await page.getByRole('button', { name: 'Répartir', exact: true }).click();
  await page.getByLabel('Action', { exact: true }).selectOption('act-exe-crise');
  await page.getByLabel('Montant total (€)').fill('2 500 000');
  await previewThenApply(
    page,
    /27 bénéficiaires éligibles, pour un total de 2 500 000,00 €[\s\S]*7 centimes distribués/,
  );
  await page
    .getByTestId('scenario-total')
    .filter({ hasText: /2\s500\s000,00/ })
    .waitFor();
  const equal = await lines(env, page, ctx.equal);
  assert.is(equal.length, 27);
  assert.is(
    equal.reduce((sum, l) => sum + (l.amounts['2023'] ?? 0), 0),
    250_000_000,
  );
  // 92 592,59 € each, one cent more for the first 7 in FINESS order
  assert.equal([...new Set(equal.map((l) => l.amounts['2023']))].sort(), [9_259_259, 9_259_260]);
  await checkPage(s, 'scenarios-equal');

  // And one from the plan: 500 000 € on SENSIB, Île-de-France weighing twice Auvergne-Rhône-Alpes
  await page.getByRole('link', { name: /Tous les scénarios/ }).click();
  await create(page, 'Pondération régionale', 'Plan actuel');
  ctx.regional = scenarioIdOf(page);
  const copied = (await lines(env, page, ctx.regional)).length;
  await page.getByRole('button', { name: 'Répartir', exact: true }).click();
  await page.getByLabel('Règle de répartition').selectOption({ label: 'Pondération par région' });
  await page.getByLabel('Action', { exact: true }).selectOption('act-sensib');
  await page.getByLabel('Montant total (€)').fill('500 000');
  await page.getByLabel('Île-de-France', { exact: true }).fill('2');
  await page.getByLabel('Auvergne-Rhône-Alpes', { exact: true }).fill('1');
  await page.getByLabel('Corse', { exact: true }).fill('un');
  // a weight that is not a whole number is refused beside its field, nothing asked of the API
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  await page.getByText('Un poids entier, positif ou nul.').waitFor();
  await page.getByLabel('Corse', { exact: true }).fill('');
  await previewThenApply(page, /pour un total de 500 000,00 €[\s\S]*Règle du reste/);
  const regional = await lines(env, page, ctx.regional);
  const sensib = regional.filter((l) => l.actionId === 'act-sensib');
  assert.is(regional.length, copied + sensib.length);
  assert.ok(sensib.length > 0, 'new SENSIB lines');
  assert.is(
    sensib.reduce((sum, l) => sum + (l.amounts['2023'] ?? 0), 0),
    50_000_000,
  );
  await checkPage(s, 'scenarios-regional');
  await atBoth(page, 'scenarios-view');
  await s.context.close();
});

e2e(
  'planner: a line edited by hand (refused over the envelope beside the cell, then saved), a line added and removed',
  async ({ env, regional }) => {
    const s = await openAs(env, `/scenarios?id=${regional}`, PLANNER);
    const page = s.page;
    await page.getByRole('heading', { name: 'Pondération régionale', level: 1 }).waitFor();
    const all = await lines(env, page, regional!);
    const at = all.findIndex((l) => l.actionId === 'act-sensib');
    const line = all[at]!;
    const grid = page.locator('jalon-allocation-grid');
    await grid.locator('tbody tr[data-id]').first().waitFor();
    // the grid draws the rows near its scrolled window: the line's row (the API's order) is brought there
    await grid.locator('.scroller').evaluate((el, top) => (el.scrollTop = top), at * 52);
    const cell = grid.locator(`tr[data-id="${line.id}"] td[data-year="2023"]`);
    await cell.click();
    await page.keyboard.press('Enter');
    await cell.locator('input').fill('30 000 000');
    await page.keyboard.press('Enter');
    const err = cell.locator('[data-testid="cell-error"]');
    await err.waitFor();
    assert.match(await err.innerText(), /Dépassement/);
    assert.is(await cell.locator('input').inputValue(), '30 000 000', 'the typed amount is kept');
    const stored = (await lines(env, page, regional!)).find((l) => l.id === line.id)!;
    assert.equal(stored.amounts, line.amounts, 'nothing saved');
    await checkPage(s, 'scenarios-cell-refused');
    await cell.locator('input').fill('123 456,78');
    await page.keyboard.press('Enter');
    await grid
      .getByTestId('grid-live')
      .filter({ hasText: /Enregistré dans le scénario/ })
      .waitFor();
    assert.match(await cell.innerText(), /^123\s456,78\s€$/);
    const saved = (await lines(env, page, regional!)).find((l) => l.id === line.id)!;
    assert.is(saved.amounts['2023'], 12_345_678);

    // a line added through the form, then removed from the grid after a confirmation
    const before = (await lines(env, page, regional!)).length;
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await page.getByLabel(/Rechercher un établissement/).fill('Versailles');
    const finess = '780000014';
    await page.locator(`#est-pick option[value="${finess}"]`).waitFor({ state: 'attached' });
    await page.locator('#est-pick').selectOption(finess);
    await page.locator('#act').selectOption('act-gouv-rssi');
    await page.locator('#add-2023').fill('10 000');
    await page.getByRole('button', { name: 'Ajouter la ligne' }).click();
    await page.getByText(/Ligne ajoutée au scénario pour/).waitFor();
    const added = (await lines(env, page, regional!)).find(
      (l) => l.finess === finess && l.actionId === 'act-gouv-rssi',
    )!;
    assert.equal(added.amounts, { '2023': 1_000_000 });
    const row = grid.locator(`tr[data-id="${added.id}"]`);
    await row.waitFor();
    await row.getByTestId('withdraw').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Supprimer' }).click();
    await page.getByTestId('notice').filter({ hasText: 'Ligne supprimée' }).waitFor();
    assert.is((await lines(env, page, regional!)).length, before);
    await checkPage(s, 'scenarios-lines');
    await s.context.close();
  },
);

e2e(
  'planner: the plan and both scenarios compared, every figure equal to the API’s to the cent',
  async ({ env, equal, regional }) => {
    const s = await openAs(env, '/scenarios', PLANNER);
    const page = s.page;
    await page.getByTestId('scenarios-table').waitFor();
    await page.getByRole('checkbox', { name: 'Comparer « Montant égal »' }).check();
    await page.getByRole('checkbox', { name: 'Comparer « Pondération régionale »' }).check();
    await page.getByRole('link', { name: 'Comparer au plan (2 sur 3)' }).click();
    await page.getByRole('heading', { name: 'Comparaison avec le plan', level: 1 }).waitFor();
    const ids = new URL(page.url()).searchParams.get('compare')!.split(',');
    assert.equal([...ids].sort(), [equal!, regional!].sort());
    const api = await get<Comparison>(env, page, `/api/scenarios/compare?ids=${ids.join(',')}`);
    const shown = async (table: string, key: string) =>
      Promise.all(
        api.columns.map(async (_, i) =>
          cents(
            await page
              .locator(`[data-testid="${table}"] tr[data-key="${key}"] td[data-col="${i}"] .amount`)
              .innerText(),
          ),
        ),
      );
    assert.equal(await shown('compare-totals', 'total'), api.totalCents);
    const supp = api.byEnvelope.find((e) => e.key === SUPP)!;
    assert.equal(await shown('compare-totals', SUPP), supp.cents);
    assert.equal(await shown('compare-totals', `remaining-${SUPP}`), supp.remainingCents);
    for (const r of api.byRegion) assert.equal(await shown('compare-breakdown', r.key), r.cents, `region ${r.key}`);
    await page.getByLabel('Répartition par').selectOption({ label: 'Catégorie' });
    for (const r of api.byCategory) assert.equal(await shown('compare-breakdown', r.key), r.cents, `category ${r.key}`);
    // every priority establishment funded for the crisis exercise in « Montant égal »
    const exe = api.coverage.find((c) => c.milestoneId === 'ms-exe-crise')!;
    const col = api.columns.findIndex((c) => c.key === equal);
    const item = page.locator(`[data-milestone="ms-exe-crise"] li[data-col="${col}"]`);
    assert.match(
      (await item.innerText()).replace(/[\u202f\u00a0]/g, ' '),
      new RegExp(`100 % des établissements prioritaires financés \\(${exe.funded[col]} sur ${exe.populationCount}\\)`),
    );
    await page.locator('jalon-chart').evaluate((el) => el.scrollIntoView());
    await page.waitForFunction(
      () =>
        (
          document
            .querySelector('app-shell')
            ?.shadowRoot?.querySelector('jalon-scenarios-page')
            ?.shadowRoot?.querySelector('jalon-scenario-compare')
            ?.shadowRoot?.querySelector('jalon-chart') as (Element & { drawn?: boolean }) | null
        )?.drawn,
    );
    for (const format of ['csv', 'xlsx']) {
      const href = await page.locator(`jalon-export-links a[data-format="${format}"]`).getAttribute('href');
      const r = await page.request.get(env.base + href!);
      assert.is(r.status(), 200, format);
      assert.match(r.headers()['content-disposition'] ?? '', /comparaison-scenarios/);
    }
    await checkPage(s, 'scenarios-compare');
    await atBoth(page, 'scenarios-compare');
    await s.context.close();
  },
);

e2e(
  'planner: « Pondération régionale » promoted after a dry run; the allocations page shows its proposals',
  async ({ env, regional }) => {
    const s = await openAs(env, `/scenarios?id=${regional}`, PLANNER);
    const page = s.page;
    await page.getByRole('heading', { name: 'Pondération régionale', level: 1 }).waitFor();
    const sensib = (await lines(env, page, regional!)).filter((l) => l.actionId === 'act-sensib');
    await page.getByRole('button', { name: 'Promouvoir', exact: true }).click();
    await page.getByTestId('dry-run').click();
    const adds = page.getByTestId('promote-adds');
    await adds.waitFor();
    assert.is(await adds.locator('tbody tr').count(), sensib.length, 'one proposal per new line');
    // the hand-edited line is among them, with its amount
    assert.match(await adds.innerText(), /123\s456,78\s€/);
    await checkPage(s, 'scenarios-dry-run');
    await page.getByTestId('promote').click();
    await page.getByTestId('promote-status').filter({ hasText: 'Scénario promu' }).waitFor();
    await page
      .getByText(/Promu le/)
      .first()
      .waitFor();
    await page.getByRole('link', { name: 'Voir les allocations' }).click();
    await page.getByRole('heading', { name: 'Espace de répartition des crédits' }).waitFor();
    await page.getByLabel('Action', { exact: true }).selectOption('act-sensib');
    const grid = page.locator('jalon-allocation-grid');
    await grid.locator('tbody tr[data-id]').first().waitFor();
    const rows = grid.locator('tbody tr[data-id]');
    // the envelope's other rows go once the action's filter has answered
    await rows.nth(sensib.length).waitFor({ state: 'detached' });
    assert.is(await rows.count(), sensib.length);
    const text = await grid.locator('tbody').innerText();
    for (const l of sensib) assert.ok(text.includes(l.finess), `${l.finess} proposed`);
    assert.is(await grid.getByText('Proposée').count(), sensib.length);
    await checkPage(s, 'scenarios-promoted-allocations');
    await s.context.close();
  },
);

e2e('planner: « Montant égal », stale since, is refused with the list, then re-based', async ({ env, equal }) => {
  const s = await openAs(env, `/scenarios?id=${equal}`, PLANNER);
  const page = s.page;
  await page.getByRole('heading', { name: 'Montant égal', level: 1 }).waitFor();
  await page.getByTestId('stale').waitFor();
  await page.getByRole('button', { name: 'Promouvoir', exact: true }).click();
  // the refusal the page shows on purpose
  s.allowed.push(/status of 409/);
  await page.getByTestId('dry-run').click();
  const refusal = page.getByTestId('promote-refusal');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Le plan a changé depuis la copie du scénario/);
  const stale = (await get<{ stale: string[] }>(env, page, `/api/scenarios/${equal}`)).stale;
  assert.ok(stale.length > 0);
  assert.is(await refusal.locator('li').count(), stale.length, 'every change listed');
  assert.match(await refusal.innerText(), /ajoutée au plan depuis la copie/);
  await checkPage(s, 'scenarios-stale');
  await page.getByTestId('promote-rebase').click();
  await page.getByTestId('page-notice').filter({ hasText: 'recalé sur le plan' }).waitFor();
  await page.getByTestId('stale').waitFor({ state: 'detached' });
  assert.equal((await get<{ stale: string[] }>(env, page, `/api/scenarios/${equal}`)).stale, []);
  // re-based, the dry run answers: what it would change, and here the conflicts that refuse it
  await page.getByTestId('dry-run').click();
  await page.getByTestId('promote-report').waitFor();
  await s.context.close();
});

e2e('reviewer: reads the scenarios and their comparison, without a write control', async ({ env, regional }) => {
  const s = await openAs(env, '/scenarios', 'finances@jalon.test');
  const page = s.page;
  await page.getByTestId('scenarios-table').waitFor();
  await page.getByTestId('read-only').waitFor();
  assert.is(await page.getByRole('button', { name: 'Nouveau scénario' }).count(), 0);
  await page.getByRole('link', { name: 'Pondération régionale' }).click();
  await page.getByRole('heading', { name: 'Pondération régionale', level: 1 }).waitFor();
  const grid = page.locator('jalon-allocation-grid');
  await grid.locator('tbody tr[data-id]').first().waitFor();
  for (const name of ['Répartir', 'Ajouter une ligne', 'Promouvoir', 'Renommer', 'Supprimer'])
    assert.is(await page.getByRole('button', { name, exact: true }).count(), 0, `no « ${name} »`);
  assert.is(await grid.getByTestId('withdraw').count(), 0, 'no line removed');
  const cell = grid.locator('td[data-r="0"][data-c="0"]');
  await cell.click();
  await page.keyboard.press('Enter');
  await page.keyboard.type('5');
  assert.is(await grid.locator('input').count(), 0, 'no edit opens');
  await checkPage(s, 'scenarios-reviewer');
  await page.getByTestId('compare-one').click();
  await page.getByRole('heading', { name: 'Comparaison avec le plan', level: 1 }).waitFor();
  assert.ok(new URL(page.url()).searchParams.get('compare') === regional);
  await checkPage(s, 'scenarios-reviewer-compare');
  await s.context.close();
});

e2e('ARS planner: its region’s scenarios only, lines of its region only', async ({ env, equal }) => {
  const s = await openAs(env, '/scenarios', 'ars.idf.planif@jalon.test');
  const page = s.page;
  await page.getByTestId('region-scope').waitFor();
  await page.getByTestId('scenarios-table').waitFor();
  assert.is(await page.locator('[data-testid="scenarios-table"] tbody tr').count(), 0, 'national scenarios unseen');
  await create(page, 'Île-de-France depuis le plan', 'Plan actuel');
  const id = scenarioIdOf(page);
  const mine = await lines(env, page, id);
  assert.ok(mine.length > 0);
  const regionOf = new Map(
    (
      await get<{ items: Array<{ finess: string; region: string }> }>(env, page, '/api/establishments?limit=1000')
    ).items.map((e) => [e.finess, e.region]),
  );
  assert.equal(
    mine.filter((l) => regionOf.get(l.finess) !== '11').map((l) => l.finess),
    [],
  );
  const grid = page.locator('jalon-allocation-grid');
  await grid.locator('tbody tr[data-id]').first().waitFor();
  const subs = await grid.locator('tbody tr[data-id] th .sub').allInnerTexts();
  assert.ok(subs.length > 0 && subs.every((x) => x.includes('Île-de-France')), 'every line in Île-de-France');
  await checkPage(s, 'scenarios-ars');
  await atBoth(page, 'scenarios-ars');
  // renamed, then deleted after a confirmation: the list is empty again, the plan untouched
  await page.getByRole('button', { name: 'Renommer' }).click();
  await page.getByLabel('Nom du scénario').fill('IDF — variante');
  await page.getByRole('button', { name: 'Enregistrer le nom' }).click();
  await page.getByRole('heading', { name: 'IDF — variante', level: 1 }).waitFor();
  assert.is((await get<{ name: string }>(env, page, `/api/scenarios/${id}`)).name, 'IDF — variante');
  const plan = (await get<{ total: number }>(env, page, '/api/allocations?limit=1')).total;
  await page.getByRole('button', { name: 'Supprimer', exact: true }).first().click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Supprimer' }).click();
  await page.getByTestId('page-notice').filter({ hasText: 'Scénario « IDF — variante » supprimé.' }).waitFor();
  await page.getByRole('heading', { name: 'Scénarios', level: 1 }).waitFor();
  assert.is(await page.locator('[data-testid="scenarios-table"] tbody tr').count(), 0);
  assert.is((await page.request.get(`${env.base}/api/scenarios/${id}`)).status(), 404);
  assert.is((await get<{ total: number }>(env, page, '/api/allocations?limit=1')).total, plan);
  // a national scenario is unknown to it
  s.allowed.push(/status of 404/);
  await page.goto(`${env.base}/scenarios?id=${equal}`);
  await page.getByText(`Scénario « ${equal} » introuvable.`).waitFor();
  assert.equal(s.errors, []);
  await s.context.close();
});

e2e.run();
