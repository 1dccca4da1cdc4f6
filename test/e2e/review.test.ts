// The finance reviewer's review list, in Chromium on the demo plan, as finances@jalon.test:
// filter and search, an avenant's old → new, several proposals approved at once after a
// confirmation (and a refused batch that changes nothing), an approval withdrawn with a reason,
// then the same list on a 390 × 844 phone: cards, no sideways scroll, every button reachable.
import * as assert from 'uvu/assert';
import type { Locator, Page } from 'playwright-core';
import { formatEuros } from '../../shared/money.js';
import { browserSuite, cents, checkPage, fitsPhone, fitsWindow, openAs, PASSWORD } from './browser.js';

const e2e = browserSuite('review');

type Rec = Record<string, any>;

/** A logged-in API client, for what the test sets up and checks behind the page. */
const api = async (base: string, email: string) => {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.is(res.status, 200, `login ${email}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, origin: base, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, etag: r.headers.get('etag'), json: (await r.json().catch(() => null)) as Rec };
  };
};

const euros = (c: number) => formatEuros(c);

/** Polls `check` (it throws while the page is not there yet) for up to 5 s: a filter reads the
 *  list again after a debounce, so the rows shown before it may still be on screen at first. */
const eventually = async (check: () => Promise<void>, ms = 5_000) => {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};

/** Every visible button of `scope` can be scrolled to and lies within the window's width. */
const reachable = async (page: Page, scope: Locator, what: string) => {
  const buttons = scope.locator('button:visible');
  const n = await buttons.count();
  assert.ok(n > 0, `${what}: buttons`);
  const width = page.viewportSize()!.width;
  for (let i = 0; i < n; i++) {
    const b = buttons.nth(i);
    await b.scrollIntoViewIfNeeded();
    const box = (await b.boundingBox())!;
    assert.ok(
      box.x >= 0 && box.x + box.width <= width + 0.5,
      `${what}: « ${await b.innerText()} » at x ${box.x}–${box.x + box.width} in ${width} px`,
    );
  }
};

e2e('reviewer: filter, search, avenant, bulk approval with confirmation, withdrawal, phone width', async ({ env }) => {
  const base = env.base;
  const planner = await api(base, 'planif@jalon.test');
  const reviewerApi = await api(base, 'finances@jalon.test');
  // Given an avenant on an approved CARE-D1 allocation outside the D1 window (a grant's avenant
  // carries its tranches): + 10 000,00 € on its first year
  const d1 = (
    await planner('GET', '/api/allocations?envelopeId=env-care-d1&status=approved&limit=1000')
  ).json.items.find((a: { tranches?: unknown }) => !a.tranches);
  const year = Object.keys(d1.amounts).sort()[0]!;
  const next = { ...d1.amounts, [year]: d1.amounts[year] + 1_000_000 };
  const cur = await planner('GET', `/api/allocations/${d1.id}`);
  const patched = await planner('PATCH', `/api/allocations/${d1.id}`, { amounts: next }, { 'if-match': cur.etag! });
  assert.is(patched.status, 200, JSON.stringify(patched.json));

  const s = await openAs(env, '/', 'finances@jalon.test');
  await s.page.waitForURL(/\/dashboard/);
  const list = s.page.locator('jalon-review-list');
  const rows = list.locator('[data-testid="review-list"] tbody tr[data-id]');
  await rows.first().waitFor();
  /** Once the list has read its filters again: every row matches `re`. */
  const allRows = (re: RegExp) =>
    eventually(async () => {
      const texts = await rows.allInnerTexts();
      assert.ok(texts.length > 0, 'rows');
      for (const text of texts) assert.match(text, re);
    });

  // Filter by action: only EXE-CRISE rows remain
  const exe = await list.locator('#rv-actionId option', { hasText: /^EXE-CRISE$/ }).getAttribute('value');
  await list.locator('#rv-actionId').selectOption(exe!);
  await s.page.waitForFunction(
    () => {
      const root = document
        .querySelector('app-shell')
        ?.shadowRoot?.querySelector('jalon-dashboard-page')
        ?.shadowRoot?.querySelector('jalon-review-list')?.shadowRoot;
      const cells = [...(root?.querySelectorAll('[data-testid="review-list"] tbody tr td:nth-of-type(2)') ?? [])];
      return cells.length > 0 && cells.every((c) => c.textContent?.trim() === 'EXE-CRISE');
    },
    undefined,
    { timeout: 5_000 },
  );
  // Search an establishment by name: its rows only
  const shown = await rows.count();
  await list.getByLabel('Établissement (nom ou FINESS)').fill('Rambouillet');
  await allRows(/Rambouillet[\s\S]*EXE-CRISE/);
  assert.ok((await rows.count()) < shown, 'the search narrows the list');
  await list.locator('#rv-actionId').selectOption('');
  await list.getByLabel('Établissement (nom ou FINESS)').fill(d1.finess);

  // The avenant: old → new per year, and the difference
  const avenantRow = list.locator(`tr[data-id="${d1.id}"]`);
  await avenantRow.waitFor();
  const change = avenantRow.locator('[data-testid="avenant-change"]');
  const line = await change.locator('li').first().innerText();
  assert.is(line, `${year} : ${euros(d1.amounts[year])} → ${euros(next[year])} (+\u00a0${euros(1_000_000)})`);
  assert.match(await change.locator('li.total').innerText(), /^Total : .+ → .+ \(\+\u00a010\u202f000,00\u00a0€\)$/);
  assert.match(await avenantRow.innerText(), /avenant proposé le .+ par planif@jalon\.test/);
  await checkPage(s, 'review-avenant');
  await list.getByLabel('Établissement (nom ou FINESS)').fill('');

  // Announced credits: no approval offered, the row cannot be selected; the server would refuse it
  const envValue = (code: string) => list.locator('#rv-envelopeId option', { hasText: code }).getAttribute('value');
  await list.locator('#rv-envelopeId').selectOption((await envValue('CARE-ANNONCE'))!);
  await allRows(/CARE-ANNONCE[\s\S]*Crédits annoncés, non engagés : pas d’approbation possible\./);
  assert.is(await rows.getByRole('button', { name: /^Approuver/ }).count(), 0);
  assert.ok(await rows.first().getByRole('checkbox').isDisabled());
  const announcedId = (await rows.first().getAttribute('data-id'))!;
  const direct = await reviewerApi('POST', `/api/allocations/${announcedId}/approve`);
  assert.is(direct.status, 422);

  // Two proposals on a committed envelope, selected; one changes behind the page before the
  // confirmation: the dialog shows the API's refusal (412), nothing is approved
  await list.locator('#rv-envelopeId').selectOption((await envValue('FIR-EXE-IDF'))!);
  await allRows(/FIR-EXE-IDF/);
  assert.ok((await rows.count()) >= 2, 'two FIR proposals');
  const picked: Array<{ id: string; cents: number }> = [];
  for (const i of [0, 1]) {
    const row = rows.nth(i);
    await row.getByRole('checkbox').check();
    picked.push({
      id: (await row.getAttribute('data-id'))!,
      cents: cents((await row.locator('td.num').innerText()).split('\n')[0]!),
    });
  }
  let total = picked[0]!.cents + picked[1]!.cents;
  const bar = list.locator('[data-testid="bulk-bar"]');
  assert.match(await bar.innerText(), new RegExp(`2 dotations sélectionnées, ${euros(total)}`));
  const moved = await planner('GET', `/api/allocations/${picked[1]!.id}`);
  const year1 = Object.keys(moved.json.amounts).sort()[0]!;
  const edit = await planner(
    'PATCH',
    `/api/allocations/${picked[1]!.id}`,
    { amounts: { ...moved.json.amounts, [year1]: moved.json.amounts[year1] + 100_00 } },
    { 'if-match': moved.etag! },
  );
  assert.is(edit.status, 200);
  await list.getByRole('button', { name: 'Approuver la sélection' }).click();
  const dialog = list.locator('[data-testid="approve-dialog"]');
  await dialog.getByRole('heading', { name: `Approuver 2 dotations pour ${euros(total)} ?` }).waitFor();
  await dialog.getByRole('button', { name: 'Confirmer l’approbation' }).click();
  const refusal = await dialog.locator('[data-testid="approve-error"]').innerText();
  // (the API's messages put a plain space before « € »)
  const plain = (c: number) => formatEuros(c, { space: ' ' });
  assert.match(refusal, new RegExp(`désormais ${plain(total + 100_00)}, et non ${plain(total)}`));
  assert.match(refusal, /Aucune allocation n’a été approuvée/);
  await checkPage(s, 'review-refused');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  for (const p of picked) assert.is((await reviewerApi('GET', `/api/allocations/${p.id}`)).json.status, 'proposed');
  // the list is read again and the selection follows: the confirmation states the new total
  total += 100_00;
  await bar.filter({ hasText: `2 dotations sélectionnées, ${euros(total)}` }).waitFor();
  await list.getByRole('button', { name: 'Approuver la sélection' }).click();
  await dialog.getByRole('heading', { name: `Approuver 2 dotations pour ${euros(total)} ?` }).waitFor();
  await checkPage(s, 'review-confirm');
  await dialog.getByRole('button', { name: 'Confirmer l’approbation' }).click();
  await list
    .locator('[data-testid="review-live"]', { hasText: `2 dotations approuvées pour ${euros(total)}.` })
    .waitFor();
  for (const p of picked) {
    const a = (await reviewerApi('GET', `/api/allocations/${p.id}`)).json;
    assert.equal([a.status, a.approvedBy], ['approved', 'finances@jalon.test']);
    // the list is read again after the approval: the row leaves once that answer is in
    await list.locator(`tr[data-id="${p.id}"]`).waitFor({ state: 'detached' });
  }
  await checkPage(s, 'review-bulk-approved');

  // Withdraw one of those approvals, with a reason, from « Approuvées »
  await list.getByRole('button', { name: /^Approuvées/ }).click();
  const approved = list.locator(`[data-testid="approved-list"] tr[data-id="${picked[0]!.id}"]`);
  await approved.waitFor();
  assert.match(await approved.innerText(), /approuvée le .+ par finances@jalon\.test/);
  await approved.getByRole('button', { name: /^Retirer l’approbation/ }).click();
  await approved.getByRole('button', { name: 'Confirmer le retrait' }).click();
  assert.is((await reviewerApi('GET', `/api/allocations/${picked[0]!.id}`)).json.status, 'approved', 'reason required');
  await approved.getByLabel('Motif du retrait').fill('Convention non signée par l’établissement');
  await approved.getByRole('button', { name: 'Confirmer le retrait' }).click();
  await list.locator('[data-testid="review-live"]', { hasText: 'Approbation retirée' }).waitFor();
  const back = (await reviewerApi('GET', `/api/allocations/${picked[0]!.id}`)).json;
  assert.equal(
    [back.status, back.unapprovedBy, back.unapprovalReason],
    ['proposed', 'finances@jalon.test', 'Convention non signée par l’établissement'],
  );
  assert.is(back.engagements.at(-1).amounts[Object.keys(back.amounts)[0]!] < 0, true);
  // an approval with payments shows why it cannot be withdrawn
  await list.locator('#rv-envelopeId').selectOption((await envValue('SUPP-2023'))!);
  await list.locator('[data-testid="approved-list"]', { hasText: 'Versements enregistrés' }).waitFor();
  await checkPage(s, 'review-approved');

  // On a phone: cards, no sideways scroll, every button reachable, in both views
  await fitsPhone(s.page, 'approved view at 390 px');
  await reachable(s.page, list, 'approved view at 390 px');
  await list.locator('#rv-envelopeId').selectOption('');
  await list.getByRole('button', { name: /^À examiner/ }).click();
  await rows.first().waitFor();
  const card = await rows.first().evaluate((tr) => getComputedStyle(tr).display);
  assert.is(card, 'block', 'rows are cards at 390 px');
  await rows.first().getByRole('checkbox').check();
  await fitsWindow(s.page, 'review list at 390 px');
  await reachable(s.page, list, 'review list at 390 px');
  await checkPage(s, 'review-390');
  await list.getByRole('button', { name: 'Approuver la sélection' }).click();
  await dialog.getByRole('heading', { name: /^Approuver 1 dotation pour/ }).waitFor();
  await fitsWindow(s.page, 'confirmation at 390 px');
  await reachable(s.page, dialog, 'confirmation at 390 px');
  await checkPage(s, 'review-confirm-390');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await s.context.close();
});

e2e.run();
