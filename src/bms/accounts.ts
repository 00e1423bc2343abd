import { BmsError } from './errors.ts';
import { checkId, type Requester } from './request.ts';
import { type Account, accountSchema, type Location, locationSchema } from './schemas/accounts.ts';
import { listOf } from './schemas/common.ts';
import type { AccountQuery, Page } from './types.ts';

const ACCOUNTS_LOOKUP = '/v2/crm/accounts/lookup';

/**
 * Page size of lookupAllAccounts. Larger pages spend fewer of the 1500 requests per hour.
 * NOTE: BMS's maximum PageSize is not documented; 100 is a guess that any tenant should accept.
 */
export const ACCOUNT_PAGE_SIZE = 100;

/** Upper bound on pages in lookupAllAccounts, so that a server that ignores PageNumber cannot loop it forever. */
const MAX_ACCOUNT_PAGES = 2000;

export async function lookupAccounts(
  request: Requester,
  accessToken: string,
  query: AccountQuery = {},
): Promise<Page<Account>> {
  const { result, totalRecords } = await requestAccountPage(request, accessToken, query);
  // NOTE: the OpenAPI declares no TotalRecords for this lookup; without it the total is this page's count.
  return { items: result, total: totalRecords ?? result.length };
}

function requestAccountPage(request: Requester, accessToken: string, query: AccountQuery) {
  return request({
    method: 'GET',
    template: ACCOUNTS_LOOKUP,
    query: {
      'Filter.Name': query.name,
      'Filter.Ids': query.id,
      PageSize: query.pageSize,
      PageNumber: query.pageNumber,
    },
    accessToken,
    isRead: true,
    resultSchema: listOf(accountSchema),
  });
}

/**
 * Collects every page of the account lookup. Stops at a short or empty page, or once
 * TotalRecords items have arrived.
 */
export async function lookupAllAccounts(
  request: Requester,
  accessToken: string,
  query: { name?: string; pageSize?: number } = {},
): Promise<Account[]> {
  const pageSize = query.pageSize ?? ACCOUNT_PAGE_SIZE;
  const accounts: Account[] = [];

  for (let pageNumber = 1; pageNumber <= MAX_ACCOUNT_PAGES; pageNumber++) {
    const page = await requestAccountPage(request, accessToken, { name: query.name, pageSize, pageNumber });
    accounts.push(...page.result);
    const isLastPage =
      page.result.length === 0 ||
      page.result.length < pageSize ||
      (page.totalRecords !== undefined && accounts.length >= page.totalRecords);
    if (isLastPage) return accounts;
  }
  throw new BmsError(
    'protocol',
    `BMS kept returning full pages to GET ${ACCOUNTS_LOOKUP} after ${MAX_ACCOUNT_PAGES} pages of ${pageSize}.`,
    { endpoint: `GET ${ACCOUNTS_LOOKUP}` },
  );
}

export async function lookupLocations(
  request: Requester,
  accessToken: string,
  accountId: number,
): Promise<Location[]> {
  const { result } = await request({
    method: 'GET',
    template: '/v2/crm/accounts/{accountId}/locations/lookup',
    pathParams: { accountId: checkId(accountId, 'account id') },
    accessToken,
    isRead: true,
    resultSchema: listOf(locationSchema),
  });
  return result;
}
