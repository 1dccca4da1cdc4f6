// Prints the gzipped JS the first page (login) loads: app.js, its static imports, and the
// login page chunk with its own static imports. Budget: 150 KB.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { buildWeb } from './build-web.js';

const BUDGET = 150 * 1024;
const meta = await buildWeb();
const outputs = meta.outputs;

const closure = (start: string, seen = new Set<string>()): Set<string> => {
  if (seen.has(start)) return seen;
  seen.add(start);
  for (const i of outputs[start]?.imports ?? []) if (i.kind === 'import-statement') closure(i.path, seen);
  return seen;
};
const byEntry = (needle: string) => Object.keys(outputs).find((k) => outputs[k]!.entryPoint?.endsWith(needle));
const gz = (files: Iterable<string>) =>
  [...files].filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const app = byEntry('web/main.ts')!;
const first = closure(app);
const login = byEntry('jalon-login-page.ts');
if (login) closure(login, first);
const firstSize = gz(first);

const dash = byEntry('jalon-dashboard-page.ts');
const dashSize = dash ? gz(closure(dash, new Set(first))) : 0;

console.log(`Première page (connexion) : ${kb(firstSize)} gzip (${first.size} fichiers JS) — budget ${kb(BUDGET)}`);
if (dash) console.log(`Tableau de bord (avec chart.js) : ${kb(dashSize)} gzip au total`);
void (outputs satisfies Metafile['outputs']);
process.exit(firstSize > BUDGET ? 1 : 0);
