// A real full disk: the server as a process on a 30 MB tmpfs that `dd` fills (as root, where the
// machine allows mounting; test/store/faults.test.ts covers the same cases everywhere through a
// faulty disk layer). Writes are refused with 503 and leave the journal as it was; reads go on;
// once space returns writes are taken again without a restart, and a SIGKILL loses nothing.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, rmdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type ServerProcess } from '../../scripts/server-process.js';

const canMount = (() => {
  if (process.getuid?.() !== 0 || process.platform !== 'linux') return false;
  const probe = spawnSync('sh', [
    '-c',
    'd=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs "$d" && umount "$d"; r=$?; rmdir "$d"; exit $r',
  ]);
  return probe.status === 0;
})();

// the demo plan, as `npm start` serves it; SIGKILL, as a crash would
const start = (dataPath: string) => startServer(dataPath, { JALON_DEMO: '1', NODE_ENV: 'test' });
const kill = async (p: ServerProcess) => {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return; // a killed child has no exit code
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGKILL');
  await exited;
};

const client = async (base: string) => {
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'planif@jalon.test', password: 'CaRE-cyber-2027' }),
  });
  assert.is(login.status, 200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const get = async (path: string) => (await fetch(`${base}${path}`, { headers: { cookie } })).json() as Promise<any>;
  const patch = async (id: string, cents: number) => {
    const { rev, amounts } = await get(`/api/allocations/${id}`);
    const year = Object.keys(amounts).sort()[0]!; // lowering an amount always fits the envelope
    const r = await fetch(`${base}/api/allocations/${id}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json', 'if-match': `"${rev}"` },
      body: JSON.stringify({ amounts: { ...amounts, [year]: cents } }),
    });
    return {
      status: r.status,
      type: r.headers.get('content-type'),
      retryAfter: r.headers.get('retry-after'),
      json: (await r.json()) as any,
    };
  };
  const amount = async (id: string) => {
    const { amounts } = await get(`/api/allocations/${id}`);
    return amounts[Object.keys(amounts).sort()[0]!] as number;
  };
  return { get, patch, amount };
};

(canMount ? test : test.skip)(
  'On a real full disk (tmpfs): 503 and a clean journal, reads served, writes resume once space returns; a SIGKILL then loses no acknowledged write',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jalon-tmpfs-'));
    const procs: ServerProcess[] = [];
    assert.is(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=30m', 'tmpfs', dir]).status, 0);
    try {
      const path = join(dir, 'jalon.json');
      const p1 = await start(path);
      procs.push(p1);
      const api = await client(p1.base);
      const { items } = await api.get('/api/allocations?status=proposed&limit=1');
      const id = items[0].id as string;
      const first = await api.patch(id, 1_01);
      assert.is(first.status, 200, JSON.stringify(first.json));
      spawnSync('dd', ['if=/dev/zero', `of=${join(dir, 'fill')}`, 'bs=1M'], { stdio: 'ignore' }); // until ENOSPC
      // a write may still fit in the journal's last page; the disk is full within a few
      let acknowledged = 1_01,
        refused = null as Awaited<ReturnType<typeof api.patch>> | null;
      for (let i = 2; i < 40 && !refused; i++) {
        const r = await api.patch(id, 100 + i);
        if (r.status === 200) acknowledged = 100 + i;
        else refused = r;
      }
      assert.ok(refused, 'the full disk refused a write');
      assert.is(refused!.status, 503);
      assert.is(refused!.type, 'application/problem+json');
      assert.match(refused!.json.detail, /Espace disque insuffisant : rien n’a été enregistré/);
      assert.ok(Number(refused!.retryAfter) > 0);
      const journal = (await stat(`${path}.journal`)).size;
      assert.is((await api.patch(id, 2_00)).status, 503);
      assert.is((await stat(`${path}.journal`)).size, journal, 'the refused entries were cut off');
      assert.is(await api.amount(id), acknowledged, 'memory unchanged');
      assert.ok((await api.get('/api/dashboard')).totals, 'reads are served');
      await rm(join(dir, 'fill'));
      for (const cents of [3_01, 3_02, 3_03])
        assert.is((await api.patch(id, cents)).status, 200, 'writes resume without a restart');
      await kill(p1);
      const p2 = await start(path);
      procs.push(p2);
      const api2 = await client(p2.base);
      assert.is(await api2.amount(id), 3_03);
      const events = await api2.get(`/api/audit?id=${id}&limit=100`);
      const recorded = events.items.flatMap((e: { after?: { amounts?: Record<string, number> } }) =>
        Object.values(e.after?.amounts ?? {}),
      );
      assert.ok(recorded.includes(3_03));
      assert.not.ok(recorded.includes(2_00), 'no event of a refused write');
    } finally {
      for (const p of procs) await kill(p);
      spawnSync('umount', [dir]);
      await rmdir(dir).catch(() => rm(dir, { recursive: true, force: true }));
    }
  },
);

test.run();
