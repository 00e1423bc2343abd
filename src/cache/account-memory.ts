import type { AccountIndex } from './account-index.ts';
import type { Stored } from './stored.ts';

/**
 * Decoded account lists of the most recently used scopes, by store key, so that a keystroke in a
 * dropdown neither reads nor parses the whole list. Least recently used scopes are dropped first.
 */
export class AccountMemory {
  private readonly capacity: number;
  /** Map order is use order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Stored<AccountIndex>>();
  private readonly decoding = new Map<string, Promise<Stored<AccountIndex> | undefined>>();

  constructor(capacity: number) {
    this.capacity = Math.max(1, capacity);
  }

  /** Returns the decoded list of `key` if it is the stored `version`, and marks it as recently used. */
  get(key: string, version: string | undefined): Stored<AccountIndex> | undefined {
    const entry = this.entries.get(key);
    if (!entry || version === undefined || entry.version !== version) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Stored<AccountIndex>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Runs `decode` for `key` unless a decode of it is already running, so that concurrent keystrokes parse the list once. */
  decodeOnce(
    key: string,
    decode: () => Promise<Stored<AccountIndex> | undefined>,
  ): Promise<Stored<AccountIndex> | undefined> {
    const running = this.decoding.get(key);
    if (running) return running;
    const started = decode().finally(() => this.decoding.delete(key));
    this.decoding.set(key, started);
    return started;
  }
}
