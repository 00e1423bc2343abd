import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Keyv } from 'keyv';
import { type Clock, systemClock } from './clock.ts';
import type { Logger } from './log.ts';
import type { StoreBackend } from './store/backend.ts';

/**
 * The shared store: keyv namespaces for data, plus `claim`, the one atomic operation keyv lacks.
 * Several instances of the app may share one Redis or PostgreSQL store. The first instance to claim a
 * key (a submitted view id, the token refresh of one identity) does the work, and the others do not.
 */
export interface Store {
  readonly backend: StoreBackend['name'];
  /** The Keyv of one namespace (lowercase letters, digits and dashes); the same instance on every call. */
  keyv<Value = unknown>(namespace: string): Keyv<Value>;
  /**
   * Claims `key` for `ttlMs` milliseconds: true for exactly one caller among all instances until the
   * claim is released or lapses. Expiry is judged by the options' clock for SQL backends and by the
   * server's own clock for Redis.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Releases a claim this store owns. A claim that lapsed and was taken by another instance is left alone. */
  release(key: string): Promise<void>;
  /** Closes every connection; the store is unusable afterwards. Safe to call twice. */
  close(): Promise<void>;
}

export interface StoreOptions {
  logger?: Logger;
  clock?: Clock;
}

export class StoreUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUrlError';
  }
}

const ACCEPTED_FORMS =
  'sqlite://PATH (relative to the working directory, e.g. sqlite://data/bms-slack.sqlite, or sqlite://:memory:), ' +
  'redis://HOST:PORT or rediss://HOST:PORT, postgres://USER:PASSWORD@HOST:PORT/DATABASE or postgresql://...';
const NAMESPACE_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;
/** VARCHAR(255) in the PostgreSQL claims table. */
const MAX_CLAIM_KEY_LENGTH = 255;

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Opens the store that `url` names. Rejects with StoreUrlError for a URL of another form, and with the
 * driver's error when the server cannot be reached.
 */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const backend = await openBackend(url.trim(), logger);
  // Release deletes a claim only for its owner, so one instance cannot free another's claim.
  const owner = randomUUID();
  const namespaces = new Map<string, Keyv<unknown>>();
  let closed = false;

  logger.info('Store opened', { backend: backend.name });

  return {
    backend: backend.name,

    keyv<Value = unknown>(namespace: string): Keyv<Value> {
      if (!NAMESPACE_PATTERN.test(namespace)) {
        throw new Error(
          `Invalid store namespace "${namespace}": use lowercase letters, digits and dashes, starting with a letter.`,
        );
      }
      let keyv = namespaces.get(namespace);
      if (!keyv) {
        keyv = backend.createKeyv(namespace);
        // Failures also reject the caller's promise (throwOnErrors); the event adds the namespace to the log.
        keyv.on('error', (error: unknown) => {
          logger.warn('Store operation failed', {
            backend: backend.name,
            namespace,
            error: errorText(error),
          });
        });
        namespaces.set(namespace, keyv);
      }
      // The adapters store any JSON value; the type parameter only names what this caller keeps there.
      return keyv as Keyv<Value>;
    },

    async claim(key, ttlMs) {
      checkClaimKey(key);
      if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
        throw new RangeError(`Claim lifetime must be a positive number of milliseconds, not ${ttlMs}.`);
      }
      return backend.claim(key, owner, Math.ceil(ttlMs), clock());
    },

    async release(key) {
      checkClaimKey(key);
      await backend.release(key, owner);
    },

    async close() {
      if (closed) return;
      closed = true;
      await backend.close();
      logger.info('Store closed', { backend: backend.name });
    },
  };
}

async function openBackend(url: string, logger: Logger): Promise<StoreBackend> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'sqlite': {
      const path = url.slice('sqlite://'.length);
      if (path === '') throw new StoreUrlError(`The sqlite:// store URL has no path. Use ${ACCEPTED_FORMS}.`);
      const { openSqliteBackend } = await import('./store/sqlite.ts');
      return openSqliteBackend(path === ':memory:' ? path : resolve(path));
    }
    case 'redis':
    case 'rediss': {
      const { openRedisBackend } = await import('./store/redis.ts');
      return openRedisBackend(url, logger);
    }
    case 'postgres':
    case 'postgresql': {
      const { openPostgresBackend } = await import('./store/postgres.ts');
      return openPostgresBackend(url, logger);
    }
    default:
      // Only the scheme is echoed: the rest of a URL may hold a password.
      throw new StoreUrlError(
        scheme === undefined
          ? `The store URL is not of a supported form. Use ${ACCEPTED_FORMS}.`
          : `Unsupported store URL scheme "${scheme}://". Use ${ACCEPTED_FORMS}.`,
      );
  }
}

function checkClaimKey(key: string): void {
  if (key === '' || key.length > MAX_CLAIM_KEY_LENGTH) {
    throw new RangeError(
      `Claim key must be 1 to ${MAX_CLAIM_KEY_LENGTH} characters long, not ${key.length}.`,
    );
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
