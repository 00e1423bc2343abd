import { setTimeout as delay } from 'node:timers/promises';
import { AccountMemory } from './account-memory.ts';
import { ReadThrough } from './read-through.ts';
import type { SlotContext } from './slots.ts';
import { StampMemo } from './stamp-memo.ts';
import { CACHE_NAMESPACE, scopeKeys } from './stored.ts';
import { type BmsCache, type BmsCacheOptions, type CacheScope, DEFAULT_CACHE_TTL_MS } from './types.ts';
import { createUserCache } from './user-cache.ts';

const DEFAULT_CLAIM_TTL_MS = 60_000;
const DEFAULT_CLAIM_POLL_MS = 250;
const DEFAULT_RETRY_AFTER_FAILURE_MS = 60_000;
/**
 * NOTE: a decoded list of 20,000 accounts takes several megabytes, so 16 such users can hold on the
 * order of 100 MB; an estimate, not a measurement.
 */
const DEFAULT_MEMORY_SCOPES = 16;
/**
 * How long the store keeps a value past its lifetime, so that it can still be served stale while
 * BMS is down. After that keyv drops it, which also clears the lists of users who left.
 * NOTE: keyv judges this by the system clock, not by the injected one.
 */
const STALE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Creates the cache of accounts, locations and lookup lists over the shared store, in the
 * `cache` namespace. Lists are kept per BMS tenant and user, because BMS shows each user only
 * the accounts they may see.
 */
export function createBmsCache(options: BmsCacheOptions): BmsCache {
  const ttlMs = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
  checkDuration('ttlMs', ttlMs);
  const claimTtlMs = options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS;
  checkDuration('claimTtlMs', claimTtlMs);
  const claimPollMs = options.claimPollMs ?? DEFAULT_CLAIM_POLL_MS;
  checkDuration('claimPollMs', claimPollMs);

  const readThrough = new ReadThrough({
    store: options.store,
    clock: options.clock,
    logger: options.logger,
    ttlMs,
    claimTtlMs,
    claimPollMs,
    retryAfterFailureMs: options.retryAfterFailureMs ?? DEFAULT_RETRY_AFTER_FAILURE_MS,
    sleep: options.sleep ?? ((ms) => delay(ms)),
  });
  const context: SlotContext = {
    keyv: options.store.keyv(CACHE_NAMESPACE),
    clock: options.clock,
    logger: options.logger,
    retentionMs: ttlMs + STALE_RETENTION_MS,
  };
  const memory = new AccountMemory(options.memoryScopes ?? DEFAULT_MEMORY_SCOPES);
  const stamps = new StampMemo(options.clock);

  return {
    forUser(scope, api) {
      checkScope(scope);
      return createUserCache({
        scope,
        keys: scopeKeys(scope),
        context,
        readThrough,
        memory,
        stamps,
        api,
      });
    },
    idle: () => readThrough.idle(),
  };
}

function checkScope(scope: CacheScope): void {
  if (scope.tenant.trim() === '') throw new RangeError('The cache scope needs a BMS tenant name.');
  if (!Number.isSafeInteger(scope.bmsUserId) || scope.bmsUserId <= 0) {
    throw new RangeError(`The cache scope needs a positive BMS user id, not ${scope.bmsUserId}.`);
  }
}

function checkDuration(name: string, ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0)
    throw new RangeError(`${name} must be a positive number of milliseconds, not ${ms}.`);
}
