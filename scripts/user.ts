// Operators' CLI: npm run user -- add --email a@b.fr --role planner [--name "..."] [--finess 750712184]
//                 npm run user -- list
// Works on the data file directly: stop the server first (one store per file).
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../server/contract/auth.js';
import { hashPassword, passwordProblem } from '../server/auth/passwords.js';
import { readSettings } from '../server/env.js';
import { finessProblem } from '../server/domain/finess.js';
import { emptyData } from '../server/store/schema.js';
import { JournalStore } from '../server/store/store.js';

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, finess: { type: 'string' } } });
const fail = (msg: string): never => { console.error(msg); process.exit(1); };

const store = await JournalStore.open({ path: readSettings().dataPath, seed: emptyData });
if (command === 'list') {
  for (const u of store.all('users')) console.log([u.email, u.role, u.finess ?? '', u.disabled ? 'désactivé' : 'actif', u.name].join('\t'));
} else if (command === 'add') {
  const email = values.email?.trim().toLowerCase() ?? fail('--email requis');
  const role = (values.role ?? fail('--role requis')) as Role;
  if (!ROLES.includes(role)) fail(`--role : ${ROLES.join(', ')}`);
  if ([...store.all('users')].some((u) => u.email === email)) fail(`Un compte existe déjà pour ${email}.`);
  const finess = values.finess?.toUpperCase();
  if (role === 'establishment') {
    const p = finess ? finessProblem(finess) : '--finess requis pour un compte établissement';
    if (p) fail(p);
    if (!store.plan.establishments.has(finess!)) fail(`Établissement ${finess} introuvable.`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const password = await rl.question('Mot de passe (12 caractères au moins) : ');
  rl.close();
  const weak = passwordProblem(password, email);
  if (weak) fail(weak);
  const now = new Date().toISOString();
  const passwordHash = await hashPassword(password);
  await store.transact({ now, actor: 'cli', action: 'create' }, (tx) =>
    tx.put('users', { id: `usr-${Date.now().toString(36)}`, rev: '', createdAt: now, updatedAt: now, email, name: values.name ?? email, role, ...(role === 'establishment' ? { finess } : {}), passwordHash }));
  console.log(`Compte créé : ${email} (${role})`);
} else {
  fail('Usage : npm run user -- add --email … --role admin|planner|reviewer|establishment [--name …] [--finess …]\n        npm run user -- list');
}
await store.close();
