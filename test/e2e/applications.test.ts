// A whole funding window in Chromium, on the demo plan: a national planner opens a window through
// the API with its phases around today; Versailles' account sees it with its cap, prepares an
// application (an amount above the cap refused beside its field), submits it; the Île-de-France ARS
// planner grants it (the amount up to the cap); the establishment sees its objectives with their
// deadlines and tranches, declares one with a PDF (a text file named .pdf refused by the API,
// shown beside the field); the ARS checks it conforme (the evidence downloads as an attachment),
// a national reviewer checks it conforme at the ANS level, and records the payment from
// « À verser » on the payments page; the establishment then reads « Atteint » and what was paid.
// CH Sud Francilien, support of GHT Île-de-France Sud, applies for its GHT (its own cap and the
// GHT's, the choice in the form), and the ARS's grant dialog offers up to the GHT's cap.
// Every page: axe, no console error, screenshots, no sideways scroll at 390 px.
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { parisDay } from '../../shared/dates.js';
import { SHOTS, browserSuite, cents, checkPage, fitsPhone, openAs } from './browser.js';

const e2e = browserSuite('e2e applications');
const VERSAILLES = '780000014';
const CHSF = '910000017';
const CODE = 'E2E-GUICHET';
const NAME = 'Guichet de bout en bout';

