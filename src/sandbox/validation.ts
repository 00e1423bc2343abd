import { type SubError, validationFailure } from './envelope.ts';

const INT32_MAX = 2_147_483_647;
const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isDateTime(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Parses an ISO 8601 date-time to epoch milliseconds. A date-time without a zone counts as UTC, so
 * that results do not depend on the time zone of the machine.
 */
export function parseDateTime(value: string): number {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value) || !value.includes('T');
  return Date.parse(hasZone ? value : `${value}Z`);
}

export function isInt32(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= -INT32_MAX - 1 && value <= INT32_MAX
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads fields of a JSON request body and collects one SubError per problem, so that a single 400
 * lists everything that is wrong. Property names match case-insensitively, as ASP.NET binds them.
 * Types are strict: "12" is not an integer and "true" is not a boolean.
 */
export class FieldReader {
  readonly errors: SubError[] = [];
  private readonly values = new Map<string, unknown>();

  constructor(input: Record<string, unknown>) {
    for (const [key, value] of Object.entries(input)) this.values.set(key.toLowerCase(), value);
  }

  /** Returns the raw value, or undefined when the field is absent or null. */
  raw(field: string): unknown {
    const value = this.values.get(field.toLowerCase());
    return value === null ? undefined : value;
  }

  has(field: string): boolean {
    return this.raw(field) !== undefined;
  }

  fail(field: string, message: string): void {
    this.errors.push({ Field: field, Message: message });
  }

  requiredString(field: string): string | undefined {
    const value = this.raw(field);
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      this.fail(field, `${field} is required.`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(field, `${field} must be a string.`);
      return undefined;
    }
    return value;
  }

  optionalString(field: string): string | null {
    const value = this.raw(field);
    if (value === undefined) return null;
    if (typeof value !== 'string') {
      this.fail(field, `${field} must be a string.`);
      return null;
    }
    return value;
  }

  requiredInt(field: string, minimum: number): number | undefined {
    const value = this.raw(field);
    if (value === undefined) {
      this.fail(field, `${field} is required.`);
      return undefined;
    }
    return this.checkInt(field, value, minimum) ?? undefined;
  }

  optionalInt(field: string, minimum: number): number | null {
    const value = this.raw(field);
    return value === undefined ? null : this.checkInt(field, value, minimum);
  }

  requiredBoolean(field: string): boolean | undefined {
    const value = this.raw(field);
    if (value === undefined) {
      this.fail(field, `${field} is required.`);
      return undefined;
    }
    if (typeof value !== 'boolean') {
      this.fail(field, `${field} must be true or false.`);
      return undefined;
    }
    return value;
  }

  optionalBoolean(field: string): boolean | null {
    const value = this.raw(field);
    if (value === undefined) return null;
    if (typeof value !== 'boolean') {
      this.fail(field, `${field} must be true or false.`);
      return null;
    }
    return value;
  }

  requiredDateTime(field: string): string | undefined {
    const value = this.raw(field);
    if (value === undefined || value === '') {
      this.fail(field, `${field} is required.`);
      return undefined;
    }
    if (!isDateTime(value)) {
      this.fail(field, `${field} must be an ISO 8601 date-time, like 2024-01-31T14:30:00Z.`);
      return undefined;
    }
    return value;
  }

  optionalDateTime(field: string): string | null {
    const value = this.raw(field);
    if (value === undefined) return null;
    if (!isDateTime(value)) {
      this.fail(field, `${field} must be an ISO 8601 date-time, like 2024-01-31T14:30:00Z.`);
      return null;
    }
    return value;
  }

  /** Throws the 400 response when any field failed. */
  throwIfInvalid(): void {
    if (this.errors.length > 0) throw validationFailure(this.errors);
  }

  private checkInt(field: string, value: unknown, minimum: number): number | null {
    if (!isInt32(value)) {
      this.fail(field, `${field} must be a 32-bit integer.`);
      return null;
    }
    if (value < minimum) {
      this.fail(field, `${field} must be ${minimum} or more.`);
      return null;
    }
    return value;
  }
}
