import { forbidden, notFound, success } from '../envelope.ts';
import type { SandboxUser } from '../fixtures.ts';
import { pageOf, readPaging } from '../query.ts';
import type { AccountRecord } from '../records.ts';
import { type AuthorizedContext, get, intParam, type Route } from '../route.ts';
import { canSeeAccount, type SandboxState } from '../state.ts';
import { SANDBOX_TENANT_DISPLAY_NAME } from '../views.ts';

/** Returns an account that the user may see, or throws 404 when it does not exist and 403 when it is hidden. */
export function visibleAccount(state: SandboxState, user: SandboxUser, accountId: number): AccountRecord {
  const account = state.directory.accounts.get(accountId);
  if (!account) throw notFound('Account', accountId);
  if (!canSeeAccount(user, accountId)) throw forbidden(`You do not have access to account ${accountId}.`);
  return account;
}

/**
 * `GET /v2/crm/accounts/lookup`: accounts sorted by name. `Filter.Name` matches a case-insensitive
 * substring (accents must match, as on an accent-sensitive SQL Server collation). Inactive accounts
 * appear only with `Filter.WithInactiveAccounts=true`. Accounts hidden from the user never appear.
 */
function lookupAccounts({ state, user, query }: AuthorizedContext) {
  const paging = readPaging(query);
  const name = query.string('Filter.Name')?.toLowerCase();
  const ids = query.intList('Filter.Ids');
  const withInactive = query.boolean('Filter.WithInactiveAccounts') ?? false;
  const matches = state.directory.accountsByName.filter(
    (account) =>
      canSeeAccount(user, account.id) &&
      (withInactive || account.isActive) &&
      (ids === undefined || ids.includes(account.id)) &&
      (name === undefined || account.name.toLowerCase().includes(name)),
  );
  const rows = pageOf(matches, paging).map((account) => ({
    Id: account.id,
    Name: account.name,
    TenantName: SANDBOX_TENANT_DISPLAY_NAME,
    IsActive: account.isActive,
  }));
  return success(rows, matches.length);
}

function lookupLocations(context: AuthorizedContext) {
  const account = visibleAccount(context.state, context.user, intParam(context, 'accountId'));
  const locations = context.state.directory.locationsByAccount.get(account.id) ?? [];
  return success(
    locations.map((location) => ({
      Id: location.id,
      Name: location.name,
      AccountId: location.accountId,
      IsMain: location.isMain,
    })),
  );
}

function lookupContacts(context: AuthorizedContext) {
  const { state, user, query } = context;
  const account = visibleAccount(state, user, intParam(context, 'accountId'));
  const paging = readPaging(query);
  const name = query.string('Filter.Name')?.toLowerCase();
  const locationId = query.int('Filter.LocationId');
  const matches = (state.directory.contactsByAccount.get(account.id) ?? []).filter(
    (contact) =>
      (name === undefined || contact.name.toLowerCase().includes(name)) &&
      (locationId === undefined || contact.locationId === locationId),
  );
  const rows = pageOf(matches, paging).map((contact) => ({
    Id: contact.id,
    Name: contact.name,
    LocationId: contact.locationId,
    LocationName: state.directory.locations.get(contact.locationId)?.name ?? null,
    Phone: contact.phone,
    EmailAddress: contact.email,
  }));
  return success(rows);
}

export const accountRoutes: Route[] = [
  get('/v2/crm/accounts/lookup', lookupAccounts),
  get('/v2/crm/accounts/{accountId}/locations/lookup', lookupLocations),
  get('/v2/crm/accounts/{accountId}/contacts/lookup', lookupContacts),
];
