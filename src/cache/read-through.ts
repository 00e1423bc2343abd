import { isBmsError } from '../bms/index.ts';
import type { Clock } from '../clock.ts';
import type { LogFields, Logger } from '../log.ts';
import type { Store } from '../store.ts';
import { claimKeyOf, type Stored } from './stored.ts';
import type { Cached } from './types.ts';

/** One cached list: where it is stored and how it is loaded. */
export interface Slot<Value> {
  /** Store key; also the key of the in-process load and, prefixed, of the cross-instance claim. */
  key: string;
  /** Names the list in log lines. */
  fields: LogFields;
  read(): Promise<Stored<Value> | undefined>;
  /**
   * Reads past any in-memory memo of the store. Loads use it while they wait for another
   * instance's claim, so that they see its result at once. Defaults to `read`.
   */
  readLatest?(): Promise<Stored<Value> | undefined>;
  /** Loads the list from BMS and stores it. */
  load(): Promise<Stored<Value>>;
  /** False for a value that a forced refresh has invalidated: it is reloaded before being served. */
  isCurrent(stored: Stored<Value>): boolean;
}

export interface ReadThroughOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  ttlMs: number;
  claimTtlMs: number;
  claimPollMs: number;
  retryAfterFailureMs: number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Serves cached lists and decides when to load them. A fresh value is served as it is. An expired
 * one is served at once, marked stale, while one background refresh runs. A missing one is loaded
 * once however many callers wait for it: in-process callers share one promise, and instances that
 * share the store take turns through a store claim. When a load fails, a stored value is served
 * stale and the failure logged; with nothing stored, the error reaches the caller.
 */
export class ReadThrough {
  private readonly options: ReadThroughOptions;
  /** Loads running in this process, by slot key; they resolve to undefined when another instance has the claim. */
  private readonly running = new Map<string, Promise<Stored<unknown> | undefined>>();
  /** When the last load of each slot failed, so that reads do not call a failing BMS on every keystroke. */
  private readonly failedAt = new Map<string, number>();
  private readonly background = new Set<Promise<void>>();

  constructor(options: ReadThroughOptions) {
    this.options = options;
  }

  async get<Value>(slot: Slot<Value>): Promise<Cached<Value>> {
    const stored = await this.readSafely(slot);
    if (stored && slot.isCurrent(stored)) {
      if (this.isFresh(stored)) return { value: stored.value, stale: false, loadedAt: stored.loadedAt };
      this.refreshInBackground(slot, stored);
      return { value: stored.value, stale: true, loadedAt: stored.loadedAt };
    }

    // Here the value is missing or was invalidated by a forced refresh.
    if (stored && this.failedRecently(slot.key)) {
      return { value: stored.value, stale: true, loadedAt: stored.loadedAt };
    }
    try {
      const loaded = await this.loadShared(slot, stored);
      return { value: loaded.value, stale: !this.isFresh(loaded), loadedAt: loaded.loadedAt };
    } catch (error) {
      if (!stored) throw error;
      this.logServedStale(slot, stored, error);
      return { value: stored.value, stale: true, loadedAt: stored.loadedAt };
    }
  }

  /** Reloads now, even when the stored value is fresh; rejects when the load fails. */
  async reload<Value>(slot: Slot<Value>): Promise<Stored<Value>> {
    const previous = await this.readSafely(slot);
    return this.loadShared(slot, previous);
  }

  /** Starts `get(slot)` without waiting for it; `idle()` waits for it, and a failure is logged. */
  getInBackground<Value>(slot: Slot<Value>): void {
    const task = this.get(slot).then(
      () => undefined,
      (error: unknown) => {
        const fields: LogFields = { ...slot.fields, error: errorText(error) };
        if (isBmsError(error)) fields.errorKind = error.kind;
        this.options.logger.warn('Cache load from BMS failed in the background', fields);
      },
    );
    this.background.add(task);
    void task.finally(() => this.background.delete(task));
  }

  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  private isFresh(stored: Stored<unknown>): boolean {
    // A loadedAt ahead of this clock (another instance's clock runs ahead) counts as fresh.
    return this.options.clock() - stored.loadedAt < this.options.ttlMs;
  }

  private failedRecently(key: string): boolean {
    const failedAt = this.failedAt.get(key);
    return failedAt !== undefined && this.options.clock() - failedAt < this.options.retryAfterFailureMs;
  }

  private refreshInBackground<Value>(slot: Slot<Value>, stored: Stored<Value>): void {
    if (this.running.has(slot.key) || this.failedRecently(slot.key)) return;
    const task = this.startLoad(slot, stored, false).then(
      () => undefined,
      (error: unknown) => this.logServedStale(slot, stored, error),
    );
    this.background.add(task);
    void task.finally(() => this.background.delete(task));
  }

