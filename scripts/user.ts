// Operators' CLI: npm run user -- add --email a@b.fr --role planner [--name "..."] [--finess 750712184] [--region 11]
//                 npm run user -- list
// Works on the data file directly: stop the server first (one store per file).
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { Role } from '../server/contract/auth.js';
import { hashPassword } from '../server/auth/passwords.js';
import { readSettings } from '../server/env.js';
import { checkAccount, checkAccountFields, newAccount } from '../server/domain/accounts.js';
import { DomainError } from '../server/domain/errors.js';
import { emptyData } from '../server/store/schema.js';
import { JournalStore } from '../server/store/store.js';
import { arsLabel } from '../shared/regions.js';

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    finess: { type: 'string' },
    // an ARS account: a planner or reviewer bound to its region (INSEE code), checked as the API does
    region: { type: 'string' },
  },
});
const fail = (msg: string): never => {
  console.error(msg);
  process.exit(1);
};
/** A refusal of the rules is printed (its French detail) and ends the command; anything else is thrown on. */
const report = (e: unknown): never => {
  if (e instanceof DomainError) fail(e.detail ?? e.title);
  throw e;
};
const refused = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (e) {
    return report(e);
  }
};

const store = await JournalStore.open({ path: readSettings().dataPath, seed: emptyData });
if (command === 'list') {
  for (const u of store.all('users'))
    console.log([u.email, u.role, u.finess ?? u.region ?? '', u.disabled ? 'désactivé' : 'actif', u.name].join('\t'));
} else if (command === 'add') {
  const email = values.email ?? fail('--email requis');
  const role = (values.role ?? fail('--role requis')) as Role;
  const fields = { email, role, name: values.name, finess: values.finess, region: values.region };
  refused(() => checkAccountFields(store.plan, fields)); // before the password is asked
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const password = await rl.question('Mot de passe (12 caractères au moins) : ');
  rl.close();
  const account = refused(() => checkAccount(store.plan, { ...fields, password }));
  const now = new Date().toISOString();
  const passwordHash = await hashPassword(password);
  await store
    .transact({ now, actor: 'cli', action: 'create' }, (tx) =>
      tx.put(
        'users',
        newAccount(
          account,
          { id: `usr-${Date.now().toString(36)}`, now, passwordHash },
          store.userByEmail(account.email),
        ),
      ),
    )
    .catch(report);
  const ars = account.region ? `, ${arsLabel(account.region)}` : '';
  console.log(`Compte créé : ${account.email} (${account.role}${ars})`);
} else {
  fail(
    'Usage : npm run user -- add --email … --role admin|planner|reviewer|establishment [--name …] [--finess …] [--region …]\n        npm run user -- list',
  );
}
await store.close();
