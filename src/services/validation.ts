/**
 * A request that breaks a rule before anything is sent to BMS. `fields` maps the name of each
 * offending input (BMS's PascalCase field name, or `QueueOrAssignee`) to a sentence that says
 * what to enter instead, so that a form can show each message next to its own field.
 */
export class ValidationError extends Error {
  readonly fields: Record<string, string>;

  constructor(fields: Record<string, string>) {
    super(Object.values(fields).join(' '));
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

export function isValidationError(error: unknown): error is ValidationError {
  return error instanceof ValidationError;
}

/** BMS ids are int32; anything above this cannot name a record. */
export const MAX_BMS_ID = 2_147_483_647;

/** Matches an ISO 8601 date-time with an explicit offset or Z, e.g. 2026-04-07T12:00:00+00:00. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Returns the ISO text unchanged when it is a real date-time with an offset, else undefined.
 * The calendar is checked by hand because V8's Date.parse rolls 2026-02-30 over to March.
 */
export function parseIsoDateTime(text: string): string | undefined {
  const trimmed = text.trim();
  if (!ISO_WITH_OFFSET.test(trimmed)) return undefined;
  const year = Number(trimmed.slice(0, 4));
  const month = Number(trimmed.slice(5, 7));
  const day = Number(trimmed.slice(8, 10));
  const hour = Number(trimmed.slice(11, 13));
  const minute = Number(trimmed.slice(14, 16));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59) return undefined;
  return Number.isNaN(Date.parse(trimmed)) ? undefined : trimmed;
}

/** Formats a moment as ISO 8601 with a +00:00 offset, the form BMS documents for date-times. */
export function formatIsoUtc(milliseconds: number): string {
  return new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
