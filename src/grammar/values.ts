import { parseBmsId, parseTicketReference, type TicketReference } from '../services/ticket-reference.ts';
import { MAX_BMS_ID, parseIsoDateTime } from '../services/validation.ts';
import { MAX_TEXT_LENGTH } from './commands.ts';
import type { NameOrId } from './parsed-command.ts';

/** Readers of one typed value each. Every rejection names the value and what to type instead. */

export type ValueRead<T> = { ok: true; value: T } | { ok: false; message: string };

const DATE_SAMPLE = '2026-04-07T12:00:00+00:00';
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Date, optional time, optional offset, so that each missing part gets its own message. */
const ISO_PARTS =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/;

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

function fail<T>(message: string): ValueRead<T> {
  return { ok: false, message };
}

export function readId(text: string, label: string): ValueRead<number> {
  const trimmed = text.trim();
  if (/^-#?\d+$/.test(trimmed)) {
    return fail(
      `"${trimmed}" is not a valid ${label} id: it is negative, and ids are positive whole numbers like 42.`,
    );
  }
  const parsed = parseBmsId(trimmed, label);
  return parsed.ok ? { ok: true, value: parsed.id } : fail(parsed.message);
}

export function readTicket(text: string): ValueRead<TicketReference> {
  const parsed = parseTicketReference(text);
  return parsed.ok ? { ok: true, value: parsed.reference } : fail(parsed.message);
}

/** Reads a numeric ticket id. A ticket number is rejected because these commands call BMS by id. */
export function readTicketId(text: string): ValueRead<number> {
  const parsed = parseTicketReference(text);
  if (!parsed.ok) return fail(parsed.message);
  if (parsed.reference.kind === 'number') {
    const ticketNumber = parsed.reference.ticketNumber;
    return fail(
      `"${ticketNumber}" is a ticket number, but this command takes the numeric ticket id: look the id up with "ticket ${ticketNumber}".`,
    );
  }
  return { ok: true, value: parsed.reference.id };
}

/** Reads trimmed text. `where` tells the person where to type it, e.g. `after --message`. */
export function readText(text: string, label: string, where: string): ValueRead<string> {
  const trimmed = text.trim();
  if (trimmed === '') return fail(`The ${label} is empty: type it ${where}.`);
  const length = [...trimmed].length;
  if (length > MAX_TEXT_LENGTH) {
    return fail(
      `The ${label} is ${formatCount(length)} characters long, over the limit of ${formatCount(MAX_TEXT_LENGTH)} characters: shorten it.`,
    );
  }
  return { ok: true, value: trimmed };
}

export function readNameOrId(text: string, label: string): ValueRead<NameOrId> {
  const trimmed = text.trim();
  if (/^-?#?\d+$/.test(trimmed)) {
    const id = readId(trimmed, label);
    return id.ok ? { ok: true, value: { id: id.value } } : id;
  }
  const name = readText(trimmed, label, 'as a name or an id');
  return name.ok ? { ok: true, value: { name: name.value } } : name;
}

export function readPage(text: string): ValueRead<number> {
  const trimmed = text.trim();
  if (/^-\d+$/.test(trimmed) || /^0+$/.test(trimmed)) {
    return fail(`"${trimmed}" is not a page number: pages start at 1.`);
  }
  if (!/^\d+$/.test(trimmed)) return fail(`"${trimmed}" is not a page number: type a whole number like 2.`);
  const page = Number(trimmed);
  if (page > MAX_BMS_ID)
    return fail(`"${trimmed}" is too large for a page number: the maximum is ${MAX_BMS_ID}.`);
  return { ok: true, value: page };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads an ISO 8601 date-time with an offset. It checks the calendar itself because `Date.parse` in V8
 * accepts days such as February 30 and rolls them over.
 */
export function readDate(text: string, label: string): ValueRead<string> {
  const trimmed = text.trim();
  const parts = ISO_PARTS.exec(trimmed);
  if (!parts) {
    if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(trimmed)) {
      return fail(`"${trimmed}" has a space between date and time: put a T there, like ${DATE_SAMPLE}.`);
    }
    return fail(`"${trimmed}" is not an ISO 8601 date-time for the ${label}: type it like ${DATE_SAMPLE}.`);
  }

  const [
    ,
    yearText,
    monthText,
    dayText,
    hourText,
    minuteText,
    secondText,
    offset,
    offsetHours,
    offsetMinutes,
  ] = parts;
  if (hourText === undefined) {
    return fail(`"${trimmed}" has no time of day: type it like ${trimmed}T12:00:00+00:00.`);
  }
  if (offset === undefined) {
    return fail(`"${trimmed}" has no offset: add Z for UTC or +HH:MM, like ${trimmed}+02:00.`);
  }

  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  if (month < 1 || month > 12) return fail(`"${trimmed}" has month ${monthText}: months run from 01 to 12.`);
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    return fail(`"${trimmed}" is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${lastDay} days.`);
  }
  if (Number(hourText) > 23 || Number(minuteText) > 59 || Number(secondText ?? '0') > 59) {
    return fail(
      `"${trimmed}" has the time ${hourText}:${minuteText}${secondText ? `:${secondText}` : ''}, which does not exist.`,
    );
  }
  if (Number(offsetHours ?? '0') > 23 || Number(offsetMinutes ?? '0') > 59) {
    return fail(
      `"${trimmed}" has the offset ${offset}, which does not exist: offsets run from -23:59 to +23:59.`,
    );
  }

  const iso = parseIsoDateTime(trimmed);
  if (!iso)
    return fail(`"${trimmed}" is not a valid date-time for the ${label}: type it like ${DATE_SAMPLE}.`);
  return { ok: true, value: iso };
}
