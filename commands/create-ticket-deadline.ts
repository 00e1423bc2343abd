import { performance } from 'node:perf_hooks';

/**
 * How long the account search of the ticket form waits for BMS before it acks. Slack gives up
 * on the ack after 3 seconds; 2 seconds leaves room for the network and for the work before the wait.
 * NOTE: measured on the wall clock (not the injected Clock), because it races Slack's own timer.
 */
export const ACK_DEADLINE_MS = 2000;

export type Settled<T> = { settled: true; value: T } | { settled: false; later: Promise<T> };

/**
 * Waits for `work` until the deadline that started at `startedAt` (performance.now()). Returns
 * its value when it finished in time, else the still running promise, so the caller can ack now
 * and finish afterwards.
 */
export async function settleBeforeAck<T>(
  work: Promise<T>,
  startedAt: number,
  deadlineMs = ACK_DEADLINE_MS,
): Promise<Settled<T>> {
  const remaining = Math.max(0, deadlineMs - (performance.now() - startedAt));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), remaining);
  });
  const wrapped = work.then((value) => ({ value }));
  // A rejection after the deadline reaches the caller through `later`; this copy must not go unhandled.
  wrapped.catch(() => {});
  try {
    const first = await Promise.race([wrapped, timeout]);
    return first === 'timeout' ? { settled: false, later: work } : { settled: true, value: first.value };
  } finally {
    clearTimeout(timer);
  }
}
