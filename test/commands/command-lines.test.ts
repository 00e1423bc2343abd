import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BmsApi } from '../../src/bms/index.ts';
import { ROOT_USAGE } from '../../src/grammar/commands.ts';
import { findCommand, findGroup, helpText, type ParsedCommand } from '../../src/grammar/index.ts';
import { mainLocationIdOf, SAMPLE_TICKET_ID, STATUS_IDS } from '../../src/sandbox/index.ts';
import type { Json } from '../fakes/slack-api.ts';
import { BAD_COMMAND_LINES, COMMAND_LINES } from '../grammar/command-lines.ts';
import { LIVE_TOKENS, mrkdwnStrings, responsePost } from '../slack/flow-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';

/**
 * Every command line of the shared grammar table, typed after `/bms` against the sandbox
 * through the real receiver: the reply, and the BMS requests it made. The sandbox is reset and
 * the user logged in again before each line, so that lines that delete or change a ticket leave
 * the next line the seeded data.
 */

const USER = 'U0JANE';

/** BMS requests a line may make on purpose; cache loads of accounts and lookups are not listed. */
const TRACKED = {
  search: 'POST /v2/servicedesk/tickets/search',
  getTicket: 'GET /v2/servicedesk/tickets/{ticketId}',
  createTicket: 'POST /v2/servicedesk/tickets',
  patchTicket: 'PATCH /v2/servicedesk/tickets/{ticketId}',
  deleteTicket: 'DELETE /v2/servicedesk/tickets/{ticketId}',
  assignTicket: 'POST /v2/servicedesk/tickets/{ticketId}/assignticket',
  listNotes: 'GET /v2/servicedesk/tickets/{ticketId}/notes',
  getNote: 'GET /v2/servicedesk/tickets/{ticketId}/notes/{noteId}',
  createNote: 'POST /v2/servicedesk/tickets/{ticketId}/notes',
  updateNote: 'PUT /v2/servicedesk/tickets/{ticketId}/notes/{noteId}',
  deleteNote: 'DELETE /v2/servicedesk/tickets/{ticketId}/notes/{noteId}',
  ticketTemplates: 'GET /v2/servicedesk/templates/tickets/lookup',
  ticketTemplate: 'GET /v2/servicedesk/templates/tickets/{templateId}',
  noteTemplates: 'GET /v2/servicedesk/templates/notes/lookup',
  timeLogTemplates: 'GET /v2/servicedesk/templates/timelogs/lookup',
} as const;

const WRITES = [
  TRACKED.createTicket,
  TRACKED.patchTicket,
  TRACKED.deleteTicket,
  TRACKED.assignTicket,
  TRACKED.createNote,
  TRACKED.updateNote,
  TRACKED.deleteNote,
];

const ACCOUNT_LOOKUP = 'GET /v2/crm/accounts/lookup';
const LOCATION_LOOKUP = 'GET /v2/crm/accounts/{accountId}/locations/lookup';

interface Expectation {
  /** Text the reply contains, with Slack's entities undone. */
  reply: string | RegExp;
  /** Tracked requests the line makes; every other tracked request must not happen. */
  served?: Partial<Record<keyof typeof TRACKED, number>>;
  /** Untracked requests that must happen at least once, such as the reload of `--refresh`. */
  reloads?: string[];
  /** Checks the sandbox afterwards, as the user sees it through BMS. */
  state?: (api: BmsApi, command: ParsedCommand) => Promise<void>;
}

const NOT_FOUND_NAME = 'No account named "Acme Corp" is visible to you in BMS.';
const TICKET_PAGE = /\*Tickets\*: [\d,]+ tickets, page 1 of \d+/;

async function newestNoteOf(api: BmsApi, ticketId: number) {
  const notes = await api.listNotes(ticketId);
  return notes.reduce((newest, note) => (note.Id > newest.Id ? note : newest));
}

async function noteAdded(api: BmsApi, command: ParsedCommand): Promise<void> {
  if (command.name !== 'notes.add') throw new Error(`${command.name} is not notes.add`);
  const note = await newestNoteOf(api, command.ticketId);
  expect(note.Details).toBe(command.message);
  expect(note.IsInternal).toBe(!command.isPublic);
  expect(note.CreatedBy).toBe(101);
}

