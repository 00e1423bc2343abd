import type { ParsedCommand } from '../grammar/index.ts';
import { runAccounts, runLocations } from './run-accounts.ts';
import { runLogin, runLogout, runRefresh, runStatus } from './run-auth.ts';
import type { CommandOutput, RunContext } from './run-context.ts';
import { runNotesAdd, runNotesDelete, runNotesList, runNotesUpdate } from './run-notes.ts';
import {
  runNoteTemplatesList,
  runTicketTemplatesGet,
  runTicketTemplatesList,
  runTimeLogTemplatesList,
} from './run-templates.ts';
import {
  runTicketsAssign,
  runTicketsCreate,
  runTicketsDelete,
  runTicketsPatch,
} from './run-ticket-changes.ts';
import { runTicketsGet, runTicketsList } from './run-tickets.ts';

/** The commands that talk to BMS; help and `create` never get here. */
export type BmsCommand = Exclude<ParsedCommand, { name: 'help' } | { name: 'create' }>;

/** Runs one parsed command; the switch is exhaustive, so a new command name fails the type check here. */
export function runCommand(command: BmsCommand, run: RunContext): Promise<CommandOutput> {
  switch (command.name) {
    case 'auth.login':
      return runLogin(run);
    case 'auth.logout':
      return runLogout(run);
    case 'auth.refresh':
      return runRefresh(run);
    case 'auth.status':
      return runStatus(run);
    case 'accounts.list':
      return runAccounts(command, run);
    case 'locations.list':
      return runLocations(command, run);
    case 'tickets.list':
      return runTicketsList(command, run);
    case 'tickets.get':
      return runTicketsGet(command, run);
    case 'tickets.create':
      return runTicketsCreate(command, run);
    case 'tickets.patch':
      return runTicketsPatch(command, run);
    case 'tickets.assign':
      return runTicketsAssign(command, run);
    case 'tickets.delete':
      return runTicketsDelete(command, run);
    case 'notes.list':
      return runNotesList(command, run);
    case 'notes.add':
      return runNotesAdd(command, run);
    case 'notes.update':
      return runNotesUpdate(command, run);
    case 'notes.delete':
      return runNotesDelete(command, run);
    case 'templates.tickets.list':
      return runTicketTemplatesList(run);
    case 'templates.tickets.get':
      return runTicketTemplatesGet(command, run);
    case 'templates.notes.list':
      return runNoteTemplatesList(run);
    case 'templates.timelogs.list':
      return runTimeLogTemplatesList(run);
  }
}
