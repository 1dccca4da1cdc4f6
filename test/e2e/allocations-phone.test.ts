// The allocations page on a 390 × 844 phone, in Chromium on the demo plan: whatever is open (the
// add form with a search and its refusals, the bulk form with its preview and the folded list of
// skipped establishments, after a bulk run, the withdrawal dialog), the document never scrolls
// sideways (the grid and the tables scroll inside their own box) and every button stays on screen.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { browserSuite, checkPage, login, open } from './browser.js';

const e2e = browserSuite('e2e-allocations-phone');
const PHONE = { width: 390, height: 844 };

/** No sideways scroll, and every visible button of the page (shadow roots included) inside the
 *  window's width, unless it lies in a box that scrolls sideways on its own. */
const fits = async (page: Page, what: string) => {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${what}: the page is ${width} px wide in a ${PHONE.width} px window`);
  // a string, not a function: the test runner's transform would add helpers the page lacks
  const outside = (await page.evaluate(`(() => {
    const up = (el) => el.parentElement || (el.getRootNode() && el.getRootNode().host) || null;
    const scrolls = (el) => {
      for (let p = up(el); p; p = up(p)) if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) return true;
      return false;
    };
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches('button, a.btn, [role="button"]')) {
          const b = el.getBoundingClientRect();
          if (b.width > 0 && (b.left < 0 || b.right > ${PHONE.width}) && !scrolls(el))
            out.push((el.textContent || '').trim().slice(0, 40) + ' [' + Math.round(b.left) + ', ' + Math.round(b.right) + ']');
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  })()`)) as string[];
  assert.equal(outside, [], `${what}: buttons off-screen`);
};

e2e(
  'planner at 390 px: add form, bulk form, preview, skipped list, bulk run, withdrawal: no sideways scroll',
  async ({ env }) => {
    const s = await open(env, '/login');
    const { page } = s;
    await page.setViewportSize(PHONE);
    await login(page, 'planif@jalon.test');
    await page.waitForURL(/\/allocations/);
    await page.goto(`${env!.base}/allocations?envelope=env-care-socle`);
    const rows = page.locator('[data-testid="allocation-grid"] tbody tr[data-id]');
    await rows.first().waitFor();
    await page.waitForLoadState('networkidle');
    await fits(page, 'grid');
    // the grid scrolls inside its own box, wider than the window
    const box = await page.locator('jalon-allocation-grid .scroller').evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
      overflow: getComputedStyle(el).overflowX,
    }));
    assert.ok(
      box.overflow === 'auto' && box.scroll > box.client && box.client <= PHONE.width,
      `the grid's own box scrolls: ${JSON.stringify(box)}`,
    );

    // the add form: a search that lists establishments, then the refusals of an empty proposal
    await page.getByRole('button', { name: 'Ajouter une allocation' }).click();
    await page.locator('#est-q').fill('Hôpital');
    await page.locator('#est-count', { hasText: /établissements? trouvés?/ }).waitFor();
    await fits(page, 'add form, search');
    await page.locator('#est-pick').selectOption({ index: 0 });
    await page.getByRole('button', { name: 'Proposer l’allocation' }).click();
    await page.locator('jalon-allocation-form .field-error').first().waitFor();
    await fits(page, 'add form, refusals');
    await checkPage(s, 'allocations-390-add');

    // the bulk form: preview, the skipped ones unfolded, then the run
    await page.getByRole('button', { name: 'Allocation groupée' }).click();
    const sens = await page.locator('#bulk-act option', { hasText: 'SENSIB' }).getAttribute('value');
    await page.locator('#bulk-act').selectOption(sens!);
    await page.locator('#bulk-2025').fill('1 000');
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.locator('[data-testid="bulk-targets"] tbody tr').first().waitFor();
    await fits(page, 'bulk preview');
    const fold = page.locator('jalon-bulk-form details summary');
    if (await fold.count()) {
      await fold.first().click();
      await page.locator('[data-testid="bulk-skipped"] tbody tr').first().waitFor();
      await fits(page, 'bulk preview, skipped list open');
    }
    await checkPage(s, 'allocations-390-bulk');
    await page.getByRole('button', { name: 'Appliquer à tous' }).click();
    await page.locator('[data-testid="bulk-status"]', { hasText: 'allocations proposées' }).waitFor();
    await page.locator('[data-testid="undo"]:not([disabled])').waitFor();
    await fits(page, 'after the bulk run');

    // the withdrawal dialog of a proposal
    await rows.locator('[data-testid="withdraw"]').first().click();
    const dialog = page.locator('[data-testid="withdraw-dialog"]');
    await dialog.getByRole('heading', { name: 'Retirer cette proposition ?' }).waitFor();
    await fits(page, 'withdrawal dialog');
    await dialog.getByRole('button', { name: 'Garder' }).click();
    await checkPage(s, 'allocations-390-after-bulk');
    await s.context.close();
  },
);

e2e.run();