const ticketGone = async (api: BmsApi) => {
  await expect(api.getTicket(SAMPLE_TICKET_ID)).rejects.toMatchObject({ kind: 'not_found' });
};

/** What each line of COMMAND_LINES does against the seeded sandbox, by the line as typed. */
const EXPECTED: Record<string, Expectation> = {
  accounts: { reply: '*Accounts* (1,968 accounts, page 1 of 99)' },
  'accounts Acme Corp': { reply: 'No account name contains "Acme Corp".' },
  'accounts "Acme Corp" --refresh --page 2': {
    reply: 'No account name contains "Acme Corp".',
    reloads: [ACCOUNT_LOOKUP],
  },
  "accounts O'Brien": { reply: `*Accounts matching "O'Brien"* (78 accounts, page 1 of 4)` },
  'accounts A &amp; B &lt;Holding&gt;': { reply: 'No account name contains "A & B <Holding>".' },
  'locations --account 42': {
    reply: `Locations of *Evans-Janssen Motors* (id 42)\n• Main Office (id ${mainLocationIdOf(42)}) _(main location)_`,
  },
  'locations --account=#42 --refresh': {
    reply: `Main Office (id ${mainLocationIdOf(42)}) _(main location)_`,
    reloads: [LOCATION_LOOKUP],
  },
  'locations --account “Acme Corp”': { reply: NOT_FOUND_NAME },

  'tickets list': { reply: TICKET_PAGE, served: { search: 1 } },
  "tickets list --status New --status 'In Progress' --status=“On Hold”": {
    reply: 'No status is named "On Hold". The statuses are: New (1), Open (2), In Progress (3)',
  },
  'tickets list --assignee "Jane Doe" --account 42 --queue ‘Service Desk’ --priority High --page 3': {
    reply: '(assignee Jane Doe, account Evans-Janssen Motors, queue Service Desk, priority High)',
    served: { search: 1 },
  },
  'tickets list --account "Acme Corp" --mine': { reply: NOT_FOUND_NAME },
  'tickets list —mine': {
    reply: /\*Tickets\* \(assignee Jane Doe\): [\d,]+ tickets, page 1 of/,
    served: { search: 1 },
  },
  'tickets list --mine --page 2': {
    reply: /\(assignee Jane Doe\): [\d,]+ tickets, page 2 of/,
    served: { search: 1 },
  },
  'mine --page 2': { reply: /\(assignee Jane Doe\): [\d,]+ tickets, page 2 of/, served: { search: 1 } },
  mine: { reply: /\(assignee Jane Doe\): [\d,]+ tickets, page 1 of/, served: { search: 1 } },
  '--json tickets list': { reply: TICKET_PAGE, served: { search: 1 } },
  'tickets list --json': { reply: TICKET_PAGE, served: { search: 1 } },

  'tickets create --title "Printer offline" --details "Paper jam on floor 2" --account-id 42 --location-id 7 --status-id 1 --priority-id 2 --type-id 3 --source-id 4 --queue-id 5':
    { reply: 'Location 7 does not belong to account 42. Choose one of its locations: Main Office (id 421)' },
  'tickets create --title “VPN down” --details=\'Since 9:00, all users\' --account "Acme Corp" --location "Main Office" --status New --priority High --type Incident --source Phone --assignee "Jane Doe" --open-date 2026-04-07T09:00:00+02:00':
    { reply: NOT_FOUND_NAME },
  'tickets create --title="Printer “HP” broken" --details "Says \\"PC LOAD LETTER\\"" --account 42 --location-id 7 --status-id 1 --priority Medium --type-id 3 --source-id 4 --queue "Service Desk" --assignee-id 9':
    {
      reply:
        'No priority is named "Medium". The priorities are: Low (1), Normal (2), High (3), Critical (4).',
    },
  'tickets create --template-id 7 --account 42 --location 7 --status New --source Phone': {
    reply: 'BMS could not find that template.',
    served: { ticketTemplate: 1 },
  },

  'tickets patch 12345 /StatusId 6': {
    reply: '*Status*\nClosed',
    served: { patchTicket: 1 },
    state: async (api) => expect((await api.getTicket(SAMPLE_TICKET_ID)).StatusId).toBe(STATUS_IDS.closed),
  },
  'tickets patch #12345 /Title "Printer offline" /PriorityId 2 /AssigneeId null': {
    reply: 'Changed /Title Printer offline, /PriorityId 2, /AssigneeId null.',
    served: { patchTicket: 1 },
    state: async (api) => {
      const ticket = await api.getTicket(SAMPLE_TICKET_ID);
      expect(ticket.Title).toBe('Printer offline');
      expect(ticket.PriorityId).toBe(2);
      expect(ticket.AssigneeId ?? null).toBeNull();
    },
  },
  'tickets patch 12345 -- /Title --urgent--': {
    reply: 'T20241210.0009 --urgent--',
    served: { patchTicket: 1 },
    state: async (api) => expect((await api.getTicket(SAMPLE_TICKET_ID)).Title).toBe('--urgent--'),
  },
  'tickets assign 12345 --details "Routing to network team" --type-id 2 --status-id 3 --queue-id 5': {
    reply: 'BMS rejected the ticket: QueueId 5 is not an active queue.',
    served: { assignTicket: 1 },
  },
  'tickets assign 12345 --details "Over to Jane" --type "General Notes" --status "In Progress" --assignee "Jane Doe" --queue 5 --note-date 2026-04-07T12:00:00Z --public':
    { reply: 'BMS rejected the ticket: QueueId 5 is not an active queue.', served: { assignTicket: 1 } },
  'tickets delete 12345': {
    reply: 'Delete ticket *T20241210.0009 Wi-Fi slow in meeting room*? BMS cannot undo this.',
    served: { getTicket: 1 },
    state: async (api) => expect((await api.getTicket(SAMPLE_TICKET_ID)).Id).toBe(SAMPLE_TICKET_ID),
  },
  'tickets delete 12345 --yes': {
    reply: 'Ticket 12345 deleted.',
    served: { deleteTicket: 1 },
    state: ticketGone,
  },
  '--yes --json tickets delete #12345': {
    reply: 'Ticket 12345 deleted.',
    served: { deleteTicket: 1 },
    state: ticketGone,
  },

  'notes list 12345': { reply: '*Notes of ticket 12345*, newest first: 3 notes', served: { listNotes: 1 } },
  'notes update 12345 678 --message "Called the customer twice" --type-id 2 --public': {
    reply: 'BMS could not find that note.',
    served: { updateNote: 1 },
  },
  'notes update 12345 #678 --message Fixed --note-date 2026-04-07T12:00:00.5-05:00': {
    reply: 'BMS could not find that note.',
    served: { updateNote: 1 },
  },
  'notes delete 12345 678 --yes': { reply: 'BMS could not find that note.', served: { deleteNote: 1 } },

  'templates tickets list': { reply: '*Password reset* (id 1)', served: { ticketTemplates: 1 } },
  'templates tickets get 7': { reply: 'BMS could not find that template.', served: { ticketTemplate: 1 } },
  'templates notes list': {
    reply: '*Called customer* (id 1) — public, note type 3',
    served: { noteTemplates: 1 },
  },
  'templates timelogs list': {
    reply: '*Remote session (30 min)* (id 1) — 0.5 h',
    served: { timeLogTemplates: 1 },
  },
};

