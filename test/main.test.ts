// server/main.ts as a real process: SIGKILLed in the middle of a stream of writes, restarted on
// the same file, every acknowledged write is there; a corrupt or unknown-version file stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort, serverNodeArgs } from '../scripts/server-process.js';

interface Proc {
  child: ChildProcess;
  port: number;
  out: () => string;
  exited: Promise<number | null>;
}

const start = async (dataPath: string): Promise<Proc> => {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, serverNodeArgs(), {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      JALON_DATA: dataPath,
      JALON_DEMO: '1',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, out: () => out, exited };
};

const ready = async (p: Proc) => {
  for (let i = 0; i < 300; i++) {
    if (p.child.exitCode !== null) throw new Error(`server exited: ${p.out()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${p.port}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server not ready: ${p.out()}`);
};

const client = async (port: number) => {
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'planif@jalon.test', password: 'CaRE-cyber-2027' }),
  });
  assert.is(login.status, 200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
};

test('SIGKILL in the middle of a stream of writes: after a restart every acknowledged write is there', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-crash-'));
  const path = join(dir, 'jalon.json');
  const procs: Proc[] = [];
  try {
    const p1 = await start(path);
    procs.push(p1);
    await ready(p1);
    const api = await client(p1.port);
    const sites = (await (await api('GET', '/api/establishments?limit=1000')).json()).items.map(
      (e: { finess: string }) => e.finess,
    ) as string[];
    const actionId = (await (await api('GET', '/api/actions?limit=1')).json()).items[0].id as string;
    const envelopeId = 'env-care-annonce'; // the announced 500 M€ tranche: room for every write here
    // one allocation per establishment, envelope and action: each new one goes to the next site
    // that does not hold this action yet
    let site = 0;
    // acknowledged[id] = amount the server confirmed last; pending[id] = amount sent, not confirmed
    const acknowledged = new Map<string, number>(),
      pending = new Map<string, number>();
    let stop = false,
      n = 0;
    const worker = async (w: number) => {
      let id: string | null = null,
        rev = '';
      while (!stop) {
        const amount = 100_00 + w * 1000 + n++;
        try {
          if (!id) {
            const finess = sites[site++ % sites.length]!;
            const r = await api('POST', '/api/allocations', {
              envelopeId,
              finess,
              actionId,
              amounts: { '2026': amount },
            });
            if (r.status === 409) {
              await r.arrayBuffer();
              continue;
            }
            if (r.status !== 201) throw new Error(`POST ${r.status} ${await r.text()}`);
            const j = await r.json();
            id = j.id;
            rev = j.rev;
            acknowledged.set(j.id, amount);
          } else {
            pending.set(id, amount);
            const r = await api(
              'PATCH',
              `/api/allocations/${id}`,
              { amounts: { '2026': amount } },
              { 'if-match': `"${rev}"` },
            );
            if (r.status !== 200) throw new Error(`PATCH ${r.status} ${await r.text()}`);
            rev = (await r.json()).rev;
            acknowledged.set(id, amount);
            pending.delete(id);
            if (n % 7 === 0) id = null; // start a new one now and then
          }
        } catch (e) {
          if (stop) return;
          throw e;
        }
      }
    };
    // a worker's failure ends the test through its finally (an unhandled rejection would kill the
    // process and leave the server running)
    let failure: unknown = null;
    const workers = [0, 1, 2, 3].map((w) =>
      worker(w).catch((e) => {
        failure ??= e;
        stop = true;
      }),
    );
    while (!failure && (acknowledged.size < 12 || n < 150)) await new Promise((r) => setTimeout(r, 10));
    if (failure) throw failure;
    stop = true;
    p1.child.kill('SIGKILL');
    await Promise.allSettled(workers);
    await p1.exited;

    const p2 = await start(path);
    procs.push(p2);
    await ready(p2);
    const api2 = await client(p2.port);
    for (const [id, amount] of acknowledged) {
      const r = await api2('GET', `/api/allocations/${id}`);
      assert.is(r.status, 200, `acknowledged allocation ${id} lost`);
      const got = (await r.json()).amounts['2026'];
      const ok = got === amount || got === pending.get(id);
      assert.ok(
        ok,
        `${id}: ${got}, acknowledged ${amount}${pending.has(id) ? ` (or in flight ${pending.get(id)})` : ''}`,
      );
    }
    const audit = await (await api2('GET', '/api/audit?limit=1')).json();
    assert.ok(audit.total >= acknowledged.size);
    // the restarted server keeps writing
    let created = 0;
    for (const finess of sites) {
      const r = await api2('POST', '/api/allocations', { envelopeId, finess, actionId, amounts: { '2026': 1 } });
      if (r.status === 201) {
        created++;
        break;
      }
      assert.is(r.status, 409, await r.text());
    }
    assert.is(created, 1);
  } finally {
    for (const p of procs)
      if (p.child.exitCode === null) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
    await rm(dir, { recursive: true, force: true });
  }
});

test('A corrupt data file or an unknown schema version stops the server with a clear message; the file is left byte for byte', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-corrupt-'));
  try {
    for (const [text, msg] of [
      ['{"schemaVersion":1,"seq":4,"collections":{"actions":{"a":{', /illisible|inattendu/],
      ['{"schemaVersion":42,"seq":1,"collections":{},"audit":[]}', /version de schéma 42 inconnue/],
    ] as const) {
      const path = join(dir, 'jalon.json');
      await writeFile(path, text);
      const p = await start(path);
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        p.exited,
        new Promise<'timeout'>((r) => {
          timer = setTimeout(() => r('timeout'), 20_000);
        }),
      ]);
      clearTimeout(timer);
      if (code === 'timeout') {
        p.child.kill('SIGKILL');
        assert.unreachable(`server kept running on ${text}`);
      }
      assert.ok(code !== 0 && code !== null, `exit code ${code}`);
      assert.match(p.out(), msg);
      assert.match(p.out(), /\[jalon\]/);
      assert.not.match(p.out(), /\n\s+at .+:\d+:\d+/, 'a message, not a stack trace');
      assert.is(await readFile(path, 'utf8'), text);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('Login throttling through a real socket: failures on five accounts lock no sixth (a shared NAT); a forged X-Forwarded-For does not escape a pair', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-throttle-'));
  const p = await start(join(dir, 'jalon.json'));
  try {
    await ready(p);
    const login = (email: string, password: string, forwardedFor = '') =>
      fetch(`http://127.0.0.1:${p.port}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
        body: JSON.stringify({ email, password }),
      });
    // five wrong passwords, each on another account, from one address: colleagues behind it go on
    for (const who of ['planif2', 'finances', 'finances2', 'admin', 'nobody'])
      assert.is((await login(`${who}@jalon.test`, 'wrong-password')).status, 401);
    assert.is((await login('etab.versailles@jalon.test', 'CaRE-cyber-2027')).status, 200);
    // five on one account, each claiming another address (no JALON_TRUST_PROXY: the socket counts)
    for (let i = 0; i < 5; i++)
      assert.is((await login('planif@jalon.test', 'wrong-password', `192.0.2.${i}`)).status, 401);
    const slowed = await login('planif@jalon.test', 'CaRE-cyber-2027', '192.0.2.99');
    assert.is(slowed.status, 429);
    assert.is(slowed.headers.get('retry-after'), '30');
    assert.match((await slowed.json()).detail, /réessayez dans 30 s/);
  } finally {
    if (p.child.exitCode === null) {
      p.child.kill('SIGKILL');
      await p.exited;
    }
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
