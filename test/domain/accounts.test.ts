import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Role } from '../../server/contract/auth.js';
import { checkAccount, checkAccountFields, newAccount } from '../../server/domain/accounts.js';
import { refuses } from '../helpers/assert.js';
import { F1, planOf } from '../helpers/plan.js';

const STRONG = 'CaRE-cyber-2027';
const NOW = '2026-03-02T09:00:00.000Z';
const input = (o: object = {}) => ({
  email: 'claire.martin@ars.sante.fr',
  role: 'planner' as Role,
  password: STRONG,
  ...o,
});

test('Given an e-mail typed with capitals and spaces, the account keeps it trimmed in lower case, and its name defaults to it', async () => {
  const plan = await planOf();
  const checked = checkAccount(plan, input({ email: '  Claire.Martin@ARS.sante.fr ' }));
  assert.equal(checked, {
    email: 'claire.martin@ars.sante.fr',
    name: 'claire.martin@ars.sante.fr',
    role: 'planner',
    password: STRONG,
  });
  const user = newAccount(checked, { id: 'usr-1', now: NOW, passwordHash: 'scrypt$x' }, undefined);
  assert.equal(user, {
    id: 'usr-1',
    rev: '',
    createdAt: NOW,
    updatedAt: NOW,
    email: 'claire.martin@ars.sante.fr',
    name: 'claire.martin@ars.sante.fr',
    role: 'planner',
    passwordHash: 'scrypt$x',
  });
});

test('Given an establishment account, it is bound to one existing FINESS, typed in any case', async () => {
  const plan = await planOf();
  assert.is(checkAccount(plan, input({ role: 'establishment', finess: ` ${F1.toLowerCase()} ` })).finess, F1);
  assert.equal(
    refuses(() => checkAccount(plan, input({ role: 'establishment' })), 400, 'FINESS requis').errors.map((e) => e.path),
    ['finess'],
  );
  refuses(() => checkAccount(plan, input({ role: 'establishment', finess: '750712184' })), 422, 'introuvable');
});

test('Given another role, a FINESS is refused rather than ignored', async () => {
  const plan = await planOf();
  refuses(
    () => checkAccountFields(plan, { email: 'a@b.fr', role: 'reviewer', finess: F1 }),
    400,
    'Seuls les comptes établissement',
  );
});

test('Given a bad e-mail, an unknown role or a weak password, the account is refused on that field', async () => {
  const plan = await planOf();
  assert.equal(refuses(() => checkAccount(plan, input({ email: 'claire' })), 400).errors[0]!.path, 'email');
  assert.equal(refuses(() => checkAccount(plan, input({ role: 'root' })), 400).errors[0]!.path, 'role');
  assert.equal(
    refuses(() => checkAccount(plan, input({ password: 'claire.martin-2026' })), 400, 'identifiant').errors[0]!.path,
    'password',
  );
});

test('Given an account with the same e-mail, the new one is a 409 duplicate', async () => {
  const plan = await planOf();
  const checked = checkAccount(plan, input());
  const existing = newAccount(checked, { id: 'usr-1', now: NOW, passwordHash: 'h' }, undefined);
  assert.equal(
    refuses(() => newAccount(checked, { id: 'usr-2', now: NOW, passwordHash: 'h' }, existing), 409, 'existe déjà')
      .errors[0]!.path,
    'email',
  );
});

test.run();
