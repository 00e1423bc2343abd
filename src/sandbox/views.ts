import { SANDBOX_TENANT } from './fixtures.ts';
import {
  findAssignee,
  findRow,
  findSubIssueType,
  ISSUE_TYPES,
  NOTE_TYPES,
  PRIORITIES,
  QUEUES,
  ROLES,
  STATUSES,
  TICKET_SOURCES,
  TICKET_TYPES,
  WORK_TYPES,
} from './lookups.ts';
import type { NoteRecord, TicketRecord, TicketTemplateRecord, TimeEntryRecord } from './records.ts';
import type { SandboxState } from './state.ts';
import { findUserById } from './state.ts';

/** Builders of the response DTOs (PascalCase, as the contract names them) from the sandbox records. */

export const SANDBOX_TENANT_ID = 1;
export const SANDBOX_TENANT_DISPLAY_NAME = 'Sandbox MSP';

export function personName(userId: number | null): string | null {
  if (userId === null) return null;
  return findUserById(userId)?.fullName ?? findAssignee(userId)?.name ?? null;
}

/** Fields that TicketOutputDto and TicketListDto share. */
function ticketCommon(state: SandboxState, ticket: TicketRecord): Record<string, unknown> {
  const account = state.directory.accounts.get(ticket.accountId);
  const location = state.directory.locations.get(ticket.locationId);
  const contact = ticket.contactId === null ? undefined : state.directory.contacts.get(ticket.contactId);
  const status = findRow(STATUSES, ticket.statusId);
  const priority = findRow(PRIORITIES, ticket.priorityId);
  return {
    Id: ticket.id,
    CreatedBy: ticket.createdBy,
    CreatedOn: ticket.createdOn,
    ModifiedBy: ticket.modifiedBy,
    ModifiedOn: ticket.modifiedOn,
    TicketNumber: ticket.ticketNumber,
    Title: ticket.title,
    Details: ticket.details,
    AccountId: ticket.accountId,
    AccountCode: account?.code ?? null,
    AccountName: account?.name ?? null,
    LocationId: ticket.locationId,
    LocationName: location?.name ?? null,
    ContactId: ticket.contactId,
    ContactName: contact?.name ?? null,
    StatusId: ticket.statusId,
    StatusName: status?.name ?? null,
    StatusColor: status?.color ?? null,
    StatusForeColor: status?.fontColor ?? null,
    StatusOrder: ticket.statusId,
    PriorityId: ticket.priorityId,
    PriorityName: priority?.name ?? null,
    PriorityColor: priority?.color ?? null,
    TypeId: ticket.typeId,
    TypeName: findRow(TICKET_TYPES, ticket.typeId)?.name ?? null,
    IssueTypeId: ticket.issueTypeId,
    IssueTypeName: findRow(ISSUE_TYPES, ticket.issueTypeId)?.name ?? null,
    SubIssueTypeId: ticket.subIssueTypeId,
    SubIssueTypeName:
      ticket.subIssueTypeId === null ? null : (findSubIssueType(ticket.subIssueTypeId)?.row.name ?? null),
    ContractId: null,
    ContractNumber: null,
    ContractName: null,
    WorkTypeId: ticket.workTypeId,
    WorkTypeName: findRow(WORK_TYPES, ticket.workTypeId)?.name ?? null,
    QueueId: ticket.queueId,
    QueueName: findRow(QUEUES, ticket.queueId)?.name ?? null,
    AssigneeId: ticket.assigneeId,
    AssigneeName: personName(ticket.assigneeId),
    SourceId: ticket.sourceId,
    SLAId: null,
    SLAName: null,
    IsScheduled: 0,
    OpenDate: ticket.openDate,
    DueDate: ticket.dueDate,
    CompletedDate: ticket.completedDate,
    LastActivityUpdate: ticket.lastActivityUpdate,
    LastStatusUpdate: ticket.lastStatusUpdate,
    LastPriorityUpdate: ticket.lastPriorityUpdate,
    LastQueueUpdate: ticket.lastQueueUpdate,
    CreatedByName: personName(ticket.createdBy),
  };
}

