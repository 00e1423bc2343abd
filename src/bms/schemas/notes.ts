import { z } from 'zod';
import { bmsId, optionalInteger, optionalString } from './common.ts';

/**
 * TicketNoteOutputDto. `IsInternal` is required: guessing it could show an internal note to a
 * customer-facing channel. The published DTO has no `NoteDate` (the sandbox returns the note date
 * as `CreatedOn`), so `NoteDate` is only there when a tenant sends it.
 */
export const noteSchema = z.looseObject({
  Id: bmsId,
  Details: optionalString,
  IsInternal: z.boolean(),
  TypeId: optionalInteger,
  TypeName: optionalString,
  NoteDate: optionalString,
  CreatedBy: optionalInteger,
  CreatedByName: optionalString,
  CreatedByEmail: optionalString,
  CreatedOn: optionalString,
  ModifiedByName: optionalString,
  ModifiedOn: optionalString,
});
export type Note = z.infer<typeof noteSchema>;
