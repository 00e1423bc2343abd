import KeyvPostgres from '@keyv/postgres';
import { Keyv } from 'keyv';
import pg from 'pg';
import type { Logger } from '../log.ts';
import { CLAIMS_TABLE, type StoreBackend } from './backend.ts';

/** PostgreSQL's unique_violation: two instances racing through CREATE TABLE IF NOT EXISTS. */
const UNIQUE_VIOLATION = '23505';

/**
 * @keyv/postgres 2 keeps one pg pool for the whole module, for the URL last used, and its
 * `disconnect()` ends that pool even while other stores use it. So the stores open in this process count their
 * users here, the last one to close ends the pool, and a second URL is refused while one is open.
 */
const openPools = { url: '', users: 0 };

/**
 * Connects to PostgreSQL. Each namespace gets its own KeyvPostgres adapter because Keyv 5 writes its
 * namespace into the adapter; all of them share the module's one pool.
 */
export async function openPostgresBackend(url: string, logger?: Logger): Promise<StoreBackend> {
  guardPoolErrors(logger);
  if (openPools.users > 0 && openPools.url !== url) {
    throw new Error(
      'A PostgreSQL store on another URL is already open in this process; @keyv/postgres supports one URL per process.',
    );
  }
  openPools.url = url;
  openPools.users += 1;

  const claims = new KeyvPostgres({ uri: url });
  const close = async () => {
    openPools.users -= 1;
    if (openPools.users === 0) await claims.disconnect();
  };

  try {
    await claims.query(
      `CREATE TABLE IF NOT EXISTS ${CLAIMS_TABLE} (key VARCHAR(255) PRIMARY KEY, owner TEXT NOT NULL, expires_at BIGINT NOT NULL)`,
    );
    await claims.query(
      `CREATE INDEX IF NOT EXISTS ${CLAIMS_TABLE}_expires_at ON ${CLAIMS_TABLE} (expires_at)`,
    );
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) {
      await close();
      throw error;
    }
  }

  return {
    name: 'postgres',

    createKeyv(namespace) {
      return new Keyv<unknown>(new KeyvPostgres({ uri: url }), { namespace, throwOnErrors: true });
    },

    async claim(key, owner, ttlMs, now) {
      // The DELETE only drops lapsed claims; ON CONFLICT DO NOTHING alone decides the winner. A
      // concurrent insert of the same key waits for the first transaction and then does nothing.
      await claims.query(`DELETE FROM ${CLAIMS_TABLE} WHERE expires_at <= $1`, [now]);
      const rows = await claims.query(
        `INSERT INTO ${CLAIMS_TABLE} (key, owner, expires_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key, owner, now + ttlMs],
      );
      return rows.length === 1;
    },

    async release(key, owner) {
      await claims.query(`DELETE FROM ${CLAIMS_TABLE} WHERE key = $1 AND owner = $2`, [key, owner]);
    },

    close,
  };
}

/**
 * @keyv/postgres 2 builds its pg.Pool itself and adds no 'error' listener, and pg emits 'error' on
 * the pool when the server closes an idle connection (restart, failover). Without a listener that
 * event crashes the process, so every pool built through `pg.Pool` gets one that logs instead; the
 * pool drops the broken connection and opens a new one on the next query.
 */
let poolErrorsGuarded = false;

function guardPoolErrors(logger: Logger | undefined): void {
  if (poolErrorsGuarded) return;
  poolErrorsGuarded = true;
  const OriginalPool = pg.Pool;
  class GuardedPool extends OriginalPool {
    constructor(config?: pg.PoolConfig) {
      super(config);
      this.on('error', (error) => {
        logger?.warn('PostgreSQL closed an idle store connection', { error: error.message });
      });
    }
  }
  pg.Pool = GuardedPool;
}
