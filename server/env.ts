// The only reader of process.env: settings, validated and typed.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface Settings {
  port: number;
  host: string;
  dataPath: string;
  /** JALON_STORE or JALON_DATABASE_URL: a postgres:// URL selects the PostgreSQL engine; none, the
   *  embedded one on dataPath. */
  databaseUrl?: string;
  demo: boolean;
  production: boolean;
  adminEmail?: string;
  adminPassword?: string;
  /** JALON_ORIGIN: the public origin (`https://jalon.example.fr`) the CSRF check compares against;
   *  https turns on Secure cookies and HSTS. */
  origin?: string;
  /** JALON_TRUST_PROXY: how many reverse proxies in front write X-Forwarded-For/-Proto/-Host (0: none). */
  trustProxy: number;
  /** Built web assets (npm run build:web writes them there too). */
  webDir: string;
  root: string;
}

/** `https://jalon.example.fr`: a scheme, a host, maybe a port, nothing after. */
const readOrigin = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    /* refused below */
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== value.replace(/\/$/, '').toLowerCase())
    throw new Error(`JALON_ORIGIN invalide : ${value} (attendu : https://nom.du.serveur, sans chemin)`);
  return url.origin;
};

const readTrustProxy = (value: string | undefined): number => {
  const n = Number(value || 0);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new Error(`JALON_TRUST_PROXY invalide : ${value} (nombre de proxys, 0 à 10)`);
  return n;
};

/** JALON_STORE (a postgres:// URL, or `journal` for the embedded engine) else JALON_DATABASE_URL. */
const readDatabaseUrl = (store: string | undefined, url: string | undefined): string | undefined => {
  const postgres = (v: string) => /^postgres(ql)?:\/\/./i.test(v);
  if (store && store !== 'journal') {
    if (!postgres(store))
      throw new Error('JALON_STORE invalide (attendu : postgres://utilisateur@hôte/base, ou journal)');
    return store;
  }
  if (store === 'journal' || !url) return undefined;
  if (!postgres(url)) throw new Error('JALON_DATABASE_URL invalide (attendue : postgres://utilisateur@hôte/base)');
  return url;
};

export const readSettings = (env: NodeJS.ProcessEnv = process.env): Settings => {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT invalide : ${env.PORT}`);
  return {
    origin: readOrigin(env.JALON_ORIGIN),
    trustProxy: readTrustProxy(env.JALON_TRUST_PROXY),
    port,
    host: env.HOST ?? '127.0.0.1',
    dataPath: env.JALON_DATA ?? `${root}data/jalon.json`,
    databaseUrl: readDatabaseUrl(env.JALON_STORE, env.JALON_DATABASE_URL),
    demo: env.JALON_DEMO !== '0',
    production: env.NODE_ENV === 'production',
    adminEmail: env.JALON_ADMIN_EMAIL,
    adminPassword: env.JALON_ADMIN_PASSWORD,
    webDir: env.JALON_WEB_DIR || `${root}dist/web`,
    root,
  };
};
