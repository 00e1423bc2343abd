import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import { CLAIMS_TABLE, type StoreBackend } from './backend.ts';

/** How long a statement waits for another connection's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens an SQLite file (or `:memory:`). Each namespace gets its own KeyvSqlite adapter, and so its
 * own connection, because Keyv 5 writes its namespace into the adapter it is given: two namespaces
 * sharing one adapter would list each other's keys. With `:memory:` every connection is a separate
 * database, which keeps namespaces apart just the same.
 */
export async function openSqliteBackend(path: string): Promise<StoreBackend> {
  if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
  const uri = `sqlite://${path}`;

  // A connection of its own for the claims. Its adapter also creates keyv's table, which is harmless.
  const claims = new KeyvSqlite({ uri, busyTimeout: BUSY_TIMEOUT_MS });
  if (path !== ':memory:') {
    // WAL lets the per-namespace connections read while another writes; the mode persists in the file.
    await claims.query('PRAGMA journal_mode = WAL');
  }
  await claims.query(
    `CREATE TABLE IF NOT EXISTS ${CLAIMS_TABLE} (key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
  );
  await claims.query(`CREATE INDEX IF NOT EXISTS ${CLAIMS_TABLE}_expires_at ON ${CLAIMS_TABLE} (expires_at)`);

  const adapters: KeyvSqlite[] = [claims];

  return {
    name: 'sqlite',

    createKeyv(namespace) {
      const adapter = new KeyvSqlite({ uri, busyTimeout: BUSY_TIMEOUT_MS });
      adapters.push(adapter);
      return new Keyv<unknown>(adapter, { namespace, throwOnErrors: true });
    },

    async claim(key, owner, ttlMs, now) {
      // No transaction is needed: the DELETE removes only lapsed claims, and the INSERT OR IGNORE
      // alone decides the winner, also against other processes using the same file.
      await claims.query(`DELETE FROM ${CLAIMS_TABLE} WHERE expires_at <= ?`, now);
      const rows: unknown[] = await claims.query(
        `INSERT OR IGNORE INTO ${CLAIMS_TABLE} (key, owner, expires_at) VALUES (?, ?, ?) RETURNING key`,
        key,
        owner,
        now + ttlMs,
      );
      return rows.length === 1;
    },

    async release(key, owner) {
      await claims.query(`DELETE FROM ${CLAIMS_TABLE} WHERE key = ? AND owner = ?`, key, owner);
    },

    async close() {
      await Promise.all(adapters.map((adapter) => adapter.disconnect()));
    },
  };
}
