import { ACCOUNT_LOOKUP_PAGE_SIZE, LARGE_TENANT_PAGES } from '../../src/cache/index.ts';
import type { CallCounts } from './bms-stats.ts';
import type { Counted, OperationCalls } from './operations.ts';

/** BMS's documented limit per endpoint; the client throttle holds the app to it. */
export const BMS_REQUESTS_PER_HOUR = 1_500;

/**
 * A technician's working day, used to turn calls per operation into calls per hour. The counts
 * are an estimate for a busy service-desk technician, not a measurement.
 */
export const DAY_MODEL = {
  hours: 8,
  /** `/bms ticket` lookups per technician per day. */
  lookups: 40,
  /** Tickets created from the form per technician per day. */
  creates: 10,
  /** Notes added from messages per technician per day. */
  notes: 20,
  /** Accounts whose locations a technician opens per day; the cache keeps each list 24 hours. */
  accountsOpened: 10,
  /**
   * Words a technician types into the account dropdown per day, one per ticket created. In a large
   * tenant each costs what the bench measures for a word none of whose prefixes is cached: an upper
   * bound, because a technician's words share their first letters, whose searches stay cached.
   */
  newAccountWords: 10,
} as const;

/** One token refresh per access token lifetime (3,600 s in the sandbox) less the 60 s refresh margin. */
const REFRESHES_PER_HOUR = 3_600 / (3_600 - 60);
/** Each account whose locations are not cached costs one lookup (UserCache.locations). */
const LOCATION_LOOKUP = 'GET /v2/crm/accounts/{accountId}/locations/lookup';
const TOKEN_REFRESH = 'POST /v2/security/refreshtoken';
const ACCOUNT_LOOKUP = 'GET /v2/crm/accounts/lookup';

export interface EndpointHour {
  endpoint: string;
  perDay: number;
  /** The day's calls spread evenly over its hours, the first hour's loads included. */
  averageHour: number;
  /** The first hour: every technician logs in and loads the lists of the day, plus an average hour's operations. */
  firstHour: number;
}

export interface DayFigures {
  technicians: number;
  endpoints: EndpointHour[];
  /** Inputs the model could not take from measurements because a flow is missing. */
  unmeasured: string[];
}

function callsOf(counted: Counted, name: string, unmeasured: string[]): CallCounts {
  if ('calls' in counted) return counted.calls;
  unmeasured.push(name);
  return {};
}

/**
 * Scales the measured calls per operation to `technicians` technicians' day. Every technician is
 * a BMS user of their own, so each loads the lookup lists once a day (`coldPerUser`, measured when
 * the bench filled the cache). The account list is counted as the app loads it, whatever the
 * bench's fill. A tenant of more than LARGE_TENANT_PAGES pages costs one lookup to learn that it is
 * large, plus the measured searches of each new word. A smaller tenant costs its pages.
 */
export function modelDay(
  technicians: number,
  operations: OperationCalls,
  coldPerUser: CallCounts,
  accounts: number,
): DayFigures {
  const unmeasured: string[] = [];
  const perTechnician = new Map<string, { daily: number; firstHourOnly: number }>();
  const add = (counts: CallCounts, times: number, firstHourOnly: boolean) => {
    for (const [endpoint, count] of Object.entries(counts)) {
      const entry = perTechnician.get(endpoint) ?? { daily: 0, firstHourOnly: 0 };
      if (firstHourOnly) entry.firstHourOnly += count * times;
      else entry.daily += count * times;
      perTechnician.set(endpoint, entry);
    }
  };

  add(callsOf(operations.lookup, 'lookup', unmeasured), DAY_MODEL.lookups, false);
  add(callsOf(operations.create, 'create', unmeasured), DAY_MODEL.creates, false);
  add(callsOf(operations.note, 'note', unmeasured), DAY_MODEL.notes, false);
  add({ [TOKEN_REFRESH]: 1 }, REFRESHES_PER_HOUR * DAY_MODEL.hours, false);
  add({ [LOCATION_LOOKUP]: 1 }, DAY_MODEL.accountsOpened, false);
  add(callsOf(operations.sessionStart, 'session start', unmeasured), 1, true);
  add(withAccountLookups(coldPerUser, accounts), 1, true);
  if (isLargeTenant(accounts))
    add(callsOf(operations.coldDropdown, 'cold dropdown', unmeasured), DAY_MODEL.newAccountWords, false);

  const endpoints = [...perTechnician.entries()].map(([endpoint, { daily, firstHourOnly }]) => {
    const perDay = technicians * (daily + firstHourOnly);
    return {
      endpoint,
      perDay,
      averageHour: perDay / DAY_MODEL.hours,
      firstHour: technicians * (daily / DAY_MODEL.hours + firstHourOnly),
    };
  });
  endpoints.sort((a, b) => b.firstHour - a.firstHour);
  return { technicians, endpoints, unmeasured };
}

function isLargeTenant(accounts: number): boolean {
  return Math.ceil(accounts / ACCOUNT_LOOKUP_PAGE_SIZE) > LARGE_TENANT_PAGES;
}

/** Replaces the measured account lookups of a user's cold start with those the app makes per user and day. */
function withAccountLookups(coldPerUser: CallCounts, accounts: number): CallCounts {
  const pages = isLargeTenant(accounts) ? 1 : Math.max(1, Math.ceil(accounts / ACCOUNT_LOOKUP_PAGE_SIZE));
  return { ...coldPerUser, [ACCOUNT_LOOKUP]: pages };
}
