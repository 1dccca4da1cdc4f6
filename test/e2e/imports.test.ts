// Imports and exports in headless Chromium, on a server of their own: the planner simulates then
// applies the FINESS extract and a sheet of allocations, a sheet that over-allocates applies
// nothing, and export links download files that parse back.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { generateFiness } from '../import/generate.js';
import { browserMissing, checkPage, login, open, shot, start, type Env, type Session } from './browser.js';

const e2e = suite<{ env?: Env; s?: Session }>('e2e imports');
const missing = browserMissing();

const csv = (name: string, lines: string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(lines.join('\r\n'), 'utf8'),
});
// 1 234,56 € + 10 000 € + 2 500,50 € on CARE-D1, for two establishments without these actions
const GOOD = csv('allocations-care-d1.csv', [
  'FINESS;Code action;Code enveloppe;2024;2025',
  '910000025;D1-AD;CARE-D1;1 234,56;',
  '780000022;D1-EXPO;CARE-D1;10000;2500,5',
]);
// the same sheet later, with 910000025's 2024 raised to 2 000 €: one update of + 765,44 €
const CHANGED = csv('allocations-care-d1-v2.csv', [
  'FINESS;Code action;Code enveloppe;2024;2025',
  '910000025;D1-AD;CARE-D1;2 000,00;',
  '780000022;D1-EXPO;CARE-D1;10000;2500,5',
]);
// FIR-EXE-IDF keeps 225 000 € on 2024: the rows fit one by one, not together (line 3 refused)
const OVER = csv('allocations-fir.csv', [
  'finess,action,enveloppe,2024',
  '920000015,EXE-CRISE,FIR-EXE-IDF,150000.00',
  '750000010,EXE-CRISE,FIR-EXE-IDF,"100,000.00"',
]);

const allocationCount = (page: Page) =>
  page.evaluate(async () => (await (await fetch('/api/allocations?limit=1')).json()).total as number);
const downloaded = async (page: Page, click: () => Promise<void>) => {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
};

