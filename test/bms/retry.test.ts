import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BmsError } from '../../src/bms/errors.ts';
import type { TicketInput } from '../../src/bms/index.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs } from '../../src/bms/retry.ts';
import { captureBmsError, createTestClient, type TestClient } from './client-setup.ts';
import {
  dropConnection,
  inSequence,
  neverRespond,
  type RecordingServer,
  sendEnvelope,
  sendFailure,
  sendText,
  startRecordingServer,
} from './recording-server.ts';

const ticket = { Id: 12345, Title: 'Printer jam', StatusId: 1 };
const ticketInput: TicketInput = {
  Title: 'Printer jam',
  Details: 'Tray 2',
  AccountId: 1,
  LocationId: 11,
  StatusId: 1,
  PriorityId: 2,
  TypeId: 1,
  SourceId: 1,
  OpenDate: '2026-01-05T09:00:00+00:00',
  QueueId: 3,
};
const unavailable = sendText(503, 'text/html', '<h1>Service Unavailable</h1>');

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
  test = createTestClient(server.url, { timeoutMs: 300 });
});

describe('retry', () => {
  it('retries a GET after 503', async () => {
    server.respondWith(inSequence(unavailable, sendEnvelope(ticket)));
    const result = await test.client.withToken('token').getTicket(12345);
    expect(result.Id).toBe(12345);
    expect(server.requests).toHaveLength(2);
    expect(test.sleeps).toHaveLength(1);
  });

  it('retries 429, 502 and 504', async () => {
    server.respondWith(
      inSequence(
        sendFailure(429, 429, 'Slow down.'),
        sendText(502, 'text/html', 'Bad gateway'),
        sendText(504, 'text/html', 'Gateway timeout'),
        sendEnvelope(ticket),
      ),
    );
    await test.client.withToken('token').getTicket(12345);
    expect(server.requests).toHaveLength(4);
  });

  it('stops after three retries', async () => {
    server.respondWith(unavailable);
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.kind).toBe('server');
    expect(server.requests).toHaveLength(4);
    expect(test.logger.lines.filter((line) => line.includes('WARN Retrying BMS request'))).toHaveLength(3);
  });

  it('does not retry 500 or 404', async () => {
    for (const status of [500, 404]) {
      server.requests.length = 0;
      server.respondWith(sendFailure(status, status, 'No.'));
      await captureBmsError(() => test.client.withToken('token').getTicket(12345));
      expect(server.requests, `HTTP ${status}`).toHaveLength(1);
    }
  });

  it('waits Retry-After seconds', async () => {
    server.respondWith(
      inSequence(
        sendFailure(429, 429, 'Slow down.', { headers: { 'retry-after': '2' } }),
        sendEnvelope(ticket),
      ),
    );
    await test.client.withToken('token').getTicket(12345);
    expect(test.sleeps).toEqual([2000]);
  });

  it('caps Retry-After at maxDelayMs', async () => {
    server.respondWith(
      inSequence(
        sendFailure(429, 429, 'Slow down.', { headers: { 'retry-after': '40' } }),
        sendEnvelope(ticket),
      ),
    );
    await test.client.withToken('token').getTicket(12345);
    expect(test.sleeps).toEqual([DEFAULT_RETRY_POLICY.maxDelayMs]);
  });

  it('gives up on a long Retry-After', async () => {
    server.respondWith(sendFailure(429, 429, 'Slow down.', { headers: { 'retry-after': '600' } }));
    const error = await captureBmsError(() => test.client.withToken('token').getTicket(12345));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(600);
    expect(server.requests).toHaveLength(1);
    expect(test.sleeps).toEqual([]);
  });

  it('retries a GET after a dropped connection', async () => {
    server.respondWith(inSequence(dropConnection, sendEnvelope(ticket)));
    await test.client.withToken('token').getTicket(12345);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a GET after a timeout', async () => {
    server.respondWith(inSequence(neverRespond, sendEnvelope(ticket)));
    await test.client.withToken('token').getTicket(12345);
    expect(server.requests).toHaveLength(2);
  });

  it('retries ticket search', async () => {
    server.respondWith(inSequence(unavailable, sendEnvelope([ticket], { TotalRecords: 1 })));
    const page = await test.client.withToken('token').searchTickets({ title: 'printer' });
    expect(page.total).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it('never resends a create after 503', async () => {
    server.respondWith(inSequence(unavailable, sendEnvelope(ticket)));
    const error = await captureBmsError(() => test.client.withToken('token').createTicket(ticketInput));
    expect(error.kind).toBe('server');
    expect(server.requests).toHaveLength(1);
  });

  it('never resends a create after a timeout', async () => {
    server.respondWith(inSequence(neverRespond, sendEnvelope(ticket)));
    const error = await captureBmsError(() => test.client.withToken('token').createTicket(ticketInput));
    expect(error.kind).toBe('transport');
    expect(error.message).toBe(
      'BMS did not answer POST /v2/servicedesk/tickets within 300 ms; the change may or may not have been made in BMS.',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('never resends other writes after 503', async () => {
    const api = test.client.withToken('token');
    const note = {
      Details: 'Called back',
      IsInternal: true,
      TypeId: 2,
      NoteDate: '2026-01-05T09:00:00+00:00',
    };
    const writes: [string, () => Promise<unknown>][] = [
      ['patch', () => api.patchTicket(12345, [{ op: 'replace', path: '/StatusId', value: 6 }])],
      ['delete ticket', () => api.deleteTicket(12345)],
      ['assign', () => api.assignTicket(12345, { ...note, StatusId: 1, AssigneeId: 101 })],
      ['create note', () => api.createNote(12345, note)],
      ['update note', () => api.updateNote(12345, 7, note)],
      ['delete note', () => api.deleteNote(12345, 7)],
      ['authenticate', () => test.client.authenticate({ tenant: 't', userName: 'u', password: 'p' })],
      ['refresh', () => test.client.refreshToken({ accessToken: 'a', refreshToken: 'r' })],
    ];
    server.respondWith(unavailable);
    for (const [name, write] of writes) {
      server.requests.length = 0;
      const error = await captureBmsError(write);
      expect(error.kind, name).toBe('server');
      expect(server.requests, name).toHaveLength(1);
    }
  });

  it('reports a refused connection as transport', async () => {
    const closed = await startRecordingServer();
    await closed.close();
    const offline = createTestClient(closed.url);
    const error = await captureBmsError(() => offline.client.withToken('token').getTicket(12345));
    await offline.client.close();
    expect(error.kind).toBe('transport');
    expect(error.message).toBe('BMS refused the connection during GET /v2/servicedesk/tickets/{ticketId}.');
    expect(offline.sleeps).toHaveLength(3);
  });
});

describe('retryDelayMs', () => {
  const serverError = new BmsError('server', 'down', { status: 503 });

  it('stays within the exponential bound', () => {
    const highest: RetryPolicy = { ...DEFAULT_RETRY_POLICY, random: () => 0.999_999 };
    expect(retryDelayMs(serverError, 0, highest)).toBe(249);
    expect(retryDelayMs(serverError, 1, highest)).toBe(499);
    expect(retryDelayMs(serverError, 2, highest)).toBe(999);
    const lowest: RetryPolicy = { ...DEFAULT_RETRY_POLICY, random: () => 0 };
    expect(retryDelayMs(serverError, 2, lowest)).toBe(0);
  });

  it('caps the bound at maxDelayMs', () => {
    const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRetries: 10, random: () => 0.999_999 };
    expect(retryDelayMs(serverError, 9, policy)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs - 1);
  });

  it('ignores errors that are not retryable', () => {
    expect(
      retryDelayMs(new BmsError('not_found', 'gone', { status: 404 }), 0, DEFAULT_RETRY_POLICY),
    ).toBeUndefined();
    expect(retryDelayMs(new Error('plain'), 0, DEFAULT_RETRY_POLICY)).toBeUndefined();
    const throttled = new BmsError('rate_limited', 'client limit', { retryAfterSeconds: 5 });
    expect(retryDelayMs(throttled, 0, DEFAULT_RETRY_POLICY)).toBeUndefined();
  });
});
