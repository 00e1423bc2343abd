import { MAX_BMS_ID } from './validation.ts';

/** A typed reference to a ticket: its numeric id or its ticket number. */
export type TicketReference = { kind: 'id'; id: number } | { kind: 'number'; ticketNumber: string };

export type TicketReferenceResult = { ok: true; reference: TicketReference } | { ok: false; message: string };

/** Ticket numbers as BMS prints them: T, the open date as yyyymmdd, a dot, a daily sequence. */
const TICKET_NUMBER = /^T\d{8}\.\d{1,6}$/i;

/**
 * Reads `12345`, `#12345` or `T20240101.0001`. Every rejection states what was wrong with the
 * value and what to type instead.
 */
export function parseTicketReference(text: string | undefined): TicketReferenceResult {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') {
    return {
      ok: false,
      message: 'A ticket id or number is missing: type it like 12345, #12345 or T20240101.0001.',
    };
  }
  if (TICKET_NUMBER.test(trimmed)) {
    return { ok: true, reference: { kind: 'number', ticketNumber: trimmed.toUpperCase() } };
  }
  const digits = trimmed.startsWith('#') ? trimmed.slice(1) : trimmed;
  if (/^-\d+$/.test(digits)) {
    return {
      ok: false,
      message: `"${trimmed}" is not a ticket id: ids are positive whole numbers like 12345.`,
    };
  }
  if (!/^\d+$/.test(digits)) {
    return {
      ok: false,
      message: `"${trimmed}" is not a ticket id or number: type a number like 12345 or #12345, or a ticket number like T20240101.0001.`,
    };
  }
  const id = Number(digits);
  if (id === 0) {
    return { ok: false, message: '"0" is not a ticket id: ids start at 1.' };
  }
  if (id > MAX_BMS_ID) {
    return {
      ok: false,
      message: `"${trimmed}" is too large to be a ticket id: BMS ids are at most ${MAX_BMS_ID}.`,
    };
  }
  return { ok: true, reference: { kind: 'id', id } };
}

/** Reads a positive BMS id of any record (account, location, note, template), naming it in the message. */
export function parseBmsId(
  text: string | undefined,
  what: string,
): { ok: true; id: number } | { ok: false; message: string } {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { ok: false, message: `The ${what} id is missing: type a number like 42.` };
  if (!/^#?\d+$/.test(trimmed)) {
    return {
      ok: false,
      message: `"${trimmed}" is not a valid ${what} id: type a positive whole number like 42.`,
    };
  }
  const id = Number(trimmed.replace('#', ''));
  if (id < 1 || id > MAX_BMS_ID) {
    return { ok: false, message: `"${trimmed}" is not a valid ${what} id: ids run from 1 to ${MAX_BMS_ID}.` };
  }
  return { ok: true, id };
}
