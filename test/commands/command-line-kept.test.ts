import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_TICKET_ID } from '../../src/sandbox/index.ts';
import { bms, mrkdwnStrings } from '../slack/flow-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
});

afterAll(async () => {
  await harness?.close();
});

beforeEach(async () => {
  harness.sandbox.reset();
  await harness.loginAs('U0JANE');
});

describe('failed write command', () => {
  it('repeats the line after a BMS failure', async () => {
    await harness.bmsFault({ fault: 'http500', method: 'PATCH', path: '/v2/servicedesk/tickets/{ticketId}' });
    const line = `tickets patch ${SAMPLE_TICKET_ID} /Title "Printer <offline> & jammed"`;
    const { reply } = await bms(harness, line);
    const texts = mrkdwnStrings(reply).join('\n');
    expect(texts).toContain('server error');
    expect(texts).toContain(
      `/bms tickets patch ${SAMPLE_TICKET_ID} /Title "Printer &lt;offline&gt; &amp; jammed"`,
    );
    expect(harness.sandbox.stats()['PATCH /v2/servicedesk/tickets/{ticketId}']).toBe(1);
  });

  it('repeats the line after a validation error', async () => {
    const line =
      'tickets create --title "VPN down" --details "All users" --account "No Such Account" --location-id 11 --status-id 1 --priority-id 2 --type-id 1 --source-id 2 --queue-id 1';
    const { reply } = await bms(harness, line);
    const texts = mrkdwnStrings(reply).join('\n');
    expect(texts).toContain('No Such Account');
    expect(texts).toContain('/bms tickets create --title "VPN down"');
    expect(harness.sandbox.stats()['POST /v2/servicedesk/tickets']).toBeUndefined();
  });
});