if (missing) {
  console.log(`browser tests skipped: ${missing}`);
  e2e.skip('import and export pages (Chromium missing)', () => {});
} else {
  e2e.before(async (ctx) => {
    ctx.env = await start();
    ctx.s = await open(ctx.env, '/import');
    await login(ctx.s.page, 'planif@jalon.test');
    await ctx.s.page.getByRole('heading', { name: 'Importer des données' }).waitFor();
  });
  e2e.after(async (ctx) => {
    await ctx.s?.context.close();
    await ctx.env?.stop();
  });

  e2e('planner: a large FINESS extract shows its progress while it streams (dry run)', async ({ s }) => {
    const { page, context } = s!;
    const dir = mkdtempSync(join(tmpdir(), 'jalon-finess-'));
    const file = join(dir, 'etalab-stock-et.csv');
    generateFiness(file, 6000); // 12,001 lines, 2.6 MB
    // a slow uplink (1.5 MB/s) so the bar has time to move
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1_500_000,
    });
    try {
      await page.getByLabel('Fichier FINESS (.csv)').setInputFiles(file);
      await page.getByRole('button', { name: 'Simuler' }).first().click();
      const bar = page.locator('[data-testid="finess-progress"]');
      await bar.getByText(/^Envoi : [1-9]\d?\s%/).waitFor();
      assert.ok(Number(await bar.locator('progress').getAttribute('value')) > 0, 'the bar has moved');
      await shot(page, '11-import-finess-progress');
      await page.locator('[data-testid="finess-status"]', { hasText: 'Simulation terminée' }).waitFor();
      assert.match(await page.locator('[data-testid="finess-stats"]').innerText(), /Lignes lues\s+12\s001/);
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  e2e('planner: the FINESS extract is simulated (counts, refused lines), then applied', async ({ s }) => {
    const { page } = s!;
    assert.is(await page.getByRole('link', { name: 'Imports' }).getAttribute('aria-current'), 'page');
    await page.getByLabel('Fichier FINESS (.csv)').setInputFiles('test/fixtures/finess-sample.csv');
    await page.getByRole('button', { name: 'Simuler' }).first().click();
    await page.locator('[data-testid="finess-status"]', { hasText: 'Simulation terminée' }).waitFor();
    const stats = await page.locator('[data-testid="finess-stats"]').innerText();
    assert.match(stats, /Lignes lues\s+\d+/);
    const refused = page.locator('jalon-finess-import [data-testid="refused-table"] tbody tr');
    assert.ok((await refused.count()) > 0, 'the sample has refused lines');
    const apply = page.getByRole('button', { name: 'Appliquer l’import' }).first();
    assert.ok(await apply.isDisabled(), 'refused lines must be acknowledged first');
    await page.getByLabel(/J’ai vérifié les \d+ lignes refusées/).check();
    await checkPage(s!, '12-import-finess-preview');
    await apply.click();
    await page.locator('[data-testid="finess-status"]', { hasText: 'Import FINESS appliqué' }).waitFor();
    await checkPage(s!, '13-import-finess-applied');
  });

  e2e('planner: a sheet with an over-allocating line shows the refusal and applies nothing', async ({ s }) => {
    const { page } = s!;
    const before = await allocationCount(page);
    await page.getByLabel('Tableur d’allocations (.csv ou .xlsx)').setInputFiles(OVER);
    const section = page.locator('jalon-allocation-import');
    await section.getByRole('button', { name: 'Simuler' }).click();
    await section.locator('[data-testid="alloc-import-status"]', { hasText: '1 ligne en erreur' }).waitFor();
    const row = section.locator('[data-testid="refused-table"] tbody tr');
    assert.is(await row.count(), 1);
    assert.match(
      await row.innerText(),
      /^3\s+750000010\s+Dépassement de l'enveloppe FIR-EXE-IDF : reste 75\s000,00\s€ sur 2024/,
    );
    assert.ok(await section.getByRole('button', { name: 'Appliquer l’import' }).isDisabled());
    await checkPage(s!, '14-import-allocations-refused');
    assert.is(await allocationCount(page), before, 'nothing written');
  });

  e2e('planner: a clean sheet is simulated, applied, then seen in the grid and exported', async ({ env, s }) => {
    const { page } = s!;
    const before = await allocationCount(page);
    await page.getByLabel('Tableur d’allocations (.csv ou .xlsx)').setInputFiles(GOOD);
    const section = page.locator('jalon-allocation-import');
    await section.getByRole('button', { name: 'Simuler' }).click();
    const status = section.locator('[data-testid="alloc-import-status"]');
    await status.getByText('Ce fichier proposerait 2 nouvelles allocations (13 735,06 €).').waitFor();
    assert.is(await allocationCount(page), before, 'a dry run writes nothing');
    await section.getByRole('button', { name: 'Appliquer l’import' }).click();
    await status.getByText('Import appliqué : 2 nouvelles allocations proposées (13 735,06 €).').waitFor();
    assert.is(await allocationCount(page), before + 2);
    await checkPage(s!, '15-import-allocations-applied');
    // the grid, on CARE-D1 with the proposed ones: the new rows with their exact amounts
    await page.goto(`${env!.base}/allocations?envelope=env-care-d1&status=proposed&q=910000025`);
    const grid = page.locator('[data-testid="allocation-grid"]');
    const row = grid.locator('tbody tr[data-id]', { hasText: '910000025' });
    await row.waitFor();
    assert.match(await row.innerText(), /1\s234,56\s€/);
    // export of what the grid shows: a CSV for French Excel (BOM, ";", decimal comma)
    const file = await downloaded(page, () =>
      page.locator('jalon-allocations-page jalon-export-links a[data-format="csv"]').click(),
    );
    assert.match(file.name, /^dotations-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = file.bytes.toString('utf8');
    assert.ok(text.startsWith('\uFEFF'), 'UTF-8 BOM');
    const [header, ...rows] = text
      .slice(1)
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'));
    assert.is(header![0], 'FINESS');
    assert.equal(
      rows.map((r) => [r[0], r[header!.indexOf('2024 (€)')]]),
      [['910000025', '1234,56']],
    );
    await checkPage(s!, '16-allocations-exports');
    // the sheet, corrected and imported again: the allocation is updated, not doubled
    await page.goto(`${env!.base}/import`);
    await page.getByLabel('Tableur d’allocations (.csv ou .xlsx)').setInputFiles(CHANGED);
    await section.getByRole('button', { name: 'Simuler' }).click();
    await status
      .getByText('Ce fichier modifierait 1 allocation proposée ; écart des modifications : + 765,44 €.')
      .waitFor();
    await section.getByRole('button', { name: 'Appliquer l’import' }).click();
    await status
      .getByText('Import appliqué : 1 allocation proposée modifiée ; écart des modifications : + 765,44 €.')
      .waitFor();
    assert.is(await allocationCount(page), before + 2, 'updated, not created');
    await checkPage(s!, '18-import-allocations-updated');
  });

  e2e('export: the variance report downloads as a workbook whose totals add up', async ({ env, s }) => {
    const { page } = s!;
    await page.goto(`${env!.base}/dashboard`);
    await page.locator('[data-testid="tiles"]').waitFor();
    const file = await downloaded(page, () =>
      page.getByRole('link', { name: 'Exporter Excel : les écarts alloué / approuvé / versé', exact: true }).click(),
    );
    assert.match(file.name, /\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const head = rows[0]!;
    const col = head.indexOf('Alloué (€)');
    // committed and announced envelopes are totalled apart: each total is the sum of its own rows
    const codes = (status: string) =>
      page.evaluate(async (st) => {
        const r = await (await fetch(`/api/envelopes?status=${st}&limit=1000`)).json();
        return (r.items as Array<{ code: string }>).map((e) => e.code);
      }, status);
    const committed = new Set(await codes('committed'));
    const announced = new Set(await codes('announced'));
    assert.ok(announced.size > 0, 'the demo plan has announced envelopes');
    const envRows = rows.filter((r) => r[1] === 'Enveloppe');
    const cents = (r: unknown[]) => Math.round(Number(r[col]) * 100);
    const lines = envRows.filter((r) => !String(r[2]).startsWith('TOTAL'));
    assert.is(lines.length, committed.size + announced.size, 'every envelope has its row');
    for (const [code, part] of [
      ['TOTAL', committed],
      ['TOTAL-ANNONCÉ', announced],
    ] as const) {
      const total = envRows.find((r) => r[2] === code);
      assert.ok(total, `${code} row`);
      const mine = lines.filter((r) => part.has(String(r[2])));
      const sum = mine.reduce((s, r) => s + cents(r), 0);
      if (code === 'TOTAL') assert.ok(sum > 0);
      assert.is(cents(total!), sum, `${code}: the sum of its own rows`);
    }
    await checkPage(s!, '17-dashboard-exports');
  });
}

e2e.run();
