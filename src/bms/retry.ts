import { setTimeout as delay } from 'node:timers/promises';
import { BmsError } from './errors.ts';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Backoff before the first retry, doubled for each further retry. */
  baseDelayMs: number;
  /** Maximum wait before one retry, also for a longer `Retry-After`. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited out: the request fails with its error. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Returns a number in [0, 1), for the jitter. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
  sleep: (ms) => delay(ms),
  random: Math.random,
};

/** Statuses after which a read is sent again: BMS or a proxy in front of it is briefly unavailable. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Returns how long to wait before retry number `retryIndex` (0 for the first retry), or undefined
 * when the error is not worth retrying. Backoff uses full jitter: a random wait between 0 and
 * the exponential bound. A `Retry-After` replaces the backoff and is capped at maxDelayMs, so that
 * the user in Slack never waits longer than that for one retry.
 */
export function retryDelayMs(error: unknown, retryIndex: number, policy: RetryPolicy): number | undefined {
  if (!(error instanceof BmsError) || retryIndex >= policy.maxRetries) return undefined;
  const isRetryable =
    error.kind === 'transport' || (error.status !== undefined && RETRYABLE_STATUSES.has(error.status));
  if (!isRetryable) return undefined;

  if (error.retryAfterSeconds !== undefined) {
    const retryAfterMs = error.retryAfterSeconds * 1000;
    if (retryAfterMs > policy.maxRetryAfterMs) return undefined;
    return Math.min(retryAfterMs, policy.maxDelayMs);
  }
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(policy.random() * bound);
}

/**
 * Runs `attempt` and runs it again after each retryable failure, at most maxRetries times.
 * The caller decides that the request is safe to repeat: only reads go through here.
 */
export async function runWithRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  onRetry: (error: BmsError, delayMs: number, retryNumber: number) => void,
): Promise<T> {
  for (let retryIndex = 0; ; retryIndex++) {
    try {
      return await attempt();
    } catch (error) {
      const delayMs = retryDelayMs(error, retryIndex, policy);
      if (delayMs === undefined) throw error;
      onRetry(error as BmsError, delayMs, retryIndex + 1);
      await policy.sleep(delayMs);
    }
  }
}
