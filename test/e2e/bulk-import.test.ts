// Previews say who gets what, and imports read French Excel, in headless Chromium as a planner:
// the bulk preview lists the establishments with their amounts (paged), a Windows-1252 CSV is
// simulated with its accents right and its rows listed, the template downloads in CSV and XLSX,
// and « Voir » after an import opens the allocations page on the envelope the rows landed on.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { browserSuite, checkPage, fitsWindow, openAs, shot, type Session } from './browser.js';

const e2e = browserSuite<{ s?: Session }>('e2e bulk preview and import');

/** The bytes French Excel writes (« CSV (séparateur : point-virgule) »), spelled out. */
const CP1252: Record<string, number> = { é: 0xe9, É: 0xc9, è: 0xe8, ô: 0xf4, '\u00a0': 0xa0, '€': 0x80, '’': 0x92 };
const cp1252 = (lines: string[]) =>
  Buffer.from(
    [...lines.join('\r\n')].map((ch) => {
      const b = ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : CP1252[ch];
      if (b === undefined) throw new Error(`no cp1252 byte for ${ch}`);
      return b;
    }),
  );
const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'text/csv', buffer });
const HEADER = 'FINESS;Établissement;Code action;Code enveloppe;2024 (€);2025 (€)';
// a line whose action code carries accents: its refusal quotes it back, so the page shows how it was read
const ACCENTS = file(
  'allocations-excel.csv',
  cp1252([
    HEADER,
    '910000025;Hôpital d’Étampes;D1-AD;CARE-D1;1\u00a0234,56 €;',
    '780000022;Rambouillet;SÉCURITÉ’;CARE-D1;5 €;',
  ]),
);
const CLEAN = file(
  'allocations-excel-ok.csv',
  cp1252([
    HEADER,
    '910000025;Hôpital d’Étampes;D1-AD;CARE-D1;1\u00a0234,56 €;',
    '780000022;Rambouillet;D1-EXPO;CARE-D1;10 000 €;2 500,50 €',
  ]),
);

// for the phone: one new row (the others are in by then) and one refused, both tables shown
const PHONE = file(
  'allocations-telephone.csv',
  cp1252([
    HEADER,
    '750000028;Clinique;D1-EXPO;CARE-D1;1\u00a0234,56 €;',
    '780000022;Rambouillet;SÉCURITÉ’;CARE-D1;5 €;',
  ]),
);

const downloaded = async (page: Page, click: () => Promise<void>) => {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
};

e2e.before(async (ctx) => {
  ctx.s = await openAs(ctx.env, '/allocations', 'planif@jalon.test');
});

