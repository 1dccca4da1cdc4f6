// The dependency rules between folders (README « Layout »), checked on the sources (a lint in test
// form): a new import that crosses a boundary, or closes a cycle, fails the build.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = new URL('..', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(root, p)).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
/** Every import of a file: whether it is type-only, and what it names. */
const importsOf = (file: string) =>
  [
    ...readFileSync(join(root, file), 'utf8').matchAll(
      /^(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm,
    ),
  ].map((m) => ({ typeOnly: !!m[2], from: m[3] ?? m[4]! }));
const offending = (dir: string, bad: (i: { typeOnly: boolean; from: string }, file: string) => boolean) =>
  files(dir).flatMap((f) =>
    importsOf(f)
      .filter((i) => bad(i, f))
      .map((i) => `${f} → ${i.from}`),
  );

test('server/domain imports only itself, server/contract and shared/ (no hono, no lowdb, no node:fs)', () => {
  assert.equal(
    offending(
      'server/domain',
      (i) => !i.from.startsWith('./') && !i.from.startsWith('../contract/') && !i.from.startsWith('../../shared/'),
    ),
    [],
  );
});

test('server/contract holds types only', () => {
  assert.equal(
    offending('server/contract', (i) => !i.typeOnly),
    [],
  );
});

test('server/store never imports hono nor the HTTP layer', () => {
  assert.equal(
    offending(
      'server/store',
      (i) => i.from.startsWith('hono') || i.from.startsWith('@hono') || i.from.includes('/http/'),
    ),
    [],
  );
});

test('server/http and server/auth reach the store only through its interface (never an engine, lowdb or a file of the store)', () => {
  const bypass = (i: { from: string }) =>
    i.from.startsWith('lowdb') || (/\/store\//.test(i.from) && !/\/store\/(interface|schema)\.js$/.test(i.from));
  assert.equal([...offending('server/http', bypass), ...offending('server/auth', bypass)], []);
  assert.equal(
    importsOf('server/app.ts')
      .filter(bypass)
      .map((i) => i.from),
    [],
  );
});

test("only server/main.ts, the operators' scripts and tests choose the engine", () => {
  const engine = files('server').filter(
    (f) =>
      !f.startsWith('server/store/') &&
      f !== 'server/main.ts' &&
      importsOf(f).some((i) => /store\/store\.js$/.test(i.from)),
  );
  assert.equal(engine, []);
});

test('shared/ is pure: it imports only itself (not server/, web/, node: modules nor any package), and both sides import it at run time', () => {
  assert.equal(
    offending('shared', (i) => !/^\.\/[\w-]+\.js$/.test(i.from)),
    [],
  );
  const users = (dir: string) =>
    files(dir).filter((f) => importsOf(f).some((i) => !i.typeOnly && /(^|\/)shared\//.test(i.from)));
  assert.ok(users('server').length > 0 && users('web').length > 0, 'server/ and web/ both import shared/');
});

test('web/ imports the server with import type only', () => {
  assert.equal(
    offending('web', (i) => i.from.includes('server/') && !i.typeOnly),
    [],
  );
});

test('in web/, only web/api calls fetch and only jalon-chart.ts imports chart.js (types aside)', () => {
  const fetching = files('web').filter(
    (f) => !f.startsWith('web/api/') && /\bfetch\(/.test(readFileSync(join(root, f), 'utf8')),
  );
  assert.equal(fetching, []);
  assert.equal(
    offending(
      'web',
      (i, f) =>
        /^chart\.js|^chartjs-/.test(i.from) && !i.typeOnly && relative('web', f) !== 'components/jalon-chart.ts',
    ),
    [],
  );
});

/** The project files a file imports (relative specifiers, type-only ones and `import('…')` types
 *  included), as paths from the root. */
const localImports = (file: string): string[] => {
  const text = readFileSync(join(root, file), 'utf8');
  const specs = [
    ...importsOf(file).map((i) => i.from),
    ...[...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!),
  ];
  return specs.filter((s) => s.startsWith('.')).map((s) => join(dirname(file), s).replace(/\.js$/, '.ts'));
};

/** Every import cycle between files, each as the files around it (Tarjan's strongly connected
 *  components: a component of two files or more, or a file importing itself, is a cycle). */
const importCycles = (graph: Map<string, string[]>): string[][] => {
  const index = new Map<string, number>(),
    low = new Map<string, number>(),
    onStack = new Set<string>();
  const stack: string[] = [],
    cycles: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1 || graph.get(v)!.includes(v)) cycles.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
};

test('importCycles finds a cycle through type-only imports and none in a chain', () => {
  const chain = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', []],
  ]);
  assert.equal(importCycles(chain), []);
  assert.equal(importCycles(new Map([...chain, ['c', ['a']], ['d', ['d']]])), [['a', 'b', 'c'], ['d']]);
});

test('no file-level import cycle in server/, web/ or shared/ (type-only imports count)', () => {
  const dirs = ['server', 'web', 'shared'].filter((d) => existsSync(join(root, d)));
  const graph = new Map(dirs.flatMap(files).map((f) => [f, localImports(f)] as const));
  assert.ok(
    graph.has('server/domain/plan.ts') && graph.get('server/domain/dashboard.ts')!.length > 0,
    'the graph holds the sources',
  );
  assert.equal(importCycles(graph), []);
});

test.run();
