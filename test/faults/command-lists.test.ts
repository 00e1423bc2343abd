import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO_ACCOUNT_IDS } from '../../src/sandbox/index.ts';
import type { Json } from '../fakes/slack-api.ts';
import { bms, messageText } from '../slack/flow-helpers.ts';
import type { AppHarness } from '../support/app-harness.ts';
import { ALL_COLUMNS, type FaultColumn, READ_COLUMNS } from './columns.ts';
import { type CommandRow, runCommandCell } from './command-cells.ts';
import { startMatrixHarness } from './matrix-harness.ts';

/** Rows of the fault matrix: `/bms accounts` and `/bms locations`, from BMS and from the app's cache. */

const USER = 'U0LISTER';
const LOCATIONS_PATH = '/v2/crm/accounts/{accountId}/locations/lookup';
const ACCOUNTS_PATH = '/v2/crm/accounts/lookup';

/** Returns an account per column whose locations no cell has loaded before: ids from 100 up. */
function uncachedAccount(column: FaultColumn): number {
  return 100 + ALL_COLUMNS.indexOf(column);
}

const ROWS: CommandRow[] = [
  {
    name: 'accounts --refresh',
    line: 'accounts contoso --refresh',
    target: { method: 'GET', path: ACCOUNTS_PATH },
    // The whole list is reloaded, 100 accounts a page, and the page refused with 401 is asked again.
    maxServed: 21,
    expectDone: (reply) => expect(messageText(reply)).toContain('Contoso Ltd'),
  },
  {
    name: 'accounts (cached)',
    line: 'accounts contoso',
    target: { method: 'GET', path: ACCOUNTS_PATH },
    isCached: true,
    expectDone: (reply) => expect(messageText(reply)).toContain('Contoso Ltd'),
  },
  {
    name: 'locations (cold)',
    line: (column) => `locations --account ${uncachedAccount(column)}`,
    target: { method: 'GET', path: LOCATIONS_PATH },
    expectDone: (reply) => expect(String(reply.text)).toMatch(/^Locations of /),
  },
  {
    name: 'locations (cached)',
    line: `locations --account ${CONTOSO_ACCOUNT_IDS.contoso}`,
    target: { method: 'GET', path: LOCATIONS_PATH },
    isCached: true,
    expectDone: (reply) => expect(String(reply.text)).toMatch(/^Locations of Contoso: \d/),
  },
  {
    name: 'locations --refresh (cached)',
    // An account of its own per column, so that one cell's failed reload does not hold back the next.
    prepare: async (harness, user, column) => {
      await bms(harness, `locations --account ${170 + ALL_COLUMNS.indexOf(column)}`, { user });
    },
    line: (column) => `locations --account ${170 + ALL_COLUMNS.indexOf(column)} --refresh`,
    target: { method: 'GET', path: LOCATIONS_PATH },
    expectDone: (reply) => {
      expect(String(reply.text)).toMatch(/^Locations of /);
      expect(messageText(reply)).not.toContain('did not return');
    },
    // NOTE: the cache serves the kept copy and keeps the reason in the log, so the reply cannot say which fault it was.
    expectFailure: Object.fromEntries(
      READ_COLUMNS.filter((column) => column !== 'revoked' && column !== 'timeout-once').map((column) => [
        column,
        (reply: Json) => {
          expect(String(reply.text)).toMatch(/^Locations of /);
          expect(messageText(reply)).toContain('BMS did not return the list, so this is the copy from');
        },
      ]),
    ),
  },
];

let harness: AppHarness;

beforeAll(async () => {
  harness = await startMatrixHarness();
  await harness.loginAs(USER);
  // The cached rows need their lists in the app's cache before any fault.
  await bms(harness, 'accounts contoso', { user: USER });
  await bms(harness, `locations --account ${CONTOSO_ACCOUNT_IDS.contoso}`, { user: USER });
});
afterAll(async () => {
  await harness?.close();
});

for (const row of ROWS) {
  describe(`/bms ${row.name}`, () => {
    it.each(READ_COLUMNS)('× %s', (column) => runCommandCell(harness, USER, row, column));
  });
}