e2e('bulk preview lists the establishments with their amounts, paged, before creating', async ({ env, s }) => {
  const { page } = s!;
  await page.goto(`${env.base}/allocations?envelope=env-care-socle`);
  await page.locator('#envelope').waitFor();
  await page.getByRole('button', { name: 'Allocation groupée' }).click();
  const sens = await page.locator('#bulk-act option', { hasText: 'SENSIB' }).getAttribute('value');
  await page.locator('#bulk-act').selectOption(sens!);
  await page.locator('#bulk-2025').fill('1 000');
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  const table = page.locator('[data-testid="bulk-targets"]');
  await table.locator('tbody tr').first().waitFor();
  // what the server says, asked directly: the page shows its first page, in its order
  const api = await page.evaluate(async () => {
    const res = await fetch('/api/allocations/bulk', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        envelopeId: 'env-care-socle',
        actionId: 'act-sensib',
        amounts: { '2025': 100000 },
        filter: {},
        dryRun: true,
      }),
    });
    return (await res.json()) as {
      count: number;
      skipped: number;
      targets: { items: Array<{ finess: string; name: string }> };
      skippedList: { items: Array<{ finess: string }> };
    };
  });
  assert.ok(api.count > 50, `a national filter (${api.count}) spans pages`);
  const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-finess')));
  assert.equal(
    shown,
    api.targets.items.map((e) => e.finess),
  );
  const first = await table.locator('tbody tr').first().innerText();
  assert.match(
    first,
    new RegExp(`^${api.targets.items[0]!.finess}\\s+${api.targets.items[0]!.name.replace(/[()]/g, '.')}`),
  );
  assert.match(first, /1\s000,00\s€\s+1\s000,00\s€$/, 'the 2025 amount and the total');
  assert.match(await table.locator('caption').innerText(), new RegExp(`^${api.count} établissements recevront`));
  // the next page comes from the server
  await page.getByRole('button', { name: 'Suivant' }).first().click();
  await page.locator('[data-testid="bulk-targets-range"]', { hasText: /^51 à/ }).waitFor();
  assert.ok(
    !(await table.locator('tbody tr').evaluateAll((r) => r.map((x) => x.getAttribute('data-finess')))).includes(
      shown[0]!,
    ),
  );
  // those skipped, and why: the allocation they already hold, with its amount and status
  assert.ok(api.skipped > 0, 'the demo has establishments already funded for SENSIB');
  await page
    .locator('jalon-bulk-form summary', { hasText: `${api.skipped} établissements déjà dotés, ignorés` })
    .click();
  const skipped = page.locator('[data-testid="bulk-skipped"] tbody tr');
  await skipped.first().waitFor();
  assert.equal(
    await skipped.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-finess'))),
    api.skippedList.items.map((e) => e.finess),
  );
  assert.match(await skipped.first().innerText(), /\d,\d\d\s€ \((proposée|approuvée)\)$/);
  assert.match(
    await page.locator('[data-testid="bulk-skipped"] thead').innerText(),
    /^FINESS\s+Établissement\s+Région\s+Déjà dotée\s*$/,
  );
  await checkPage(s!, '30-bulk-preview-list');
  // at 390 px the list scrolls inside its box and the form holds in a phone's width (the
  // allocations page around it is the grid's: the form is measured in a 358 px box of its own)
  await page.setViewportSize({ width: 390, height: 844 });
  const fit = await page.locator('jalon-bulk-form').evaluate((host) => {
    (host as HTMLElement).style.cssText = 'display:block;width:358px;max-width:358px';
    const form = host.shadowRoot!.querySelector('form')!;
    const box = host.shadowRoot!.querySelector('jalon-preview-table')!.shadowRoot!.querySelector('.box')!;
    return {
      form: form.scrollWidth,
      box: Math.round(box.getBoundingClientRect().width),
      scrolls: box.scrollWidth > box.clientWidth,
    };
  });
  assert.ok(fit.form <= 358, `the form needs ${fit.form} px`);
  assert.ok(fit.box <= 358, `the list's box is ${fit.box} px wide`);
  assert.ok(fit.scrolls, 'the table scrolls inside its box');
  await shot(page, '31-bulk-preview-390');
  await page.setViewportSize({ width: 1440, height: 1000 });
  // then « Appliquer à tous » creates them
  await page.getByRole('button', { name: 'Appliquer à tous' }).click();
  await page.locator('[data-testid="bulk-status"]', { hasText: 'allocations proposées' }).waitFor();
});

