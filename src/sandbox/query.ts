import { invalidField } from './envelope.ts';
import { isDateTime } from './validation.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Query parameters by case-insensitive name, as ASP.NET binds them. */
export class QueryReader {
  private readonly values = new Map<string, string>();

  constructor(search: URLSearchParams) {
    for (const [name, value] of search) {
      if (!this.values.has(name.toLowerCase())) this.values.set(name.toLowerCase(), value);
    }
  }

  string(name: string): string | undefined {
    const value = this.values.get(name.toLowerCase());
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (!/^-?\d{1,10}$/.test(text)) throw invalidField(name, `The value '${text}' is not valid for ${name}.`);
    return Number(text);
  }

  boolean(name: string): boolean | undefined {
    const text = this.string(name)?.toLowerCase();
    if (text === undefined) return undefined;
    if (text !== 'true' && text !== 'false') {
      throw invalidField(name, `The value '${text}' is not valid for ${name}; use true or false.`);
    }
    return text === 'true';
  }

  dateTime(name: string): string | undefined {
    const text = this.string(name);
    if (text !== undefined && !isDateTime(text)) {
      throw invalidField(name, `The value '${text}' is not valid for ${name}; use an ISO 8601 date-time.`);
    }
    return text;
  }

  /** Comma-separated integers, like `Filter.Ids=1,2,3`. */
  intList(name: string): number[] | undefined {
    const text = this.string(name);
    return text === undefined ? undefined : parseIdList(text, name);
  }
}

export function parseIdList(text: string, field: string): number[] {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const part of parts) {
    if (!/^\d{1,10}$/.test(part))
      throw invalidField(field, `${field} must list ids separated by commas, like 1,2,3.`);
  }
  return parts.map(Number);
}

export interface Paging {
  pageSize: number;
  pageNumber: number;
}

/** PageSize 1..500 (50 when absent) and a 1-based PageNumber; anything else is a 400. */
export function checkPaging(pageSize: number | undefined, pageNumber: number | undefined): Paging {
  const size = pageSize ?? DEFAULT_PAGE_SIZE;
  const number = pageNumber ?? 1;
  if (size < 1 || size > MAX_PAGE_SIZE) {
    throw invalidField('PageSize', `PageSize must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  if (number < 1) throw invalidField('PageNumber', 'PageNumber must be 1 or more.');
  return { pageSize: size, pageNumber: number };
}

export function readPaging(query: QueryReader): Paging {
  return checkPaging(query.int('PageSize'), query.int('PageNumber'));
}

export function pageOf<T>(items: readonly T[], paging: Paging): T[] {
  const start = (paging.pageNumber - 1) * paging.pageSize;
  return items.slice(start, start + paging.pageSize);
}
