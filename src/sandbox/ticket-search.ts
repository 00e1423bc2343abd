import { invalidField } from './envelope.ts';
import type { SandboxUser } from './fixtures.ts';
import {
  findRow,
  ISSUE_TYPES,
  isCompletedStatus,
  PRIORITIES,
  QUEUES,
  STATUSES,
  TICKET_TYPES,
} from './lookups.ts';
import { parseIdList } from './query.ts';
import type { TicketRecord } from './records.ts';
import { canSeeAccount, type SandboxState } from './state.ts';
import { isDateTime, parseDateTime } from './validation.ts';
import { personName } from './views.ts';

/**
 * The TicketFilterDto fields the sandbox applies. Text filters match a case-insensitive substring;
 * the `...Names` filters take comma-separated names matched whole; `AccountIds` and `SourceIds`
 * take comma-separated ids. Other TicketFilterDto fields are accepted and ignored.
 */
export interface TicketFilter {
  title?: string;
  details?: string;
  account?: string;
  locationName?: string;
  assigneeName?: string;
  ticketNumber?: string;
  createdByName?: string;
  contactName?: string;
  statusNames?: string[];
  queueNames?: string[];
  priorityNames?: string[];
  ticketTypeNames?: string[];
  issueTypeNames?: string[];
  sourceIds?: number[];
  accountIds?: number[];
  accountLocationId?: number;
  contactId?: number;
  excludeCompleted?: boolean;
  openDateFrom?: number;
  openDateTo?: number;
}

const TEXT_FILTERS = [
  ['Title', 'title'],
  ['Details', 'details'],
  ['Account', 'account'],
  ['LocationName', 'locationName'],
  ['AssigneeName', 'assigneeName'],
  ['TicketNumber', 'ticketNumber'],
  ['CreatedByName', 'createdByName'],
  ['ContactName', 'contactName'],
] as const;

const NAME_LIST_FILTERS = [
  ['StatusNames', 'statusNames'],
  ['QueueNames', 'queueNames'],
  ['PriorityNames', 'priorityNames'],
  ['TicketTypeNames', 'ticketTypeNames'],
  ['IssueTypeNames', 'issueTypeNames'],
] as const;

/** Reads a filter through `fieldValue`, which looks a TicketFilterDto field up in the query or the JSON body. */
export function readTicketFilter(fieldValue: (field: string) => unknown): TicketFilter {
  const filter: TicketFilter = {};
  const text = (field: string): string | undefined => {
    const value = fieldValue(field);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw invalidField(`Filter.${field}`, `Filter.${field} must be a string.`);
    return value;
  };
  const integer = (field: string): number | undefined => {
    const value = fieldValue(field);
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number)) {
      throw invalidField(`Filter.${field}`, `Filter.${field} must be an integer.`);
    }
    return number;
  };
  const date = (field: string): number | undefined => {
    const value = text(field);
    if (value === undefined) return undefined;
    if (!isDateTime(value))
      throw invalidField(`Filter.${field}`, `Filter.${field} must be an ISO 8601 date-time.`);
    return parseDateTime(value);
  };

  for (const [field, key] of TEXT_FILTERS) {
    const value = text(field);
    if (value !== undefined) filter[key] = value.toLowerCase();
  }
  for (const [field, key] of NAME_LIST_FILTERS) {
    const value = text(field);
    if (value !== undefined) filter[key] = splitNames(value);
  }
  const accountIds = text('AccountIds');
  if (accountIds !== undefined) filter.accountIds = parseIdList(accountIds, 'Filter.AccountIds');
  const sourceIds = text('SourceIds');
  if (sourceIds !== undefined) filter.sourceIds = parseIdList(sourceIds, 'Filter.SourceIds');
  filter.accountLocationId = integer('AccountLocationId');
  filter.contactId = integer('ContactId');
  filter.excludeCompleted = (integer('ExcludeCompleted') ?? 0) !== 0;
  filter.openDateFrom = date('OpenDateFrom');
  filter.openDateTo = date('OpenDateTo');
  return filter;
}