e2e(
  'the bulk form’s « Bénéficiaires »: pooled resources listed by SIRET, then all beneficiaries, as the API counts them; applied to the pooled ones',
  async ({ env, s }) => {
    const { page } = s!;
    await page.goto(`${env.base}/allocations?envelope=env-care-socle`);
    await page.locator('#envelope').waitFor();
    await page.getByRole('button', { name: 'Allocation groupée' }).click();
    const form = page.locator('jalon-bulk-form');
    assert.equal(await form.locator('#bulk-beneficiaries option').allInnerTexts(), [
      'Établissements',
      'Ressources mutualisées',
      'Tous (établissements et ressources mutualisées)',
    ]);
    assert.is(await form.getByLabel('Bénéficiaires', { exact: true }).inputValue(), 'establishments');
    const sens = await form.locator('#bulk-act option', { hasText: 'SENSIB' }).getAttribute('value');
    await form.locator('#bulk-act').selectOption(sens!);
    await form.locator('#bulk-2025').fill('10');
    /** Previews with the selector on `who`; returns what the form sent. */
    const preview = async (who: string) => {
      await form.getByLabel('Bénéficiaires', { exact: true }).selectOption(who);
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.url().endsWith('/api/allocations/bulk') && r.method() === 'POST'),
        form.getByRole('button', { name: 'Prévisualiser' }).click(),
      ]);
      await form.locator('[data-testid="bulk-targets"] tbody tr').first().waitFor();
      return request.postDataJSON() as { filter: { beneficiaries?: string } };
    };
    const api = (beneficiaries: string) =>
      page.evaluate(async (beneficiaries) => {
        const res = await fetch('/api/allocations/bulk', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            envelopeId: 'env-care-socle',
            actionId: 'act-sensib',
            amounts: { '2025': 1000 },
            filter: { beneficiaries },
            dryRun: true,
          }),
        });
        return (await res.json()) as {
          count: number;
          skipped: number;
          targets: { items: Array<{ finess: string; name: string }> };
        };
      }, beneficiaries);

    // the pooled regional resources: the form asks for them, and lists them by SIRET
    assert.is((await preview('pooled')).filter.beneficiaries, 'pooled');
    const pooled = await api('pooled');
    assert.ok(pooled.count >= 2, `the demo's GRADeS (${pooled.count})`);
    const table = form.locator('[data-testid="bulk-targets"]');
    assert.equal(
      await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-finess'))),
      pooled.targets.items.map((p) => p.finess),
    );
    for (const p of pooled.targets.items) assert.match(p.finess, /^\d{14}$/, p.finess);
    assert.match(
      await table.locator('caption').innerText(),
      new RegExp(`^${pooled.count} ressources mutualisées recevront une allocation`),
    );
    assert.match(await table.locator('thead').innerText(), /^SIRET\s+Ressource mutualisée\s+Région/);
    assert.match(await form.locator('[data-testid="bulk-status"]').innerText(), /ressources mutualisées recevront/);

    // every beneficiary, as the API counts them (the establishments hold SENSIB since the test before)
    assert.is((await preview('all')).filter.beneficiaries, 'all');
    const all = await api('all');
    assert.ok(all.count >= pooled.count && all.skipped > pooled.skipped, JSON.stringify([all.count, all.skipped]));
    const n = (x: number) => new Intl.NumberFormat('fr-FR').format(x);
    assert.match(
      await form.locator('[data-testid="bulk-status"]').innerText(),
      new RegExp(
        `^${n(all.count)} bénéficiaires recevront une allocation.*\\(${n(all.skipped)} déjà dotés, ignorés\\)`,
      ),
    );
    await checkPage(s!, '32-bulk-beneficiaries');

    // back to the pooled resources: applied, each now holds the action on the envelope
    await preview('pooled');
    await form.getByRole('button', { name: 'Appliquer à tous' }).click();
    await form.locator('[data-testid="bulk-status"]', { hasText: `${pooled.count} allocations proposées` }).waitFor();
    const held = await page.evaluate(
      async (sirets) => {
        const found: string[] = [];
        for (const siret of sirets) {
          const r = await fetch(`/api/allocations?envelopeId=env-care-socle&finess=${siret}&limit=100`);
          const page = (await r.json()) as { items: Array<{ actionId: string; amounts: Record<string, number> }> };
          if (page.items.some((a) => a.actionId === 'act-sensib' && a.amounts['2025'] === 1000)) found.push(siret);
        }
        return found;
      },
      pooled.targets.items.map((p) => p.finess),
    );
    assert.equal(
      held,
      pooled.targets.items.map((p) => p.finess),
    );
  },
);

