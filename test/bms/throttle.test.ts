import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EndpointThrottle } from '../../src/bms/throttle.ts';
import { createManualClock } from '../../src/clock.ts';
import { captureBmsError, createTestClient, type TestClient } from './client-setup.ts';
import { type RecordingServer, sendEnvelope, startRecordingServer } from './recording-server.ts';

const HOUR_MS = 3_600_000;
const TICKET_ENDPOINT = 'GET /v2/servicedesk/tickets/{ticketId}';

describe('EndpointThrottle', () => {
  function createThrottle(requestsPerHour: number, maxWaitMs: number) {
    const clock = createManualClock();
    const sleeps: number[] = [];
    const throttle = new EndpointThrottle({
      requestsPerHour,
      maxWaitMs,
      clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.advance(ms);
      },
    });
    return { throttle, clock, sleeps };
  }

  it('lets the limit through without waiting', async () => {
    const { throttle, sleeps } = createThrottle(3, 0);
    for (let i = 0; i < 3; i++) await throttle.acquire(TICKET_ENDPOINT);
    expect(sleeps).toEqual([]);
  });

  it('fails fast beyond maxWaitMs', async () => {
    const { throttle, clock } = createThrottle(3, 1000);
    for (let i = 0; i < 3; i++) {
      await throttle.acquire(TICKET_ENDPOINT);
      clock.advance(60_000);
    }
    const error = await captureBmsError(() => throttle.acquire(TICKET_ENDPOINT));
    expect(error.kind).toBe('rate_limited');
    expect(error.endpoint).toBe(TICKET_ENDPOINT);
    // The first request was sent 3 minutes ago, so its slot frees in 57 minutes.
    expect(error.retryAfterSeconds).toBe(57 * 60);
    expect(error.message).toBe(
      `The app has used its 3 requests per hour to ${TICKET_ENDPOINT}; retry in 57 min.`,
    );
  });

  it('queues a request within maxWaitMs', async () => {
    const { throttle, clock, sleeps } = createThrottle(2, HOUR_MS);
    await throttle.acquire(TICKET_ENDPOINT);
    clock.advance(1000);
    await throttle.acquire(TICKET_ENDPOINT);
    await throttle.acquire(TICKET_ENDPOINT);
    expect(sleeps).toEqual([HOUR_MS - 1000]);
  });

  it('gives queued requests successive slots', async () => {
    const clock = createManualClock();
    const waits: number[] = [];
    // This sleep does not move the clock, so all five requests queue at the same instant.
    const throttle = new EndpointThrottle({
      requestsPerHour: 2,
      maxWaitMs: 2 * HOUR_MS,
      clock,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    for (let i = 0; i < 5; i++) await throttle.acquire(TICKET_ENDPOINT);
    // Sends at 0, 0, 1 h, 1 h and 2 h: never more than two in any hour.
    expect(waits).toEqual([HOUR_MS, HOUR_MS, 2 * HOUR_MS]);
  });

  it('frees slots as the hour slides', async () => {
    const { throttle, clock, sleeps } = createThrottle(2, 0);
    await throttle.acquire(TICKET_ENDPOINT);
    clock.advance(30 * 60_000);
    await throttle.acquire(TICKET_ENDPOINT);
    clock.advance(30 * 60_000);
    await throttle.acquire(TICKET_ENDPOINT);
    await captureBmsError(() => throttle.acquire(TICKET_ENDPOINT));
    expect(sleeps).toEqual([]);
  });

  it('counts each endpoint separately', async () => {
    const { throttle } = createThrottle(1, 0);
    await throttle.acquire(TICKET_ENDPOINT);
    await throttle.acquire('PATCH /v2/servicedesk/tickets/{ticketId}');
    const error = await captureBmsError(() => throttle.acquire(TICKET_ENDPOINT));
    expect(error.kind).toBe('rate_limited');
  });

  it('rejects a limit below one', () => {
    expect(() => createThrottle(0, 0)).toThrow(RangeError);
  });
});

describe('client throttle', () => {
  let server: RecordingServer;
  let test: TestClient;

  beforeAll(async () => {
    server = await startRecordingServer(sendEnvelope({ Id: 12345, Title: 'Printer jam', StatusId: 1 }));
  });
  afterAll(async () => {
    await test.client.close();
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('holds back requests over the limit', async () => {
    test = createTestClient(server.url, { throttle: { requestsPerHour: 2, maxWaitMs: 0 } });
    const api = test.client.withToken('token');
    await api.getTicket(12345);
    await api.getTicket(12346);
    const error = await captureBmsError(() => api.getTicket(12347));
    expect(error.kind).toBe('rate_limited');
    expect(server.requests).toHaveLength(2);
    expect(test.logger.lines.some((line) => line.includes('WARN BMS request held back'))).toBe(true);
  });

  it('shares the limit between tokens', async () => {
    await test?.client.close();
    test = createTestClient(server.url, { throttle: { requestsPerHour: 1, maxWaitMs: 0 } });
    await test.client.withToken('token-a').getTicket(12345);
    const error = await captureBmsError(() => test.client.withToken('token-b').getTicket(12345));
    expect(error.kind).toBe('rate_limited');
  });

  it('sends a queued request after its wait', async () => {
    await test?.client.close();
    test = createTestClient(server.url, { throttle: { requestsPerHour: 1, maxWaitMs: HOUR_MS } });
    const api = test.client.withToken('token');
    await api.getTicket(12345);
    await api.getTicket(12345);
    expect(server.requests).toHaveLength(2);
    expect(test.sleeps).toEqual([HOUR_MS]);
  });
});
