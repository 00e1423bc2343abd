import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NOTE_TYPE_IDS, SAMPLE_TICKET_ID, SANDBOX_USERS } from '../../src/sandbox/index.ts';
import {
  addNote,
  deleteNote,
  listNotes,
  loadNoteTypes,
  resolveNoteType,
  updateNote,
} from '../../src/services/notes.ts';
import { ValidationError } from '../../src/services/validation.ts';
import { type SandboxSession, startSandboxSession } from '../support/bms-session.ts';

const CONFIGURED_NOTE_TYPES = [
  { id: 0, name: 'Email Sent' },
  { id: 2, name: 'General Notes' },
  { id: 3, name: 'Phone Call' },
];

let session: SandboxSession;

beforeAll(async () => {
  session = await startSandboxSession();
});

afterAll(async () => {
  await session.close();
});

beforeEach(async () => {
  await session.reset();
});

describe('notes', () => {
  it('adds a note with a custom date', async () => {
    const note = await addNote(
      session.context,
      SAMPLE_TICKET_ID,
      { details: 'Investigating', noteDate: '2026-04-07T12:00:00+00:00', type: 'Phone Call' },
      CONFIGURED_NOTE_TYPES,
    );
    expect(note.Id).toBeGreaterThan(0);
    expect(note.IsInternal).toBe(true);
    expect(note.TypeId).toBe(NOTE_TYPE_IDS.phoneCall);
    expect(Date.parse(note.NoteDate ?? note.CreatedOn ?? '')).toBe(Date.parse('2026-04-07T12:00:00+00:00'));
    expect(note.CreatedByName).toBe(SANDBOX_USERS.jane.fullName);
    expect((await session.stats())['POST /v2/servicedesk/tickets/{ticketId}/notes']).toBe(1);
  });

  it('lists notes newest first', async () => {
    await addNote(
      session.context,
      SAMPLE_TICKET_ID,
      { details: 'old', noteDate: '2020-01-01T00:00:00+00:00' },
      CONFIGURED_NOTE_TYPES,
    );
    await addNote(
      session.context,
      SAMPLE_TICKET_ID,
      { details: 'new', noteDate: '2030-01-01T00:00:00+00:00' },
      CONFIGURED_NOTE_TYPES,
    );
    const notes = await listNotes(session.context, SAMPLE_TICKET_ID);
    expect(notes[0]?.Details).toBe('new');
    expect(notes.at(-1)?.Details).toBe('old');
  });

  it('updates and deletes a note', async () => {
    const note = await addNote(session.context, SAMPLE_TICKET_ID, { details: 'Typo' }, CONFIGURED_NOTE_TYPES);
    const updated = await updateNote(
      session.context,
      SAMPLE_TICKET_ID,
      note.Id,
      { details: 'Corrected note', noteDate: '2026-04-08T09:30:00+02:00', isPublic: true },
      CONFIGURED_NOTE_TYPES,
    );
    expect(updated.Details).toBe('Corrected note');
    expect(updated.IsInternal).toBe(false);

    await deleteNote(session.context, SAMPLE_TICKET_ID, note.Id);
    const remaining = await listNotes(session.context, SAMPLE_TICKET_ID);
    expect(remaining.some((candidate) => candidate.Id === note.Id)).toBe(false);
  });

  it('rejects an empty note and a bad date together', async () => {
    const error = await addNote(
      session.context,
      SAMPLE_TICKET_ID,
      { details: '  ', noteDate: 'yesterday' },
      CONFIGURED_NOTE_TYPES,
    ).catch((caught) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fields).sort()).toEqual(['Details', 'NoteDate']);
    expect((await session.stats())['POST /v2/servicedesk/tickets/{ticketId}/notes']).toBeUndefined();
  });

  it('reads note types from the tenant', async () => {
    const noteTypes = await loadNoteTypes(session.context, CONFIGURED_NOTE_TYPES);
    expect(noteTypes.map((noteType) => noteType.name)).toContain('Resolution');
  });

  it('falls back to configured note types', async () => {
    await session.fault({ fault: 'success-false', path: '/v2/system/lookup/{tableName}', times: 0 });
    expect(await loadNoteTypes(session.context, CONFIGURED_NOTE_TYPES)).toEqual(CONFIGURED_NOTE_TYPES);
  });
});

describe('resolveNoteType', () => {
  it('finds a type by name regardless of case', () => {
    expect(resolveNoteType('phone call', CONFIGURED_NOTE_TYPES)).toBe(3);
  });

  it('defaults to General Notes', () => {
    expect(resolveNoteType(undefined, CONFIGURED_NOTE_TYPES)).toBe(2);
  });

  it('lists the known types for an unknown one', () => {
    expect(() => resolveNoteType('Fax', CONFIGURED_NOTE_TYPES)).toThrow(
      'Known note types: 0 Email Sent, 2 General Notes, 3 Phone Call',
    );
  });
});
