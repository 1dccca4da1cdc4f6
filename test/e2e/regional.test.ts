// An ARS Île-de-France day in Chromium, on the demo plan. Its planner (ars.idf.planif@jalon.test)
// reads its header (« ARS Île-de-France ») and the region's delegation of SUPP-2023 without an
// edit control, proposes an allocation within it from the allocations page, is refused one beyond
// it by a message naming the delegation and what remains to the cent, and sees nothing of another
// region (no FINESS nor SIRET of another region on the allocations, establishments, payments and
// audit pages); at 390 px nothing scrolls sideways. Its reviewer then approves the proposal.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import * as assert from 'uvu/assert';
import { centsToInput, formatEuros } from '../../shared/money.js';
import { browserSuite, cents, checkPage, fitsPhone, openAs, shot } from './browser.js';

const e2e = browserSuite<{ proposedId?: string }>('regional');

interface DemoPlan {
  establishments: Array<{ finess: string; region: string; finessEj?: string }>;
  pooled: Array<{ siret: string; region: string }>;
  delegations: Array<{ envelopeId: string; region: string; amounts: Record<string, number> }>;
}
const demo = JSON.parse(readFileSync(new URL('../../data/demo/plan.json', import.meta.url), 'utf8')) as DemoPlan;
/** Every number that names a beneficiary of another region: FINESS (site and legal entity) and SIRET. */
const ELSEWHERE = [
  ...new Set([
    ...demo.establishments.filter((e) => e.region !== '11').flatMap((e) => [e.finess, e.finessEj ?? e.finess]),
    ...demo.pooled.filter((p) => p.region !== '11').map((p) => p.siret),
  ]),
];
const CREDITS = demo.delegations
  .filter((d) => d.envelopeId === 'env-supp-2023' && d.region === '11')
  .reduce((s, d) => s + (d.amounts['2023'] ?? 0), 0);
const ALLOCATED = 2_540_000_00; // the demo's Île-de-France allocations on SUPP-2023 (check-demo prints it)
const WITHIN = 50_000_00;
const CHSF = '910000017';
const VERSAILLES = '780000014';
/** An amount as the API's messages print it, spaces made plain. */
const plain = (c: number) => formatEuros(c).replace(/[\u202f\u00a0]/g, ' ');
const PLANNER = 'ars.idf.planif@jalon.test';
const REVIEWER = 'ars.idf.finances@jalon.test';

/** The text on screen, shadow roots included (what a reader of the page can see). */
const screenText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    let out = '';
    const roots: Array<Document | ShadowRoot> = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) out += ` ${n.textContent ?? ''}`;
    }
    return out;
  });

/** The page shows `mine` and no number of another region's beneficiaries. */
const onlyIdf = async (page: Page, what: string, mine: string) => {
  await page.waitForLoadState('networkidle');
  const text = await screenText(page);
  assert.ok(text.includes(mine), `${what}: shows ${mine}`);
  assert.equal(
    ELSEWHERE.filter((n) => text.includes(n)),
    [],
    `${what}: numbers of another region on screen`,
  );
};

const api = async (page: Page, path: string) =>
  (await page.context().request.get(new URL(path, page.url()).href)).json();

