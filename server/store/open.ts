// The one place an engine is chosen: a postgres:// URL opens the PostgreSQL engine (loaded only
// then, so that `pg` costs nothing to the embedded default), anything else the embedded one.
import { StoreError } from './errors.js';
import type { Store } from './interface.js';
import type { PgStoreOptions } from './pg/store.js';
import { JournalStore, type StoreOptions } from './store.js';

export type OpenStoreOptions = StoreOptions &
  Partial<Omit<PgStoreOptions, 'url' | 'seed'>> & {
    /** A postgres:// (or postgresql://) URL: the PostgreSQL engine; none: the embedded one on `path`. */
    url?: string;
  };

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

/** The URL without its password, for messages and logs. */
export const safeUrl = (url: string): string => url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');

export const openStore = async ({
  url,
  schema,
  dropSchemaOnClose,
  pollMs,
  poolSize,
  lockWaitMs,
  migrations,
  ...journal
}: OpenStoreOptions): Promise<Store> => {
  if (url === undefined) return JournalStore.open(journal);
  if (!isPostgresUrl(url))
    throw new StoreError(`Adresse de base de données non prise en charge : ${safeUrl(url)} (attendue : postgres://…).`);
  const { PgStore } = await import('./pg/store.js');
  return PgStore.open({
    url,
    seed: journal.seed,
    schema,
    dropSchemaOnClose,
    pollMs,
    poolSize,
    lockWaitMs,
    migrations,
  });
};
