import type { z } from 'zod';
import { BmsError } from './errors.ts';
import type { Requester } from './request.ts';
import { type LookupItem, listOf, lookupItemSchema } from './schemas/common.ts';
import {
  type Assignee,
  assigneeSchema,
  type IssueType,
  issueTypeSchema,
  type Priority,
  prioritySchema,
  type Queue,
  queueSchema,
  type Status,
  statusSchema,
  type WorkType,
  workTypeSchema,
} from './schemas/lookups.ts';

/**
 * Table names of the generic `/v2/system/lookup/{tableName}` for the lists that have no lookup
 * endpoint of their own.
 * NOTE: BMS does not publish these names; they are the sandbox's and may differ on a real tenant.
 */
export const LOOKUP_TABLES = {
  ticketTypes: 'TicketTypes',
  ticketSources: 'TicketSources',
  noteTypes: 'NoteTypes',
} as const;

async function lookupList<Item extends z.ZodType>(
  request: Requester,
  accessToken: string,
  template: string,
  item: Item,
  query?: Record<string, string | undefined>,
): Promise<z.output<Item>[]> {
  const { result } = await request({
    method: 'GET',
    template,
    query,
    accessToken,
    isRead: true,
    resultSchema: listOf(item),
  });
  return result;
}

export function lookupStatuses(request: Requester, accessToken: string): Promise<Status[]> {
  return lookupList(request, accessToken, '/v2/system/statuses/lookup', statusSchema);
}

export function lookupPriorities(request: Requester, accessToken: string): Promise<Priority[]> {
  return lookupList(request, accessToken, '/v2/system/priorities/lookup', prioritySchema);
}

export function lookupQueues(request: Requester, accessToken: string): Promise<Queue[]> {
  return lookupList(request, accessToken, '/v2/system/queues/lookup', queueSchema);
}

export function lookupAssignees(
  request: Requester,
  accessToken: string,
  query: { name?: string } = {},
): Promise<Assignee[]> {
  return lookupList(request, accessToken, '/v2/hr/assignees/lookup', assigneeSchema, {
    'Filter.Name': query.name,
  });
}

export function lookupIssueTypes(request: Requester, accessToken: string): Promise<IssueType[]> {
  return lookupList(request, accessToken, '/v2/system/issuetypes/lookup', issueTypeSchema);
}

export function lookupWorkTypes(request: Requester, accessToken: string): Promise<WorkType[]> {
  return lookupList(request, accessToken, '/v2/system/worktypes/lookup', workTypeSchema);
}

/** Reads a generic lookup table by name, e.g. one of LOOKUP_TABLES. */
export async function lookupTable(
  request: Requester,
  accessToken: string,
  tableName: string,
): Promise<LookupItem[]> {
  if (!/^\w+$/.test(tableName)) {
    throw new BmsError(
      'validation',
      `The lookup table name must be letters, digits or underscores, got "${tableName}".`,
    );
  }
  const { result } = await request({
    method: 'GET',
    template: '/v2/system/lookup/{tableName}',
    pathParams: { tableName },
    accessToken,
    isRead: true,
    resultSchema: listOf(lookupItemSchema),
  });
  return result;
}
