// The only entry with side effects: settings → store → app → serve().
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { createApp, systemClock } from './app.js';
import { hashPassword } from './auth/passwords.js';
import { checkAccount, newAccount } from './domain/accounts.js';
import { DomainError } from './domain/errors.js';
import { readSettings } from './env.js';
import { webRoutes } from './http/web.js';
import { dataFromSeed, newPlanData, readSeedFile, seedEvidence } from './store/seed.js';
import { StoreError, StoreUnavailable } from './store/errors.js';
import type { Store } from './store/interface.js';
import { openStore, safeUrl } from './store/open.js';

export const DEMO_PASSWORD = 'CaRE-cyber-2027';

const settings = readSettings();
const demoSeed = async () => {
  const withUsers = !settings.production;
  return dataFromSeed(await readSeedFile(`${settings.root}data/demo/plan.json`), {
    now: new Date().toISOString(),
    withUsers,
    passwordHash: withUsers ? await hashPassword(DEMO_PASSWORD) : undefined,
  });
};

let store: Store;
try {
  store = await openStore({
    url: settings.databaseUrl,
    path: settings.dataPath,
    seed: settings.demo ? demoSeed : () => newPlanData(),
  });
} catch (e) {
  if (e instanceof StoreError || e instanceof StoreUnavailable) {
    console.error(`[jalon] ${e.message}`);
    process.exit(1);
  }
  throw e;
}

// the demo plan's declarations carry evidence files: put in the store with the plan
if (settings.demo) await seedEvidence(store, `${settings.root}data/demo/evidence/`);

// First start without an admin: JALON_ADMIN_EMAIL / JALON_ADMIN_PASSWORD create one.
if (
  settings.adminEmail &&
  settings.adminPassword &&
  ![...store.all('users')].some((u) => u.role === 'admin' && !u.disabled)
) {
  try {
    const admin = checkAccount(store.plan, {
      email: settings.adminEmail,
      name: 'Administrateur',
      role: 'admin',
      password: settings.adminPassword,
    });
    const now = new Date().toISOString();
    const passwordHash = await hashPassword(admin.password);
    await store.transact({ now, action: 'bootstrap' }, (tx) =>
      tx.put('users', newAccount(admin, { id: 'usr-admin', now, passwordHash }, store.userByEmail(admin.email))),
    );
    console.log(`[jalon] compte administrateur créé : ${admin.email}`);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    console.error(
      `[jalon] compte administrateur refusé (JALON_ADMIN_EMAIL, JALON_ADMIN_PASSWORD) : ${e.detail ?? e.title}`,
    );
    process.exit(1);
  }
}

const dist = settings.webDir;
if (!existsSync(`${dist}/index.html`))
  console.warn('[jalon] dist/web absent : lancez npm run build:web (npm start le fait).');
if (settings.production && !settings.origin)
  console.warn('[jalon] JALON_ORIGIN absent : cookies sans Secure, pas de HSTS, origine déduite de l’en-tête Host.');
// the dashboard's buckets are built now, not by the first write or dashboard request (about 1 s
// at 30,000 establishments, during which the server would answer nobody)
store.plan.index.buckets();

const app = createApp({
  store,
  clock: systemClock,
  exposure: { origin: settings.origin, trustProxy: settings.trustProxy },
  web: webRoutes(dist),
});

const server = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host }, (info) => {
  console.log(
    `[jalon] http://${settings.host === '0.0.0.0' ? 'localhost' : settings.host}:${info.port}  (données : ${settings.databaseUrl ? safeUrl(settings.databaseUrl) : settings.dataPath})`,
  );
});

const stop = () => server.close(() => void store.close().then(() => process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
