import KeyvRedis, { createClient } from '@keyv/redis';
import { Keyv } from 'keyv';
import type { Logger } from '../log.ts';
import { REDIS_CLAIM_PREFIX, type StoreBackend } from './backend.ts';

/** Connection attempts at start-up before `openStore` gives up with an error. */
const STARTUP_ATTEMPTS = 3;
const MAX_RECONNECT_DELAY_MS = 5_000;

/** Deletes the claim only while its value is still this owner, so a lapsed claim taken over by another instance survives. */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * Connects one Redis client and shares it between the per-namespace KeyvRedis adapters. Each
 * namespace gets its own adapter because Keyv 5 writes its namespace into the adapter; keys are
 * `namespace::key`, prefixed once by the adapter (Keyv's own prefix is turned off, or keys would read
 * `namespace::namespace:key`).
 */
export async function openRedisBackend(url: string, logger: Logger): Promise<StoreBackend> {
  let ready = false;
  const client = createClient({
    url,
    socket: {
      // At start-up a few quick tries, then a clear failure; once connected, retry for as long as it takes.
      reconnectStrategy: (retries: number, cause: Error) => {
        if (!ready) return retries + 1 >= STARTUP_ATTEMPTS ? cause : 200 * (retries + 1);
        return Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS);
      },
    },
  });

  // node-redis emits 'error' on every failed reconnect; log when the message changes, not each time.
  let lastError = '';
  client.on('error', (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    logger.warn('Redis store connection failed', { error: error.message });
  });
  client.on('ready', () => {
    ready = true;
    if (lastError !== '') logger.info('Redis store connection restored');
    lastError = '';
  });

  await client.connect();

  return {
    name: 'redis',

    createKeyv(namespace) {
      const adapter = new KeyvRedis<unknown>(client, { namespace, throwOnErrors: true });
      return new Keyv<unknown>(adapter, { namespace, useKeyPrefix: false, throwOnErrors: true });
    },

    async claim(key, owner, ttlMs) {
      const result = await client.set(`${REDIS_CLAIM_PREFIX}${key}`, owner, {
        condition: 'NX',
        expiration: { type: 'PX', value: ttlMs },
      });
      return result === 'OK';
    },

    async release(key, owner) {
      await client.eval(RELEASE_SCRIPT, { keys: [`${REDIS_CLAIM_PREFIX}${key}`], arguments: [owner] });
    },

    async close() {
      if (client.isOpen) await client.close();
    },
  };
}
