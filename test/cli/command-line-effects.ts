import { stat } from 'node:fs/promises';
import { expect } from 'vitest';
import { renderHelp } from '../../src/cli/render-help.ts';
import { jsonText } from '../../src/cli/terminal-text.ts';
import { readTokenFile } from '../../src/cli/token-file.ts';
import { helpText, type ParsedCommand } from '../../src/grammar/index.ts';
import { NOTE_TYPE_IDS } from '../../src/sandbox/index.ts';
import { foldName } from '../../src/services/index.ts';
import type { BmsRun, CliHome, SandboxProbe } from './harness.ts';
import { ACCOUNT_LOOKUP, AUTHENTICATE, REFRESH } from './harness.ts';

/**
 * Lines of the shared table whose sample values are not in the sandbox's seed (account "Acme
 * Corp", location 7 of account 42, template 7, note 678, the inactive queue 5), or that a terminal
 * refuses. Each must fail with its fragment, which shows that the values reached the service.
 */
export const EXPECTED_FAILURES: Readonly<Record<string, { exitCode: 1 | 2; fragment: string }>> = {
  'locations --account “Acme Corp”': { exitCode: 1, fragment: 'No account named "Acme Corp"' },
  "tickets list --status New --status 'In Progress' --status=“On Hold”": {
    exitCode: 1,
    fragment: 'There is no status named "On Hold"',
  },
  'tickets list --account "Acme Corp" --mine': { exitCode: 1, fragment: 'No account named "Acme Corp"' },
  'tickets create --title "Printer offline" --details "Paper jam on floor 2" --account-id 42 --location-id 7 --status-id 1 --priority-id 2 --type-id 3 --source-id 4 --queue-id 5':
    { exitCode: 1, fragment: 'Location 7 does not belong to account 42' },
  'tickets create --title “VPN down” --details=\'Since 9:00, all users\' --account "Acme Corp" --location "Main Office" --status New --priority High --type Incident --source Phone --assignee "Jane Doe" --open-date 2026-04-07T09:00:00+02:00':
    { exitCode: 1, fragment: 'No account named "Acme Corp"' },
  'tickets create --title="Printer “HP” broken" --details "Says \\"PC LOAD LETTER\\"" --account 42 --location-id 7 --status-id 1 --priority Medium --type-id 3 --source-id 4 --queue "Service Desk" --assignee-id 9':
    { exitCode: 1, fragment: 'There is no priority named "Medium"' },
  'tickets create --template-id 7 --account 42 --location 7 --status New --source Phone': {
    exitCode: 1,
    fragment: 'Template 7 was not found',
  },
  create: { exitCode: 2, fragment: 'In a terminal, create a ticket with bms tickets create' },
  'create Printer offline on floor 2': {
    exitCode: 2,
    fragment: 'In a terminal, create a ticket with bms tickets create',
  },
  'tickets assign 12345 --details "Routing to network team" --type-id 2 --status-id 3 --queue-id 5': {
    exitCode: 1,
    fragment: 'QueueId 5 is not an active queue',
  },
  'tickets assign 12345 --details "Over to Jane" --type "General Notes" --status "In Progress" --assignee "Jane Doe" --queue 5 --note-date 2026-04-07T12:00:00Z --public':
    { exitCode: 1, fragment: 'QueueId 5 is not an active queue' },
  'tickets delete 12345': { exitCode: 2, fragment: 'Add --yes to delete without a terminal' },
  'notes update 12345 678 --message "Called the customer twice" --type-id 2 --public': {
    exitCode: 1,
    fragment: 'Note 678 was not found',
  },
  'notes update 12345 #678 --message Fixed --note-date 2026-04-07T12:00:00.5-05:00': {
    exitCode: 1,
    fragment: 'Note 678 was not found',
  },
  'notes delete 12345 678 --yes': { exitCode: 1, fragment: 'Note 678 was not found' },
  'templates tickets get 7': { exitCode: 1, fragment: 'Template 7 was not found' },
};

/** One run of a table line, with what the test needs to judge its effect. */
export interface LineRun {
  command: ParsedCommand;
  run: BmsRun;
  /** Requests of the run, without the test's own. */
  requests: Record<string, number>;
  home: CliHome;
  probe: SandboxProbe;
  /** The access token stored before the run. */
  storedAccessToken: string;
}

