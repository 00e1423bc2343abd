import { z } from 'zod';
import { bmsId, optionalBoolean, optionalInteger, optionalNumber, optionalString } from './common.ts';

/** TicketTemplateLookupOutputDto. */
export const ticketTemplateSummarySchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
});
export type TicketTemplateSummary = z.infer<typeof ticketTemplateSummarySchema>;

/** TicketTemplateOutputDto: the defaults a template puts into a new ticket. */
export const ticketTemplateSchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  Title: optionalString,
  Details: optionalString,
  IssueTypeId: optionalInteger,
  SubIssueTypeId: optionalInteger,
  PriorityId: optionalInteger,
  QueueId: optionalInteger,
  AccountId: optionalInteger,
  AccountName: optionalString,
  AssigneeId: optionalInteger,
  AssigneeName: optionalString,
  TicketTypeId: optionalInteger,
  WorkTypeId: optionalInteger,
  ExpectedTimeToResolve: optionalNumber,
  TimeToResolveTypeId: optionalInteger,
});
export type TicketTemplate = z.infer<typeof ticketTemplateSchema>;

/** TicketNoteTemplateLookupOutputDto. */
export const noteTemplateSchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  TypeId: optionalInteger,
  StatusId: optionalInteger,
  IsInternal: optionalBoolean,
});
export type NoteTemplate = z.infer<typeof noteTemplateSchema>;

/** TicketTimeEntryTemplateLookupOutputDto. */
export const timeLogTemplateSchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  Notes: optionalString,
  InternalNotes: optionalString,
  RoleId: optionalInteger,
  WorkTypeId: optionalInteger,
  StatusId: optionalInteger,
  Timespent: optionalNumber,
});
export type TimeLogTemplate = z.infer<typeof timeLogTemplateSchema>;
