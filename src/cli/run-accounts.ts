import type { Account, Location } from '../bms/index.ts';
import type { AccountsListCommand, LocationsListCommand } from '../grammar/index.ts';
import { foldName } from '../services/index.ts';
import { renderTable } from './render-table.ts';
import { accountId } from './resolve-names.ts';
import type { CommandOutput, RunContext } from './run-context.ts';
import { outputWidth } from './terminal.ts';

export const ACCOUNT_PAGE_SIZE = 50;

/** Accounts whose name contains every search word, ignoring case and accents. */
function matchingAccounts(accounts: readonly Account[], search: string | undefined): Account[] {
  const words = foldName(search ?? '')
    .split(' ')
    .filter(Boolean);
  return accounts.filter((account) => {
    const name = foldName(account.Name);
    return words.every((word) => name.includes(word));
  });
}

export async function runAccounts(command: AccountsListCommand, run: RunContext): Promise<CommandOutput> {
  const { directory } = await run.services();
  const matches = matchingAccounts(await directory.accounts(command.refresh), command.search);
  const pageNumber = command.page ?? 1;
  const first = (pageNumber - 1) * ACCOUNT_PAGE_SIZE;
  const items = matches.slice(first, first + ACCOUNT_PAGE_SIZE);
  const page = { items, total: matches.length, pageNumber, pageSize: ACCOUNT_PAGE_SIZE };

  return {
    value: page,
    text: () => {
      if (matches.length === 0)
        return command.search ? 'No account name contains those words.' : 'No accounts.';
      if (items.length === 0) return `No accounts on page ${pageNumber}: there are ${matches.length}.`;
      const pages = Math.ceil(matches.length / ACCOUNT_PAGE_SIZE);
      const table = renderTable(
        items,
        [
          { header: 'Id', cell: (account) => account.Id },
          { header: 'Name', cell: (account) => account.Name, flexible: true },
          { header: 'Active', cell: (account) => (account.IsActive === false ? 'no' : 'yes') },
        ],
        outputWidth(run.terminal),
      );
      const next = pageNumber < pages ? ` Add --page ${pageNumber + 1} for the next page.` : '';
      return `${table}\n\nAccounts ${first + 1}-${first + items.length} of ${matches.length}, page ${pageNumber} of ${pages}.${next}`;
    },
  };
}

export async function runLocations(command: LocationsListCommand, run: RunContext): Promise<CommandOutput> {
  const { directory } = await run.services();
  const id = await accountId(directory, command.account);
  const locations: Location[] = await directory.locations(id, command.refresh);
  return {
    value: locations,
    text: () => {
      if (locations.length === 0) return `Account ${id} has no locations.`;
      const table = renderTable(
        locations,
        [
          { header: 'Id', cell: (location) => location.Id },
          { header: 'Name', cell: (location) => location.Name, flexible: true },
          { header: 'Main', cell: (location) => (location.IsMain ? 'yes' : '') },
        ],
        outputWidth(run.terminal),
      );
      return `Locations of account ${id}:\n${table}`;
    },
  };
}
