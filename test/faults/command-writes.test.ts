import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_TICKET_ID, FIRST_TICKET_NOTE_IDS } from '../../src/sandbox/index.ts';
import type { Json } from '../fakes/slack-api.ts';
import { buttonActionIds, messageText } from '../slack/flow-helpers.ts';
import type { AppHarness } from '../support/app-harness.ts';
import { FAULT_SENTENCES, type FaultColumn, WRITE_COLUMNS } from './columns.ts';
import { type CommandRow, runCommandCell } from './command-cells.ts';
import { MATRIX_TICKET_ID, startMatrixHarness } from './matrix-harness.ts';

/** Rows of the fault matrix: the `/bms` commands that change BMS. */

const USER = 'U0WRITER';
const TICKET_PATH = '/v2/servicedesk/tickets/{ticketId}';
const NOTES_PATH = '/v2/servicedesk/tickets/{ticketId}/notes';
const NOTE_PATH = '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}';
const DELETED_TICKET_ID = MATRIX_TICKET_ID + 1;
const NEW_TITLE = 'Fault matrix printer';
const NOTE_TEXT = 'Called the customer; the printer works again.';

let harness: AppHarness;

async function api() {
  return harness.runtime.services.sessions.api(harness.identity(USER));
}

function expectCard(ticketId = MATRIX_TICKET_ID) {
  return (reply: Json) =>
    expect((reply.blocks as Json[] | undefined)?.[0]?.block_id).toBe(`ticket_card_${ticketId}`);
}

/** Checks that a refused note comes back with its reason, its text and a Retry button. */
function expectNoteKept(column: FaultColumn) {
  return (reply: Json) => {
    const text = messageText(reply);
    expect(text).toContain(`The note was not added to ticket ${MATRIX_TICKET_ID}.`);
    expect(text).toMatch(
      column === 'lost-reply' ? FAULT_SENTENCES.timeout : FAULT_SENTENCES[column as never],
    );
    expect(text).toContain(NOTE_TEXT);
    expect(buttonActionIds(reply.blocks)).toContain('note_retry');
  };
}

/** Checks the warning of a create whose response was lost or unreadable: the ticket may exist, so the user looks before creating again. */
function expectCreateUnconfirmed(reply: Json): void {
  expect(messageText(reply)).toMatch(/may or may not have been created|created|T\d{8}\.\d{4}/);
}

const KEPT_NOTE_COLUMNS: FaultColumn[] = [
  'http500',
  'html',
  '429',
  'timeout',
  'drop',
  'malformed-json',
  'success-false',
  'lost-reply',
];

const ROWS: CommandRow[] = [
  {
    name: 'tickets create',
    line: `tickets create --title "${NEW_TITLE}" --details "Paper jam on floor 2" --account-id 1 --location-id 11 --status New --priority High --type Incident --source Phone --queue "Service Desk"`,
    target: { method: 'POST', path: '/v2/servicedesk/tickets' },
    isWrite: true,
    expectDone: (reply) => expect(messageText(reply)).toContain(NEW_TITLE),
    expectFailure: {
      http500: expectCreateUnconfirmed,
      html: expectCreateUnconfirmed,
      timeout: expectCreateUnconfirmed,
      drop: expectCreateUnconfirmed,
      'malformed-json': expectCreateUnconfirmed,
      'lost-reply': expectCreateUnconfirmed,
    },
    countMade: async () => (await (await api()).searchTickets({ title: NEW_TITLE })).total,
  },
  {
    name: 'tickets patch',
    line: `tickets patch ${MATRIX_TICKET_ID} /StatusId 3`,
    target: { method: 'PATCH', path: TICKET_PATH },
    isWrite: true,
    expectDone: expectCard(),
  },
  {
    name: 'tickets assign',
    line: `tickets assign ${MATRIX_TICKET_ID} --details "Handing over" --type "General Notes" --status Open --queue "Service Desk"`,
    target: { method: 'POST', path: `${TICKET_PATH}/assignticket` },
    isWrite: true,
    expectDone: expectCard(),
  },
  {
    name: 'tickets delete --yes',
    // Not the sample ticket: the check that the app still serves shows that one.
    line: `tickets delete ${DELETED_TICKET_ID} --yes`,
    target: { method: 'DELETE', path: TICKET_PATH },
    isWrite: true,
    expectDone: (reply) => expect(messageText(reply)).toContain(`Ticket ${DELETED_TICKET_ID} deleted`),
  },
  {
    name: 'notes add',
    line: `notes add ${MATRIX_TICKET_ID} --message "${NOTE_TEXT}"`,
    target: { method: 'POST', path: NOTES_PATH },
    isWrite: true,
    expectDone: (reply) => expect(messageText(reply)).toContain(`added to ticket ${MATRIX_TICKET_ID}`),
    expectFailure: Object.fromEntries(KEPT_NOTE_COLUMNS.map((column) => [column, expectNoteKept(column)])),
    countMade: async () => (await (await api()).listNotes(MATRIX_TICKET_ID)).length,
  },
  {
    name: 'notes update',
    line: `notes update ${FIRST_TICKET_ID} ${FIRST_TICKET_NOTE_IDS[0]} --message "Edited by the matrix"`,
    target: { method: 'PUT', path: NOTE_PATH },
    isWrite: true,
    expectDone: (reply) => expect(messageText(reply)).toContain(`of ticket ${FIRST_TICKET_ID} updated`),
  },
  {
    name: 'notes delete --yes',
    line: `notes delete ${FIRST_TICKET_ID} ${FIRST_TICKET_NOTE_IDS[0]} --yes`,
    target: { method: 'DELETE', path: NOTE_PATH },
    isWrite: true,
    expectDone: (reply) => expect(messageText(reply)).toContain(`deleted from ticket ${FIRST_TICKET_ID}`),
  },
];

beforeAll(async () => {
  harness = await startMatrixHarness();
  await harness.loginAs(USER);
});
afterAll(async () => {
  await harness?.close();
});

for (const row of ROWS) {
  describe(`/bms ${row.name}`, () => {
    it.each(WRITE_COLUMNS)('× %s', (column) => runCommandCell(harness, USER, row, column));
  });
}
