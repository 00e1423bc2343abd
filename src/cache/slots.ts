import type { Keyv } from 'keyv';
import type { Account } from '../bms/index.ts';
import type { Clock } from '../clock.ts';
import type { LogFields, Logger } from '../log.ts';
import { AccountIndex } from './account-index.ts';
import type { AccountListValue, LoadedAccounts } from './account-list.ts';
import type { AccountMemory } from './account-memory.ts';
import type { Slot } from './read-through.ts';
import type { StampMemo } from './stamp-memo.ts';
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
  const { keyv } = context;
  const { key, fields, generation } = options;
  return {
    key,
    fields,
    read: async () => decodeRecord<Item>(await keyv.get(key)),
    load: () => loadAndStoreList(context, { key, fields, generation, load: options.load }),
    isCurrent: (stored) => stored.generation === generation,
  };
}

/**
 * Creates the slot of the account list, which is decoded into a search index and kept in memory.
 * Each read first fetches the small stamp beside the list, through `stamps` so that a burst of
 * keystrokes reads it once. The list itself is read and parsed again only when the stamp shows a
 * new version, stored by a load here or on another instance. For a large tenant the stamp alone
 * is stored, marked large, and no list.
 */
export function accountSlot(
  context: SlotContext,
  options: {
    key: string;
    stampKey: string;
    fields: LogFields;
    memory: AccountMemory;
    stamps: StampMemo;
    load: () => Promise<LoadedAccounts>;
  },
): Slot<AccountListValue> {
  const { keyv, clock } = context;
  const { key, stampKey, fields, memory, stamps } = options;

  const decode = async (): Promise<Stored<AccountIndex> | undefined> => {
    const stored = decodeRecord<Account>(await keyv.get(key));
    if (!stored) return undefined;
    const decoded = { ...stored, value: new AccountIndex(stored.value) };
    memory.set(key, decoded);
    return decoded;
  };

  const readWith = async (stamp: Stamp | undefined): Promise<Stored<AccountListValue> | undefined> => {
    if (stamp && stamp.t !== undefined) {
      return { value: { large: true, total: stamp.t ?? undefined }, loadedAt: stamp.at, version: stamp.n };
    }
    const whole = memory.get(key, stamp?.n) ?? (await memory.decodeOnce(key, decode));
    return whole && { ...whole, value: { large: false, index: whole.value } };
  };

  const readStamp = async () => decodeStamp(await keyv.get(stampKey));

  return {
    key,
    fields,
    read: async () => readWith(await stamps.read(stampKey, readStamp)),
    readLatest: async () => {
      const stamp = await readStamp();
      stamps.set(stampKey, stamp);
      return readWith(stamp);
    },
    load: async () => {
      const loaded = await options.load();
      const loadedAt = clock();
      const version = newVersion();
      if (loaded.large) {
        // Only the stamp: a whole list stored earlier stays behind it, unread, until keyv drops it.
        const stamp: Stamp = { at: loadedAt, n: version, t: loaded.total ?? null };
        await writeSafely(context, stampKey, stamp, fields);
        stamps.set(stampKey, stamp);
        return { value: { large: true, total: loaded.total }, loadedAt, version };
      }

      const stored: Stored<Account[]> = { value: loaded.accounts, loadedAt, version };
      // The list first, then its stamp: a reader that sees the new stamp finds the new list.
      await writeSafely(context, key, encodeRecord(stored), fields);
      const stamp: Stamp = { at: loadedAt, n: version };
      await writeSafely(context, stampKey, stamp, fields);
      stamps.set(stampKey, stamp);
      const index = new AccountIndex(loaded.accounts);
      memory.set(key, { ...stored, value: index });
      return { value: { large: false, index }, loadedAt, version };
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

/** Loads a list, stamps it with the time, a new version and `generation`, and stores it. */
export async function loadAndStoreList<Item>(
  context: SlotContext,
  options: { key: string; fields: LogFields; generation: string | undefined; load: () => Promise<Item[]> },
): Promise<Stored<Item[]>> {
  const stored: Stored<Item[]> = {
    value: await options.load(),
    loadedAt: context.clock(),
    version: newVersion(),
  };
  if (options.generation !== undefined) stored.generation = options.generation;
  await writeSafely(context, options.key, encodeRecord(stored), options.fields);
  return stored;
}

/** Writes `value`, logging a failure instead of throwing: the loaded value is still served, only not shared. */
export async function writeSafely(
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