function splitNames(value: string): string[] {
  return value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

function contains(haystack: string | null | undefined, needle: string | undefined): boolean {
  return needle === undefined || (haystack ?? '').toLowerCase().includes(needle);
}

function inNames(name: string | null | undefined, names: string[] | undefined): boolean {
  return names === undefined || names.includes((name ?? '').toLowerCase());
}

export function searchTickets(state: SandboxState, user: SandboxUser, filter: TicketFilter): TicketRecord[] {
  const { accounts, locations, contacts } = state.directory;
  const matches: TicketRecord[] = [];
  for (const ticket of state.desk.tickets.values()) {
    if (!canSeeAccount(user, ticket.accountId)) continue;
    if (filter.accountIds && !filter.accountIds.includes(ticket.accountId)) continue;
    if (filter.accountLocationId !== undefined && ticket.locationId !== filter.accountLocationId) continue;
    if (filter.contactId !== undefined && ticket.contactId !== filter.contactId) continue;
    if (filter.sourceIds && !filter.sourceIds.includes(ticket.sourceId)) continue;
    if (filter.excludeCompleted && isCompletedStatus(ticket.statusId)) continue;
    const openMs = parseDateTime(ticket.openDate);
    if (filter.openDateFrom !== undefined && openMs < filter.openDateFrom) continue;
    if (filter.openDateTo !== undefined && openMs > filter.openDateTo) continue;
    if (!contains(ticket.title, filter.title) || !contains(ticket.details, filter.details)) continue;
    if (!contains(ticket.ticketNumber, filter.ticketNumber)) continue;
    if (!contains(accounts.get(ticket.accountId)?.name, filter.account)) continue;
    if (!contains(locations.get(ticket.locationId)?.name, filter.locationName)) continue;
    if (!contains(personName(ticket.assigneeId), filter.assigneeName)) continue;
    if (!contains(personName(ticket.createdBy), filter.createdByName)) continue;
    const contactName = ticket.contactId === null ? null : contacts.get(ticket.contactId)?.name;
    if (!contains(contactName, filter.contactName)) continue;
    if (!inNames(findRow(STATUSES, ticket.statusId)?.name, filter.statusNames)) continue;
    if (!inNames(findRow(QUEUES, ticket.queueId)?.name, filter.queueNames)) continue;
    if (!inNames(findRow(PRIORITIES, ticket.priorityId)?.name, filter.priorityNames)) continue;
    if (!inNames(findRow(TICKET_TYPES, ticket.typeId)?.name, filter.ticketTypeNames)) continue;
    if (!inNames(findRow(ISSUE_TYPES, ticket.issueTypeId)?.name, filter.issueTypeNames)) continue;
    matches.push(ticket);
  }
  return matches;
}

const SORT_KEYS: Record<string, (ticket: TicketRecord) => string | number> = {
  id: (ticket) => ticket.id,
  ticketnumber: (ticket) => ticket.ticketNumber,
  title: (ticket) => ticket.title.toLowerCase(),
  opendate: (ticket) => parseDateTime(ticket.openDate),
  lastactivityupdate: (ticket) => parseDateTime(ticket.lastActivityUpdate),
  duedate: (ticket) => (ticket.dueDate === null ? 0 : parseDateTime(ticket.dueDate)),
  statusid: (ticket) => ticket.statusId,
  priorityid: (ticket) => ticket.priorityId,
};

/**
 * Sorts by `Sort` ("OpenDate desc", "Title", "-Id"); newest ticket first when absent.
 * NOTE: the real API's Sort syntax is not documented; these forms are the sandbox's guess.
 */
export function sortTickets(tickets: TicketRecord[], sort: string | undefined): TicketRecord[] {
  const text = (sort ?? '').trim();
  if (text === '') return tickets.sort((a, b) => b.id - a.id);
  const match = /^(-)?(\w+)(?:\s+(asc|desc))?$/i.exec(text);
  const keyOf = match?.[2] ? SORT_KEYS[match[2].toLowerCase()] : undefined;
  if (!match || !keyOf) {
    throw invalidField(
      'Sort',
      `Sort must be a field (${Object.keys(SORT_KEYS).join(', ')}) and asc or desc.`,
    );
  }
  const descending = match[1] === '-' || match[3]?.toLowerCase() === 'desc';
  const direction = descending ? -1 : 1;
  return tickets.sort((a, b) => {
    const left = keyOf(a);
    const right = keyOf(b);
    if (left === right) return a.id - b.id;
    return (left < right ? -1 : 1) * direction;
  });
}
