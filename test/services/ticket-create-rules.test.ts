import { describe, expect, it } from 'vitest';
import type { TicketTemplate } from '../../src/bms/index.ts';
import { mergeTemplate, validateTicketInput } from '../../src/services/ticket-create.ts';
import { buildPatchOperation } from '../../src/services/tickets.ts';
import { parseIsoDateTime, ValidationError } from '../../src/services/validation.ts';

const NOW = Date.parse('2026-04-07T12:00:00Z');

const complete = {
  Title: 'Printer offline',
  Details: 'Second floor printer',
  AccountId: 1,
  LocationId: 2,
  StatusId: 3,
  PriorityId: 4,
  TypeId: 5,
  SourceId: 6,
  QueueId: 7,
};

function validationFields(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('no ValidationError was raised');
}

describe('validateTicketInput', () => {
  it('defaults the open date to now', () => {
    expect(validateTicketInput(complete, NOW).OpenDate).toBe('2026-04-07T12:00:00+00:00');
  });

  it('reports every missing field at once', () => {
    const fields = validationFields(() => validateTicketInput({}, NOW));
    expect(Object.keys(fields).sort()).toEqual(
      [
        'AccountId',
        'Details',
        'LocationId',
        'PriorityId',
        'QueueOrAssignee',
        'SourceId',
        'StatusId',
        'Title',
        'TypeId',
      ].sort(),
    );
  });

  it('demands a queue or an assignee', () => {
    const { QueueId: _queue, ...withoutQueue } = complete;
    expect(validationFields(() => validateTicketInput(withoutQueue, NOW))).toHaveProperty('QueueOrAssignee');
    expect(validateTicketInput({ ...withoutQueue, AssigneeId: 101 }, NOW).AssigneeId).toBe(101);
  });

  it('treats a blank title as missing', () => {
    expect(validationFields(() => validateTicketInput({ ...complete, Title: '   ' }, NOW))).toHaveProperty(
      'Title',
    );
  });

  it('rejects a date without an offset', () => {
    const fields = validationFields(() =>
      validateTicketInput({ ...complete, OpenDate: '2026-04-07 12:00' }, NOW),
    );
    expect(fields.OpenDate).toContain('ISO 8601');
  });

  it('rejects a negative id', () => {
    expect(
      validationFields(() => validateTicketInput({ ...complete, AccountId: -1 }, NOW)).AccountId,
    ).toContain('positive');
  });
});

describe('mergeTemplate', () => {
  const template: TicketTemplate = {
    Id: 9,
    Name: 'Password reset',
    Title: 'Password reset',
    Details: 'Reset the password and confirm by phone.',
    PriorityId: 2,
    QueueId: 3,
    TicketTypeId: 4,
  };

  it('lets explicit values win', () => {
    const merged = mergeTemplate(template, { Title: 'Override', PriorityId: 9 });
    expect(merged.Title).toBe('Override');
    expect(merged.PriorityId).toBe(9);
  });

  it('fills gaps from the template', () => {
    const merged = mergeTemplate(template, { Title: 'Override' });
    expect(merged.Details).toBe('Reset the password and confirm by phone.');
    expect(merged.QueueId).toBe(3);
  });

  it('maps TicketTypeId to TypeId', () => {
    expect(mergeTemplate(template, {}).TypeId).toBe(4);
  });

  it('keeps template values under blank explicit ones', () => {
    expect(mergeTemplate(template, { Title: '' }).Title).toBe('Password reset');
  });
});

describe('buildPatchOperation', () => {
  it('reads a numeric id', () => {
    expect(buildPatchOperation('/StatusId', '6')).toEqual({ op: 'replace', path: '/StatusId', value: 6 });
  });

  it('keeps text as text', () => {
    expect(buildPatchOperation('/Title', 'New title')).toEqual({
      op: 'replace',
      path: '/Title',
      value: 'New title',
    });
  });

  it('rejects a word for an id field', () => {
    expect(validationFields(() => buildPatchOperation('/StatusId', 'Open')).value).toContain('numeric id');
  });

  it('rejects a path without a slash', () => {
    expect(validationFields(() => buildPatchOperation('StatusId', '6')).path).toContain('/StatusId');
  });

  it('asks for a missing value', () => {
    expect(validationFields(() => buildPatchOperation('/StatusId', undefined)).value).toContain('missing');
  });
});

describe('parseIsoDateTime', () => {
  it.each([
    '2026-02-30T10:00:00+00:00',
    '2026-02-29T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-04-07T24:00:00Z',
    '2026-04-07',
  ])('rejects %s', (text) => {
    expect(parseIsoDateTime(text)).toBeUndefined();
  });

  it('accepts a leap day', () => {
    expect(parseIsoDateTime('2028-02-29T10:00:00+01:00')).toBe('2028-02-29T10:00:00+01:00');
  });
});