  /**
   * Joins the load of this slot that runs in this process, or starts one. A load that another
   * instance serves through its claim counts only if it stored something newer than `previous`.
   */
  private async loadShared<Value>(
    slot: Slot<Value>,
    previous: Stored<Value> | undefined,
  ): Promise<Stored<Value>> {
    for (;;) {
      const running = this.running.get(slot.key) as Promise<Stored<Value> | undefined> | undefined;
      if (!running) break;
      const joined = await running;
      if (joined) return joined;
      // That was a background refresh that found the claim taken; wait for the claim holder instead.
    }
    const loaded = await this.startLoad(slot, previous, true);
    if (!loaded) throw new Error(`Loading cache entry ${slot.key} ended without a value.`);
    return loaded;
  }

  private startLoad<Value>(
    slot: Slot<Value>,
    previous: Stored<Value> | undefined,
    waitForClaim: boolean,
  ): Promise<Stored<Value> | undefined> {
    const load = this.loadOnce(slot, previous, waitForClaim).then(
      (stored) => {
        this.failedAt.delete(slot.key);
        return stored;
      },
      (error: unknown) => {
        this.failedAt.set(slot.key, this.options.clock());
        throw error;
      },
    );
    const tracked = load.finally(() => this.running.delete(slot.key));
    this.running.set(slot.key, tracked);
    return tracked;
  }

  /**
   * Loads under the store claim of the slot. Without the claim, either gives up at once (a
   * background refresh: the holder is refreshing anyway) or polls the store until the holder has
   * stored a newer value. A holder that dies leaves a claim that lapses after `claimTtlMs`, and the
   * next poll takes it. After that long the poller also stops waiting and loads by itself, in case
   * the store's clock does not move.
   */
  private async loadOnce<Value>(
    slot: Slot<Value>,
    previous: Stored<Value> | undefined,
    waitForClaim: boolean,
  ): Promise<Stored<Value> | undefined> {
    const { claimTtlMs, claimPollMs } = this.options;
    const claimKey = claimKeyOf(slot.key);
    const maxPolls = Math.ceil(claimTtlMs / claimPollMs) + 1;

    for (let poll = 0; ; poll++) {
      if (await this.claimSafely(claimKey)) {
        try {
          // The previous holder may have stored a value between our read and this claim.
          const stored = await this.readSafely(slot, true);
          if (stored && isNewer(slot, stored, previous)) return stored;
          return await this.loadLogged(slot);
        } finally {
          await this.releaseSafely(claimKey);
        }
      }
      if (!waitForClaim) return undefined;
      if (poll >= maxPolls) {
        this.options.logger.warn(
          'Cache claim still held after its lifetime; loading without it',
          slot.fields,
        );
        return this.loadLogged(slot);
      }

      await this.options.sleep(claimPollMs);
      const stored = await this.readSafely(slot, true);
      if (stored && isNewer(slot, stored, previous)) return stored;
    }
  }

  private async loadLogged<Value>(slot: Slot<Value>): Promise<Stored<Value>> {
    const stored = await slot.load();
    const items = Array.isArray(stored.value) ? stored.value.length : undefined;
    this.options.logger.debug('Cache loaded from BMS', { ...slot.fields, items });
    return stored;
  }

  private async readSafely<Value>(slot: Slot<Value>, latest = false): Promise<Stored<Value> | undefined> {
    try {
      if (latest && slot.readLatest) return await slot.readLatest();
      return await slot.read();
    } catch (error) {
      this.options.logger.warn('Cache read failed; loading from BMS', {
        ...slot.fields,
        error: errorText(error),
      });
      return undefined;
    }
  }

  /** A store that cannot be reached must not block loading: the caller then loads without a claim. */
  private async claimSafely(claimKey: string): Promise<boolean> {
    try {
      return await this.options.store.claim(claimKey, this.options.claimTtlMs);
    } catch (error) {
      this.options.logger.warn('Cache claim failed; loading without it', {
        claim: claimKey,
        error: errorText(error),
      });
      return true;
    }
  }

  private async releaseSafely(claimKey: string): Promise<void> {
    try {
      await this.options.store.release(claimKey);
    } catch (error) {
      // The claim lapses on its own after claimTtlMs.
      this.options.logger.warn('Cache claim release failed', { claim: claimKey, error: errorText(error) });
    }
  }

  private logServedStale(slot: Slot<unknown>, stored: Stored<unknown> | undefined, error: unknown): void {
    const fields: LogFields = { ...slot.fields, error: errorText(error) };
    if (isBmsError(error)) fields.errorKind = error.kind;
    if (stored) fields.loadedAt = new Date(stored.loadedAt).toISOString();
    this.options.logger.warn('Cache refresh from BMS failed; serving the stored value', fields);
  }
}

/** True for a current value that differs from `previous`: another load stored it after `previous` was read. */
function isNewer<Value>(
  slot: Slot<Value>,
  stored: Stored<Value>,
  previous: Stored<Value> | undefined,
): boolean {
  return slot.isCurrent(stored) && stored.version !== previous?.version;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
