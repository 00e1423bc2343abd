import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FIRST_TICKET_ID,
  HOSTILE_TICKET_IDS,
  HOSTILE_TITLES,
  INJECTED_REFUSAL_CODE,
  LONG_DETAILS_LENGTH,
  SAMPLE_TICKET_ID,
  type SandboxServer,
  startSandbox,
} from '../../src/sandbox/index.ts';
import { accessTokenFor, bmsCaller, control } from './helpers.ts';

const TICKET_TEMPLATE = '/v2/servicedesk/tickets/{ticketId}';

let sandbox: SandboxServer;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 100, tickets: 3000 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  sandbox.reset();
  token = await accessTokenFor(sandbox.url);
});

function getTicket(
  ticketId: number,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${sandbox.url}/v2/servicedesk/tickets/${ticketId}`, {
    headers: { Authorization: `Bearer ${token}`, ...headers },
    signal,
  });
}

/** Resolves once the sandbox has counted `count` requests of the template. */
async function untilCounted(server: SandboxServer, key: string, count: number): Promise<void> {
  while ((server.stats()[key] ?? 0) < count) await new Promise((resolve) => setImmediate(resolve));
}

describe('stats', () => {
  it('counts per template', async () => {
    await getTicket(FIRST_TICKET_ID);
    await getTicket(SAMPLE_TICKET_ID);
    await fetch(`${sandbox.url}/__sandbox/stats`);
    const stats = (await control(sandbox.url, 'GET', '/stats')) as {
      total: number;
      requests: Record<string, number>;
    };
    expect(stats.requests).toEqual({
      'POST /v2/security/authenticate': 1,
      [`GET ${TICKET_TEMPLATE}`]: 2,
    });
    expect(stats.total).toBe(3);
    expect(sandbox.stats()).toEqual(stats.requests);
  });

  it('reset clears them', async () => {
    await getTicket(FIRST_TICKET_ID);
    await control(sandbox.url, 'POST', '/reset');
    expect(sandbox.stats()).toEqual({});
  });
});

describe('reset', () => {
  it('restores changed data', async () => {
    const bms = bmsCaller(sandbox.url, token);
    await bms.send('PATCH', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`, [
      { op: 'replace', path: '/Title', value: 'Changed' },
    ]);
    await control(sandbox.url, 'POST', '/reset');
    const again = bmsCaller(sandbox.url, await accessTokenFor(sandbox.url));
    const ticket = await again.get(`/v2/servicedesk/tickets/${FIRST_TICKET_ID}`);
    expect(ticket.body.Result.Title).not.toBe('Changed');
  });
});

describe('queued faults', () => {
  it('http500 once, then normal', async () => {
    await control(sandbox.url, 'POST', '/faults', { fault: 'http500', method: 'GET', path: TICKET_TEMPLATE });
    const faulted = await getTicket(FIRST_TICKET_ID);
    expect(faulted.status).toBe(500);
    expect(((await faulted.json()) as { Success: boolean }).Success).toBe(false);
    expect((await getTicket(FIRST_TICKET_ID)).status).toBe(200);
  });

  it('html is a 500 page', async () => {
    await control(sandbox.url, 'POST', '/faults', { fault: 'html' });
    const response = await getTicket(FIRST_TICKET_ID);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/<html>/);
  });

  it('429 carries Retry-After', async () => {
    await control(sandbox.url, 'POST', '/faults', { fault: '429', retryAfterSeconds: 7 });
    const response = await getTicket(FIRST_TICKET_ID);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('success-false is HTTP 200', async () => {
    await control(sandbox.url, 'POST', '/faults', { fault: 'success-false' });
    const response = await getTicket(FIRST_TICKET_ID);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { Success: boolean; Error: { Code: number } };
    expect(body.Success).toBe(false);
    expect(body.Error.Code).toBe(INJECTED_REFUSAL_CODE);
  });

  it('malformed-json does not parse', async () => {
    await control(sandbox.url, 'POST', '/faults', { fault: 'malformed-json' });
    const response = await getTicket(FIRST_TICKET_ID);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('drop resets the connection', async () => {
    await control(sandbox.url, 'POST', '/faults', { fault: 'drop' });
    await expect(getTicket(FIRST_TICKET_ID)).rejects.toThrow(TypeError);
    expect((await getTicket(FIRST_TICKET_ID)).status).toBe(200);
  });

  it('latency still responds', async () => {
    await control(sandbox.url, 'POST', '/faults', { fault: 'latency', latencyMs: 5 });
    expect((await getTicket(FIRST_TICKET_ID)).status).toBe(200);
  });

  it('matches method and path only', async () => {
    await control(sandbox.url, 'POST', '/faults', {
      fault: 'http500',
      method: 'DELETE',
      path: TICKET_TEMPLATE,
    });
    expect((await getTicket(FIRST_TICKET_ID)).status).toBe(200);
    const listed = (await control(sandbox.url, 'GET', '/faults')) as { faults: unknown[] };
    expect(listed.faults).toHaveLength(1);
  });

  it('times 0 lasts until cleared', async () => {
    await control(sandbox.url, 'POST', '/faults', { fault: 'http500', times: 0 });
    expect((await getTicket(FIRST_TICKET_ID)).status).toBe(500);
    expect((await getTicket(FIRST_TICKET_ID)).status).toBe(500);
    await control(sandbox.url, 'DELETE', '/faults');
    expect((await getTicket(FIRST_TICKET_ID)).status).toBe(200);
  });

  it('times counts down', async () => {
    await control(sandbox.url, 'POST', '/faults', { fault: 'http500', times: 2 });
    expect((await getTicket(FIRST_TICKET_ID)).status).toBe(500);
    expect((await getTicket(FIRST_TICKET_ID)).status).toBe(500);
    expect((await getTicket(FIRST_TICKET_ID)).status).toBe(200);
  });

  it('refuses an unknown fault', async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ fault: 'explode' }),
    });
    expect(response.status).toBe(400);
  });
});

