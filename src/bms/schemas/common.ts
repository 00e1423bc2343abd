import { z } from 'zod';

/**
 * Building blocks shared by the response schemas. BMS declares almost every field nullable and
 * adds fields between releases, so objects are loose (unknown fields pass) and only the fields
 * the app cannot work without are required.
 */

/** An int32 id as BMS sends it. */
export const bmsId = z.number().int();

/** A field BMS may send as null or leave out. */
export const optionalString = z.string().nullish();
export const optionalInteger = z.number().int().nullish();
export const optionalNumber = z.number().nullish();
export const optionalBoolean = z.boolean().nullish();

/** `Error` of the BMS envelope. `SubErrors` is declared as strings but BMS sends `{Field, Message}` objects. */
export const errorInfoSchema = z.looseObject({
  Code: z.number().int().nullish(),
  Message: z.string().nullish(),
  Details: z.string().nullish(),
  SubErrors: z
    .array(
      z.union([z.string(), z.looseObject({ Field: z.string().nullish(), Message: z.string().nullish() })]),
    )
    .nullish(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

/** An item of a generic `/lookup` response: only `Id` and `Name` are needed to fill a dropdown. */
export const lookupItemSchema = z.looseObject({
  Id: bmsId,
  Name: z.string(),
  IsDefault: optionalBoolean,
  IsActive: optionalBoolean,
});
export type LookupItem = z.infer<typeof lookupItemSchema>;

/** `Result: null` of a write that returns nothing (delete, assign). */
export const noResultSchema = z.unknown();

/** Builds the schema of a list `Result`. BMS declares list results nullable, and null means no items. */
export function listOf<Item extends z.ZodType>(item: Item) {
  return z
    .array(item)
    .nullish()
    .transform((items): z.output<Item>[] => items ?? []);
}
