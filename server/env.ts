// The only reader of process.env: settings, validated and typed.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface Settings {
  port: number;
  host: string;
  dataPath: string;
  demo: boolean;
  production: boolean;
  adminEmail?: string;
  adminPassword?: string;
  /** Built web assets (npm run build:web writes them there too). */
  webDir: string;
  root: string;
}

export const readSettings = (env: NodeJS.ProcessEnv = process.env): Settings => {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT invalide : ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataPath: env.JALON_DATA ?? `${root}data/jalon.json`,
    demo: env.JALON_DEMO !== '0',
    production: env.NODE_ENV === 'production',
    adminEmail: env.JALON_ADMIN_EMAIL,
    adminPassword: env.JALON_ADMIN_PASSWORD,
    webDir: env.JALON_WEB_DIR || `${root}dist/web`,
    root,
  };
};
