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
  writeFileSync(`${outDir}/index.html`, INDEX);
  writeFileSync(`${outDir}/favicon.svg`, FAVICON);
  // gzip copies beside each asset, served as they are to browsers that accept gzip
  for (const file of Object.keys(result.metafile.outputs))
    if (/\.(js|css)$/.test(file)) writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
  return result.metafile;
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  await buildWeb();
  console.log(
    `[build:web] ${process.env.JALON_WEB_DIR || 'dist/web'} écrit en ${Math.round(performance.now() - t0)} ms`,
  );
}
