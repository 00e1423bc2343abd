import { z } from 'zod';
import { bmsId, optionalBoolean, optionalString } from './common.ts';

/** AccountLookupOutputDto. */
export const accountSchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  IsActive: optionalBoolean,
  TenantName: optionalString,
});
export type Account = z.infer<typeof accountSchema>;

/** AccountLocationLookupOutputDto. Location names repeat across accounts, so a location is only known by its Id. */
export const locationSchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  AccountId: bmsId.nullish(),
  IsMain: optionalBoolean,
});
export type Location = z.infer<typeof locationSchema>;
