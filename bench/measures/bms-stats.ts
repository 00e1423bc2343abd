import { pause } from '../flows/flow.ts';
import type { BenchHarness } from '../harness.ts';

/** Requests per `METHOD /path/template`. */
export type CallCounts = Record<string, number>;

/** Counts in `after` minus those in `before`, without the endpoints that did not change. */
export function diffCounts(before: CallCounts, after: CallCounts): CallCounts {
  const delta: CallCounts = {};
  for (const [endpoint, count] of Object.entries(after)) {
    const added = count - (before[endpoint] ?? 0);
    if (added !== 0) delta[endpoint] = added;
  }
  return delta;
}

export function totalOf(counts: CallCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/** The count of the endpoints whose `METHOD /template` matches `pattern`. */
export function countOf(counts: CallCounts, pattern: RegExp): number {
  return Object.entries(counts)
    .filter(([endpoint]) => pattern.test(endpoint))
    .reduce((sum, [, count]) => sum + count, 0);
}

const POLL_MS = 100;

/**
 * Waits until the sandbox has counted no new request for a quiet period, so that a follow-up
 * call the app makes after answering (a background refresh, a confirmation) is counted too. The
 * sandbox counts a request when it arrives, so a quiet period of twice its latency plus some
 * processing time covers the gap between one call's answer and the next call.
 */
export async function settledStats(harness: BenchHarness, latencyMs: number): Promise<CallCounts> {
  const quietMs = 2 * latencyMs + 400;
  let last = await harness.bmsStats();
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    await pause(POLL_MS);
    const now = await harness.bmsStats();
    if (totalOf(now) !== totalOf(last)) quietSince = Date.now();
    last = now;
  }
  return last;
}

/** Runs `action` and returns the BMS requests it caused, once they have settled. */
export async function callsDuring(
  harness: BenchHarness,
  latencyMs: number,
  action: () => Promise<void>,
): Promise<CallCounts> {
  const before = await settledStats(harness, latencyMs);
  await action();
  return diffCounts(before, await settledStats(harness, latencyMs));
}