describe('fault header', () => {
  it('429 with retry option', async () => {
    const response = await getTicket(FIRST_TICKET_ID, { 'X-Sandbox-Fault': '429;retryAfterSeconds=3' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect((await getTicket(FIRST_TICKET_ID)).status).toBe(200);
  });

  it('html', async () => {
    const response = await getTicket(FIRST_TICKET_ID, { 'X-Sandbox-Fault': 'html' });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('malformed header is 400', async () => {
    const response = await getTicket(FIRST_TICKET_ID, { 'X-Sandbox-Fault': 'nonsense' });
    expect(response.status).toBe(400);
  });
});

describe('timeout fault', () => {
  it('holds until close', async () => {
    const own = await startSandbox({ accounts: 20, tickets: 20 });
    const ownToken = await accessTokenFor(own.url);
    let settled = false;
    const held = fetch(`${own.url}/v2/servicedesk/tickets/${FIRST_TICKET_ID}`, {
      headers: { Authorization: `Bearer ${ownToken}`, 'X-Sandbox-Fault': 'timeout' },
    }).finally(() => {
      settled = true;
    });
    await untilCounted(own, `GET ${TICKET_TEMPLATE}`, 1);
    expect(settled).toBe(false);
    await own.close();
    await expect(held).rejects.toThrow(TypeError);
  });

  it('client abort ends the wait', async () => {
    const abort = new AbortController();
    const held = getTicket(FIRST_TICKET_ID, { 'X-Sandbox-Fault': 'timeout' }, abort.signal);
    await untilCounted(sandbox, `GET ${TICKET_TEMPLATE}`, 1);
    abort.abort();
    await expect(held).rejects.toThrow(/abort/i);
    expect((await getTicket(SAMPLE_TICKET_ID)).status).toBe(200);
  });
});

describe('latency option', () => {
  it('delayed sandbox still responds', async () => {
    const slow = await startSandbox({ accounts: 20, tickets: 20, latencyMs: 2 });
    try {
      const caller = bmsCaller(slow.url, await accessTokenFor(slow.url));
      const ticket = await caller.get(`/v2/servicedesk/tickets/${FIRST_TICKET_ID}`);
      expect(ticket.status).toBe(200);
      expect(ticket.body.Result.Id).toBe(FIRST_TICKET_ID);
    } finally {
      await slow.close();
    }
  });
});

describe('clock', () => {
  it('advance moves now', async () => {
    const before = (await control(sandbox.url, 'GET', '/clock')) as { now: string };
    const after = (await control(sandbox.url, 'POST', '/clock', { advanceSeconds: 86_400 })) as {
      now: string;
      offsetSeconds: number;
    };
    expect(after.offsetSeconds).toBe(86_400);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(86_400_000);
  });
});

describe('hostile fixtures', () => {
  it('titles are stored verbatim', async () => {
    const bms = bmsCaller(sandbox.url, token);
    for (const [kind, ticketId] of Object.entries(HOSTILE_TICKET_IDS) as [
      keyof typeof HOSTILE_TITLES,
      number,
    ][]) {
      const ticket = await bms.get(`/v2/servicedesk/tickets/${ticketId}`);
      expect(ticket.body.Result.Title).toBe(HOSTILE_TITLES[kind]);
    }
  });

  it('long details have 3000 characters', async () => {
    const bms = bmsCaller(sandbox.url, token);
    const ticket = await bms.get(`/v2/servicedesk/tickets/${HOSTILE_TICKET_IDS.longDetails}`);
    expect(ticket.body.Result.Details).toHaveLength(LONG_DETAILS_LENGTH);
  });
});

describe('determinism', () => {
  it('two sandboxes hold the same data', async () => {
    const other = await startSandbox({ accounts: 100, tickets: 3000 });
    try {
      const mine = bmsCaller(sandbox.url, token);
      const theirs = bmsCaller(other.url, await accessTokenFor(other.url));
      for (const path of [
        '/v2/crm/accounts/lookup?PageSize=100',
        '/v2/crm/accounts/57/locations/lookup',
        `/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}`,
        `/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}/notes`,
        '/v2/servicedesk/tickets?PageSize=200&PageNumber=3',
      ]) {
        const left = await mine.get(path);
        const right = await theirs.get(path);
        expect(left.body, path).toEqual(right.body);
      }
    } finally {
      await other.close();
    }
  });
});
