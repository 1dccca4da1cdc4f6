// The planner's undo and redo in the grid, in Chromium on the demo plan: Ctrl+Z, Ctrl+Maj+Z, the
// buttons, across a reload; a refused undo after another planner's change; withdrawing a proposal
// (confirmed) and undoing it; sorting; the floor of each row; no sideways scroll at 390 px.
import * as assert from 'uvu/assert';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, checkPage, fitsPhone, openAs, PASSWORD, shot } from './browser.js';

const e2e = browserSuite('e2e-undo');

const grid = (page: Page) => page.locator('[data-testid="allocation-grid"]');
/** The 2024 cell of the row with this id. */
const cell2024 = (page: Page, id: string) => grid(page).locator(`tr[data-id="${id}"] td[data-year="2024"]`);
const shows = async (cell: Locator, pattern: RegExp) => {
  await cell
    .filter({ hasText: new RegExp(pattern.source.replace(/^\^|\$$/g, '')) })
    .waitFor()
    .catch(async (e: Error) => {
      const live = await cell.page().locator('[data-testid="grid-live"]').innerText();
      const note = await cell.page().locator('[data-testid="notice"]').innerText();
      throw new Error(`${e.message}\ncell: ${await cell.innerText()} · grid: ${live} · page: ${note}`);
    });
  assert.match((await cell.innerText()).trim(), pattern);
};
const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s/g, '\\s');
const notice = (page: Page, text: RegExp) => page.locator('[data-testid="notice"]', { hasText: text }).waitFor();

e2e(
  'planner: undo and redo a cell edit (keys, buttons, after a reload), refused after another planner’s change; withdraw then undo; sort; 390 px',
  async ({ env }) => {
    const s = await openAs(env, '/login', 'planif@jalon.test');
    s.allowed.push(/status of 409/); // the refused undo, shown in the page
    await s.page.waitForURL(/\/allocations/);
    // a proposal (the rows that offer « Retirer »)
    const first = grid(s.page).locator('tbody tr[data-id]:has([data-testid="withdraw"])').first();
    await first.waitFor();
    const id = (await first.getAttribute('data-id'))!;
    const name = (await first.locator('th .name').innerText()).trim();
    const cell = cell2024(s.page, id);
    const was = (await cell.innerText()).trim();
    const undo = s.page.locator('[data-testid="undo"]'),
      redo = s.page.locator('[data-testid="redo"]');
    assert.ok(await undo.isDisabled(), 'nothing to undo yet');
    assert.is(await undo.getAttribute('title'), 'Rien à annuler');

    // the stray « 5 » + Entrée of the issue, then Ctrl+Z
    await cell.click();
    await s.page.keyboard.type('5');
    await s.page.keyboard.press('Enter');
    await shows(cell, /^5,00\s€$/);
    await s.page.locator('[data-testid="undo"]:not([disabled])').waitFor();
    assert.match((await undo.getAttribute('title'))!, new RegExp(`^Annuler : Modification : ${esc(name)} — `));
    await cell.focus();
    await s.page.keyboard.press('Control+z');
    await notice(s.page, /^Annulé : Modification : /);
    await shows(cell, new RegExp(`^${esc(was)}$`));
    // Ctrl+Maj+Z redoes it
    await cell.focus();
    await s.page.keyboard.press('Control+Shift+Z');
    await notice(s.page, /^Rétabli : Modification : /);
    await shows(cell, /^5,00\s€$/);

    // a reload: the history is the server's
    await s.page.reload();
    await cell.waitFor();
    await shows(cell, /^5,00\s€$/);
    await s.page.locator('[data-testid="undo"]:not([disabled])').waitFor();
    await cell.click();
    await s.page.keyboard.press('Control+z');
    await shows(cell, new RegExp(`^${esc(was)}$`));
    // the buttons: Rétablir, then Annuler
    await s.page.locator('[data-testid="redo"]:not([disabled])').click();
    await shows(cell, /^5,00\s€$/);
    await s.page.locator('[data-testid="undo"]:not([disabled])').click();
    await shows(cell, new RegExp(`^${esc(was)}$`));
    assert.match((await redo.getAttribute('title'))!, /^Rétablir : Modification : /);

    // another planner changes the row after my edit: my undo is refused, naming them
    await cell.click();
    await s.page.keyboard.type('7');
    await s.page.keyboard.press('Enter');
    await shows(cell, /^7,00\s€$/);
    const other = await env.browser.newContext();
    const origin = { Origin: env.base };
    assert.is(
      (
        await other.request.post(`${env.base}/api/session`, {
          data: { email: 'planif2@jalon.test', password: PASSWORD },
          headers: origin,
        })
      ).status(),
      200,
    );
    const read = await other.request.get(`${env.base}/api/allocations/${id}`);
    const row = (await read.json()) as { amounts: Record<string, number> };
    const patched = await other.request.patch(`${env.base}/api/allocations/${id}`, {
      data: { amounts: { ...row.amounts, '2024': 12_00 } },
      headers: { ...origin, 'If-Match': read.headers()['etag']! },
    });
    assert.is(patched.status(), 200, await patched.text());
    await other.close();
    await s.page.locator('[data-testid="undo"]:not([disabled])').click();
    await notice(s.page, /^Modifié par planif2@jalon\.test à \d\d h \d\d : annulation impossible\.$/);
    // nothing was undone: the row shows planif2's amount, read again
    await shows(cell, /^12,00\s€$/);
    // that step leaves the history (the 7 was typed after undoing the 5, so nothing is left before it)
    await s.page.locator('[data-testid="discard"]').click();
    await notice(s.page, /^Étape retirée de l’historique/);
    await s.page.locator('[data-testid="undo"][disabled]').waitFor();
    assert.is(await undo.getAttribute('title'), 'Rien à annuler');

    // withdraw the proposal, with a confirmation, then undo the withdrawal
    await first.locator('[data-testid="withdraw"]').click();
    const dialog = s.page.locator('[data-testid="withdraw-dialog"]');
    await dialog.getByRole('heading', { name: 'Retirer cette proposition ?' }).waitFor();
    assert.match(await dialog.innerText(), new RegExp(`${esc(name)} — .* \\(CARE-D1\\)`));
    await dialog.getByRole('button', { name: 'Retirer' }).click();
    await notice(s.page, new RegExp(`^Proposition retirée : ${esc(name)} — `));
    await grid(s.page).locator(`tr[data-id="${id}"]`).waitFor({ state: 'detached' });
    // the history is read again after the withdrawal: wait for it rather than read the title at once
    await s.page.locator('[data-testid="undo"][title^="Annuler : Retrait : "]').waitFor();
    assert.match((await undo.getAttribute('title'))!, /^Annuler : Retrait : /);
    await s.page.locator('[data-testid="undo"]:not([disabled])').click();
    await notice(s.page, /^Annulé : Retrait : /);
    await shows(cell2024(s.page, id), /^12,00\s€$/);

    // approved rows show what is approved and what was paid: the floor of an avenant
    const floor = grid(s.page).locator('[data-testid="floor"]').first();
    assert.match(await floor.innerText(), /appr\.\s.+€\s+versé\s.+€/);

    // sort by establishment, then the other way
    const th = grid(s.page).locator('th:has(button[data-sort="establishment"])');
    assert.is(await th.getAttribute('aria-sort'), 'none');
    await th.locator('button').click();
    assert.is(await th.getAttribute('aria-sort'), 'ascending');
    const names = async () => (await grid(s.page).locator('tbody tr[data-id] th .name').allInnerTexts()).slice(0, 8);
    const asc = await names();
    assert.equal(
      asc,
      [...asc].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' })),
    );
    await th.locator('button').click();
    assert.is(await th.getAttribute('aria-sort'), 'descending');
    const desc = await names();
    assert.equal(
      desc,
      [...desc].sort((a, b) => b.localeCompare(a, 'fr', { sensitivity: 'base' })),
    );
    await checkPage(s, 'undo-1440');

    // a phone: the page does not scroll sideways, the grid scrolls in its own box
    await fitsPhone(s.page, 'grid');
    assert.ok(await undo.isVisible());
    await shot(s.page, 'undo-390');
    await checkPage(s, 'undo-390');
    await s.context.close();
  },
);

