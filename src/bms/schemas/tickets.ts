import { z } from 'zod';
import { bmsId, optionalBoolean, optionalInteger, optionalNumber, optionalString } from './common.ts';

/**
 * Fields that TicketOutputDto and TicketListDto share. `Id`, `Title` and `StatusId` are required
 * because no ticket card, link or status change works without them. Dates stay ISO strings as sent.
 */
const ticketFields = {
  Id: bmsId,
  TicketNumber: optionalString,
  Title: z.string(),
  Details: optionalString,
  AccountId: optionalInteger,
  AccountCode: optionalString,
  AccountName: optionalString,
  LocationId: optionalInteger,
  LocationName: optionalString,
  ContactId: optionalInteger,
  ContactName: optionalString,
  StatusId: bmsId,
  StatusName: optionalString,
  PriorityId: optionalInteger,
  PriorityName: optionalString,
  TypeId: optionalInteger,
  TypeName: optionalString,
  IssueTypeId: optionalInteger,
  IssueTypeName: optionalString,
  SubIssueTypeId: optionalInteger,
  SubIssueTypeName: optionalString,
  WorkTypeId: optionalInteger,
  WorkTypeName: optionalString,
  SourceId: optionalInteger,
  QueueId: optionalInteger,
  QueueName: optionalString,
  AssigneeId: optionalInteger,
  AssigneeName: optionalString,
  OpenDate: optionalString,
  DueDate: optionalString,
  CompletedDate: optionalString,
  LastActivityUpdate: optionalString,
  CreatedOn: optionalString,
  CreatedByName: optionalString,
  ModifiedOn: optionalString,
};

/** TicketOutputDto: one ticket, as GET, POST and PATCH return it. */
export const ticketSchema = z.looseObject({
  ...ticketFields,
  SourceName: optionalString,
  LocationPhone: optionalString,
  ContactPhone: optionalString,
  ContactEmail: optionalString,
  TotalTimeSpent: optionalNumber,
  IsReadOnly: optionalBoolean,
});
export type Ticket = z.infer<typeof ticketSchema>;

/** TicketListDto: one row of a ticket search. */
export const ticketSummarySchema = z.looseObject(ticketFields);
export type TicketSummary = z.infer<typeof ticketSummarySchema>;
