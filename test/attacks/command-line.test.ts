import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_TICKET_ID } from '../../src/sandbox/index.ts';
import type { Json } from '../fakes/slack-api.ts';
import { bms, LIVE_TOKENS, mrkdwnStrings } from '../slack/flow-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';

/** Hostile and malformed `/bms` lines: each gets a specific reply Slack accepts, and none reaches BMS by mistake. */

const USER = 'U0JANE';
const TICKET = SAMPLE_TICKET_ID;
const CREATE_NOTE = 'POST /v2/servicedesk/tickets/{ticketId}/notes';

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
  await harness.loginAs(USER);
});
afterAll(async () => {
  await harness?.close();
});

function warningOf(reply: Json): string {
  const first = (reply.blocks as Json[] | undefined)?.[0];
  return String((first?.text as Json | undefined)?.text ?? reply.text);
}

/** Runs the line and returns its reply and the BMS requests it caused. */
async function run(line: string): Promise<{ reply: Json; served: Record<string, number> }> {
  const before = await harness.bmsStats();
  const { reply } = await bms(harness, line, { user: USER });
  const after = await harness.bmsStats();
  const served = Object.fromEntries(
    Object.entries(after)
      .map(([endpoint, count]): [string, number] => [endpoint, count - (before[endpoint] ?? 0)])
      .filter(([, count]) => count > 0),
  );
  return { reply, served };
}

async function notesOfTicket(): Promise<string[]> {
  const api = await harness.runtime.services.sessions.api(harness.identity(USER));
  return (await api.listNotes(TICKET)).map((note) => note.Details ?? '');
}

describe('command line attacks', () => {
  it.each([
    ['', 'BMS commands'],
    ['   ', 'BMS commands'],
  ])('empty line %j shows help', async (line, heading) => {
    const { reply, served } = await run(line);
    expect(JSON.stringify(reply.blocks)).toContain(heading);
    expect(served).toEqual({});
  });

  it.each(['create --help', 'create -h'])('%s shows help, not the form', async (line) => {
    const { result, reply } = await bms(harness, line, { user: USER });
    expect(JSON.stringify(reply.blocks)).toContain('/bms create');
    expect(harness.fake.callsOf('views.open').some((call) => call.args.trigger_id === result.triggerId)).toBe(
      false,
    );
  });

  it.each([
    ['ticket abc', 'type a number like 12345'],
    ['ticket -1', 'ids are positive whole numbers'],
    ['ticket 0', 'ids start at 1'],
    ['ticket 99999999999', 'at most 2147483647'],
    ['ticket #', 'type a number like 12345'],
    ['ticket T2024', 'a ticket number like T20240101.0001'],
    ['ticket １２３', 'type a number like 12345'],
    ['ticket "unbalanced', 'is never closed'],
    ['ticket “curly', 'is never closed'],
    ['notes add 12345 --message=', 'The message is empty'],
    ['notes add 12345 --message ""', 'The message is empty'],
    ['notes add 12345 --message a --message b', '--message is given twice'],
    ['notes add 12345 --frobnicate x --message hi', 'Unknown flag --frobnicate'],
    ['tickets list --page=', 'is not a page number'],
    ['tickets list --account=', 'The account is empty'],
    ['notes add 12345 --message x --note-date 2026-02-30T10:00:00Z', 'February 2026 has 28 days'],
    ['notes add 12345 --message x --note-date yesterday', 'type it like 2026-04-07T12:00:00+00:00'],
    ['notes add 12345 --message x --note-date 2026-01-01T10:00:00', 'has no offset: add Z'],
    ['tickets patch 12345 StatusId 6', 'start it with a slash, like /StatusId'],
    ['tickets patch 12345 /StatusId abc', 'type a positive whole number'],
  ])('rejects %j', async (line, guidance) => {
    const { reply, served } = await run(line);
    expect(warningOf(reply)).toContain(guidance);
    expect(JSON.stringify(reply.blocks)).toContain('Usage:');
    expect(served).toEqual({});
  });

  it('empty id flag gets the id advice', async () => {
    const { reply, served } = await run(`notes add ${TICKET} --message x --type-id=`);
    expect(warningOf(reply)).toBe(':warning: --type-id: The note type id is missing: type a number like 42.');
    expect(served).toEqual({});
  });

  it('shortens a 5,000-character argument', async () => {
    const { reply, served } = await run(`ticket ${'9'.repeat(5000)}`);
    expect(warningOf(reply)).toContain('is too large to be a ticket id');
    expect(warningOf(reply).length).toBeLessThanOrEqual(3000);
    expect(String(reply.text).length).toBeLessThanOrEqual(4000);
    expect(served).toEqual({});
  });

  it.each([
    ['<', `ticket ${'<'.repeat(5000)}`],
    ['&', `ticket ${'&'.repeat(3000)}`],
    ['< in a note', `notes add ${TICKET} --message ${'<'.repeat(3000)} stray`],
  ])('escaped reply stays within limits: %s', async (_name, line) => {
    // bms() fails when Slack refuses the first reply, as it does for a fallback text over 4,000 characters.
    const { reply, served } = await run(line);
    expect(String(reply.text).length).toBeLessThanOrEqual(4000);
    expect(warningOf(reply)).toMatch(/^:warning: /);
    expect(served).toEqual({});
  });

  it.each([
    ['assignee', `tickets list --assignee ${'<'.repeat(3000)}`],
    ['status', `tickets list --status ${'&'.repeat(3000)}`],
    ['account', `tickets list --account ${'<'.repeat(3000)}`],
    ['note type', `notes add ${TICKET} --message hi --type ${'<'.repeat(3000)}`],
    ['account search', `accounts ${'<'.repeat(3000)}`],
    ['spaced search', `accounts ${'< '.repeat(1500)}`],
  ])('echoed %s stays within limits', async (_name, line) => {
    const { reply } = await run(line);
    expect(String(reply.text).length).toBeLessThanOrEqual(4000);
  });

  it('keeps the advice after a long name', async () => {
    const { reply } = await run(`tickets list --queue ${'y'.repeat(3000)}`);
    expect(String(reply.text)).toContain('No queue is named');
    expect(String(reply.text).length).toBeLessThan(1000);
  });

  it('reads curly quotes as quotes', async () => {
    const { reply } = await run(`notes add ${TICKET} --message “Rebooted the router”`);
    expect(String(reply.text)).toMatch(/Note \d+ added/);
    expect(await notesOfTicket()).toContain('Rebooted the router');
  });

  it('adds a 3,000-character note', async () => {
    const text = `${'Checked the logs again. '.repeat(125)}`.slice(0, 3000);
    const { reply, served } = await run(`notes add ${TICKET} --message "${text}"`);
    expect(String(reply.text)).toMatch(/Note \d+ added/);
    expect(served[CREATE_NOTE]).toBe(1);
    expect(await notesOfTicket()).toContain(text.trim());
  });

  it('rejects a 10,001-character note', async () => {
    const { reply, served } = await run(`notes add ${TICKET} --message ${'x'.repeat(10_001)}`);
    expect(warningOf(reply)).toContain('10,001 characters long, over the limit of 10,000');
    expect(served).toEqual({});
  });

  it('never echoes live mrkdwn', async () => {
    for (const line of [
      'ticket <!channel>',
      'tickets <@U0ALICE>',
      `notes add ${TICKET} --message <!here> stray <https://evil.example|x>`,
    ]) {
      const { reply } = await run(line);
      for (const text of mrkdwnStrings(reply)) {
        for (const token of LIVE_TOKENS) expect(text, `${line}: ${token}`).not.toContain(token);
      }
    }
  });
});
