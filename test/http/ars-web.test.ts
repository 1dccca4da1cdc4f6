// The page names an ARS account's region on <app-shell> (data-region), so that the header says
// « ARS Île-de-France » from the first paint; national staff carry none.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import { webRoutes } from '../../server/http/web.js';
import { arsLabel } from '../../shared/regions.js';
import { DEMO_PASSWORD, fixedClock } from '../helpers/app.js';
import { ARS, regionalData } from '../helpers/regional.js';
import { USERS } from '../helpers/small.js';
import { testStore } from '../helpers/stores.js';

const HTML = { accept: 'text/html' };

test('An ARS account’s page carries data-region; a national planner’s does not; the label is « ARS <region> »', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'arsaccounts-web-'));
  try {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Jalon</title><app-shell></app-shell>');
    writeFileSync(join(dir, 'preload.json'), '{}');
    const app = createApp({ store: await testStore(regionalData), clock: fixedClock(), web: webRoutes(dir) });
    const page = async (email: string) => {
      const login = await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      return (await app.request('/dashboard', { headers: { ...HTML, cookie } })).text();
    };
    assert.match(await page(ARS.reviewer), /<app-shell data-name="[^"]+" data-role="reviewer" data-region="11">/);
    assert.match(await page(USERS.planner), /<app-shell data-name="[^"]+" data-role="planner">/);
    assert.is(arsLabel('11'), 'ARS Île-de-France');
    assert.is(arsLabel('84'), 'ARS Auvergne-Rhône-Alpes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
