import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FIRST_TICKET_ID,
  FIRST_TICKET_NOTE_IDS,
  NOTE_TYPE_IDS,
  SAMPLE_TICKET_ID,
  SANDBOX_MFA_CODE,
  SANDBOX_USERS,
  type SandboxServer,
  STATUS_IDS,
  startSandbox,
} from '../../src/sandbox/index.ts';
import { accessTokenFor, type BmsCaller, bmsCaller, login } from './helpers.ts';

let sandbox: SandboxServer;
let bms: BmsCaller;

beforeAll(async () => {
  sandbox = await startSandbox({ tickets: 3000 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  sandbox.reset();
  bms = bmsCaller(sandbox.url, await accessTokenFor(sandbox.url));
});

const notesPath = (ticketId: number) => `/v2/servicedesk/tickets/${ticketId}/notes`;

function newNote(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Details: 'Called back, the user is happy.',
    IsInternal: false,
    TypeId: NOTE_TYPE_IDS.phoneCall,
    NoteDate: '2025-12-24T16:45:00+01:00',
    ...overrides,
  };
}

describe('notes', () => {
  it('first ticket has its two notes', async () => {
    const response = await bms.get(notesPath(FIRST_TICKET_ID));
    expect(response.status).toBe(200);
    const ids = response.body.Result.map((note: { Id: number }) => note.Id).sort();
    expect(ids).toEqual([...FIRST_TICKET_NOTE_IDS]);
    expect(response.body.Result[0].CreatedByName).toBeTruthy();
  });

  it('create keeps the note date', async () => {
    const created = await bms.send('POST', notesPath(SAMPLE_TICKET_ID), newNote());
    expect(created.status).toBe(200);
    const note = created.body.Result;
    expect(note.CreatedOn).toBe('2025-12-24T16:45:00+01:00');
    expect(note.CreatedBy).toBe(SANDBOX_USERS.jane.userId);
    expect(note.CreatedByName).toBe(SANDBOX_USERS.jane.fullName);
    expect(note.TypeName).toBe('Phone Call');

    const read = await bms.get(`${notesPath(SAMPLE_TICKET_ID)}/${note.Id}`);
    expect(read.body.Result).toEqual(note);
  });

  it('author is the caller', async () => {
    const mfaLogin = await login(sandbox.url, SANDBOX_USERS.mfa, { MFACode: SANDBOX_MFA_CODE });
    const mfaCaller = bmsCaller(sandbox.url, mfaLogin.body.Result.AccessToken);
    const created = await mfaCaller.send('POST', notesPath(SAMPLE_TICKET_ID), newNote());
    expect(created.body.Result.CreatedBy).toBe(SANDBOX_USERS.mfa.userId);
    expect(created.body.Result.CreatedByName).toBe(SANDBOX_USERS.mfa.fullName);
  });

  it('create with status changes the ticket', async () => {
    await bms.send('POST', notesPath(SAMPLE_TICKET_ID), newNote({ StatusId: STATUS_IDS.waitingOnCustomer }));
    const ticket = await bms.get(`/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}`);
    expect(ticket.body.Result.StatusName).toBe('Waiting on Customer');
  });

  it('create validates fields', async () => {
    const response = await bms.send('POST', notesPath(SAMPLE_TICKET_ID), {
      Details: '  ',
      IsInternal: 'no',
      TypeId: 9,
      NoteDate: 'yesterday',
    });
    expect(response.status).toBe(400);
    expect(response.body.Error?.SubErrors).toEqual([
      { Field: 'Details', Message: 'Details is required.' },
      { Field: 'IsInternal', Message: 'IsInternal must be true or false.' },
      {
        Field: 'NoteDate',
        Message: 'NoteDate must be an ISO 8601 date-time, like 2024-01-31T14:30:00Z.',
      },
      { Field: 'TypeId', Message: 'TypeId 9 is not a note type.' },
    ]);
  });

  it('update replaces fields and keeps the author', async () => {
    const [noteId] = FIRST_TICKET_NOTE_IDS;
    const before = (await bms.get(`${notesPath(FIRST_TICKET_ID)}/${noteId}`)).body.Result;
    const response = await bms.send(
      'PUT',
      `${notesPath(FIRST_TICKET_ID)}/${noteId}`,
      newNote({ Details: 'Corrected text', IsInternal: true, NoteDate: '2024-01-01T09:35:00Z' }),
    );
    expect(response.status).toBe(200);
    expect(response.body.Result.Details).toBe('Corrected text');
    expect(response.body.Result.IsInternal).toBe(true);
    expect(response.body.Result.CreatedOn).toBe('2024-01-01T09:35:00Z');
    expect(response.body.Result.CreatedBy).toBe(before.CreatedBy);
    expect(response.body.Result.ModifiedBy).toBe(SANDBOX_USERS.jane.userId);
  });

  it('delete then 404', async () => {
    const [noteId] = FIRST_TICKET_NOTE_IDS;
    const deleted = await bms.send('DELETE', `${notesPath(FIRST_TICKET_ID)}/${noteId}`, undefined);
    expect(deleted.body).toEqual({ Success: true, Error: null, Result: null });
    const read = await bms.get(`${notesPath(FIRST_TICKET_ID)}/${noteId}`);
    expect(read.status).toBe(404);
    expect(read.body.Error?.Message).toBe(`Note ${noteId} was not found.`);
    const list = await bms.get(notesPath(FIRST_TICKET_ID));
    expect(list.body.Result).toHaveLength(1);
  });

  it('note of another ticket is 404', async () => {
    const [noteId] = FIRST_TICKET_NOTE_IDS;
    const read = await bms.get(`${notesPath(SAMPLE_TICKET_ID)}/${noteId}`);
    expect(read.status).toBe(404);
  });

  it('list is newest first', async () => {
    await bms.send('POST', notesPath(FIRST_TICKET_ID), newNote({ NoteDate: '2023-06-01T00:00:00Z' }));
    await bms.send('POST', notesPath(FIRST_TICKET_ID), newNote({ NoteDate: '2030-06-01T00:00:00Z' }));
    const list = (await bms.get(notesPath(FIRST_TICKET_ID))).body.Result;
    expect(list[0].CreatedOn).toBe('2030-06-01T00:00:00Z');
    expect(list.at(-1).CreatedOn).toBe('2023-06-01T00:00:00Z');
  });
});
