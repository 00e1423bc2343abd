import { describe, expect, it } from 'vitest';
import { parseBmsId, parseTicketReference } from '../../src/services/ticket-reference.ts';

describe('parseTicketReference', () => {
  it.each([
    ['12345', { kind: 'id', id: 12345 }],
    ['#12345', { kind: 'id', id: 12345 }],
    [' 42 ', { kind: 'id', id: 42 }],
    ['T20240101.0001', { kind: 'number', ticketNumber: 'T20240101.0001' }],
    ['t20240101.0001', { kind: 'number', ticketNumber: 'T20240101.0001' }],
  ])('reads %s', (text, reference) => {
    expect(parseTicketReference(text)).toEqual({ ok: true, reference });
  });

  it.each([
    ['', 'missing'],
    ['abc', 'is not a ticket id or number'],
    ['-1', 'ids are positive'],
    ['0', 'ids start at 1'],
    ['99999999999', 'too large'],
    ['12.5', 'is not a ticket id or number'],
    ['#', 'is not a ticket id or number'],
  ])('rejects "%s" with its own message', (text, fragment) => {
    const result = parseTicketReference(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });

  it('rejects each bad input differently', () => {
    const messages = ['', 'abc', '-1', '99999999999'].map((text) => {
      const result = parseTicketReference(text);
      return result.ok ? '' : result.message;
    });
    expect(new Set(messages).size).toBe(4);
  });
});

describe('parseBmsId', () => {
  it('names the record in its message', () => {
    const result = parseBmsId('x', 'account');
    expect(result).toEqual({
      ok: false,
      message: '"x" is not a valid account id: type a positive whole number like 42.',
    });
  });

  it('accepts a positive id', () => {
    expect(parseBmsId('7', 'note')).toEqual({ ok: true, id: 7 });
  });
});
