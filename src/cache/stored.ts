import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CacheScope } from './types.ts';

/** The store namespace of every cached list. */
export const CACHE_NAMESPACE = 'cache';

/** A list as the cache keeps it, decoded. */
export interface Stored<Value> {
  value: Value;
  /** When BMS returned the value, in ms since the epoch. */
  loadedAt: number;
  /** Random id of this load, so that readers notice a reload even when two loads share a millisecond. */
  version: string;
  /** For locations: the generation of the scope's locations when they were loaded; see `refresh('locations')`. */
  generation?: string;
}

/** A list as it sits in the store: short field names, because the account list is written whole. */
const recordSchema = z.object({
  at: z.number(),
  n: z.string(),
  g: z.string().optional(),
  v: z.array(z.unknown()),
});

/**
 * The small companion of the account list: readers compare its version before reading the list
 * itself. `t` is present when the tenant is too large to keep whole: then no list belongs to the
 * stamp, and `t` is BMS's TotalRecords, or null when BMS did not send it.
 */
const stampSchema = z.object({ at: z.number(), n: z.string(), t: z.number().nullable().optional() });

export type StoreRecord = z.infer<typeof recordSchema>;
export type Stamp = z.infer<typeof stampSchema>;

export function encodeRecord(stored: Stored<unknown[]>): StoreRecord {
  const record: StoreRecord = { at: stored.loadedAt, n: stored.version, v: stored.value };
  if (stored.generation !== undefined) record.g = stored.generation;
  return record;
}

/**
 * Decodes what the store returned; undefined for nothing or for a record of another shape, which
 * the cache then treats as missing. The items themselves are trusted: only the cache writes them.
 */
export function decodeRecord<Item>(raw: unknown): Stored<Item[]> | undefined {
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { at, n, g, v } = parsed.data;
  const stored: Stored<Item[]> = { value: v as Item[], loadedAt: at, version: n };
  if (g !== undefined) stored.generation = g;
  return stored;
}

export function decodeStamp(raw: unknown): Stamp | undefined {
  const parsed = stampSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function newVersion(): string {
  return randomBytes(6).toString('base64url');
}

/** Store keys of one scope. The tenant is URI-encoded, so a colon in its name cannot forge another scope's key. */
export function scopeKeys(scope: CacheScope) {
  const prefix = `${encodeURIComponent(scope.tenant.trim().toLowerCase())}:${scope.bmsUserId}`;
  return {
    prefix,
    accounts: `${prefix}:accounts`,
    accountsStamp: `${prefix}:accounts:stamp`,
    /** One account by id, for a scope whose list is too large to keep whole. */
    account: (accountId: number) => `${prefix}:account:${accountId}`,
    /**
     * One name search. The query is hashed because it is typed text of any length and characters,
     * and claim keys must stay within 255 characters.
     */
    accountSearch: (query: string) =>
      `${prefix}:accounts:search:${createHash('sha256').update(query).digest('base64url')}`,
    accountSearchGeneration: `${prefix}:accounts:search:generation`,
    locations: (accountId: number) => `${prefix}:locations:${accountId}`,
    locationsGeneration: `${prefix}:locations:generation`,
    lookup: (kind: string) => `${prefix}:lookup:${kind}`,
  };
}

export type ScopeKeys = ReturnType<typeof scopeKeys>;

/** Claims share the store's claim table with other features, so theirs carry a prefix of their own. */
export function claimKeyOf(key: string): string {
  return `cache:${key}`;
}
