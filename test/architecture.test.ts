// The dependency rules of shared/STYLE.md, checked on the sources (a lint in test form): a new
// import that crosses a boundary fails the build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = new URL('..', import.meta.url).pathname;
const files = (dir: string): string[] => readdirSync(join(root, dir)).flatMap((f) => {
  const p = join(dir, f);
  return statSync(join(root, p)).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
});
/** Every import of a file: whether it is type-only, and what it names. */
const importsOf = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/^(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)]
  .map((m) => ({ typeOnly: !!m[2], from: m[3] ?? m[4]! }));
const offending = (dir: string, bad: (i: { typeOnly: boolean; from: string }, file: string) => boolean) =>
  files(dir).flatMap((f) => importsOf(f).filter((i) => bad(i, f)).map((i) => `${f} → ${i.from}`));

test('server/domain imports only itself, server/contract and shared/ (no hono, no lowdb, no node:fs)', () => {
  assert.equal(offending('server/domain', (i) => !i.from.startsWith('./') && !i.from.startsWith('../contract/') && !i.from.startsWith('../../shared/')), []);
});

test('server/contract holds types only', () => {
  assert.equal(offending('server/contract', (i) => !i.typeOnly), []);
});

test('server/store never imports hono nor the HTTP layer', () => {
  assert.equal(offending('server/store', (i) => i.from.startsWith('hono') || i.from.startsWith('@hono') || i.from.includes('/http/')), []);
});

test('server/http and server/auth reach the store only through its interface (never an engine, lowdb or a file of the store)', () => {
  const bypass = (i: { from: string }) => i.from.startsWith('lowdb') || (/\/store\//.test(i.from) && !/\/store\/(interface|schema)\.js$/.test(i.from));
  assert.equal([...offending('server/http', bypass), ...offending('server/auth', bypass)], []);
  assert.equal(importsOf('server/app.ts').filter(bypass).map((i) => i.from), []);
});

test('only server/main.ts, the operators\' scripts and tests choose the engine', () => {
  const engine = files('server').filter((f) => !f.startsWith('server/store/') && f !== 'server/main.ts' && importsOf(f).some((i) => /store\/store\.js$/.test(i.from)));
  assert.equal(engine, []);
});

test('shared/ is pure: it imports only itself (not server/, web/, node: modules nor any package), and both sides import it at run time', () => {
  assert.equal(offending('shared', (i) => !/^\.\/[\w-]+\.js$/.test(i.from)), []);
  const users = (dir: string) => files(dir).filter((f) => importsOf(f).some((i) => !i.typeOnly && /(^|\/)shared\//.test(i.from)));
  assert.ok(users('server').length > 0 && users('web').length > 0, 'server/ and web/ both import shared/');
});

test('web/ imports the server with import type only', () => {
  assert.equal(offending('web', (i) => i.from.includes('server/') && !i.typeOnly), []);
});

test('in web/, only web/api calls fetch and only jalon-chart.ts imports chart.js (types aside)', () => {
  const fetching = files('web').filter((f) => !f.startsWith('web/api/') && /\bfetch\(/.test(readFileSync(join(root, f), 'utf8')));
  assert.equal(fetching, []);
  assert.equal(offending('web', (i, f) => /^chart\.js|^chartjs-/.test(i.from) && !i.typeOnly && relative('web', f) !== 'components/jalon-chart.ts'), []);
});

test.run();
