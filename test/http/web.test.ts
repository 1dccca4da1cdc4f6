// The web app's routes: page paths get index.html; an unknown page a browser opens gets it too,
// with a 404 (the app says « Page introuvable »); unknown /api and asset paths stay problem+json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import { webRoutes } from '../../server/http/web.js';
import { DEMO_PASSWORD, fixedClock } from '../helpers/app.js';
import { smallData, USERS } from '../helpers/small.js';
import { testStore } from '../helpers/stores.js';

const INDEX = '<!doctype html><title>Jalon</title><app-shell></app-shell>';
const PRELOAD = {
  '/dashboard': '<link rel="modulepreload" href="/assets/chunks/jalon-dashboard-page-X.js">',
  '/login': '<link rel="modulepreload" href="/assets/chunks/jalon-login-page-Y.js">',
};
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

const webSetup = async (index = INDEX) => {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-web-'));
  writeFileSync(join(dir, 'index.html'), index);
  writeFileSync(join(dir, 'preload.json'), JSON.stringify(PRELOAD));
  const app = createApp({
    store: await testStore(smallData),
    clock: fixedClock(),
    web: webRoutes(dir),
  });
  const login = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: USERS.planner, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return { app, cookie, done: () => rmSync(dir, { recursive: true, force: true }) };
};

test('A page route is index.html with 200', async () => {
  const { app, done } = await webSetup();
  const r = await app.request('/dashboard', { headers: HTML });
  assert.is(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
  assert.is(await r.text(), INDEX);
  done();
});

test('An unknown page opened by a browser is index.html with 404, signed in or not', async () => {
  const { app, cookie, done } = await webSetup();
  for (const headers of [HTML, { ...HTML, cookie }]) {
    const r = await app.request('/nimporte', { headers });
    assert.is(r.status, 404);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    assert.is(r.headers.get('cache-control'), 'no-cache');
    assert.is(await r.text(), INDEX);
  }
  assert.is((await app.request('/une/page/profonde', { method: 'HEAD', headers: HTML })).status, 404);
  done();
});

test('An unknown /api path stays a problem+json 404, even asked for as HTML', async () => {
  const { app, cookie, done } = await webSetup();
  for (const headers of [HTML, { ...HTML, cookie }, { accept: 'application/json', cookie }]) {
    const r = await app.request('/api/nimporte', { headers });
    assert.is(r.status, 404);
    assert.is(r.headers.get('content-type'), 'application/problem+json');
    assert.is(((await r.json()) as { title: string }).title, 'Introuvable');
  }
  done();
});

test('A missing asset, a non-HTML request and a POST to an unknown path are problem+json 404s', async () => {
  const { app, done } = await webSetup();
  const answers = [
    await app.request('/assets/nimporte.js', { headers: HTML }),
    await app.request('/nimporte', { headers: { accept: '*/*' } }),
    await app.request('/nimporte', { method: 'POST', headers: HTML }),
  ];
  for (const r of answers) {
    assert.is(r.status, 404);
    assert.is(r.headers.get('content-type'), 'application/problem+json');
  }
  done();
});

test.run();

test('A signed-in page carries the user’s name and role on <app-shell> (the header is drawn at once); escaped; none signed out', async () => {
  const { app, cookie, done } = await webSetup();
  const signedIn = await (await app.request('/dashboard', { headers: { ...HTML, cookie } })).text();
  assert.match(signedIn, /<app-shell data-name="[^"<>]+" data-role="planner">/);
  const signedOut = await (
    await app.request('/dashboard', { headers: { ...HTML, cookie: 'jalon_session=forged' } })
  ).text();
  assert.is(signedOut, INDEX);
  done();
});

test('A page names its chunks as modulepreload links before </head> (the login page’s when signed out); a route without any gets none', async () => {
  const { app, cookie, done } = await webSetup(
    '<!doctype html><head><title>Jalon</title></head><app-shell></app-shell>',
  );
  const read = async (path: string, c: string) => (await app.request(path, { headers: { ...HTML, cookie: c } })).text();
  const dash = await read('/dashboard', cookie);
  assert.match(dash, /<link rel="modulepreload" href="\/assets\/chunks\/jalon-dashboard-page-X\.js">\n<\/head>/);
  assert.not.match(dash, /login-page/);
  const out = await read('/dashboard', 'jalon_session=forged');
  assert.match(out, /jalon-login-page-Y\.js/);
  assert.not.match(out, /dashboard-page/);
  assert.not.match(await read('/import', cookie), /modulepreload/);
  done();
});
