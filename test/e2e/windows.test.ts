// The windows page (« Guichets ») in Chromium, on the demo plan: a national planner creates a
// window with two objectives and a cap (shares adding up to 90 % refused beside the objectives,
// nothing created; then 60 + 40), edits its cap, extends the applications' close with a reason
// (an earlier date refused in the dialog) and the timeline shows it; an establishment sees the
// window, that it is eligible and its cap, applies through the API; a reviewer reads the funnel,
// equal to the API's, without an edit control; an ARS planner its region's; once applied to, a
// new cap and the window's deletion are refused beside them and the name still edits; a window
// nobody applied to is deleted from its page; D1's unmet tranches are freed once (the page says how
// many and how much, as the API answered), a second time frees nothing. Every page: axe, no
// console error, 390 px.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { browserSuite, cents, checkPage, fitsPhone, openAs, shot } from './browser.js';

const e2e = browserSuite('e2e windows');

/** Today in Paris and days around it, AAAA-MM-JJ: the server's clock is the real one. */
const parisDay = (offset = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + offset * 86_400_000));
const PHASES = {
  applicationsOpen: parisDay(-7),
  applicationsClose: parisDay(14),
  instructionEnd: parisDay(30),
  declarationsOpen: parisDay(31),
  declarationsClose: parisDay(120),
  arsChecksEnd: parisDay(150),
  ansChecksEnd: parisDay(180),
};
const LABELS: Record<keyof typeof PHASES, string> = {
  applicationsOpen: 'Ouverture des candidatures',
  applicationsClose: 'Clôture des candidatures',
  instructionEnd: 'Fin de l’instruction par les ARS',
  declarationsOpen: 'Ouverture des déclarations d’objectifs',
  declarationsClose: 'Clôture des déclarations d’objectifs',
  arsChecksEnd: 'Fin des contrôles ARS',
  ansChecksEnd: 'Fin des contrôles ANS',
};
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${iso}T00:00:00Z`))
    .replace(/^1 /, '1er ');

const CODE = 'E2E-D1';
const NAME = 'D1 bis — Annuaires et exposition (essai)';
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
/** A row of the form (objective, cap): a group named by its legend. */
const row = (page: Page, name: string) => page.locator('jalon-window-form').getByRole('group', { name, exact: true });
const api = <T>(page: Page, path: string, init?: { method: string; body?: unknown; rev?: string }) =>
  page.evaluate(
    async ([p, i]) => {
      const r = await fetch(p, {
        method: i?.method ?? 'GET',
        headers: {
          Accept: 'application/json',
          ...(i?.body ? { 'Content-Type': 'application/json' } : {}),
          ...(i?.rev ? { 'If-Match': `"${i.rev}"` } : {}),
        },
        body: i?.body ? JSON.stringify(i.body) : undefined,
      });
      return { status: r.status, body: await r.json() };
    },
    [path, init] as const,
  ) as Promise<{ status: number; body: T }>;
type Win = { id: string; rev: string; code: string; caps: Array<{ capCents: number }>; extensions?: unknown[] };
const windowOf = async (page: Page) =>
  (await api<{ items: Win[] }>(page, `/api/windows?code=${CODE}`)).body.items.find((w) => w.code === CODE);

let windowId = '';

e2e(
  'national planner: a window with two objectives and a cap (90 % refused beside the objectives), edited, a phase extended with its reason',
  async ({ env }) => {
    const s = await openAs(env, '/windows', 'planif@jalon.test');
    const page = s.page;
    await page.getByRole('heading', { name: 'Guichets', level: 1 }).waitFor();
    await page.getByTestId('windows-table').waitFor();
    const before = (await api<{ total: number }>(page, '/api/windows')).body.total;

    await page.getByRole('button', { name: 'Nouveau guichet' }).click();
    await field(page, 'Code du guichet').fill(CODE);
    await field(page, 'Nom').fill(NAME);
    await field(page, 'Arrêté').fill('Arrêté du 30 janvier 2026');
    await page.getByLabel('Enveloppe', { exact: true }).selectOption('env-care-d1');
    await page.getByLabel('Action financée', { exact: true }).selectOption('act-d1-ad');
    await page.getByLabel('Exercice imputé').selectOption('2025');
    for (const [phase, date] of Object.entries(PHASES))
      await field(page, LABELS[phase as keyof typeof PHASES]).fill(date);
    await row(page, 'Objectif 1').getByLabel('Code', { exact: true }).fill('D1B-AD');
    await row(page, 'Objectif 1').getByLabel('Intitulé').fill('Annuaire technique durci');
    await row(page, 'Objectif 1').getByLabel('Part (%)').fill('60');
    await page.getByRole('button', { name: 'Ajouter un objectif' }).click();
    await row(page, 'Objectif 2').getByLabel('Code', { exact: true }).fill('D1B-EXPO');
    await row(page, 'Objectif 2').getByLabel('Intitulé').fill('Exposition sur Internet maîtrisée');
    await row(page, 'Objectif 2').getByLabel('Part (%)').fill('30');
    assert.match(await page.getByTestId('shares-total').innerText(), /^Total des parts : 90\s%\s\(il faut 100 %\)\.$/);
    await row(page, 'Plafond 1').getByLabel('Catégorie').selectOption('public');
    await row(page, 'Plafond 1').getByLabel('Plafond (€)').fill('50 000,00');
    await checkPage(s, 'windows-01-form');
    await fitsPhone(page, '/windows form', { buttons: true });
    await shot(page, 'windows-02-form-390');
    await page.setViewportSize({ width: 1440, height: 1000 });

    // the API refuses shares that do not add up to 100 %: beside the objectives, nothing created
    await page.getByRole('button', { name: 'Créer le guichet' }).click();
    const refusal = page.getByTestId('objectives-error');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /font 90 % : elles doivent faire exactement 100 %/);
    assert.is((await api<{ total: number }>(page, '/api/windows')).body.total, before, 'nothing created');
    await checkPage(s, 'windows-03-shares-refused');

    await row(page, 'Objectif 2').getByLabel('Part (%)').fill('40');
    assert.match(await page.getByTestId('shares-total').innerText(), /^Total des parts : 100\s%$/);
    await page.getByRole('button', { name: 'Créer le guichet' }).click();
    await page.getByText(`Guichet créé : ${CODE}.`).waitFor();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    assert.match(page.url(), /\/windows\?id=win-/);
    const created = await windowOf(page);
    assert.ok(created, 'created');
    windowId = created!.id;
    assert.equal(
      (await page.getByTestId('objectives').locator('tbody tr').allInnerTexts()).map((r) =>
        r.replace(/\s+/g, ' ').trim(),
      ),
      ['D1B-AD Annuaire technique durci 60 %', 'D1B-EXPO Exposition sur Internet maîtrisée 40 %'],
    );
    const capCell = page.getByTestId('caps').locator('tbody tr td.num');
    assert.is(cents(await capCell.innerText()), 50_000_00);
    assert.match(
      await page.getByTestId('caps').locator('tbody tr').innerText(),
      /Établissement[\s\S]*Public[\s\S]*0 ETP et plus/,
    );
    // today falls in the applications: the standing says so with their dates
    assert.match(
      await page.locator('.standing').innerText(),
      new RegExp(`Candidatures du ${longDate(PHASES.applicationsOpen)} au ${longDate(PHASES.applicationsClose)}`),
    );
    // the timeline: seven dates in order, « aujourd'hui » between the opening and the close
    const steps = page.locator('jalon-window-timeline ol > li');
    assert.is(await steps.count(), 8);
    assert.is(await steps.nth(1).getAttribute('aria-current'), 'date');
    assert.match(await steps.nth(1).innerText(), /^Aujourd’hui : /);
    assert.match(await steps.nth(0).innerText(), /Ouverture des candidatures/);
    // its declarations are to come: nothing to free yet
    assert.is(await page.locator('jalon-window-free-unmet').count(), 0);
    await checkPage(s, 'windows-04-window');

    // edit: the cap becomes 60 000,00 € (only what changed is sent)
    await page.getByRole('button', { name: 'Modifier le guichet' }).click();
    assert.is(await page.locator('jalon-window-form [data-testid="code"]').innerText(), CODE);
    await row(page, 'Plafond 1').getByLabel('Plafond (€)').fill('60 000,00');
    const patch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes(`/api/windows/${windowId}`));
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    assert.equal(Object.keys((await patch).postDataJSON() as object), ['caps']);
    await page.getByText(`Guichet enregistré : ${CODE}.`).waitFor();
    await page.waitForFunction(() =>
      document
        .querySelector('app-shell')
        ?.shadowRoot?.querySelector('jalon-windows-page')
        ?.shadowRoot?.querySelector('jalon-window-details')
        ?.shadowRoot?.querySelector('[data-testid="caps"] td.num')
        ?.textContent?.includes('60'),
    );
    assert.is(cents(await capCell.innerText()), 60_000_00);
    assert.is((await windowOf(page))!.caps[0]!.capCents, 60_000_00);

    // extend: an earlier date is refused in the dialog, then a later one with its reason
    await page.getByRole('button', { name: 'Prolonger une phase' }).click();
    const dialog = page.getByTestId('extend-dialog');
    await dialog.getByLabel('Phase').selectOption('applicationsClose');
    await dialog.getByLabel('Nouvelle date').fill(parisDay(10));
    await dialog.getByLabel('Motif').fill('Demande des ARS : délais de signature des établissements');
    await dialog.getByRole('button', { name: 'Prolonger' }).click();
    const toNote = dialog.locator('#we-to-note');
    await toNote.waitFor();
    assert.match(await toNote.innerText(), /^Postérieure au \d{2}\/\d{2}\/\d{4} attendue\.$/);
    assert.is((await windowOf(page))!.extensions, undefined, 'nothing extended');
    await checkPage(s, 'windows-05-extend-refused');
    const later = parisDay(21);
    await dialog.getByLabel('Nouvelle date').fill(later);
    await dialog.getByRole('button', { name: 'Prolonger' }).click();
    await page.getByText(`Phase prolongée : Clôture des candidatures au ${longDate(later)}.`).waitFor();
    const moved = page.locator('jalon-window-timeline li[data-phase="applicationsClose"]');
    await moved.getByTestId('extensions').waitFor();
    assert.is(
      (await moved.getByTestId('extensions').innerText()).trim(),
      `Prolongée du ${longDate(PHASES.applicationsClose)} au ${longDate(later)} : Demande des ARS : délais de signature des établissements`,
    );
    assert.match(await moved.locator('time').innerText(), new RegExp(longDate(later)));
    assert.is((await windowOf(page))!.extensions!.length, 1);
    await checkPage(s, 'windows-06-extended');
    await fitsPhone(page, '/windows?id= (planner)', { buttons: true });
    await shot(page, 'windows-07-window-390');
    await s.context.close();
  },
);

e2e(
  'establishment: the window listed, eligible with its cap, an application made; the way to /applications',
  async ({ env }) => {
    assert.ok(windowId, 'the planner created the window');
    const s = await openAs(env, '/windows', 'etab.versailles@jalon.test');
    const page = s.page;
    await page.getByRole('heading', { name: 'Guichets', level: 1 }).waitFor();
    const row = page.locator(`tr[data-window="${CODE}"]`);
    await row.waitFor();
    assert.match(await row.getByTestId('standing').innerText(), /^Candidatures du /);
    assert.is(await page.getByRole('button', { name: 'Nouveau guichet' }).count(), 0);
    await checkPage(s, 'windows-08-establishment-list');
    await fitsPhone(page, '/windows (establishment)');
    await page.setViewportSize({ width: 1440, height: 1000 });

    await row.getByRole('link', { name: `${NAME} (${CODE})` }).click();
    const you = page.getByTestId('eligibility');
    await you.getByText('Éligible', { exact: true }).waitFor();
    assert.is(cents((await you.getByTestId('cap').innerText()).replace('Votre plafond : ', '')), 60_000_00);
    const eligibility = await api<{ eligible: boolean; capCents: number }>(
      page,
      `/api/windows/${windowId}/eligibility?finess=780000014`,
    );
    assert.equal([eligibility.body.eligible, eligibility.body.capCents], [true, 60_000_00]);
    assert.is(
      await you.getByRole('link', { name: 'Candidater ou suivre votre dossier' }).getAttribute('href'),
      `/applications?windowId=${windowId}`,
    );
    assert.is(await page.getByRole('button', { name: 'Modifier le guichet' }).count(), 0);
    assert.is(await page.locator('jalon-window-funnel').count(), 0, 'the funnel is staff only');

    // an application (the applications page is another's): the window's page then names it
    const made = await api<{ id: string; rev: string }>(page, `/api/windows/${windowId}/applications`, {
      method: 'POST',
      body: { finess: '780000014', objectives: ['D1B-AD', 'D1B-EXPO'], requestedCents: 45_000_00 },
    });
    assert.is(made.status, 201);
    const sent = await api(page, `/api/applications/${made.body.id}/submit`, { method: 'POST', rev: made.body.rev });
    assert.is(sent.status, 200);
    await page.reload();
    await page.getByTestId('own-application').waitFor();
    assert.is(await page.getByTestId('own-application').innerText(), 'Votre dossier : déposé, en instruction.');
    await checkPage(s, 'windows-09-establishment-window');
    await fitsPhone(page, '/windows?id= (establishment)', { buttons: true });
    await shot(page, 'windows-10-establishment-390');
    await s.context.close();
  },
);

e2e('a GHT’s support establishment: the window says its GHT’s eligibility beside its own', async ({ env }) => {
  assert.ok(windowId, 'the planner created the window');
  // Given CH Sud Francilien, support of GHT Île-de-France Sud; the window caps establishments only
  const s = await openAs(env, `/windows?id=${windowId}`, 'etab.corbeil@jalon.test');
  const page = s.page;
  const you = page.getByTestId('eligibility');
  await you.getByText('Éligible', { exact: true }).waitFor();
  assert.is(cents((await you.getByTestId('cap').innerText()).replace('Votre plafond : ', '')), 60_000_00);
  // Then its GHT's line: not eligible, with the API's reason
  const ght = you.getByTestId('ght-eligibility');
  await ght.waitFor();
  const api = await page.request.get(
    `${env.base}/api/windows/${windowId}/eligibility?ghtCode=${encodeURIComponent('GHT Île-de-France Sud')}`,
  );
  const e = (await api.json()) as { eligible: boolean; reasons: string[] };
  assert.is(e.eligible, false);
  assert.is(
    (await ght.innerText()).trim(),
    `Pour le GHT Île-de-France Sud (Essonne) : non éligible. ${e.reasons.join(' ')}`,
  );
  await you.getByRole('link', { name: 'Candidater ou suivre votre dossier' }).waitFor();
  await checkPage(s, 'windows-09b-ght-support');
  await s.context.close();
});

e2e(
  'reviewer: the funnel as a table and a chart, equal to the API, by region and category; no edit control',
  async ({ env }) => {
    assert.ok(windowId, 'the planner created the window');
    const s = await openAs(env, `/windows?id=${windowId}`, 'finances@jalon.test');
    const page = s.page;
    const total = page.locator('jalon-window-funnel [data-testid="funnel-total"]');
    await total.waitFor();
    const funnel = (
      await api<{
        stages: Array<{ stage: string; label: string }>;
        total: { stages: Record<string, { count: number; establishments: number; cents: number }> };
        byRegion: Array<{ key: string }>;
        shares: { cappedBp: number };
      }>(page, `/api/windows/${windowId}/funnel`)
    ).body;
    assert.is(funnel.total.stages.applied!.count, 1);
    assert.is(funnel.total.stages.applied!.cents, 45_000_00);
    for (const { stage, label } of funnel.stages) {
      const cells = await total.locator(`tr[data-stage="${stage}"] > *`).allInnerTexts();
      const c = funnel.total.stages[stage]!;
      assert.equal(
        [cells[0], Number(cells[1]!.replace(/\s/g, '')), Number(cells[2]!.replace(/\s/g, '')), cents(cells[3]!)],
        [label, c.count, c.establishments, c.cents],
        stage,
      );
    }
    assert.is(
      await page.locator('jalon-window-funnel [data-testid="funnel-regions"] tbody tr').count(),
      funnel.byRegion.length,
    );
    assert.ok(
      await page.locator('jalon-window-funnel [data-testid="funnel-regions"] tbody tr[data-key="11"]').count(),
      'Île-de-France, where the application comes from',
    );
    assert.ok(await page.locator('jalon-window-funnel [data-testid="funnel-categories"] tbody tr').count());
    await page.locator('jalon-window-funnel jalon-chart').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () =>
        (
          document
            .querySelector('app-shell')
            ?.shadowRoot?.querySelector('jalon-windows-page')
            ?.shadowRoot?.querySelector('jalon-window-funnel')
            ?.shadowRoot?.querySelector('jalon-chart') as (Element & { drawn?: boolean }) | null
        )?.drawn,
    );
    assert.match(await page.getByTestId('plan-figures').innerText(), /Candidatures\s+1\b/);
    assert.is(await page.getByRole('button', { name: 'Modifier le guichet' }).count(), 0);
    assert.is(await page.getByRole('button', { name: 'Prolonger une phase' }).count(), 0);
    await checkPage(s, 'windows-11-reviewer-funnel');
    await fitsPhone(page, '/windows?id= (reviewer)', { buttons: true });
    await shot(page, 'windows-12-reviewer-390');
    await s.context.close();
  },
);

e2e(
  'ARS planner: the funnel of its region only, said on the page; no edit control (windows are national)',
  async ({ env }) => {
    assert.ok(windowId, 'the planner created the window');
    const s = await openAs(env, `/windows?id=${windowId}`, 'ars.idf.planif@jalon.test');
    const page = s.page;
    const regions = page.locator('jalon-window-funnel [data-testid="funnel-regions"] tbody tr');
    await regions.first().waitFor();
    await page.getByText('Restreint à votre région : Île-de-France.').waitFor();
    assert.equal(await regions.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key'))), ['11']);
    const funnel = (
      await api<{ region: string; total: { stages: { applied: { count: number } } } }>(
        page,
        `/api/windows/${windowId}/funnel`,
      )
    ).body;
    assert.is(funnel.region, '11');
    const applied = await page
      .locator('jalon-window-funnel [data-testid="funnel-total"] tr[data-stage="applied"] td')
      .first()
      .innerText();
    assert.is(Number(applied), funnel.total.stages.applied.count);
    assert.is(await page.getByRole('button', { name: 'Modifier le guichet' }).count(), 0);
    assert.is(await page.getByRole('button', { name: 'Prolonger une phase' }).count(), 0);
    await checkPage(s, 'windows-13-ars-funnel');
    await s.context.close();
  },
);

e2e(
  'national planner, once applied to: a new cap refused beside the caps, nothing changed; the name still edits',
  async ({ env }) => {
    assert.ok(windowId, 'the planner created the window');
    const s = await openAs(env, `/windows?id=${windowId}`, 'planif@jalon.test');
    const page = s.page;
    await page.getByRole('button', { name: 'Modifier le guichet' }).click();
    await row(page, 'Plafond 1').getByLabel('Plafond (€)').fill('70 000,00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const refusal = page.getByTestId('caps-error');
    await refusal.waitFor();
    assert.is(await refusal.innerText(), 'Non modifiable : des candidatures existent.');
    assert.is((await windowOf(page))!.caps[0]!.capCents, 60_000_00, 'nothing changed');
    await checkPage(s, 'windows-14-caps-refused');
    await row(page, 'Plafond 1').getByLabel('Plafond (€)').fill('60 000,00');
    await field(page, 'Nom').fill(`${NAME} — renommé`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(`Guichet enregistré : ${CODE}.`).waitFor();
    await page.getByRole('heading', { name: `${NAME} — renommé`, level: 1 }).waitFor();

    // its deletion is refused, the API's reason beside the button, nothing deleted
    await page.getByRole('button', { name: `Supprimer le guichet ${NAME} — renommé` }).click();
    await page
      .getByRole('group')
      .getByText(/^Supprimer le guichet « .* » \?/)
      .waitFor();
    await page.getByRole('button', { name: 'Supprimer le guichet', exact: true }).click();
    const refused = page.getByTestId('refusal');
    await refused.waitFor();
    assert.is(
      await refused.innerText(),
      `Des candidatures ont été déposées sur le guichet ${CODE} : il ne peut pas être supprimé.`,
    );
    assert.ok(await windowOf(page), 'not deleted');
    assert.match(page.url(), new RegExp(`/windows\\?id=${windowId}$`));
    await checkPage(s, 'windows-15-delete-refused');
    await s.context.close();
  },
);

e2e(
  'national planner: a window nobody applied to is deleted from its page; the list no longer has it',
  async ({ env }) => {
    const s = await openAs(env, '/windows', 'planif@jalon.test');
    const page = s.page;
    // Given a window created through the API (the form is tested above), with no application
    const made = await api<{ id: string }>(page, '/api/windows', {
      method: 'POST',
      body: {
        code: 'E2E-DEL',
        name: 'Guichet créé par erreur',
        envelopeId: 'env-care-d1',
        actionId: 'act-d1-ad',
        year: '2025',
        reference: 'Arrêté de test',
        phases: PHASES,
        objectives: [{ code: 'DEL-1', title: 'Objectif unique', shareBp: 10_000 }],
        eligibility: {},
        caps: [{ applicant: 'establishment', minStaff: 0, capCents: 10_000_00 }],
      },
    });
    assert.is(made.status, 201, JSON.stringify(made.body));
    await page.goto(`${env.base}/windows?id=${made.body.id}`);
    await page.getByRole('heading', { name: 'Guichet créé par erreur', level: 1 }).waitFor();
    // When the planner deletes it and confirms
    await page.getByRole('button', { name: 'Supprimer le guichet Guichet créé par erreur' }).click();
    const question = page.getByRole('group').getByText(/^Supprimer le guichet « Guichet créé par erreur » \?/);
    await question.waitFor();
    await checkPage(s, 'windows-16-delete-confirm');
    await fitsPhone(page, '/windows?id= deletion (planner)', { buttons: true });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.getByRole('button', { name: 'Supprimer le guichet', exact: true }).click();
    // Then the list, with the notice, without it; the API no longer knows it
    await page.getByText('Guichet supprimé : E2E-DEL.').waitFor();
    await page.getByRole('heading', { name: 'Guichets', level: 1 }).waitFor();
    assert.match(page.url(), /\/windows$/);
    await page.getByTestId('windows-table').waitFor();
    assert.is(await page.locator('tr[data-window="E2E-DEL"]').count(), 0);
    await checkPage(s, 'windows-17-deleted');
    // outside the page, which would log the 404 in its console
    assert.is((await page.request.get(`${env.base}/api/windows/${made.body.id}`)).status(), 404);
    await s.context.close();
  },
);

type Freed = { count: number; cents: number; tranches: Array<{ allocationId: string; code: string }> };

e2e(
  'national planner: D1’s unmet tranches freed once, the count and amount as the API answered; a second time frees nothing',
  async ({ env }) => {
    // Given D1 (demo), whose declarations closed on 30 June 2025 and ANS checks on 31 December 2025
    const s = await openAs(env, '/windows?id=win-d1', 'planif@jalon.test');
    const page = s.page;
    const box = page.locator('jalon-window-free-unmet');
    await box.getByRole('heading', { name: 'Tranches non atteintes' }).waitFor();
    assert.is(await box.getByTestId('freed-at').count(), 0, 'never freed before');
    // When the planner asks, the confirmation says what is freed; then confirms
    await box.getByRole('button', { name: 'Libérer les tranches non atteintes' }).click();
    await box
      .getByRole('group')
      .getByText(/^Libérer les tranches non atteintes du guichet D1 \?/)
      .waitFor();
    await checkPage(s, 'windows-18-free-confirm');
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/free-unmet'));
    await box.getByRole('button', { name: 'Confirmer la libération' }).click();
    const freed = (await (await answered).json()) as Freed;
    assert.ok(freed.count > 0, 'the demo leaves D1 objectives not achieved');
    // Then the page says the API's count and amount
    const said = box.getByTestId('freed');
    await said.waitFor();
    const m = /^(\d[\d\s\u202f]*) tranches? libérées? : (.+) rendus à l’enveloppe\./.exec(await said.innerText());
    assert.ok(m, await said.innerText());
    assert.equal([Number(m![1]!.replace(/\s/g, '')), cents(m![2]!)], [freed.count, freed.cents]);
    // each tranche freed carries freedAt on its allocation, and the window its date
    const first = freed.tranches[0]!;
    const al = await api<{ tranches: Array<{ code: string; freedAt?: string }> }>(
      page,
      `/api/allocations/${first.allocationId}`,
    );
    assert.ok(al.body.tranches.find((tr) => tr.code === first.code)?.freedAt, 'freed on its allocation');
    await box.getByTestId('freed-at').waitFor();
    await checkPage(s, 'windows-19-freed');
    await fitsPhone(page, '/windows?id=win-d1 freed (planner)', { buttons: true });
    await page.setViewportSize({ width: 1440, height: 1000 });

    // a second time frees nothing more
    await box.getByRole('button', { name: 'Libérer les tranches non atteintes' }).click();
    const again = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/free-unmet'));
    await box.getByRole('button', { name: 'Confirmer la libération' }).click();
    assert.is(((await (await again).json()) as Freed).count, 0);
    await box.getByText(/^Aucune tranche à libérer/).waitFor();
    await s.context.close();
  },
);

e2e.run();
