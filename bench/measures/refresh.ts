import { type FlowContext, FlowMissing } from '../flows/flow.ts';
import { lookUpTicket } from '../flows/ticket.ts';
import type { BenchHarness } from '../harness.ts';
import { Samples } from '../samples.ts';
import { callsDuring, countOf } from './bms-stats.ts';

/** Lifetime of a sandbox access token (its default, as BMS documents none). */
const ACCESS_TOKEN_TTL_MS = 3_600_000;
/** The session manager refreshes a token that expires within this margin (its default). */
const REFRESH_MARGIN_MS = 60_000;

export type RefreshFigures =
  | { refreshes: number; commands: number; answered: number; calls: Record<string, number> }
  | { missing: string };

/**
 * Logs `userId` in, moves both clocks until the token expires within half the refresh margin, then
 * sends `commands` `/bms ticket` commands of that user at once and counts the token refreshes.
 * NOTE: every other session ages too, so the technicians' next operations each refresh once.
 */
export async function measureRefresh(
  harness: BenchHarness,
  options: { userId: string; userName: string; commands: number; latencyMs: number; waitMs: number },
): Promise<RefreshFigures> {
  await harness.app.call('login', {
    identities: [harness.identity(options.userId)],
    userName: options.userName,
  });
  await harness.advanceClock(ACCESS_TOKEN_TTL_MS - REFRESH_MARGIN_MS / 2);

  const context: FlowContext = {
    driver: harness.driver,
    fake: harness.fake,
    userId: options.userId,
    samples: new Samples(),
    random: Math.random,
    waitMs: options.waitMs,
  };
  let missing: string | undefined;
  const calls = await callsDuring(harness, options.latencyMs, async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: options.commands }, () => lookUpTicket(context)),
    );
    const refusal = outcomes.find(
      (outcome): outcome is PromiseRejectedResult =>
        outcome.status === 'rejected' && outcome.reason instanceof FlowMissing,
    );
    if (refusal) missing = (refusal.reason as Error).message;
  });
  if (missing) return { missing };
  return {
    refreshes: countOf(calls, /refresh/i),
    commands: options.commands,
    answered: context.samples.answers.length,
    calls,
  };
}
