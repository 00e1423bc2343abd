/** The sandbox's own storage shapes. views.ts builds the response DTOs from them. */

export interface AccountRecord {
  id: number;
  name: string;
  code: string;
  isActive: boolean;
}

export interface LocationRecord {
  id: number;
  accountId: number;
  name: string;
  isMain: boolean;
  phone: string;
}

export interface ContactRecord {
  id: number;
  accountId: number;
  locationId: number;
  name: string;
  phone: string;
  email: string;
}

/** The writable fields of a ticket, after validation. */
export interface TicketFields {
  title: string;
  details: string;
  accountId: number;
  locationId: number;
  contactId: number | null;
  statusId: number;
  priorityId: number;
  typeId: number;
  sourceId: number;
  queueId: number | null;
  assigneeId: number | null;
  issueTypeId: number | null;
  subIssueTypeId: number | null;
  workTypeId: number | null;
  /** ISO date-times, kept as the client sent them. */
  openDate: string;
  dueDate: string | null;
}

export interface TicketRecord extends TicketFields {
  id: number;
  ticketNumber: string;
  completedDate: string | null;
  createdBy: number;
  createdOn: string;
  modifiedBy: number | null;
  modifiedOn: string | null;
  lastActivityUpdate: string;
  lastStatusUpdate: string;
  lastPriorityUpdate: string;
  lastQueueUpdate: string | null;
}

export interface NoteRecord {
  id: number;
  ticketId: number;
  details: string;
  isInternal: boolean;
  typeId: number;
  /** The note date exactly as the client sent it, returned as `CreatedOn`. */
  noteDate: string;
  createdBy: number;
  modifiedBy: number | null;
  modifiedOn: string | null;
}

export interface TimeEntryRecord {
  id: number;
  ticketId: number;
  startDate: string;
  startTime: string;
  endTime: string;
  timespent: number;
  notes: string | null;
  internalNotes: string | null;
  workTypeId: number;
  roleId: number;
  userId: number;
  createdOn: string;
}

/** A row of a lookup list; not every table fills every field. */
export interface LookupRow {
  id: number;
  name: string;
  isDefault?: boolean;
  isActive?: boolean;
  color?: string;
  fontColor?: string;
  /** Statuses: 1 for open work, 2 for completed work. */
  typeId?: number;
}

export interface AssigneeRecord {
  id: number;
  name: string;
  email: string;
  jobTitle: string;
}

export interface TicketTemplateRecord {
  id: number;
  name: string;
  title?: string;
  details?: string;
  priorityId?: number;
  queueId?: number;
  assigneeId?: number;
  ticketTypeId?: number;
  issueTypeId?: number;
  subIssueTypeId?: number;
  workTypeId?: number;
}

export interface NoteTemplateRecord {
  id: number;
  name: string;
  typeId: number | null;
  statusId: number | null;
  isInternal: boolean;
}

export interface TimeLogTemplateRecord {
  id: number;
  name: string;
  notes: string | null;
  internalNotes: string | null;
  roleId: number | null;
  workTypeId: number | null;
  statusId: number | null;
  timespent: number;
}
