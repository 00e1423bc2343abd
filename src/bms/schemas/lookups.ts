import { z } from 'zod';
import { bmsId, optionalBoolean, optionalInteger, optionalString } from './common.ts';

/** StatusLookupOutputDto. `TypeId` distinguishes open statuses from completed ones. */
export const statusSchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  TypeId: optionalInteger,
  StatusOrder: optionalInteger,
  Color: optionalString,
  FontColor: optionalString,
  IsActive: optionalBoolean,
});
export type Status = z.infer<typeof statusSchema>;

/** PriorityLookupOutputDto. */
export const prioritySchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  Color: optionalString,
  IsDefault: optionalBoolean,
});
export type Priority = z.infer<typeof prioritySchema>;

/** QueueLookupOutputDto. */
export const queueSchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  IsActive: optionalBoolean,
});
export type Queue = z.infer<typeof queueSchema>;

/** AssigneeLookupOutputDto: a BMS user who can own tickets. */
export const assigneeSchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  EmailAddress: optionalString,
  JobTitle: optionalString,
});
export type Assignee = z.infer<typeof assigneeSchema>;

/** IssueTypeLookupOutputDto. */
export const issueTypeSchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  IsActive: optionalBoolean,
});
export type IssueType = z.infer<typeof issueTypeSchema>;

/** WorkTypeLookupOutputDto. */
export const workTypeSchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  IsDefault: optionalBoolean,
  IsActive: optionalBoolean,
});
export type WorkType = z.infer<typeof workTypeSchema>;