e2e(
  'a Windows-1252 CSV from French Excel: accents read right, rows listed, « Voir » opens the envelope',
  async ({ env, s }) => {
    const { page } = s!;
    await page.goto(`${env.base}/import`);
    await page.getByRole('heading', { name: 'Importer des données' }).waitFor();
    const section = page.locator('jalon-allocation-import');
    const status = section.locator('[data-testid="alloc-import-status"]');
    await page.getByLabel('Tableur d’allocations (.csv ou .xlsx)').setInputFiles(ACCENTS);
    await section.getByRole('button', { name: 'Simuler' }).click();
    await status.getByText('1 ligne en erreur', { exact: false }).waitFor();
    assert.match(
      await section.locator('[data-testid="refused-table"] tbody tr').innerText(),
      /^3\s+780000022\s+Action « SÉCURITÉ’ » inconnue/,
    );
    // the good line is listed with the establishment and its amount (« 1 234,56 € » read with its €)
    const changes = section.locator('[data-testid="import-changes"]');
    const listed = await changes.locator('tbody tr').innerText();
    assert.match(
      listed,
      /^910000025\s+Centre hospitalier Sud Essonne \(Étampes\)\s+NOUVELLE\s+ligne 2 · CARE-D1 · D1-AD\s+Île-de-France\s+1\s234,56\s€/,
      JSON.stringify(listed),
    );
    await checkPage(s!, '32-import-cp1252-refused');
    // the corrected sheet, still Windows-1252: two rows, then applied
    await page.getByLabel('Tableur d’allocations (.csv ou .xlsx)').setInputFiles(CLEAN);
    await section.getByRole('button', { name: 'Simuler' }).click();
    await status.getByText('Ce fichier proposerait 2 nouvelles allocations (13 735,06 €).').waitFor();
    assert.equal(
      await changes.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-finess'))),
      ['910000025', '780000022'],
    );
    assert.match(await changes.locator('caption').innerText(), /^2 lignes créent ou modifient une allocation/);
    await checkPage(s!, '33-import-cp1252-preview');
    await section.getByRole('button', { name: 'Appliquer l’import' }).click();
    const see = status.getByRole('link', { name: 'Voir l’enveloppe CARE-D1 dans l’espace de répartition' });
    await see.waitFor();
    await checkPage(s!, '34-import-applied-see');
    await see.click();
    await page.waitForURL(/\/allocations\?envelope=env-care-d1$/);
    assert.is(await page.locator('#envelope').inputValue(), 'env-care-d1');
    await page.locator('#f-q').fill('780000022');
    const row = page.locator('[data-testid="allocation-grid"] tbody tr[data-id]', { hasText: '780000022' });
    await row
      .filter({ hasText: /2\s500,50\s€/ })
      .first()
      .waitFor();
  },
);

e2e('the template downloads in CSV and XLSX with the headers the import reads', async ({ env, s }) => {
  const { page } = s!;
  await page.goto(`${env.base}/import`);
  const section = page.locator('jalon-allocation-import');
  const csv = await downloaded(page, () => section.getByRole('link', { name: 'Télécharger le modèle (CSV)' }).click());
  assert.is(csv.name, 'modele-allocations.csv');
  assert.is(
    new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes),
    '\uFEFFFINESS;Établissement;Code action;Code enveloppe;2023 (€);2024 (€);2025 (€);2026 (€);2027 (€)\r\n',
  );
  const xlsx = await downloaded(page, () =>
    section.getByRole('link', { name: 'Télécharger le modèle (Excel)' }).click(),
  );
  assert.is(xlsx.name, 'modele-allocations.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  assert.equal((book.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 5), [
    'FINESS',
    'Établissement',
    'Code action',
    'Code enveloppe',
  ]);
  // the downloaded CSV, filled with a row, simulates cleanly through the page
  const filled = Buffer.concat([csv.bytes, Buffer.from('750000028;;D1-EXPO;CARE-D1;;;1 000;;\r\n')]);
  await page.getByLabel('Tableur d’allocations (.csv ou .xlsx)').setInputFiles(file('modele-rempli.csv', filled));
  await section.getByRole('button', { name: 'Simuler' }).click();
  await section
    .locator('[data-testid="alloc-import-status"]', { hasText: 'Ce fichier proposerait 1 nouvelle allocation' })
    .waitFor();
  await checkPage(s!, '35-import-template');
});

e2e('the import page at 390 × 844 does not scroll sideways, with a simulation shown', async ({ env, s }) => {
  const { page } = s!;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto(`${env.base}/import`);
    await page.getByRole('heading', { name: 'Importer des données' }).waitFor();
    await fitsWindow(page, 'empty page');
    const section = page.locator('jalon-allocation-import');
    await page.getByLabel('Tableur d’allocations (.csv ou .xlsx)').setInputFiles(PHONE);
    await section.getByRole('button', { name: 'Simuler' }).click();
    await section.locator('[data-testid="import-changes"] tbody tr').waitFor();
    await section.locator('[data-testid="refused-table"] tbody tr').waitFor();
    await fitsWindow(page, 'with a simulation');
    await checkPage(s!, '36-import-390');
  } finally {
    await page.setViewportSize({ width: 1440, height: 1000 });
  }
});

e2e.run();
