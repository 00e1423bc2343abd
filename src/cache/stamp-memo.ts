import type { Clock } from '../clock.ts';
import type { Stamp } from './stored.ts';

/** How long a stamp read from the store is reused, in ms: long enough to cover a burst of keystrokes. */
export const STAMP_MEMO_MS = 2_000;

/** Stamps kept at most; expired ones are dropped first, then the oldest. */
const MAX_MEMO_ENTRIES = 10_000;

interface MemoEntry {
  stamp: Stamp | undefined;
  readAt: number;
}

/**
 * Account list stamps as last read or written by this process, by store key, so that each
 * keystroke of an account search does not read the store before it can respond.
 *
 * A stamp that another instance writes (a reload, or a first load there) is seen here up to
 * STAMP_MEMO_MS later. Meanwhile this instance serves the list it already has, which is at most
 * that much older than the shared one. Loads on this instance update the memo at once.
 */
export class StampMemo {
  private readonly clock: Clock;
  /** Map order is insertion order, so the first entry is the oldest. */
  private readonly entries = new Map<string, MemoEntry>();

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Returns the memo of `key` while it is recent, else reads it with `read` and keeps the result, missing or not. */
  async read(key: string, read: () => Promise<Stamp | undefined>): Promise<Stamp | undefined> {
    const entry = this.entries.get(key);
    const now = this.clock();
    // A clock that went backwards counts as expired, so a wrong clock cannot pin a stamp.
    if (entry && now >= entry.readAt && now - entry.readAt < STAMP_MEMO_MS) return entry.stamp;
    const stamp = await read();
    this.set(key, stamp);
    return stamp;
  }

  set(key: string, stamp: Stamp | undefined): void {
    this.entries.delete(key);
    this.entries.set(key, { stamp, readAt: this.clock() });
    if (this.entries.size > MAX_MEMO_ENTRIES) this.prune();
  }

  private prune(): void {
    const now = this.clock();
    for (const [key, entry] of this.entries) {
      if (now - entry.readAt >= STAMP_MEMO_MS) this.entries.delete(key);
    }
    while (this.entries.size > MAX_MEMO_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