e2e(
  'ARS planner: its delegation read-only, a proposal within it, a refusal beyond it, nothing of another region',
  async (ctx) => {
    const { env } = ctx;
    const s = await openAs(env, '/delegations?envelopeId=env-supp-2023', PLANNER);
    const page = s.page;
    assert.is((await page.getByTestId('ars').innerText()).trim(), 'ARS Île-de-France');

    // the delegation: its two rounds, its region's consumption only, no edit control
    await page.getByText('Consultation : seuls les planificateurs nationaux modifient les délégations.').waitFor();
    const rows = page.locator('jalon-delegation-table tbody tr[data-testid="delegation-row"]');
    await rows.first().waitFor();
    // its own line, then the national reserve with only its own draws (none: it holds a delegation)
    assert.equal(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key'))), ['11', 'reserve']);
    assert.is(cents(await rows.nth(1).locator('td[data-k="allocated"]').innerText()), 0);
    const cell = async (k: string) => cents(await rows.first().locator(`td[data-k="${k}"]`).innerText());
    assert.is(CREDITS, 3_637_654_33);
    assert.equal(
      [await cell('delegated'), await cell('allocated'), await cell('remaining')],
      [CREDITS, ALLOCATED, CREDITS - ALLOCATED],
    );
    assert.equal(await page.locator('#dl-round option').allInnerTexts(), [
      '1re délégation, circulaire du 10 janvier 2023 (montants illustratifs) (10 janvier 2023)',
      '2e délégation, circulaire du 20 juin 2023 (montants illustratifs) (20 juin 2023)',
      'Toutes les délégations (crédits des régions)',
    ]);
    assert.is(await page.locator('jalon-delegation-grid input').count(), 0, 'the grid is not editable');
    assert.is(await page.locator('jalon-delegation-import').count(), 0, 'no import');
    await checkPage(s, 'regional-01-delegation');
    await fitsPhone(page, '/delegations (ARS)');
    await shot(page, 'regional-02-delegation-390');
    await page.setViewportSize({ width: 1440, height: 1000 });

    // a proposal within the delegation, from the allocations page
    await page.goto(`${env.base}/allocations?envelope=env-supp-2023`);
    await page.getByRole('button', { name: 'Ajouter une allocation' }).click();
    const propose = async (finess: string, action: string, euros: string) => {
      await page.locator('#est-q').fill(finess);
      await page.locator(`#est-pick option[value="${finess}"]`).waitFor({ state: 'attached' });
      await page.locator('#est-pick').selectOption(finess);
      const id = await page.locator('#act option', { hasText: action }).getAttribute('value');
      await page.locator('#act').selectOption(id!);
      await page.locator('#add-2023').fill(euros);
      await page.getByRole('button', { name: 'Proposer l’allocation' }).click();
      return id!;
    };
    const gouv = await propose(CHSF, 'GOUV-RSSI', '50 000');
    await page.getByText('Allocation proposée pour Centre hospitalier Sud Francilien (Corbeil-Essonnes).').waitFor();
    const mine = (await api(page, `/api/allocations?finess=${CHSF}&envelopeId=env-supp-2023&status=proposed`)).items;
    assert.equal(
      mine.map((a: { actionId: string; amounts: object; createdBy: string }) => [a.actionId, a.amounts, a.createdBy]),
      [[gouv, { '2023': WITHIN }, PLANNER]],
    );
    ctx.proposedId = mine[0].id;

    // one cent beyond what remains: refused, the message names the delegation and what remains
    const left = CREDITS - ALLOCATED - WITHIN;
    const beyond = left + 1;
    const sensib = await propose(VERSAILLES, 'SENSIB', centsToInput(beyond));
    const refusal = page.getByText(/sur la délégation Île-de-France 2023/).first();
    await refusal.waitFor();
    assert.match(
      (await refusal.innerText()).replace(/[\u202f\u00a0]/g, ' '),
      `reste ${plain(left)} sur la délégation Île-de-France 2023`,
    );
    assert.is(
      (await api(page, `/api/allocations?finess=${VERSAILLES}&envelopeId=env-supp-2023`)).items.filter(
        (a: { actionId: string }) => a.actionId === sensib,
      ).length,
      0,
      'nothing created',
    );
    await checkPage(s, 'regional-03-refused');
    await fitsPhone(page, '/allocations (ARS), refused', { buttons: true });
    await shot(page, 'regional-04-refused-390');
    await page.setViewportSize({ width: 1440, height: 1000 });

    // nothing of another region, anywhere
    await page.goto(`${env.base}/allocations?envelope=env-supp-2023`);
    await page.getByRole('button', { name: 'Ajouter une allocation' }).waitFor();
    await onlyIdf(page, '/allocations', CHSF);
    for (const [path, shows, name] of [
      ['/establishments', CHSF, 'regional-05-establishments'],
      // the latest payments of the region first (the D1 window's tranches among them)
      ['/payments', 'Rambouillet', 'regional-06-payments'],
      ['/audit', 'GOUV-RSSI', 'regional-07-audit'],
    ] as const) {
      await page.goto(env.base + path);
      await page.locator('main h1').first().waitFor();
      await onlyIdf(page, path, shows);
      await checkPage(s, name);
      await fitsPhone(page, `${path} (ARS)`);
      await page.setViewportSize({ width: 1440, height: 1000 });
    }
    await s.context.close();
  },
);

e2e('ARS reviewer: approves its region’s proposal', async ({ env, proposedId }) => {
  assert.ok(proposedId, 'the planner’s proposal');
  const s = await openAs(env, '/dashboard', REVIEWER);
  const page = s.page;
  assert.is((await page.getByTestId('ars').innerText()).trim(), 'ARS Île-de-France');
  const list = page.locator('jalon-review-list');
  const row = list.locator(`[data-testid="review-list"] tbody tr[data-id="${proposedId}"]`);
  await row.waitFor();
  await onlyIdf(page, '/dashboard review list', CHSF);
  await checkPage(s, 'regional-08-review');
  await row.getByRole('button', { name: /^Approuver/ }).click();
  await page
    .getByText('Allocation approuvée : Centre hospitalier Sud Francilien (Corbeil-Essonnes).')
    .first()
    .waitFor();
  const a = await api(page, `/api/allocations/${proposedId}`);
  assert.equal([a.status, a.approvedBy, a.amounts], ['approved', REVIEWER, { '2023': WITHIN }]);
  await fitsPhone(page, '/dashboard (ARS reviewer)');
  await checkPage(s, 'regional-09-approved-390');
  await s.context.close();
});

e2e.run();