e2e(
  'planner: a duplicate’s refusal names the existing allocation in words, links to it, and goes when the rows change',
  async ({ env }) => {
    const s = await openAs(env, '/login', 'planif@jalon.test');
    s.allowed.push(/status of 409/); // the refused duplicate, shown at the cell
    await s.page.waitForURL(/\/allocations/);
    await grid(s.page).locator('tbody tr[data-id]').first().waitFor();
    await s.page.locator('#envelope').selectOption('env-fir-exe-idf');
    // the proposals only: the link's filters then show another set of rows
    await s.page.locator('#f-status').selectOption('proposed');
    await grid(s.page).locator('tr[data-id="al-fir-016"]').waitFor();
    // Antony's 2027 proposal, while its 2023 allocation (al-fir-001) exists: 2023 is a twin
    const cell = grid(s.page).locator('tr[data-id="al-fir-017"] td[data-year="2023"]');
    await cell.click();
    await s.page.keyboard.type('5000');
    await s.page.keyboard.press('Enter');
    const msg = grid(s.page).locator('[data-testid="cell-error"]');
    await msg.waitFor();
    assert.is(
      (await msg.innerText()).trim(),
      'Une dotation existe déjà pour Hôpital privé d’Antony — EXE-CRISE sur l’enveloppe FIR-EXE-IDF en 2023 : modifiez-la plutôt. Voir la dotation existante'.replace(
        'd’Antony',
        "d'Antony",
      ),
    );
    await checkPage(s, 'undo-duplicate');
    await msg.locator('[data-testid="duplicate-link"]').click();
    // the grid shows that establishment's allocations for the action; the message went with the old rows
    await grid(s.page).locator('tr[data-id="al-fir-001"]').waitFor();
    await msg.waitFor({ state: 'detached' });
    assert.is(await s.page.locator('#f-q').inputValue(), '920000023');
    assert.equal(
      await grid(s.page)
        .locator('tbody tr[data-id]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')).sort()),
      ['al-fir-001', 'al-fir-017'],
    );
    assert.equal(s.errors, []);
    await s.context.close();
  },
);

e2e.run();
