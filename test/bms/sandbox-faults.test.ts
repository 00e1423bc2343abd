import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TicketInput } from '../../src/bms/index.ts';
import {
  CONTOSO_ACCOUNT_IDS,
  INJECTED_REFUSAL_CODE,
  mainLocationIdOf,
  PRIORITY_IDS,
  QUEUE_IDS,
  SAMPLE_TICKET_ID,
  STATUS_IDS,
  TICKET_SOURCE_IDS,
  TICKET_TYPE_IDS,
} from '../../src/sandbox/index.ts';
import { captureBmsError, createTestClient, type TestClient } from './client-setup.ts';
import {
  control,
  type FaultRequest,
  injectFault,
  loginAs,
  type SandboxFixture,
  startTestSandbox,
} from './sandbox-setup.ts';

const GET_TICKET = { method: 'GET', path: '/v2/servicedesk/tickets/{ticketId}' };
const CREATE_TICKET = { method: 'POST', path: '/v2/servicedesk/tickets' };
const SEARCH_TICKETS = { method: 'POST', path: '/v2/servicedesk/tickets/search' };

const newTicket: TicketInput = {
  Title: 'Server room too warm',
  Details: 'The air conditioning is off.',
  AccountId: CONTOSO_ACCOUNT_IDS.contoso,
  LocationId: mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso),
  StatusId: STATUS_IDS.new,
  PriorityId: PRIORITY_IDS.high,
  TypeId: TICKET_TYPE_IDS.incident,
  SourceId: TICKET_SOURCE_IDS.chat,
  OpenDate: '2026-01-05T10:00:00+01:00',
  QueueId: QUEUE_IDS.infrastructure,
};

let fixture: SandboxFixture;
const clients: TestClient[] = [];

beforeAll(async () => {
  fixture = await startTestSandbox();
});
afterAll(async () => {
  for (const test of clients) await test.client.close();
  await fixture.sandbox.close();
});
beforeEach(() => {
  fixture.sandbox.reset();
});

function sandboxClient(options: Parameters<typeof createTestClient>[1] = {}): TestClient {
  const test = createTestClient(fixture.sandbox.url, { timeoutMs: 300, ...options });
  clients.push(test);
  return test;
}

function requestCount(endpoint: { method: string; path: string }): number {
  return fixture.sandbox.stats()[`${endpoint.method} ${endpoint.path}`] ?? 0;
}

describe('error kinds from sandbox faults', () => {
  const cases: { fault: FaultRequest['fault']; kind: string; status?: number }[] = [
    { fault: 'http500', kind: 'server', status: 500 },
    { fault: 'html', kind: 'server', status: 500 },
    { fault: '429', kind: 'rate_limited', status: 429 },
    { fault: 'success-false', kind: 'validation', status: 200 },
    { fault: 'malformed-json', kind: 'protocol', status: 200 },
    { fault: 'drop', kind: 'transport' },
    { fault: 'timeout', kind: 'transport' },
  ];

  it.each(cases)('$fault is $kind', async ({ fault, kind, status }) => {
    const test = sandboxClient({ retry: { maxRetries: 0 } });
    const api = await loginAs(test.client);
    await injectFault(fixture.sandbox, { fault, ...GET_TICKET, retryAfterSeconds: 7 });

    const error = await captureBmsError(() => api.getTicket(SAMPLE_TICKET_ID));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.endpoint).toBe('GET /v2/servicedesk/tickets/{ticketId}');
    expect(error.message).toContain('GET /v2/servicedesk/tickets/{ticketId}');
  });

  it('keeps the code of a refusal', async () => {
    const test = sandboxClient({ retry: { maxRetries: 0 } });
    const api = await loginAs(test.client);
    await injectFault(fixture.sandbox, { fault: 'success-false', ...GET_TICKET });
    const error = await captureBmsError(() => api.getTicket(SAMPLE_TICKET_ID));
    expect(error.bmsCode).toBe(INJECTED_REFUSAL_CODE);
    expect(error.bmsMessage).toBe('The request could not be completed (injected sandbox fault).');
  });

  it('reads Retry-After of a 429', async () => {
    const test = sandboxClient({ retry: { maxRetries: 0 } });
    const api = await loginAs(test.client);
    await injectFault(fixture.sandbox, { fault: '429', ...GET_TICKET, retryAfterSeconds: 7 });
    const error = await captureBmsError(() => api.getTicket(SAMPLE_TICKET_ID));
    expect(error.retryAfterSeconds).toBe(7);
  });

  it('survives added latency', async () => {
    const test = sandboxClient();
    const api = await loginAs(test.client);
    await injectFault(fixture.sandbox, { fault: 'latency', ...GET_TICKET, latencyMs: 20 });
    const ticket = await api.getTicket(SAMPLE_TICKET_ID);
    expect(ticket.Id).toBe(SAMPLE_TICKET_ID);
  });
});

