import { checkId, type Requester } from './request.ts';
import { listOf, noResultSchema } from './schemas/common.ts';
import { type Ticket, type TicketSummary, ticketSchema, ticketSummarySchema } from './schemas/tickets.ts';
import type { AssignInput, Page, PatchOperation, TicketInput, TicketSearch } from './types.ts';

const TICKET = '/v2/servicedesk/tickets/{ticketId}';
const DEFAULT_SEARCH_PAGE_SIZE = 25;

/**
 * Searches tickets with POST /tickets/search. It is a read, so it is retried like a GET.
 * NOTE: BMS takes several names as one comma-separated string, so a name that contains a comma
 * cannot be matched exactly.
 */
export async function searchTickets(
  request: Requester,
  accessToken: string,
  search: TicketSearch,
): Promise<Page<TicketSummary>> {
  const { result, totalRecords } = await request({
    method: 'POST',
    template: '/v2/servicedesk/tickets/search',
    body: {
      type: 'json',
      value: {
        PageSize: search.pageSize ?? DEFAULT_SEARCH_PAGE_SIZE,
        PageNumber: search.pageNumber ?? 1,
        Sort: search.sort,
        Filter: ticketFilter(search),
      },
    },
    accessToken,
    isRead: true,
    resultSchema: listOf(ticketSummarySchema),
  });
  return { items: result, total: totalRecords ?? result.length };
}

/** Builds TicketFilterDto, leaving out the criteria that are not set. */
function ticketFilter(search: TicketSearch): Record<string, string | number> {
  const filter: Record<string, string | number | undefined> = {
    StatusNames: joinNames(search.status),
    AssigneeName: search.assigneeName,
    AccountIds: joinNames(search.accountIds?.map(String)),
    AccountLocationId: search.accountLocationId,
    QueueNames: joinNames(search.queueNames),
    PriorityNames: joinNames(search.priorityNames),
    Title: search.title,
    TicketNumber: search.ticketNumber,
    OpenDateFrom: search.openDateFrom,
    OpenDateTo: search.openDateTo,
    // TicketFilterDto declares ExcludeCompleted as an int32 flag, not a boolean.
    ExcludeCompleted: search.excludeCompleted === undefined ? undefined : Number(search.excludeCompleted),
  };
  const present: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') present[name] = value;
  }
  return present;
}

function joinNames(names: readonly string[] | undefined): string | undefined {
  return names && names.length > 0 ? names.join(',') : undefined;
}

export async function getTicket(request: Requester, accessToken: string, ticketId: number): Promise<Ticket> {
  const { result } = await request({
    method: 'GET',
    template: TICKET,
    pathParams: { ticketId: checkId(ticketId, 'ticket id') },
    accessToken,
    isRead: true,
    resultSchema: ticketSchema,
  });
  return result;
}

export async function createTicket(
  request: Requester,
  accessToken: string,
  input: TicketInput,
): Promise<Ticket> {
  const { result } = await request({
    method: 'POST',
    template: '/v2/servicedesk/tickets',
    body: { type: 'json', value: input },
    accessToken,
    isRead: false,
    resultSchema: ticketSchema,
  });
  return result;
}

/** Applies JSON Patch operations to a ticket and returns the ticket as changed. */
export async function patchTicket(
  request: Requester,
  accessToken: string,
  ticketId: number,
  operations: PatchOperation[],
): Promise<Ticket> {
  const { result } = await request({
    method: 'PATCH',
    template: TICKET,
    pathParams: { ticketId: checkId(ticketId, 'ticket id') },
    body: { type: 'json', value: operations, contentType: 'application/json-patch+json' },
    accessToken,
    isRead: false,
    resultSchema: ticketSchema,
  });
  return result;
}

export async function deleteTicket(request: Requester, accessToken: string, ticketId: number): Promise<void> {
  await request({
    method: 'DELETE',
    template: TICKET,
    pathParams: { ticketId: checkId(ticketId, 'ticket id') },
    accessToken,
    isRead: false,
    resultSchema: noResultSchema,
    acceptsEmptyBody: true,
  });
}

/** Assigns a ticket to an assignee or a queue; BMS records the assignment as a note. */
export async function assignTicket(
  request: Requester,
  accessToken: string,
  ticketId: number,
  input: AssignInput,
): Promise<void> {
  await request({
    method: 'POST',
    template: '/v2/servicedesk/tickets/{ticketId}/assignticket',
    pathParams: { ticketId: checkId(ticketId, 'ticket id') },
    body: { type: 'json', value: input },
    accessToken,
    isRead: false,
    resultSchema: noResultSchema,
    acceptsEmptyBody: true,
  });
}
