import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureBmsError, createTestClient, type TestClient } from './client-setup.ts';
import {
  type RecordingServer,
  sendEnvelope,
  sendFailure,
  sendText,
  startRecordingServer,
} from './recording-server.ts';

const TICKET_ENDPOINT = 'GET /v2/servicedesk/tickets/{ticketId}';
const ticket = {
  Id: 12345,
  Title: 'Printer jam',
  StatusId: 1,
  TicketNumber: 'T20240101.0001',
  Extra: 'kept',
};

let server: RecordingServer;
let test: TestClient;

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  await test?.client.close();
  server.requests.length = 0;
  test = createTestClient(server.url, { retry: { maxRetries: 0 } });
});

describe('envelope', () => {
  it('returns Result and keeps unknown fields', async () => {
    server.respondWith(sendEnvelope(ticket));
    const result = await test.client.withToken('token').getTicket(12345);
    expect(result.Id).toBe(12345);
    expect(result.Extra).toBe('kept');
  });

  it('treats HTTP 200 with Success false as validation', async () => {
    server.respondWith(sendFailure(200, 4711, 'Ticket is closed and cannot be changed.'));
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.kind).toBe('validation');
    expect(error.bmsCode).toBe(4711);
    expect(error.bmsMessage).toBe('Ticket is closed and cannot be changed.');
    expect(error.status).toBe(200);
    expect(error.endpoint).toBe(TICKET_ENDPOINT);
    expect(error.message).toBe(
      `BMS refused ${TICKET_ENDPOINT}: Ticket is closed and cannot be changed. (code 4711).`,
    );
  });

  it('maps HTTP statuses to kinds', async () => {
    const cases = [
      { status: 400, kind: 'validation' },
      { status: 401, kind: 'token_expired' },
      { status: 403, kind: 'forbidden' },
      { status: 404, kind: 'not_found' },
      { status: 409, kind: 'validation' },
      { status: 429, kind: 'rate_limited' },
      { status: 500, kind: 'server' },
      { status: 503, kind: 'server' },
    ] as const;
    for (const { status, kind } of cases) {
      server.respondWith(sendFailure(status, status, `Status ${status}.`));
      const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
      expect(error.kind, `HTTP ${status}`).toBe(kind);
      expect(error.status, `HTTP ${status}`).toBe(status);
      expect(error.bmsMessage, `HTTP ${status}`).toBe(`Status ${status}.`);
    }
  });

  it('flattens Details and SubErrors', async () => {
    server.respondWith(
      sendFailure(400, 400, 'One or more validation errors occurred.', {
        details: 'Title is required.',
        subErrors: [
          { Field: 'Title', Message: 'Title is required.' },
          { Field: 'LocationId', Message: 'does not belong to the account.' },
          'Plain sub-error.',
        ],
      }),
    );
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.kind).toBe('validation');
    expect(error.details).toEqual([
      'Title is required.',
      'LocationId: does not belong to the account.',
      'Plain sub-error.',
    ]);
  });

  it('maps an HTML 503 to server', async () => {
    server.respondWith(
      sendText(503, 'text/html', '<html><body>Service Unavailable secret-page</body></html>'),
    );
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.kind).toBe('server');
    expect(error.message).toBe(
      `BMS answered 503 to ${TICKET_ENDPOINT} with a body that is not a BMS envelope.`,
    );
    expect(error.message).not.toContain('secret-page');
  });

  it('maps an HTML 404 to not_found', async () => {
    server.respondWith(sendText(404, 'text/html', '<html>Not here</html>'));
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.kind).toBe('not_found');
  });

  it('maps non-JSON on 200 to protocol', async () => {
    server.respondWith(sendText(200, 'text/html', '<html>login page</html>'));
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.kind).toBe('protocol');
    expect(error.message).toBe(`BMS answered 200 to ${TICKET_ENDPOINT} with a body that is not JSON.`);
  });

  it('names a missing required field', async () => {
    const { Id: _id, ...withoutId } = ticket;
    server.respondWith(sendEnvelope(withoutId));
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.kind).toBe('protocol');
    expect(error.field).toBe('Result.Id');
    expect(error.message).toBe(`BMS answered ${TICKET_ENDPOINT} without the required field Result.Id.`);
  });

  it('names a field of the wrong type', async () => {
    server.respondWith(sendEnvelope({ ...ticket, StatusId: 'open' }));
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.kind).toBe('protocol');
    expect(error.field).toBe('Result.StatusId');
    expect(error.message).toContain('with an invalid Result.StatusId');
  });

  it('names the index of a bad list item', async () => {
    server.respondWith(sendEnvelope([{ Id: 1, Name: 'New' }, { Id: 2 }]));
    const error = await captureBmsError(() => test.client.withToken('token').lookupStatuses());
    expect(error.field).toBe('Result[1].Name');
  });

  it('requires Success on 2xx', async () => {
    server.respondWith(sendText(200, 'application/json', JSON.stringify({ Id: 1 })));
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.kind).toBe('protocol');
    expect(error.field).toBe('Success');
  });

  it('reads a null list as empty', async () => {
    server.respondWith(sendEnvelope(null));
    const statuses = await test.client.withToken('token').lookupStatuses();
    expect(statuses).toEqual([]);
  });

  it('accepts an empty body on delete', async () => {
    server.respondWith(sendText(200, 'text/plain', ''));
    await expect(test.client.withToken('token').deleteTicket(12345)).resolves.toBeUndefined();
  });

  it('reads Retry-After of a 429', async () => {
    server.respondWith(sendFailure(429, 429, 'Too many requests.', { headers: { 'retry-after': '30' } }));
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.message).toContain('retry after 30 s');
  });

  it('reads Retry-After given as a date', async () => {
    const at = new Date(test.clock() + 90_000).toUTCString();
    server.respondWith(sendText(429, 'text/plain', 'slow down', { 'retry-after': at }));
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.retryAfterSeconds).toBe(90);
  });

  it('rejects an invalid ticket id before sending', async () => {
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(Number.NaN));
    expect(error.kind).toBe('validation');
    expect(server.requests).toHaveLength(0);
  });
});