describe('retries against the sandbox', () => {
  it('retries a GET after 429', async () => {
    const test = sandboxClient();
    const api = await loginAs(test.client);
    await injectFault(fixture.sandbox, { fault: '429', ...GET_TICKET, retryAfterSeconds: 1 });

    const ticket = await api.getTicket(SAMPLE_TICKET_ID);
    expect(ticket.Id).toBe(SAMPLE_TICKET_ID);
    expect(requestCount(GET_TICKET)).toBe(2);
    expect(test.sleeps).toEqual([1000]);
  });

  it('retries a GET after a dropped connection', async () => {
    const test = sandboxClient();
    const api = await loginAs(test.client);
    await injectFault(fixture.sandbox, { fault: 'drop', ...GET_TICKET });
    await api.getTicket(SAMPLE_TICKET_ID);
    expect(requestCount(GET_TICKET)).toBe(2);
  });

  it('retries a GET after a timeout', async () => {
    const test = sandboxClient();
    const api = await loginAs(test.client);
    await injectFault(fixture.sandbox, { fault: 'timeout', ...GET_TICKET });
    await api.getTicket(SAMPLE_TICKET_ID);
    expect(requestCount(GET_TICKET)).toBe(2);
  });

  it('retries ticket search after 429', async () => {
    const test = sandboxClient();
    const api = await loginAs(test.client);
    await injectFault(fixture.sandbox, { fault: '429', ...SEARCH_TICKETS, retryAfterSeconds: 1 });
    const page = await api.searchTickets({ pageSize: 5 });
    expect(page.items).toHaveLength(5);
    expect(requestCount(SEARCH_TICKETS)).toBe(2);
  });

  it('gives up after three retries', async () => {
    const test = sandboxClient();
    const api = await loginAs(test.client);
    await injectFault(fixture.sandbox, { fault: '429', ...GET_TICKET, times: 0, retryAfterSeconds: 1 });
    const error = await captureBmsError(() => api.getTicket(SAMPLE_TICKET_ID));
    expect(error.kind).toBe('rate_limited');
    expect(requestCount(GET_TICKET)).toBe(4);
    await control(fixture.sandbox, 'DELETE', 'faults');
  });

  it.each(['timeout', 'http500', '429', 'drop'] as const)(
    'never resends a create after %s',
    async (fault) => {
      const test = sandboxClient();
      const api = await loginAs(test.client);
      await injectFault(fixture.sandbox, { fault, ...CREATE_TICKET, retryAfterSeconds: 1 });
      await captureBmsError(() => api.createTicket(newTicket));
      expect(requestCount(CREATE_TICKET)).toBe(1);
    },
  );
});

describe('throttle against the sandbox', () => {
  it('holds back the request over the limit', async () => {
    const test = sandboxClient({ throttle: { requestsPerHour: 2, maxWaitMs: 0 } });
    const api = await loginAs(test.client);
    await api.getTicket(SAMPLE_TICKET_ID);
    await api.getTicket(SAMPLE_TICKET_ID);
    const error = await captureBmsError(() => api.getTicket(SAMPLE_TICKET_ID));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(3600);
    expect(requestCount(GET_TICKET)).toBe(2);
  });

  it('counts endpoints apart', async () => {
    const test = sandboxClient({ throttle: { requestsPerHour: 1, maxWaitMs: 0 } });
    const api = await loginAs(test.client);
    await api.getTicket(SAMPLE_TICKET_ID);
    const notes = await api.listNotes(SAMPLE_TICKET_ID);
    expect(Array.isArray(notes)).toBe(true);
  });
});
