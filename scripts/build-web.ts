// Bundles web/main.ts, with the shared/ code it runs, into dist/web, or JALON_WEB_DIR
// (index.html + assets/app.js, split chunks, app.css, and a .gz copy of each asset).
// Pages are lazy chunks, so chart.js only loads with the dashboard. No CDN, no inline script.
import { build, type Metafile } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const DIST = `${root}dist/web`;

const INDEX = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Jalon — Plan cyber santé 2023-2027</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css">
<script type="module" src="/assets/app.js"></script>
<!--preload-->
</head>
<body>
<app-shell></app-shell>
<noscript>Jalon nécessite JavaScript.</noscript>
</body>
</html>
`;

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#000091"/><path d="M9 22h14M11 22V12m5 10V8m5 14v-7" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>`;

export const buildWeb = async ({
  minify = true,
  outDir = process.env.JALON_WEB_DIR || DIST,
} = {}): Promise<Metafile> => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(`${outDir}/assets`, { recursive: true });
  const result = await build({
    entryPoints: { app: `${root}web/main.ts` },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify,
    sourcemap: false,
    legalComments: 'none',
    outdir: `${outDir}/assets`,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    tsconfig: `${root}tsconfig.json`,
    logLevel: 'warning',
  });
  const { shell, pages } = preloads(result.metafile);
  writeFileSync(`${outDir}/index.html`, INDEX.replace('<!--preload-->', shell.map(modulePreload).join('\n')));
  writeFileSync(`${outDir}/preload.json`, JSON.stringify(pages));
  writeFileSync(`${outDir}/favicon.svg`, FAVICON);
  // gzip copies beside each asset, served as they are to browsers that accept gzip
  for (const file of Object.keys(result.metafile.outputs))
    if (/\.(js|css)$/.test(file)) writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
  return result.metafile;
};

const modulePreload = (url: string) => `<link rel="modulepreload" href="${url}">`;

/** What each page needs before it can draw, as modulepreload links: without them the browser
 *  finds the chunks one level at a time (app.js, its chunks, the page's chunk, its chunks), a
 *  round trip each. `shell`: what app.js imports (every page); `pages`: per route, the page's
 *  chunk and what it imports beyond the shell, as `<link>` lines for server/http/web.ts. */
const preloads = (meta: Metafile) => {
  const outputs = meta.outputs;
  // metafile paths are relative to the working folder: keep what follows the last assets/
  const url = (file: string) => `/${file.slice(file.lastIndexOf('assets/'))}`;
  const closure = (file: string, into = new Set<string>()) => {
    for (const i of outputs[file]?.imports ?? [])
      if (i.kind === 'import-statement' && !into.has(i.path)) closure(i.path, into.add(i.path));
    return into;
  };
  const appFile = Object.keys(outputs).find((f) => outputs[f]!.entryPoint === 'web/main.ts')!;
  const shell = closure(appFile);
  // the routes' paths and the page each loads, as web/lib/routes.ts writes them
  const routes = readFileSync(`${root}web/lib/routes.ts`, 'utf8');
  const pageOf = new Map<string, string>([['/login', 'jalon-login-page']]);
  for (const m of routes.matchAll(/path: '(\/[a-z-]+)'[^}]*?import\('\.\.\/pages\/([a-z-]+)\.js'\)/g))
    pageOf.set(m[1]!, m[2]!);
  const pages: Record<string, string> = {};
  for (const [path, name] of pageOf) {
    const file = Object.keys(outputs).find((f) => outputs[f]!.entryPoint === `web/pages/${name}.ts`);
    if (!file) throw new Error(`build:web : pas de chunk pour ${name} (${path})`);
    const own = [file, ...closure(file)].filter((f) => f !== appFile && !shell.has(f));
    pages[path] = own.map((f) => modulePreload(url(f))).join('\n');
  }
  if (pageOf.size < 10) throw new Error('build:web : routes introuvables dans web/lib/routes.ts');
  return { shell: [...shell].map(url), pages };
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  await buildWeb();
  console.log(
    `[build:web] ${process.env.JALON_WEB_DIR || 'dist/web'} écrit en ${Math.round(performance.now() - t0)} ms`,
  );
}