function total(requests: Record<string, number>): number {
  return Object.values(requests).reduce((sum, count) => sum + count, 0);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Checks the effect that the table's parsed command implies: the requests it must make and the
 * state it leaves in the sandbox. The expected values come from the parsed command, not from
 * the line, so a terminal that read a line differently from the table fails here.
 */
export async function checkEffect(line: LineRun): Promise<void> {
  const { command, run, requests, probe } = line;
  const api = probe.api;
  if (command.name !== 'auth.login') expect(requests[AUTHENTICATE], 'logins').toBeUndefined();

  switch (command.name) {
    case 'help': {
      const help = helpText(command.topic);
      expect(run.stdout).toBe(`${command.json ? jsonText(help) : renderHelp(help)}\n`);
      expect(total(requests)).toBe(0);
      return;
    }
    case 'auth.login': {
      expect(requests[AUTHENTICATE]).toBe(1);
      const stored = await readTokenFile(line.home.tokenFile);
      expect(stored?.accessToken).not.toBe(line.storedAccessToken);
      return;
    }
    case 'auth.logout':
      expect(await exists(line.home.tokenFile)).toBe(false);
      expect(total(requests)).toBe(0);
      return;
    case 'auth.status':
      expect(run.stdout).toContain('Jane Doe (jane.doe, id 101)');
      expect(total(requests)).toBe(0);
      return;
    case 'auth.refresh': {
      expect(requests[REFRESH]).toBe(1);
      const stored = await readTokenFile(line.home.tokenFile);
      expect(stored?.accessToken).not.toBe(line.storedAccessToken);
      return;
    }
    case 'accounts.list': {
      expect(requests[ACCOUNT_LOOKUP]).toBeGreaterThan(0);
      const words = foldName(command.search ?? '')
        .split(' ')
        .filter(Boolean);
      const matches = (await api.lookupAllAccounts()).filter((account) =>
        words.every((word) => foldName(account.Name).includes(word)),
      );
      const first = matches[((command.page ?? 1) - 1) * 50];
      if (first) expect(run.stdout).toContain(first.Name);
      else expect(run.stdout).toMatch(/^No account/);
      return;
    }
    case 'locations.list': {
      expect(requests['GET /v2/crm/accounts/{accountId}/locations/lookup']).toBe(1);
      for (const location of await api.lookupLocations(command.account.id as number)) {
        expect(run.stdout).toContain(location.Name);
      }
      return;
    }
    case 'tickets.list': {
      expect(requests['POST /v2/servicedesk/tickets/search']).toBe(1);
      if (command.json) expect(JSON.parse(run.stdout).pageNumber).toBe(command.page ?? 1);
      else expect(run.stdout).toMatch(/^(ID {2}|No tickets)/);
      return;
    }
    case 'tickets.get': {
      expect(requests['GET /v2/servicedesk/tickets/{ticketId}']).toBe(1);
      const reference = command.ticket;
      const expected =
        reference.kind === 'id'
          ? await api.getTicket(reference.id)
          : (await api.searchTickets({ ticketNumber: reference.ticketNumber })).items[0];
      expect(run.stdout).toMatch(new RegExp(`^${expected?.TicketNumber}`));
      expect(run.stdout).toContain(`Id:          ${expected?.Id}`);
      return;
    }
    case 'tickets.patch': {
      expect(requests['PATCH /v2/servicedesk/tickets/{ticketId}']).toBe(1);
      const ticket = (await api.getTicket(command.ticketId)) as Record<string, unknown>;
      for (const change of command.changes) {
        const field = change.path.slice(1);
        if (change.value === 'null') expect(ticket[field] ?? null).toBeNull();
        else if (/Id$/.test(field)) expect(ticket[field]).toBe(Number(change.value));
        else expect(ticket[field]).toBe(change.value);
      }
      return;
    }
    case 'tickets.delete':
      expect(requests['DELETE /v2/servicedesk/tickets/{ticketId}']).toBe(1);
      await expect(api.getTicket(command.ticketId)).rejects.toMatchObject({ kind: 'not_found' });
      return;
    case 'notes.add': {
      expect(requests['POST /v2/servicedesk/tickets/{ticketId}/notes']).toBe(1);
      const notes = await api.listNotes(command.ticketId);
      const note = notes.find((candidate) => candidate.Details === command.message);
      expect(note?.IsInternal).toBe(!command.isPublic);
      const typeId =
        command.type?.id ??
        (command.type?.name === 'Phone Call' ? NOTE_TYPE_IDS.phoneCall : NOTE_TYPE_IDS.generalNotes);
      expect(note?.TypeId).toBe(typeId);
      return;
    }
    case 'notes.list': {
      expect(requests['GET /v2/servicedesk/tickets/{ticketId}/notes']).toBe(1);
      const notes = await api.listNotes(command.ticketId);
      expect(notes.length).toBeGreaterThan(0);
      for (const note of notes) expect(run.stdout).toContain(`Note ${note.Id}  `);
      return;
    }
    case 'templates.tickets.list':
      expect(requests['GET /v2/servicedesk/templates/tickets/lookup']).toBe(1);
      for (const template of await api.listTicketTemplates()) expect(run.stdout).toContain(template.Name);
      return;
    case 'templates.notes.list':
      expect(requests['GET /v2/servicedesk/templates/notes/lookup']).toBe(1);
      for (const template of await api.listNoteTemplates()) expect(run.stdout).toContain(template.Name);
      return;
    case 'templates.timelogs.list':
      expect(requests['GET /v2/servicedesk/templates/timelogs/lookup']).toBe(1);
      for (const template of await api.listTimeLogTemplates()) expect(run.stdout).toContain(template.Name);
      return;
    default:
      throw new Error(`No effect check for ${command.name}: every line of it is an expected failure so far.`);
  }
}
