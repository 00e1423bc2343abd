import { z } from 'zod';
import { ACCOUNT_PAGE_SIZE } from '../bms/accounts.ts';
import { BmsError } from '../bms/errors.ts';
import type { Account, BmsApi, Location } from '../bms/index.ts';
import { accountSchema, locationSchema } from '../bms/schemas/accounts.ts';
import type { NoteType } from '../config.ts';
import type { AccountDirectory } from '../services/account-directory.ts';
import type { CacheFile } from './cache-file.ts';
import type { Progress } from './progress.ts';

/** A row of a BMS lookup list: every list the command line resolves names in has an Id and a Name. */
export interface NamedItem {
  Id: number;
  Name: string;
}

const namedItemSchema = z.looseObject({ Id: z.number().int(), Name: z.string() });

/** Lookup lists that command-line flags name records in, each with the BMS call that loads it. */
const LOOKUP_LOADERS = {
  statuses: (api: BmsApi) => api.lookupStatuses(),
  priorities: (api: BmsApi) => api.lookupPriorities(),
  queues: (api: BmsApi) => api.lookupQueues(),
  assignees: (api: BmsApi) => api.lookupAssignees(),
  ticketTypes: (api: BmsApi) => api.lookupTicketTypes(),
  ticketSources: (api: BmsApi) => api.lookupTicketSources(),
} as const;

export type LookupName = keyof typeof LOOKUP_LOADERS;

/** Upper bound on account pages, so that a server that ignores PageNumber cannot keep the loop going. */
const MAX_ACCOUNT_PAGES = 2000;

/**
 * Accounts, locations and lookup lists through the cache file. Implements AccountDirectory, so
 * the account and ticket services resolve names from the cache too.
 */
export interface CliDirectory extends AccountDirectory {
  accounts(refresh?: boolean): Promise<Account[]>;
  locations(accountId: number, refresh?: boolean): Promise<Location[]>;
  lookup(name: LookupName): Promise<NamedItem[]>;
  noteTypes(): Promise<NoteType[]>;
}

export interface CliDirectoryOptions {
  cache: CacheFile;
  api: BmsApi;
  /** Loads the note types: the tenant's lookup, or the configured list when the lookup fails. */
  loadNoteTypes: () => Promise<NoteType[]>;
  /** Shows how far the account list has loaded, which takes one request per 100 accounts. */
  progress: Progress;
}

export function createCliDirectory(options: CliDirectoryOptions): CliDirectory {
  const { cache, api, progress } = options;
  const accounts = (refresh = false) =>
    cache.read('accounts', z.array(accountSchema), () => loadAllAccounts(api, progress), refresh);
  const locations = (accountId: number, refresh = false) =>
    cache.read(
      `locations:${accountId}`,
      z.array(locationSchema),
      () => api.lookupLocations(accountId),
      refresh,
    );

  return {
    accounts,
    locations,
    listAccounts: () => accounts(),
    locationsOf: (accountId) => locations(accountId),
    lookup: (name) => cache.read(`lookup:${name}`, z.array(namedItemSchema), () => LOOKUP_LOADERS[name](api)),
    noteTypes: () =>
      cache.read(
        'lookup:noteTypes',
        z.array(z.object({ id: z.number().int(), name: z.string() })),
        options.loadNoteTypes,
      ),
  };
}

/**
 * Loads every page of the account lookup, reporting progress after each. It stops at a short or
 * empty page, or once the TotalRecords that BMS sent have arrived.
 */
async function loadAllAccounts(api: BmsApi, progress: Progress): Promise<Account[]> {
  const accounts: Account[] = [];
  let total: number | undefined;
  progress.update('Loading accounts from BMS...');
  try {
    for (let pageNumber = 1; pageNumber <= MAX_ACCOUNT_PAGES; pageNumber++) {
      const page = await api.lookupAccounts({ pageSize: ACCOUNT_PAGE_SIZE, pageNumber });
      accounts.push(...page.items);
      // Without TotalRecords the client reports the page's own length, which gives no count of the rest.
      if (page.total > page.items.length) total = page.total;
      progress.update(
        `Loading accounts from BMS: ${accounts.length}${total === undefined ? '' : ` of ${total}`}`,
      );
      const isLastPage =
        page.items.length < ACCOUNT_PAGE_SIZE || (total !== undefined && accounts.length >= total);
      if (isLastPage) return accounts;
    }
  } finally {
    progress.done();
  }
  throw new BmsError(
    'protocol',
    `BMS kept returning full pages of accounts after ${MAX_ACCOUNT_PAGES} pages of ${ACCOUNT_PAGE_SIZE}.`,
    { endpoint: 'GET /v2/crm/accounts/lookup' },
  );
}
