// npm run user: an ARS account is created with its region, checked as the API checks it (an
// unknown region, or a region on another role, refused before the password is asked, nothing stored).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const PASSWORD = 'Une-phrase-de-passe-ARS-2026';

const user = (path: string, args: string[], input = '') =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user.ts', ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, JALON_DATA: path },
  });

const withData = async (fn: (path: string) => void | Promise<void>) => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-user-cli-'));
  try {
    await fn(join(dir, 'jalon.json'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

test('add --region binds a planner to its ARS; list shows it', () =>
  withData((path) => {
    const add = user(
      path,
      ['add', '--email', 'ars.idf@exemple.fr', '--role', 'planner', '--region', '11', '--name', 'ARS IDF'],
      `${PASSWORD}\n`,
    );
    assert.is(add.status, 0, add.stderr);
    assert.match(add.stdout, 'Compte créé : ars.idf@exemple.fr (planner, ARS Île-de-France)');
    const list = user(path, ['list']);
    assert.is(list.status, 0, list.stderr);
    assert.equal(list.stdout.trim().split('\n'), ['ars.idf@exemple.fr\tplanner\t11\tactif\tARS IDF']);
  }));

test('an unknown region, or a region on an administrator account, is refused before the password', () =>
  withData((path) => {
    const unknown = user(path, ['add', '--email', 'a@exemple.fr', '--role', 'reviewer', '--region', '99']);
    assert.is(unknown.status, 1);
    assert.match(unknown.stderr, 'Région « 99 » inconnue : code INSEE d’une des 18 ARS.');
    assert.not.match(unknown.stdout, 'Mot de passe');
    const admin = user(path, ['add', '--email', 'b@exemple.fr', '--role', 'admin', '--region', '84']);
    assert.is(admin.status, 1);
    assert.match(admin.stderr, 'Seuls les comptes planificateur et valideur sont rattachés à une région (ARS).');
    const list = user(path, ['list']);
    assert.is(list.stdout.trim(), '', 'nothing stored');
  }));

test.run();
