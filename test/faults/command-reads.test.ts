import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../fakes/slack-api.ts';
import type { AppHarness } from '../support/app-harness.ts';
import { type FaultColumn, READ_COLUMNS } from './columns.ts';
import { type CommandRow, runCommandCell } from './command-cells.ts';
import { MATRIX_TICKET_ID, startMatrixHarness } from './matrix-harness.ts';

/** Rows of the fault matrix: the `/bms` commands that read tickets. */

const USER = 'U0READER';
const TICKET_PATH = '/v2/servicedesk/tickets/{ticketId}';

function expectCard(reply: Json): void {
  expect((reply.blocks as Json[] | undefined)?.[0]?.block_id).toBe(`ticket_card_${MATRIX_TICKET_ID}`);
}

const ROWS: CommandRow[] = [
  {
    name: 'ticket',
    line: `ticket ${MATRIX_TICKET_ID}`,
    target: { method: 'GET', path: TICKET_PATH },
    // The one read row that also waits out a timeout on every attempt.
    columns: [...READ_COLUMNS, 'timeout'] satisfies FaultColumn[],
    expectDone: expectCard,
  },
  {
    name: 'tickets get',
    line: `tickets get ${MATRIX_TICKET_ID}`,
    target: { method: 'GET', path: TICKET_PATH },
    expectDone: expectCard,
  },
  {
    name: 'tickets list',
    line: 'tickets list --status Open',
    target: { method: 'POST', path: '/v2/servicedesk/tickets/search' },
    expectDone: (reply) => expect(String(reply.text)).toMatch(/^Tickets \(status Open\): [\d,]+ tickets/),
  },
  {
    name: 'notes list',
    line: `notes list ${MATRIX_TICKET_ID}`,
    target: { method: 'GET', path: `${TICKET_PATH}/notes` },
    expectDone: (reply) => expect(String(reply.text)).toMatch(/notes?/i),
  },
  {
    name: 'templates tickets list',
    line: 'templates tickets list',
    target: { method: 'GET', path: '/v2/servicedesk/templates/tickets/lookup' },
    expectDone: (reply) => expect(String(reply.text)).toMatch(/template/i),
  },
];

let harness: AppHarness;

beforeAll(async () => {
  harness = await startMatrixHarness();
  await harness.loginAs(USER);
});
afterAll(async () => {
  await harness?.close();
});

for (const row of ROWS) {
  describe(`/bms ${row.name}`, () => {
    it.each(row.columns ?? READ_COLUMNS)('× %s', (column) => runCommandCell(harness, USER, row, column));
  });
}