/** Returns the expectation of a line: every `note ...` and `notes add ...` line adds one note as typed. */
function expectationOf(line: string, command: ParsedCommand): Expectation | undefined {
  if (command.name === 'notes.add') {
    return {
      reply: `added to ticket ${command.ticketId} (${command.isPublic ? 'public' : 'internal'}).`,
      served: { createNote: 1 },
      state: noteAdded,
    };
  }
  return EXPECTED[line];
}

/** Commands that other modules handle, so only their routing is checked here. */
const HANDLED_ELSEWHERE = new Set([
  'auth.login',
  'auth.logout',
  'auth.refresh',
  'auth.status',
  'tickets.get',
  'create',
]);

let harness: AppHarness;
let api: BmsApi;

beforeAll(async () => {
  harness = await startAppHarness();
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => {
  harness.sandbox.reset();
  harness.fake.reset();
  await harness.loginAs(USER);
  api = await harness.runtime.services.sessions.api(harness.identity(USER));
});

function unescaped(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

function replyText(reply: Json): string {
  return unescaped(mrkdwnStrings(reply).join('\n'));
}

async function servedDuring(run: () => Promise<void>): Promise<Record<string, number>> {
  const before = await harness.bmsStats();
  await run();
  const after = await harness.bmsStats();
  return Object.fromEntries(
    Object.entries(after)
      .map(([endpoint, count]): [string, number] => [endpoint, count - (before[endpoint] ?? 0)])
      .filter(([, count]) => count !== 0),
  );
}

const label = (line: string) => (line.length > 70 ? `${line.slice(0, 67)}...` : line);

describe('/bms command lines', () => {
  const cases = COMMAND_LINES.map((entry) => ({ ...entry, label: label(entry.line) || '(empty)' }));

  it.each(cases)('runs $label', async ({ line, command }) => {
    let reply: Json | undefined;
    let opened = false;
    const served = await servedDuring(async () => {
      const result = await harness.driver.command('/bms', line, { user: USER });
      expect(result.status).toBe(200);
      if (command.name === 'create' || command.name === 'auth.login') {
        await harness.fake.waitForCall('views.open');
        // The ticket form fills itself from BMS after it opens; waiting keeps its reads out of the next line.
        if (command.name === 'create') await harness.fake.waitForCall('views.update');
        opened = true;
      } else {
        reply = await responsePost(harness, result.responseUrl);
      }
    });

    for (const write of WRITES) {
      if (command.name === 'help' || HANDLED_ELSEWHERE.has(command.name))
        expect(served[write] ?? 0, write).toBe(0);
    }
    if (reply) {
      for (const token of LIVE_TOKENS) expect(mrkdwnStrings(reply).join('\n')).not.toContain(token);
      expect(replyText(reply)).not.toContain('is not available in this version');
    }

    if (command.name === 'help') {
      expect(served).toEqual({});
      const blocks = (reply?.blocks ?? []) as Json[];
      const header = (blocks[0]?.text as Json | undefined)?.text;
      expect(header).toBe(helpText(command.topic).title);
      return;
    }
    if (HANDLED_ELSEWHERE.has(command.name)) {
      expect(opened || reply !== undefined).toBe(true);
      return;
    }

    const expected = expectationOf(line, command);
    if (!expected) throw new Error(`no expectation for "${line}"`);
    const text = replyText(reply ?? {});
    if (typeof expected.reply === 'string') expect(text).toContain(expected.reply);
    else expect(text).toMatch(expected.reply);
    for (const [name, endpoint] of Object.entries(TRACKED) as [keyof typeof TRACKED, string][]) {
      expect(served[endpoint] ?? 0, endpoint).toBe(expected.served?.[name] ?? 0);
    }
    for (const endpoint of expected.reloads ?? []) expect(served[endpoint] ?? 0, endpoint).toBeGreaterThan(0);
    await expected.state?.(api, command);
  });
});

function usageOf(path: string[]): string {
  if (path.length === 0) return ROOT_USAGE;
  return findCommand(path)?.usage ?? findGroup(path)?.usage ?? ROOT_USAGE;
}

describe('/bms bad command lines', () => {
  const cases = BAD_COMMAND_LINES.map((entry) => ({ ...entry, label: label(entry.line) }));

  it.each(cases)('rejects $label', async ({ line, fragment, commandPath }) => {
    let reply: Json = {};
    const served = await servedDuring(async () => {
      const result = await harness.driver.command('/bms', line, { user: USER });
      reply = await responsePost(harness, result.responseUrl);
    });

    expect(served).toEqual({});
    expect(reply.response_type).toBe('ephemeral');
    const [message, usage] = reply.blocks as Json[];
    expect(unescaped(String((message?.text as Json | undefined)?.text))).toContain(fragment);
    const usageElements = (usage?.elements ?? []) as Json[];
    const usageText = unescaped(String(usageElements[0]?.text));
    expect(usageText).toContain(`Usage: \`/bms ${usageOf(commandPath)}\``);
  });
});
