import { forbidden } from './envelope.ts';
import type { SandboxUser } from './fixtures.ts';
import {
  ASSIGNEES,
  findRow,
  findSubIssueType,
  ISSUE_TYPES,
  PRIORITIES,
  QUEUES,
  STATUSES,
  TICKET_SOURCES,
  TICKET_TYPES,
  WORK_TYPES,
} from './lookups.ts';
import type { LookupRow, TicketFields } from './records.ts';
import { canSeeAccount, type SandboxState } from './state.ts';
import { FieldReader } from './validation.ts';

export type { TicketFields } from './records.ts';

/** The TicketInputDto field names that a ticket stores and PATCH may change. */
export const WRITABLE_TICKET_FIELDS = [
  'Title',
  'Details',
  'AccountId',
  'LocationId',
  'ContactId',
  'StatusId',
  'PriorityId',
  'TypeId',
  'SourceId',
  'QueueId',
  'AssigneeId',
  'IssueTypeId',
  'SubIssueTypeId',
  'WorkTypeId',
  'OpenDate',
  'DueDate',
] as const;

export type WritableTicketField = (typeof WRITABLE_TICKET_FIELDS)[number];

/**
 * Checks a TicketInputDto: the required fields and their types, the ids against the lookups, the
 * location and contact against the account, and the product rule that a ticket needs a queue or an
 * assignee. Throws 403 for an account the user may not see, otherwise a 400 listing every problem.
 */
export function readTicketInput(
  state: SandboxState,
  user: SandboxUser,
  input: Record<string, unknown>,
): TicketFields {
  const reader = new FieldReader(input);
  const title = reader.requiredString('Title');
  const details = reader.requiredString('Details');
  const accountId = reader.requiredInt('AccountId', 1);
  const locationId = reader.requiredInt('LocationId', 1);
  const contactId = reader.optionalInt('ContactId', 1);
  const statusId = reader.requiredInt('StatusId', 1);
  const priorityId = reader.requiredInt('PriorityId', 1);
  const typeId = reader.requiredInt('TypeId', 1);
  const sourceId = reader.requiredInt('SourceId', 0);
  const queueId = reader.optionalInt('QueueId', 1);
  const assigneeId = reader.optionalInt('AssigneeId', 1);
  const issueTypeId = reader.optionalInt('IssueTypeId', 1);
  const subIssueTypeId = reader.optionalInt('SubIssueTypeId', 1);
  const workTypeId = reader.optionalInt('WorkTypeId', 1);
  const openDate = reader.requiredDateTime('OpenDate');
  const dueDate = reader.optionalDateTime('DueDate');

  if (accountId !== undefined && state.directory.accounts.has(accountId) && !canSeeAccount(user, accountId)) {
    throw forbidden(`You do not have access to account ${accountId}.`);
  }
  checkAccountParts(state, reader, accountId, locationId, contactId);
  checkLookup(reader, 'StatusId', STATUSES, statusId);
  checkLookup(reader, 'PriorityId', PRIORITIES, priorityId);
  checkLookup(reader, 'TypeId', TICKET_TYPES, typeId);
  checkLookup(reader, 'SourceId', TICKET_SOURCES, sourceId);
  checkLookup(reader, 'IssueTypeId', ISSUE_TYPES, issueTypeId);
  checkLookup(reader, 'WorkTypeId', WORK_TYPES, workTypeId);
  checkRouting(reader, queueId, assigneeId);
  checkSubIssueType(reader, issueTypeId, subIssueTypeId);
  reader.throwIfInvalid();

  // throwIfInvalid() guarantees that every required field was read.
  return {
    title: title as string,
    details: details as string,
    accountId: accountId as number,
    locationId: locationId as number,
    contactId,
    statusId: statusId as number,
    priorityId: priorityId as number,
    typeId: typeId as number,
    sourceId: sourceId as number,
    queueId,
    assigneeId,
    issueTypeId,
    subIssueTypeId,
    workTypeId,
    openDate: openDate as string,
    dueDate,
  };
}

function checkAccountParts(
  state: SandboxState,
  reader: FieldReader,
  accountId: number | undefined,
  locationId: number | undefined,
  contactId: number | null,
): void {
  if (accountId === undefined) return;
  if (!state.directory.accounts.has(accountId)) {
    reader.fail('AccountId', `AccountId ${accountId} does not exist.`);
    return;
  }
  if (locationId !== undefined) {
    const location = state.directory.locations.get(locationId);
    if (!location) reader.fail('LocationId', `LocationId ${locationId} does not exist.`);
    else if (location.accountId !== accountId) {
      reader.fail('LocationId', `LocationId does not belong to AccountId ${accountId}.`);
    }
  }
  if (contactId !== null) {
    const contact = state.directory.contacts.get(contactId);
    if (!contact) reader.fail('ContactId', `ContactId ${contactId} does not exist.`);
    else if (contact.accountId !== accountId) {
      reader.fail('ContactId', `ContactId does not belong to AccountId ${accountId}.`);
    }
  }
}

function checkLookup(
  reader: FieldReader,
  field: string,
  rows: readonly LookupRow[],
  id: number | null | undefined,
): void {
  if (id === null || id === undefined) return;
  const row = findRow(rows, id);
  if (!row) reader.fail(field, `${field} ${id} does not exist.`);
  else if (row.isActive === false) reader.fail(field, `${field} ${id} (${row.name}) is inactive.`);
}

function checkRouting(reader: FieldReader, queueId: number | null, assigneeId: number | null): void {
  if (queueId === null && assigneeId === null) {
    reader.fail('QueueId', 'Either QueueId or AssigneeId is required.');
    return;
  }
  checkLookup(reader, 'QueueId', QUEUES, queueId);
  if (assigneeId !== null && !ASSIGNEES.some((assignee) => assignee.id === assigneeId)) {
    reader.fail('AssigneeId', `AssigneeId ${assigneeId} does not exist.`);
  }
}

function checkSubIssueType(
  reader: FieldReader,
  issueTypeId: number | null,
  subIssueTypeId: number | null,
): void {
  if (subIssueTypeId === null) return;
  const found = findSubIssueType(subIssueTypeId);
  if (!found) reader.fail('SubIssueTypeId', `SubIssueTypeId ${subIssueTypeId} does not exist.`);
  else if (found.issueTypeId !== issueTypeId) {
    reader.fail(
      'SubIssueTypeId',
      `SubIssueTypeId does not belong to IssueTypeId ${issueTypeId ?? '(none)'}.`,
    );
  }
}

/** Converts the ticket's writable fields to a TicketInputDto, the document that a JSON Patch edits. */
export function ticketInputOf(fields: TicketFields): Record<WritableTicketField, unknown> {
  return {
    Title: fields.title,
    Details: fields.details,
    AccountId: fields.accountId,
    LocationId: fields.locationId,
    ContactId: fields.contactId,
    StatusId: fields.statusId,
    PriorityId: fields.priorityId,
    TypeId: fields.typeId,
    SourceId: fields.sourceId,
    QueueId: fields.queueId,
    AssigneeId: fields.assigneeId,
    IssueTypeId: fields.issueTypeId,
    SubIssueTypeId: fields.subIssueTypeId,
    WorkTypeId: fields.workTypeId,
    OpenDate: fields.openDate,
    DueDate: fields.dueDate,
  };
}