/** Builds TicketOutputDto, the single-ticket response of get, create, patch and resolve. */
export function ticketOutput(state: SandboxState, ticket: TicketRecord): Record<string, unknown> {
  const location = state.directory.locations.get(ticket.locationId);
  const contact = ticket.contactId === null ? undefined : state.directory.contacts.get(ticket.contactId);
  return {
    ...ticketCommon(state, ticket),
    LocationPhone: location?.phone ?? null,
    ContactPhone: contact?.phone ?? null,
    ContactEmail: contact?.email ?? null,
    SourceName: findRow(TICKET_SOURCES, ticket.sourceId)?.name ?? null,
    TenantId: SANDBOX_TENANT_ID,
    CCs: [],
    SecondaryAssignees: [],
    HasPostedEntries: (state.desk.timeEntriesByTicket.get(ticket.id)?.length ?? 0) > 0,
    IsReadOnly: false,
    OpenDateLocked: false,
    TotalTimeSpent: (state.desk.timeEntriesByTicket.get(ticket.id) ?? []).reduce(
      (sum, entry) => sum + entry.timespent,
      0,
    ),
  };
}

/** TicketListDto: one row of a ticket search. */
export function ticketListItem(state: SandboxState, ticket: TicketRecord): Record<string, unknown> {
  return { ...ticketCommon(state, ticket), TenantName: SANDBOX_TENANT, HardwareAssetId: 0 };
}

/** TicketNoteOutputDto. The note date the client sent comes back as `CreatedOn`, unchanged. */
export function noteOutput(note: NoteRecord): Record<string, unknown> {
  const author = findUserById(note.createdBy);
  return {
    Id: note.id,
    CreatedBy: note.createdBy,
    CreatedOn: note.noteDate,
    ModifiedBy: note.modifiedBy,
    ModifiedOn: note.modifiedOn,
    Details: note.details,
    IsInternal: note.isInternal,
    TypeId: note.typeId,
    TypeName: findRow(NOTE_TYPES, note.typeId)?.name ?? null,
    CreatedByName: personName(note.createdBy),
    CreatedByEmail: author?.email ?? findAssignee(note.createdBy)?.email ?? null,
    ModifiedByName: personName(note.modifiedBy),
    Attachments: [],
  };
}

export function ticketTemplateOutput(template: TicketTemplateRecord): Record<string, unknown> {
  return {
    Id: template.id,
    Name: template.name,
    Title: template.title ?? null,
    Details: template.details ?? null,
    PriorityId: template.priorityId ?? null,
    QueueId: template.queueId ?? null,
    AssigneeId: template.assigneeId ?? null,
    AssigneeName: personName(template.assigneeId ?? null),
    TicketTypeId: template.ticketTypeId ?? null,
    IssueTypeId: template.issueTypeId ?? null,
    SubIssueTypeId: template.subIssueTypeId ?? null,
    WorkTypeId: template.workTypeId ?? null,
    AccountId: null,
    AccountName: null,
    ExpectedTimeToResolve: null,
    TimeToResolveTypeId: null,
  };
}

export function timeEntryOutput(entry: TimeEntryRecord): Record<string, unknown> {
  const start = new Date(`${entry.startDate}T00:00:00Z`);
  const weekStart = new Date(start.getTime() - ((start.getUTCDay() + 6) % 7) * 86_400_000);
  const weekEnd = new Date(weekStart.getTime() + 6 * 86_400_000);
  return {
    Id: entry.id,
    CreatedBy: entry.userId,
    CreatedOn: entry.createdOn,
    ModifiedBy: null,
    ModifiedOn: null,
    StartDate: start.toISOString(),
    StartTime: entry.startTime,
    EndTime: entry.endTime,
    Timespent: entry.timespent,
    Notes: entry.notes,
    InternalNotes: entry.internalNotes,
    UserId: entry.userId,
    Approved: false,
    Billed: false,
    Posted: false,
    WorkTypeId: entry.workTypeId,
    WorkTypeName: findRow(WORK_TYPES, entry.workTypeId)?.name ?? null,
    RoleId: entry.roleId,
    RoleName: findRow(ROLES, entry.roleId)?.name ?? null,
    EmployeeName: personName(entry.userId),
    TimeSpentBy: personName(entry.userId),
    WeekStart: weekStart.toISOString(),
    WeekEnd: weekEnd.toISOString(),
    CustomFields: [],
  };
}
