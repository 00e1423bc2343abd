import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CONTOSO_ACCOUNT_IDS,
  FIRST_TICKET_ID,
  FIRST_TICKET_NUMBER,
  MISSING_TICKET_ID,
  mainLocationIdOf,
  NOTE_TYPE_IDS,
  PRIORITY_IDS,
  QUEUE_IDS,
  RESTRICTED_ACCOUNT_ID,
  RESTRICTED_TICKET_ID,
  SAMPLE_TICKET_ID,
  SANDBOX_USERS,
  type SandboxServer,
  STATUS_IDS,
  startSandbox,
  TICKET_SOURCE_IDS,
  TICKET_TYPE_IDS,
} from '../../src/sandbox/index.ts';
import { accessTokenFor, type BmsCaller, bmsCaller } from './helpers.ts';

let sandbox: SandboxServer;
let bms: BmsCaller;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  sandbox.reset();
  bms = bmsCaller(sandbox.url, await accessTokenFor(sandbox.url));
});

function newTicket(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Title: 'Laptop will not boot',
    Details: 'Black screen after the logo.',
    AccountId: CONTOSO_ACCOUNT_IDS.contoso,
    LocationId: mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso),
    StatusId: STATUS_IDS.new,
    PriorityId: PRIORITY_IDS.high,
    TypeId: TICKET_TYPE_IDS.incident,
    SourceId: TICKET_SOURCE_IDS.phone,
    QueueId: QUEUE_IDS.serviceDesk,
    OpenDate: '2026-01-05T09:00:00Z',
    ...overrides,
  };
}

describe('ticket get', () => {
  it('first ticket has its number', async () => {
    const response = await bms.get(`/v2/servicedesk/tickets/${FIRST_TICKET_ID}`);
    expect(response.status).toBe(200);
    expect(response.body.Result.Id).toBe(FIRST_TICKET_ID);
    expect(response.body.Result.TicketNumber).toBe(FIRST_TICKET_NUMBER);
    expect(response.body.Result.AccountName).toBe('Contoso');
    expect(response.body.Result.StatusName).toBe('Open');
  });

  it('sample ticket exists', async () => {
    const response = await bms.get(`/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}`);
    expect(response.status).toBe(200);
    expect(response.body.Result.TicketNumber).toMatch(/^T\d{8}\.\d{4}$/);
  });

  it('missing ticket is 404', async () => {
    const response = await bms.get(`/v2/servicedesk/tickets/${MISSING_TICKET_ID}`);
    expect(response.status).toBe(404);
    expect(response.body.Success).toBe(false);
    expect(response.body.Error?.Code).toBe(404);
    expect(response.body.Error?.Message).toBe(`Ticket ${MISSING_TICKET_ID} was not found.`);
  });

  it('non-numeric id is 400', async () => {
    const response = await bms.get('/v2/servicedesk/tickets/abc');
    expect(response.status).toBe(400);
    expect(response.body.Error?.SubErrors?.[0]?.Field).toBe('ticketId');
  });
});

