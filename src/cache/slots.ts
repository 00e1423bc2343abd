import type { Keyv } from 'keyv';
import type { Account } from '../bms/index.ts';
import type { Clock } from '../clock.ts';
import type { LogFields, Logger } from '../log.ts';
import { AccountIndex } from './account-index.ts';
import type { AccountMemory } from './account-memory.ts';
import type { Slot } from './read-through.ts';
import { decodeRecord, decodeStamp, encodeRecord, newVersion, type Stamp, type Stored } from './stored.ts';

/** Dependencies that every slot shares with the cache that owns it. */
export interface SlotContext {
  keyv: Keyv<unknown>;
  clock: Clock;
  logger: Logger;
  /** How long the store keeps a value (keyv's own expiry): well past its lifetime, so it can be served stale. */
  retentionMs: number;
}

/** Creates the slot of a list that is read and written whole: a lookup list or one account's locations. */
export function listSlot<Item>(
  context: SlotContext,
  options: { key: string; fields: LogFields; load: () => Promise<Item[]>; generation?: string },
): Slot<Item[]> {
  const { keyv, clock } = context;
  const { key, fields, generation } = options;
  return {
    key,
    fields,
    read: async () => decodeRecord<Item>(await keyv.get(key)),
    load: async () => {
      const stored: Stored<Item[]> = {
        value: await options.load(),
        loadedAt: clock(),
        version: newVersion(),
      };
      if (generation !== undefined) stored.generation = generation;
      await writeSafely(context, key, encodeRecord(stored), fields);
      return stored;
    },
    isCurrent: (stored) => stored.generation === generation,
  };
}

/**
 * Creates the slot of the account list, which is decoded into a search index and kept in memory.
 * Each read first fetches the small stamp beside the list. The list itself is read and parsed
 * again only when the stamp shows a new version, stored by a load here or on another instance.
 */
export function accountSlot(
  context: SlotContext,
  options: {
    key: string;
    stampKey: string;
    fields: LogFields;
    memory: AccountMemory;
    load: () => Promise<Account[]>;
  },
): Slot<AccountIndex> {
  const { keyv, clock } = context;
  const { key, stampKey, fields, memory } = options;

  const decode = async (): Promise<Stored<AccountIndex> | undefined> => {
    const stored = decodeRecord<Account>(await keyv.get(key));
    if (!stored) return undefined;
    const decoded = { ...stored, value: new AccountIndex(stored.value) };
    memory.set(key, decoded);
    return decoded;
  };

  return {
    key,
    fields,
    read: async () => {
      const stamp = decodeStamp(await keyv.get(stampKey));
      return memory.get(key, stamp?.n) ?? memory.decodeOnce(key, decode);
    },
    load: async () => {
      const accounts = await options.load();
      const stored: Stored<Account[]> = { value: accounts, loadedAt: clock(), version: newVersion() };
      // The list first, then its stamp: a reader that sees the new stamp finds the new list.
      await writeSafely(context, key, encodeRecord(stored), fields);
      const stamp: Stamp = { at: stored.loadedAt, n: stored.version };
      await writeSafely(context, stampKey, stamp, fields);
      const decoded = { ...stored, value: new AccountIndex(accounts) };
      memory.set(key, decoded);
      return decoded;
    },
    isCurrent: () => true,
  };
}

/** Reads when the account list was loaded from its stamp alone, without the list. */
export async function readAccountsLoadedAt(
  keyv: Keyv<unknown>,
  stampKey: string,
): Promise<number | undefined> {
  return decodeStamp(await keyv.get(stampKey))?.at;
}

/** Writes `value`, logging a failure instead of throwing: the loaded value is still served, only not shared. */
async function writeSafely(
  context: SlotContext,
  key: string,
  value: unknown,
  fields: LogFields,
): Promise<void> {
  try {
    await context.keyv.set(key, value, context.retentionMs);
  } catch (error) {
    context.logger.warn('Cache write failed; the value is served but not stored', {
      ...fields,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
