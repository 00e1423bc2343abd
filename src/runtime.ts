import type { BmsClientOptions } from './bms/index.ts';
import { createBmsClient } from './bms/index.ts';
import { createBmsCache } from './cache/index.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { startSandbox } from './sandbox/index.ts';
import type { SlackServices } from './slack/deps.ts';
import { openStore } from './store.ts';
import { createKeyRing } from './vault/crypto.ts';
import { createPendingOperations } from './vault/pending.ts';
import { createSessionManager } from './vault/sessions.ts';
import { createVault } from './vault/vault.ts';

export interface Runtime {
  services: SlackServices;
  /** The BMS host the client talks to; the embedded sandbox's URL when BMS_API_BASE=sandbox. */
  bmsBaseUrl: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Overrides BMS_API_BASE, for tests that start their own sandbox. */
  bmsBaseUrl?: string;
  /** Overrides the BMS client's retry policy, for tests that must not wait out real backoffs. */
  bmsRetry?: BmsClientOptions['retry'];
}

/**
 * Builds every layer below Slack from the settings: the store, the BMS client, the vault and
 * its session manager, pending operations and the cache. With BMS_API_BASE=sandbox, the BMS
 * sandbox starts in this process on a free loopback port.
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const closers: (() => Promise<void>)[] = [];

  try {
    let bmsBaseUrl = options.bmsBaseUrl ?? config.bms.apiBase;
    if (bmsBaseUrl === 'sandbox') {
      const sandbox = await startSandbox({ logger });
      closers.push(() => sandbox.close());
      bmsBaseUrl = sandbox.url;
      logger.info('BMS sandbox started in-process', { url: sandbox.url });
    }

    const store = await openStore(config.storeUrl, { logger, clock });
    closers.push(() => store.close());

    const client = createBmsClient({
      baseUrl: bmsBaseUrl,
      logger,
      clock,
      timeoutMs: config.bms.timeoutMs,
      throttle: { requestsPerHour: config.bms.requestsPerHour },
      retry: options.bmsRetry,
    });
    closers.push(() => client.close());

    const vault = createVault({
      store,
      keyRing: createKeyRing(config.vault.key, config.vault.oldKeys),
      clock,
    });
    const sessions = createSessionManager({ vault, client, store, logger, clock });
    const pending = createPendingOperations({ store, clock });
    const cache = createBmsCache({ store, clock, logger, ttlMs: config.bms.cacheTtlMs });

    return {
      services: { store, client, sessions, pending, cache },
      bmsBaseUrl,
      async close() {
        await cache.idle();
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => {});
    throw error;
  }
}