describe('ticket create', () => {
  it('round trip fills names', async () => {
    const created = await bms.send('POST', '/v2/servicedesk/tickets', newTicket());
    expect(created.status).toBe(200);
    expect(created.body.Success).toBe(true);
    const ticket = created.body.Result;
    expect(ticket.Id).toBe(FIRST_TICKET_ID + 5000);
    expect(ticket.TicketNumber).toBe('T20260105.0001');
    expect(ticket.StatusName).toBe('New');
    expect(ticket.PriorityName).toBe('High');
    expect(ticket.AccountName).toBe('Contoso');
    expect(ticket.LocationName).toBeTruthy();
    expect(ticket.QueueName).toBe('Service Desk');
    expect(ticket.TypeName).toBe('Incident');
    expect(ticket.CreatedBy).toBe(SANDBOX_USERS.jane.userId);

    const read = await bms.get(`/v2/servicedesk/tickets/${ticket.Id}`);
    expect(read.body.Result.Title).toBe('Laptop will not boot');
    expect(read.body.Result.TicketNumber).toBe(ticket.TicketNumber);
  });

  it('numbers follow the day sequence', async () => {
    const first = await bms.send('POST', '/v2/servicedesk/tickets', newTicket());
    const second = await bms.send('POST', '/v2/servicedesk/tickets', newTicket());
    expect(first.body.Result.TicketNumber).toBe('T20260105.0001');
    expect(second.body.Result.TicketNumber).toBe('T20260105.0002');
  });

  it('number uses the written day', async () => {
    const created = await bms.send(
      'POST',
      '/v2/servicedesk/tickets',
      newTicket({ OpenDate: '2026-02-03T23:30:00-05:00' }),
    );
    expect(created.body.Result.TicketNumber).toBe('T20260203.0001');
  });

  it('accepts json-patch+json bodies', async () => {
    const created = await bms.send(
      'POST',
      '/v2/servicedesk/tickets',
      newTicket(),
      'application/json-patch+json',
    );
    expect(created.body.Success).toBe(true);
  });

  it('refuses text/plain bodies', async () => {
    const created = await bms.send('POST', '/v2/servicedesk/tickets', newTicket(), 'text/plain');
    expect(created.status).toBe(415);
  });

  it('lists every missing field', async () => {
    const response = await bms.send('POST', '/v2/servicedesk/tickets', {
      AccountId: CONTOSO_ACCOUNT_IDS.contoso,
    });
    expect(response.status).toBe(400);
    expect(response.body.Error?.Code).toBe(400);
    expect(response.body.Error?.Message).toBe('One or more validation errors occurred.');
    const fields = response.body.Error?.SubErrors?.map((error) => error.Field);
    for (const field of [
      'Title',
      'Details',
      'LocationId',
      'StatusId',
      'PriorityId',
      'TypeId',
      'SourceId',
      'OpenDate',
    ]) {
      expect(fields).toContain(field);
    }
    expect(response.body.Error?.Details).toContain('Title is required.');
  });

  it('refuses wrong types', async () => {
    const response = await bms.send(
      'POST',
      '/v2/servicedesk/tickets',
      newTicket({ PriorityId: '3', Title: 7 }),
    );
    expect(response.status).toBe(400);
    expect(response.body.Error?.SubErrors).toContainEqual({
      Field: 'PriorityId',
      Message: 'PriorityId must be a 32-bit integer.',
    });
    expect(response.body.Error?.SubErrors).toContainEqual({
      Field: 'Title',
      Message: 'Title must be a string.',
    });
  });

  it('refuses a location of another account', async () => {
    const response = await bms.send(
      'POST',
      '/v2/servicedesk/tickets',
      newTicket({ LocationId: mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contosoLtd) }),
    );
    expect(response.status).toBe(400);
    expect(response.body.Error?.Details).toBe(
      `LocationId does not belong to AccountId ${CONTOSO_ACCOUNT_IDS.contoso}.`,
    );
    expect(response.body.Error?.SubErrors).toEqual([
      {
        Field: 'LocationId',
        Message: `LocationId does not belong to AccountId ${CONTOSO_ACCOUNT_IDS.contoso}.`,
      },
    ]);
  });

  it('needs a queue or an assignee', async () => {
    const response = await bms.send('POST', '/v2/servicedesk/tickets', newTicket({ QueueId: null }));
    expect(response.status).toBe(400);
    expect(response.body.Error?.SubErrors?.[0]?.Message).toBe('Either QueueId or AssigneeId is required.');
    const withAssignee = await bms.send(
      'POST',
      '/v2/servicedesk/tickets',
      newTicket({ QueueId: null, AssigneeId: SANDBOX_USERS.jane.userId }),
    );
    expect(withAssignee.body.Result.AssigneeName).toBe('Jane Doe');
  });

  it('refuses unknown lookup ids', async () => {
    const response = await bms.send('POST', '/v2/servicedesk/tickets', newTicket({ StatusId: 99 }));
    expect(response.body.Error?.SubErrors).toEqual([
      { Field: 'StatusId', Message: 'StatusId 99 does not exist.' },
    ]);
  });

  it('refuses malformed JSON', async () => {
    const response = await fetch(`${sandbox.url}/v2/servicedesk/tickets`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await accessTokenFor(sandbox.url)}`,
        'Content-Type': 'application/json',
      },
      body: '{"Title": ',
    });
    expect(response.status).toBe(400);
  });
});

describe('ticket patch', () => {
  it('replace changes status', async () => {
    const response = await bms.send('PATCH', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`, [
      { op: 'replace', path: '/StatusId', value: STATUS_IDS.closed },
    ]);
    expect(response.status).toBe(200);
    expect(response.body.Result.StatusName).toBe('Closed');
    expect(response.body.Result.CompletedDate).toBeTruthy();
    expect(response.body.Result.ModifiedBy).toBe(SANDBOX_USERS.jane.userId);
    const read = await bms.get(`/v2/servicedesk/tickets/${FIRST_TICKET_ID}`);
    expect(read.body.Result.StatusId).toBe(STATUS_IDS.closed);
  });

  it('remove clears a nullable field', async () => {
    const response = await bms.send('PATCH', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`, [
      { op: 'remove', path: '/AssigneeId' },
    ]);
    expect(response.body.Result.AssigneeId).toBeNull();
    expect(response.body.Result.AssigneeName).toBeNull();
  });

  it('remove of queue and assignee fails', async () => {
    const response = await bms.send('PATCH', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`, [
      { op: 'remove', path: '/AssigneeId' },
      { op: 'remove', path: '/QueueId' },
    ]);
    expect(response.status).toBe(400);
    const read = await bms.get(`/v2/servicedesk/tickets/${FIRST_TICKET_ID}`);
    expect(read.body.Result.QueueId).toBe(QUEUE_IDS.serviceDesk);
  });

  it('refuses required removal and bad values', async () => {
    const response = await bms.send('PATCH', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`, [
      { op: 'remove', path: '/Title' },
      { op: 'replace', path: '/PriorityId', value: 'high' },
      { op: 'replace', path: '/Nonsense', value: 1 },
      { op: 'move', path: '/Title', from: '/Details' },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.Error?.SubErrors?.length).toBe(3);
    expect(response.body.Error?.Details).toContain('Title is required and cannot be removed.');
  });

  it('refuses a location of another account', async () => {
    const response = await bms.send('PATCH', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`, [
      { op: 'replace', path: '/LocationId', value: mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contosoOld) },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.Error?.SubErrors?.[0]?.Field).toBe('LocationId');
  });

  it('refuses a contact of another account', async () => {
    const response = await bms.send('PATCH', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`, [
      { op: 'replace', path: '/AccountId', value: CONTOSO_ACCOUNT_IDS.contosoOld },
      { op: 'replace', path: '/LocationId', value: mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contosoOld) },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.Error?.SubErrors?.map((error) => error.Field)).toEqual(['ContactId']);
  });

  it('moves account with location', async () => {
    const response = await bms.send('PATCH', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`, [
      { op: 'replace', path: '/AccountId', value: CONTOSO_ACCOUNT_IDS.contosoOld },
      { op: 'replace', path: '/locationid', value: mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contosoOld) },
      { op: 'remove', path: '/ContactId' },
    ]);
    expect(response.status).toBe(200);
    expect(response.body.Result.AccountName).toBe('Contoso (old)');
  });

  it('refuses a non-array body', async () => {
    const response = await bms.send('PATCH', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`, { StatusId: 2 });
    expect(response.status).toBe(400);
  });
});

describe('ticket delete', () => {
  it('then 404', async () => {
    const response = await bms.send('DELETE', `/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}`, undefined);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ Success: true, Error: null, Result: null });
    expect((await bms.get(`/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}`)).status).toBe(404);
    expect((await bms.get(`/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}/notes`)).status).toBe(404);
  });

  it('reset brings it back', async () => {
    await bms.send('DELETE', `/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}`, undefined);
    sandbox.reset();
    const caller = bmsCaller(sandbox.url, await accessTokenFor(sandbox.url));
    expect((await caller.get(`/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}`)).status).toBe(200);
  });
});

describe('assignticket', () => {
  it('assigns and adds a note', async () => {
    const response = await bms.send('POST', `/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}/assignticket`, {
      Details: 'Handing over to Ana.',
      IsInternal: true,
      NoteDate: '2026-01-05T10:00:00Z',
      StatusId: STATUS_IDS.inProgress,
      TypeId: NOTE_TYPE_IDS.generalNotes,
      AssigneeId: 104,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ Success: true, Error: null, Result: null });
    const ticket = (await bms.get(`/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}`)).body.Result;
    expect(ticket.AssigneeId).toBe(104);
    expect(ticket.AssigneeName).toBe('Ana Lima');
    expect(ticket.StatusId).toBe(STATUS_IDS.inProgress);
    const notes = (await bms.get(`/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}/notes`)).body.Result;
    expect(notes[0].Details).toBe('Handing over to Ana.');
    expect(notes[0].CreatedOn).toBe('2026-01-05T10:00:00Z');
  });

  it('needs assignee or queue and the note fields', async () => {
    const response = await bms.send('POST', `/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}/assignticket`, {
      Details: '',
    });
    expect(response.status).toBe(400);
    const fields = response.body.Error?.SubErrors?.map((error) => error.Field);
    expect(fields).toEqual(
      expect.arrayContaining(['Details', 'IsInternal', 'NoteDate', 'StatusId', 'TypeId', 'AssigneeId']),
    );
  });
});

describe('ticket search', () => {
  it('POST filters by status and paging', async () => {
    const response = await bms.send('POST', '/v2/servicedesk/tickets/search', {
      PageSize: 10,
      PageNumber: 1,
      Filter: { StatusNames: 'Open,In Progress', AccountIds: `${CONTOSO_ACCOUNT_IDS.contoso}` },
    });
    expect(response.status).toBe(200);
    expect(response.body.TotalRecords).toBeGreaterThan(0);
    expect(response.body.Result.length).toBeLessThanOrEqual(10);
    for (const ticket of response.body.Result) {
      expect(['Open', 'In Progress']).toContain(ticket.StatusName);
      expect(ticket.AccountId).toBe(CONTOSO_ACCOUNT_IDS.contoso);
    }
  });

  it('GET matches POST', async () => {
    const post = await bms.send('POST', '/v2/servicedesk/tickets/search', {
      PageSize: 25,
      PageNumber: 2,
      Filter: { AssigneeName: 'jane', ExcludeCompleted: 1 },
    });
    const get = await bms.get(
      '/v2/servicedesk/tickets?PageSize=25&PageNumber=2&Filter.AssigneeName=jane&Filter.ExcludeCompleted=1',
    );
    expect(get.body.TotalRecords).toBe(post.body.TotalRecords);
    expect(get.body.Result.map((ticket: { Id: number }) => ticket.Id)).toEqual(
      post.body.Result.map((ticket: { Id: number }) => ticket.Id),
    );
    for (const ticket of get.body.Result) {
      expect(ticket.AssigneeName.toLowerCase()).toContain('jane');
      expect(['Completed', 'Closed']).not.toContain(ticket.StatusName);
    }
  });

  it('finds by ticket number', async () => {
    const response = await bms.send('POST', '/v2/servicedesk/tickets/search', {
      PageSize: 5,
      PageNumber: 1,
      Filter: { TicketNumber: FIRST_TICKET_NUMBER },
    });
    expect(response.body.Result.map((ticket: { Id: number }) => ticket.Id)).toEqual([FIRST_TICKET_ID]);
  });

  it('filters by open date and location', async () => {
    const response = await bms.get(
      `/v2/servicedesk/tickets?Filter.OpenDateFrom=2024-01-01T00:00:00Z&Filter.OpenDateTo=2024-01-01T23:59:59Z&Filter.AccountLocationId=${mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso)}`,
    );
    expect(response.body.Result.map((ticket: { Id: number }) => ticket.Id)).toContain(FIRST_TICKET_ID);
    for (const ticket of response.body.Result) expect(ticket.OpenDate.startsWith('2024-01-01')).toBe(true);
  });

  it('sorts by open date', async () => {
    const response = await bms.get('/v2/servicedesk/tickets?PageSize=5&Sort=OpenDate%20asc');
    expect(response.body.Result[0].Id).toBe(FIRST_TICKET_ID);
  });

  it('refuses page size over 500', async () => {
    const response = await bms.get('/v2/servicedesk/tickets?PageSize=501');
    expect(response.status).toBe(400);
    expect(response.body.Error?.SubErrors?.[0]?.Field).toBe('PageSize');
  });
});

describe('restricted account', () => {
  it('ticket is 403', async () => {
    const response = await bms.get(`/v2/servicedesk/tickets/${RESTRICTED_TICKET_ID}`);
    expect(response.status).toBe(403);
    expect(response.body.Error?.Code).toBe(403);
  });

  it('notes of its ticket are 403', async () => {
    const response = await bms.get(`/v2/servicedesk/tickets/${RESTRICTED_TICKET_ID}/notes`);
    expect(response.status).toBe(403);
  });

  it('absent from account lookup', async () => {
    const response = await bms.get('/v2/crm/accounts/lookup?Filter.Name=restricted');
    expect(response.body.Result).toEqual([]);
    expect(response.body.TotalRecords).toBe(0);
  });

  it('absent from search', async () => {
    const response = await bms.send('POST', '/v2/servicedesk/tickets/search', {
      PageSize: 50,
      PageNumber: 1,
      Filter: { AccountIds: String(RESTRICTED_ACCOUNT_ID) },
    });
    expect(response.body.TotalRecords).toBe(0);
  });

  it('create is 403', async () => {
    const response = await bms.send(
      'POST',
      '/v2/servicedesk/tickets',
      newTicket({ AccountId: RESTRICTED_ACCOUNT_ID, LocationId: mainLocationIdOf(RESTRICTED_ACCOUNT_ID) }),
    );
    expect(response.status).toBe(403);
  });

  it('locations are 403', async () => {
    const response = await bms.get(`/v2/crm/accounts/${RESTRICTED_ACCOUNT_ID}/locations/lookup`);
    expect(response.status).toBe(403);
  });
});
