import type { Account } from '../bms/index.ts';
import type { LogFields } from '../log.ts';
import { ACCOUNT_LOOKUP_PAGE_SIZE } from './account-list.ts';
import type { Slot } from './read-through.ts';
import { loadAndStoreList, type SlotContext } from './slots.ts';
import { decodeRecord, type Stored } from './stored.ts';

/**
 * Characters of a query that are sent to BMS. A longer query is served from the result of its
 * first characters, filtered here, so the store keeps at most this many prefixes of one query.
 */
export const MAX_SENT_QUERY_LENGTH = 50;

/**
 * Turns typed text into the query sent to BMS and the key of its cached result: lowercase, with
 * runs of white space as one space, and accents kept. The account lookup matches part of the name
 * regardless of case, so case does not change its result. Accents are kept because the lookup may
 * compare them (the sandbox does), so "cafe" and "café" can return different accounts.
 */
export function sentQueryOf(typed: string): string {
  return typed.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, MAX_SENT_QUERY_LENGTH);
}

/**
 * True for a result that contains every match of its query: BMS returned less than a page. Every
 * account that matches a longer query that starts with that query is then in it.
 */
export function isCompleteResult(accounts: readonly Account[]): boolean {
  return accounts.length < ACCOUNT_LOOKUP_PAGE_SIZE;
}

/**
 * Creates the slot of one name search: the first page of the account lookup filtered by `query`.
 * A read returns the stored result of `query` itself, or else the complete result of its longest
 * shorter prefix, read in the same store request. That result contains every match of `query`,
 * so the caller filters it and BMS is not asked. Results stored before the last forced refresh
 * (an older generation) are reloaded before they are served.
 */
export function accountSearchSlot(
  context: SlotContext,
  options: {
    query: string;
    keyOf: (query: string) => string;
    /** Store key of the generation that a forced refresh sets. It is read together with the results. */
    generationKey: string;
    fields: LogFields;
    load: () => Promise<Account[]>;
  },
): Slot<Account[]> {
  const { keyv } = context;
  const { query, keyOf, generationKey, fields } = options;
  const key = keyOf(query);
  // Longest prefix first. The empty query is left out: it returns the alphabetical first page, never a complete result.
  const prefixes: string[] = [];
  for (let length = query.length - 1; length >= 1; length--) prefixes.push(query.slice(0, length));
  // Set by each read, so that the load that follows it stores the generation that the read saw.
  let generation: string | undefined;

  const isCurrent = (stored: Stored<Account[]>) => stored.generation === generation;

  return {
    key,
    fields,
    read: async () => {
      const [rawGeneration, ...raw] = await keyv.getMany([generationKey, key, ...prefixes.map(keyOf)]);
      generation = typeof rawGeneration === 'string' ? rawGeneration : undefined;
      const [own, ...shorter] = raw.map((value) => decodeRecord<Account>(value));
      if (own && isCurrent(own)) return own;
      const prefix = shorter.find((stored) => stored && isCurrent(stored) && isCompleteResult(stored.value));
      // A result of an older generation is still returned: the cache reloads it, and serves it if BMS fails.
      return prefix ?? own;
    },
    load: () => loadAndStoreList(context, { key, fields, generation, load: options.load }),
    isCurrent,
  };
}
