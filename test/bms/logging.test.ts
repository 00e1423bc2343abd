import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureBmsError, createTestClient } from './client-setup.ts';
import {
  inSequence,
  type RecordingServer,
  sendEnvelope,
  sendText,
  startRecordingServer,
} from './recording-server.ts';

let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});

describe('request logging', () => {
  it('writes one debug line per request', async () => {
    const test = createTestClient(server.url);
    server.respondWith(sendEnvelope([{ Id: 1, Name: 'Contoso' }]));
    await test.client
      .withToken('secret-access-token')
      .lookupAccounts({ name: 'Contoso Private', pageSize: 5 });
    await test.client.close();

    expect(test.logger.lines).toHaveLength(1);
    const line = test.logger.lines[0] ?? '';
    expect(line).toContain('DEBUG BMS request');
    expect(line).toContain('endpoint="GET /v2/crm/accounts/lookup"');
    expect(line).toContain('status=200');
    expect(line).toMatch(/ ms=\d+/);
    expect(line).not.toContain('Contoso');
    expect(line).not.toContain('secret-access-token');
  });

  it('writes one warning per retry', async () => {
    const test = createTestClient(server.url);
    const unavailable = sendText(503, 'text/html', 'down');
    server.respondWith(
      inSequence(unavailable, unavailable, sendEnvelope({ Id: 7, Title: 'T', StatusId: 1 })),
    );
    await test.client.withToken('token').getTicket(7);
    await test.client.close();

    const debugLines = test.logger.lines.filter((line) => line.includes('DEBUG BMS request'));
    const warnings = test.logger.lines.filter((line) => line.includes('WARN Retrying BMS request'));
    expect(debugLines).toHaveLength(3);
    expect(debugLines[0]).toContain('status=503 ');
    expect(debugLines[0]).toContain('error=server');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('endpoint="GET /v2/servicedesk/tickets/{ticketId}"');
    expect(warnings[0]).toContain('retry=1');
    expect(warnings[0]).toContain('reason=503');
  });

  it('logs a failed request without status', async () => {
    const closed = await startRecordingServer();
    await closed.close();
    const test = createTestClient(closed.url, { retry: { maxRetries: 0 } });
    await captureBmsError(() => test.client.withToken('token').getTicket(7));
    await test.client.close();

    expect(test.logger.lines).toHaveLength(1);
    expect(test.logger.lines[0]).toContain('error=transport');
    expect(test.logger.lines[0]).not.toContain('status=');
  });
});
