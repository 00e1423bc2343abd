import type { Store } from '../src/store.ts';

/**
 * Makes one submitted view write to BMS once, across double clicks, repeated payloads and
 * several app instances sharing the store. The first submission claims the view id in the
 * store before anything is sent. A later one either finds the stored result or learns that the
 * first is still running. After a definite failure (nothing was written) the claim is released,
 * so the user can correct the form and submit again.
 */
export interface SubmissionOnce<Result> {
  /** The result an earlier submission of this view stored, if any. */
  result(): Promise<Result | undefined>;
  /** True for exactly one caller until the claim is released or lapses. */
  claim(): Promise<boolean>;
  /** Stores the result for later submissions of the view and keeps the claim. */
  succeed(result: Result): Promise<void>;
  release(): Promise<void>;
}

/** Kinds of write guarded per view; each is a store namespace and the prefix of the claim key. */
export type SubmissionKind = 'ticket-create' | 'note-create';

/** Longer than any create with its reconciliation search takes; a crashed instance's claim lapses after it. */
export const SUBMISSION_CLAIM_TTL_MS = 10 * 60_000;

/** Modals are short-lived; a day covers any resubmission of a view that is still open. */
export const SUBMISSION_RESULT_TTL_MS = 24 * 60 * 60_000;

export function submissionOnce<Result>(
  store: Store,
  kind: SubmissionKind,
  viewId: string,
): SubmissionOnce<Result> {
  const claimKey = `${kind}:${viewId}`;
  const results = store.keyv<Result>(kind);
  return {
    result: async () => (await results.get(viewId)) ?? undefined,
    claim: () => store.claim(claimKey, SUBMISSION_CLAIM_TTL_MS),
    succeed: async (result) => {
      await results.set(viewId, result, SUBMISSION_RESULT_TTL_MS);
    },
    release: () => store.release(claimKey),
  };
}