const day = (offset: number) => parisDay(new Date(Date.now() + offset * 86_400_000));
const frenchDay = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${iso}T00:00:00Z`))
    .replace(/^1 /, '1er ');

type Cap = { applicant: 'establishment' | 'ght'; minStaff: number; capCents: number };

/** A window opened today by a national planner (through the API, as its page does): phases
 *  around today, by default one cap of 200 000 € for any establishment. Its id. */
const openWindow = async (
  page: Page,
  base: string,
  code: string,
  name: string,
  objectives: Array<{ code: string; title: string; shareBp: number }>,
  caps: Cap[] = [{ applicant: 'establishment', minStaff: 0, capCents: 20_000_000 }],
): Promise<string> => {
  const created = await page.request.post(`${base}/api/windows`, {
    data: {
      code,
      name,
      envelopeId: 'env-care-d1',
      actionId: 'act-d1-expo',
      // a year of CARE-D1's split (2024, 2025): the demo's D1 window charges 2024, 2025 has room
      year: '2025',
      reference: 'Arrêté de test',
      phases: {
        applicationsOpen: day(-10),
        applicationsClose: day(10),
        instructionEnd: day(20),
        declarationsOpen: day(-5),
        declarationsClose: day(30),
        arsChecksEnd: day(40),
        ansChecksEnd: day(50),
      },
      objectives,
      eligibility: {},
      caps,
    },
  });
  assert.is(created.status(), 201, await created.text());
  return ((await created.json()) as { id: string }).id;
};

/** The card of the test window's application on the establishment's page. */
const card = (page: Page) => page.locator('jalon-application-card', { hasText: NAME });

e2e('a whole window: apply, grant, declare with a PDF, ARS and ANS checks, pay from « À verser »', async ({ env }) => {
  // Given a window opened today by a national planner (through the API, as its page does)
  const planner = await openAs(env, '/login', 'planif@jalon.test');
  await openWindow(planner.page, env.base, CODE, NAME, [
    { code: 'E2E-1', title: 'Annuaire technique durci', shareBp: 6000 },
    { code: 'E2E-2', title: 'Exposition internet maîtrisée', shareBp: 4000 },
  ]);
  await planner.context.close();

  // When the establishment opens « Candidatures »: the window, until when, its cap
  const etab = await openAs(env, '/applications', 'etab.versailles@jalon.test');
  const page = etab.page;
  const offer = page.locator(`li[data-window="${CODE}"]`);
  await offer.waitFor();
  assert.match(await offer.innerText(), new RegExp(`Candidatures jusqu’au ${frenchDay(day(10))}`));
  assert.is(cents((await offer.getByTestId('cap').innerText()).replace('Votre plafond :', '')), 20_000_000);
  await checkPage(etab, 'applications-01-establishment');
  await page.getByRole('button', { name: `Préparer une candidature : ${NAME}` }).click();
  // above the cap: refused beside the field, nothing sent
  const amount = page.getByLabel('Montant demandé (€)');
  await amount.fill('250 000');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  assert.is(await amount.getAttribute('aria-invalid'), 'true');
  assert.match(await offer.locator('.field-error').innerText(), /au-dessus de votre plafond \(200\s000,00\s€\)/);
  await checkPage(etab, 'applications-02-form-refused');
  await amount.fill('12 000');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await card(page).getByTestId('state').getByText('Brouillon').waitFor();
  await page.getByRole('button', { name: 'Déposer la candidature' }).click();
  await card(page).getByTestId('state').getByText('Déposée').waitFor();
  await page.getByText(`Candidature au guichet « ${NAME} » déposée`).waitFor();
  await checkPage(etab, 'applications-03-submitted');

  // Then the Île-de-France ARS planner grants it, 12 000 € prefilled
  const ars = await openAs(env, '/applications', 'ars.idf.planif@jalon.test');
  const row = ars.page.getByTestId('to-instruct').locator(`tr[data-finess="${VERSAILLES}"]`, { hasText: NAME });
  await row.waitFor();
  assert.ok(Number(await ars.page.getByTestId('count-instruct').innerText()) >= 1);
  await checkPage(ars, 'applications-04-ars-instruct');
  await row.getByRole('button', { name: /^Accorder/ }).click();
  const grant = ars.page.locator('jalon-instruction-list dialog');
  await grant.getByText('Au plus le plafond : 200 000,00 €').waitFor();
  assert.is((await grant.getByLabel('Montant accordé (€)').inputValue()).replace(/[\s\u202f\u00a0]/g, ''), '12000');
  await grant.getByRole('button', { name: 'Accorder', exact: true }).click();
  await ars.page.getByText(/accordée : 12\s000,00\s€, engagés sur l’enveloppe du guichet/).waitFor();
  await row.waitFor({ state: 'detached' });

  // The establishment: granted, two objectives with their deadline and tranche (60 % and 40 %)
  await page.reload();
  const granted = card(page);
  await granted.getByTestId('state').getByText('Accordée').waitFor();
  const objectives = granted.getByTestId('objectives');
  const first = objectives.locator('tr[data-objective="E2E-1"]');
  await first.waitFor();
  const firstText = await first.innerText();
  assert.ok(
    new RegExp(`${frenchDay(day(30))}[\\s\\S]*Non déclaré[\\s\\S]*7\\s200,00\\s€`, 'i').test(firstText),
    `E2E-1's row: ${firstText}`,
  );
  assert.match(await objectives.locator('tr[data-objective="E2E-2"]').innerText(), /4\s800,00\s€/);
  assert.is(cents(await objectives.locator('tfoot td').first().innerText()), 1_200_000);
  await checkPage(etab, 'applications-05-granted');

  // declares E2E-1: a text file named .pdf is refused by the API beside the field, a PDF is taken
  await first.getByRole('button', { name: 'Déclarer l’objectif atteint : E2E-1' }).click();
  const form = granted.locator('jalon-objective-declaration');
  await form.getByLabel('Commentaire (facultatif)').fill('Annuaire audité, rapport joint.');
  const files = form.getByLabel('Pièces justificatives');
  await files.setInputFiles({ name: 'faux.pdf', mimeType: 'application/pdf', buffer: Buffer.from('pas un PDF') });
  await form.getByRole('button', { name: 'Envoyer la déclaration' }).click();
  await form.locator('.field-error').waitFor();
  assert.match(await form.locator('.field-error').innerText(), /faux\.pdf/);
  assert.is(await files.getAttribute('aria-invalid'), 'true');
  await checkPage(etab, 'applications-06-file-refused');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await files.setInputFiles({ name: 'rapport-audit.pdf', mimeType: 'application/pdf', buffer: pdf });
  await form.getByRole('button', { name: 'Envoyer la déclaration' }).click();
  await page.getByText('Objectif E2E-1 déclaré : il attend le contrôle de l’ARS.').waitFor();
  await first.getByTestId('objective-state').getByText('Contrôle ARS en attente').waitFor();
  await first.getByRole('link', { name: 'rapport-audit.pdf' }).waitFor();
  await fitsPhone(page, 'establishment applications', { buttons: true });
  await checkPage(etab, 'applications-07-declared-390px');
  await first.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/applications-07-390px-window.png` });

  // The ARS checks it conforme; the evidence downloads as an attachment
  await ars.page.reload();
  const toCheck = ars.page.getByTestId('to-check-ars').locator('tr[data-objective="E2E-1"]', { hasText: 'Versailles' });
  await toCheck.waitFor();
  const href = await toCheck.getByRole('link', { name: 'rapport-audit.pdf' }).getAttribute('href');
  const file = await ars.page.request.get(`${env.base}${href}`);
  assert.is(file.status(), 200);
  assert.match(file.headers()['content-disposition'] ?? '', /^attachment/);
  assert.ok((await file.body()).equals(pdf), 'the file downloaded is the one uploaded');
  await checkPage(ars, 'applications-08-ars-check');
  await toCheck.getByRole('button', { name: /^Conforme/ }).click();
  await ars.page.getByText(/objectif E2E-1 : conforme\./).waitFor();
  await toCheck.waitFor({ state: 'detached' });
  await fitsPhone(ars.page, 'ARS applications', { buttons: true });
  await checkPage(ars, 'applications-09-ars-390px');
  await ars.page.screenshot({ path: `${SHOTS}/applications-09-390px-window.png` });
  await ars.context.close();

  // A national reviewer checks it at the ANS level, then pays it from « À verser »
  const ans = await openAs(env, '/applications', 'finances@jalon.test');
  const ansRow = ans.page.getByTestId('to-check-ans').locator('tr[data-objective="E2E-1"]', { hasText: 'Versailles' });
  await ansRow.waitFor();
  assert.ok(Number(await ans.page.getByTestId('count-ans').innerText()) >= 1);
  await checkPage(ans, 'applications-10-ans-check');
  await ansRow.getByRole('button', { name: /^Conforme/ }).click();
  await ans.page.getByText(/objectif E2E-1 : conforme\./).waitFor();
  await ansRow.waitFor({ state: 'detached' });

  await ans.page.getByRole('link', { name: 'Versements', exact: true }).click();
  const due = ans.page.getByTestId('payable');
  const tranche = due.locator('tr[data-tranche="E2E-1"]', { hasText: 'Versailles' });
  await tranche.waitFor();
  assert.match(
    await tranche.innerText(),
    new RegExp(`${CODE} — ${NAME}[\\s\\S]*7\\s200,00\\s€[\\s\\S]*0,00\\s€[\\s\\S]*7\\s200,00\\s€`),
  );
  // the total is the rows' sum
  const dueCells = await due.locator('tbody td:last-child').allInnerTexts();
  const total = cents(await ans.page.getByTestId('payable-total').innerText());
  assert.is(
    total,
    dueCells.map(cents).reduce((s, x) => s + x, 0),
  );
  await checkPage(ans, 'applications-11-a-verser');
  const n = dueCells.length;
  const record = ans.page.getByRole('button', { name: /^Enregistrer (le versement|les \d+ versements) \(/ });
  assert.match(await record.innerText(), new RegExp(n === 1 ? 'le versement' : `les ${n} versements`));

  // meanwhile 1 € is paid on E2E-1 elsewhere: the batch is refused, naming the row, and records nothing
  const allocationId = await tranche.getAttribute('data-allocation');
  const direct = await ans.page.request.post(`${env.base}/api/payments`, {
    data: { allocationId, amountCents: 100, paidOn: day(0), tranche: 'E2E-1' },
  });
  assert.is(direct.status(), 201, await direct.text());
  await record.click();
  await ans.page.getByRole('button', { name: 'Confirmer les versements' }).click();
  const refusal = ans.page.getByTestId('payable-notice').locator('.alert.error');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /^Rien n’a été enregistré\. .*Versailles.*E2E-1.*: /s);
  assert.match((await tranche.getAttribute('class')) ?? '', /refused/);
  await tranche.locator('.field-error').waitFor();
  const still = await (await ans.page.request.get(`${env.base}/api/payments/payable`)).json();
  assert.is(still.count, n, 'all or nothing: every tranche is still payable');
  await checkPage(ans, 'applications-12-batch-refused');
  await refusal.getByRole('button', { name: 'Relire la liste' }).click();
  await tranche.getByText('7 199,00 €').waitFor();
  assert.match(await tranche.innerText(), /1,00\s€[\s\S]*7\s199,00\s€/);
  await fitsPhone(ans.page, '« À verser » at 390 px', { buttons: true });
  await tranche.scrollIntoViewIfNeeded();
  await ans.page.screenshot({ path: `${SHOTS}/applications-12-390px-window.png` });
  await ans.page.setViewportSize({ width: 1440, height: 1000 });
  await record.click();
  await ans.page.getByRole('button', { name: 'Confirmer les versements' }).click();
  await ans.page
    .getByTestId('payable-notice')
    .getByText(/enregistrés? \(/)
    .waitFor();
  await ans.page.getByTestId('payable-empty').waitFor();
  await ans.page
    .getByTestId('payments-table')
    .locator('tr', { hasText: 'Versailles' })
    .filter({ hasText: 'E2E-1' })
    .first()
    .waitFor();
  await fitsPhone(ans.page, 'payments with « À verser »');
  await checkPage(ans, 'applications-13-paid-390px');
  await ans.context.close();

  // The establishment: achieved, paid
  await page.reload();
  const done = card(page).getByTestId('objectives').locator('tr[data-objective="E2E-1"]');
  await done.getByTestId('objective-state').getByText('Atteint').waitFor();
  assert.is(cents(await done.getByTestId('paid').innerText()), 720_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await checkPage(etab, 'applications-14-achieved');
  await etab.context.close();
});

e2e(
  'refusals: an application refused with its reason, a declaration found non conforme by the ARS and declared again; an ARS reviewer reads',
  async ({ env }) => {
    const BIS = 'Guichet des refus';
    const planner = await openAs(env, '/login', 'planif@jalon.test');
    const windowId = await openWindow(planner.page, env.base, 'E2E-REFUS', BIS, [
      { code: 'REF-1', title: 'Sauvegardes hors ligne', shareBp: 10_000 },
    ]);
    await planner.context.close();
    // Given CH Sud Francilien's submitted application (through the API, as its page does)
    const etab = await openAs(env, '/login', 'etab.corbeil@jalon.test');
    const api = etab.page.request;
    const apply = async () => {
      const draft = await api.post(`${env.base}/api/windows/${windowId}/applications`, {
        data: { finess: CHSF, objectives: ['REF-1'], requestedCents: 5_000_000 },
      });
      assert.is(draft.status(), 201, await draft.text());
      const d = (await draft.json()) as { id: string; rev: string };
      const sent = await api.post(`${env.base}/api/applications/${d.id}/submit`, {
        headers: { 'if-match': `"${d.rev}"` },
      });
      assert.is(sent.status(), 200, await sent.text());
      return d.id;
    };
    await apply();

    // When the ARS planner refuses it: a reason is asked for, then given
    const ars = await openAs(env, '/applications', 'ars.idf.planif@jalon.test');
    const row = ars.page.getByTestId('to-instruct').locator(`tr[data-finess="${CHSF}"]`, { hasText: BIS });
    await row.getByRole('button', { name: /^Refuser/ }).click();
    const dialog = ars.page.locator('jalon-instruction-list dialog');
    await dialog.getByRole('button', { name: 'Refuser', exact: true }).click();
    await dialog.getByText('Indiquez le motif.').waitFor();
    await dialog.getByLabel('Motif (obligatoire)').fill('Périmètre déjà financé par le guichet D1.');
    await checkPage(ars, 'applications-20-refuse-dialog');
    await dialog.getByRole('button', { name: 'Refuser', exact: true }).click();
    await ars.page.getByText('Candidature de Centre hospitalier Sud Francilien (Corbeil-Essonnes) refusée.').waitFor();

    // Then the establishment reads « Refusée » and the reason, and may apply again
    const corbeil = etab.page;
    await corbeil.goto(`${env.base}/applications`);
    const refused = corbeil
      .locator('jalon-application-card[data-state], jalon-application-card', { hasText: BIS })
      .first();
    await refused.getByTestId('state').getByText('Refusée').waitFor();
    const refusedText = await refused.locator('article').innerText();
    assert.ok(/Motif du refus\s:\sPérimètre déjà financé par le guichet D1\./.test(refusedText), refusedText);
    await corbeil.getByRole('button', { name: `Préparer une candidature : ${BIS}` }).waitFor();

    // applied again and granted (API); the ARS finds the declaration non conforme, with a reason
    const second = await apply();
    const got = await ars.page.request.get(`${env.base}/api/applications/${second}`);
    const app = (await got.json()) as { rev: string };
    const granted = await ars.page.request.post(`${env.base}/api/applications/${second}/grant`, {
      data: { amountCents: 5_000_000 },
      headers: { 'if-match': `"${app.rev}"` },
    });
    assert.is(granted.status(), 200, await granted.text());
    const declared = await api.post(`${env.base}/api/applications/${second}/declarations`, {
      multipart: {
        objective: 'REF-1',
        achievedOn: day(0),
        files: { name: 'capture.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1') },
      },
    });
    assert.is(declared.status(), 201, await declared.text());
    await ars.page.reload();
    const check = ars.page.getByTestId('to-check-ars').locator('tr[data-objective="REF-1"]');
    await check.getByRole('button', { name: /^Non conforme/ }).click();
    const nc = ars.page.locator('jalon-check-list dialog');
    await nc.getByLabel('Motif (obligatoire)').fill('La capture ne montre pas la date de la sauvegarde.');
    await nc.getByRole('button', { name: 'Non conforme', exact: true }).click();
    await ars.page.getByText(/objectif REF-1 : non conforme\./).waitFor();
    await ars.context.close();

    // the establishment: « Non conforme (ARS) », the reason, « Déclarer à nouveau »
    await corbeil.reload();
    const line = corbeil
      .locator('jalon-application-card', { hasText: BIS })
      .filter({ has: corbeil.getByTestId('objectives') });
    const objective = line.locator('tr[data-objective="REF-1"]');
    await objective.getByTestId('objective-state').getByText('Non conforme (ARS)').waitFor();
    assert.match(await objective.innerText(), /Motif : La capture ne montre pas la date de la sauvegarde\./);
    await objective.getByRole('button', { name: 'Déclarer à nouveau : REF-1' }).waitFor();
    await checkPage(etab, 'applications-21-non-conforme');
    await etab.context.close();

    // an ARS reviewer reads the lists without deciding
    const reader = await openAs(env, '/applications', 'ars.idf.finances@jalon.test');
    await reader.page.getByTestId('count-instruct').waitFor();
    await reader.page.getByTestId('read-only').waitFor();
    assert.is(await reader.page.getByRole('button', { name: /^(Accorder|Refuser|Conforme|Non conforme)/ }).count(), 0);
    await checkPage(reader, 'applications-22-ars-reviewer');
    await reader.context.close();
  },
);

e2e(
  'a GHT’s support establishment applies « pour le GHT »: both caps, the choice in the form, the GHT’s cap in the grant dialog',
  async ({ env }) => {
    const GHT_WINDOW = 'Guichet des GHT';
    const planner = await openAs(env, '/login', 'planif@jalon.test');
    const windowId = await openWindow(
      planner.page,
      env.base,
      'E2E-GHT',
      GHT_WINDOW,
      [{ code: 'GHT-1', title: 'Annuaire commun du GHT', shareBp: 10_000 }],
      [
        { applicant: 'establishment', minStaff: 0, capCents: 5_000_000 },
        { applicant: 'ght', minStaff: 0, capCents: 20_000_000 },
      ],
    );
    await planner.context.close();

    // Given CH Sud Francilien's account, support of GHT Île-de-France Sud: its cap and its GHT's
    const etab = await openAs(env, '/applications', 'etab.corbeil@jalon.test');
    const page = etab.page;
    const offer = page.locator('li[data-window="E2E-GHT"]');
    const caps = offer.getByTestId('caps-for');
    await caps.waitFor();
    assert.match(
      await caps.locator(`li[data-applicant="${CHSF}"]`).innerText(),
      /^Centre hospitalier Sud Francilien \(Corbeil-Essonnes\) : plafond 50\s000,00\s€$/,
    );
    assert.match(
      await caps.locator('li[data-applicant="GHT Île-de-France Sud"]').innerText(),
      /^GHT Île-de-France Sud \(Essonne\) \(un dossier pour le GHT\) : plafond 200\s000,00\s€$/,
    );
    await checkPage(etab, 'applications-30-ght-caps');

    // When it prepares an application: for itself first, 80 000 € is above its own cap
    await page.getByRole('button', { name: `Préparer une candidature : ${GHT_WINDOW}` }).click();
    const form = offer.locator('jalon-application-form');
    const own = form.getByRole('radio', { name: /^Centre hospitalier Sud Francilien/ });
    const forGht = form.getByRole('radio', { name: /un dossier pour le GHT/ });
    assert.ok(await own.isChecked(), 'the establishment itself first');
    await form.getByLabel('Montant demandé (€)').fill('80 000');
    await form.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    assert.match(await form.locator('.field-error').innerText(), /au-dessus de votre plafond \(50\s000,00\s€\)/);
    await checkPage(etab, 'applications-31-ght-form');
    // for the GHT, within its cap
    await forGht.check();
    assert.match(await form.locator('.hint', { hasText: 'au plus' }).innerText(), /au plus 200\s000,00\s€/);
    await form.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    const mine = page.locator('jalon-application-card', { hasText: GHT_WINDOW });
    await mine.getByTestId('state').getByText('Brouillon').waitFor();

    // Then its card names the GHT, and the API holds the GHT's application made by its support
    assert.is(await mine.getByTestId('ght-file').innerText(), 'Dossier du GHT : GHT Île-de-France Sud (Essonne)');
    const listed = (await (await page.request.get(`${env.base}/api/applications?windowId=${windowId}`)).json()) as {
      items: Array<{ finess: string; ghtCode?: string; requestedCents: number }>;
    };
    assert.equal(
      listed.items.map((a) => [a.finess, a.ghtCode, a.requestedCents]),
      [[CHSF, 'GHT Île-de-France Sud', 8_000_000]],
    );
    await mine.getByRole('button', { name: 'Déposer la candidature' }).click();
    await mine.getByTestId('state').getByText('Déposée').waitFor();
    await offer.getByText('Vous avez déjà une candidature à ce guichet.').waitFor();
    await checkPage(etab, 'applications-32-ght-submitted');
    await fitsPhone(page, 'a GHT’s application', { buttons: true });
    await etab.context.close();

    // the ARS planner's grant dialog offers up to the GHT's cap, not the establishment's
    const ars = await openAs(env, '/applications', 'ars.idf.planif@jalon.test');
    const row = ars.page.getByTestId('to-instruct').locator(`tr[data-finess="${CHSF}"]`, { hasText: GHT_WINDOW });
    await row.getByRole('button', { name: /^Accorder/ }).click();
    const grant = ars.page.locator('jalon-instruction-list dialog');
    await grant.getByText('Au plus le plafond : 200 000,00 €').waitFor();
    await checkPage(ars, 'applications-33-ght-grant');
    await ars.context.close();
  },
);

e2e.run();
