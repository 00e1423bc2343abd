/**
 * Slack waits 3 s for the ack of a view submission. When BMS completes a login within this time,
 * the outcome goes into the ack itself (field errors, or closing the modal). A slower login is
 * acked with a waiting view first and finished with views.update.
 */
export const LOGIN_ACK_DEADLINE_MS = 2500;

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Settles `work` without throwing, so a rejection after the deadline is never unhandled. */
export function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  return work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** Resolves with the settled work, or with undefined once `ms` have passed first. */
export async function withinDeadline<T>(
  settled: Promise<Settled<T>>,
  ms: number,
): Promise<Settled<T> | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([settled, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
