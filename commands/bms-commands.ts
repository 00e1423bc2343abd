import type { SlackDeps } from '../src/slack/deps.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import { listAccounts, listLocations } from './accounts.ts';
import type { CommandHandlers } from './bms-router.ts';
import {
  deleteNoteCommand,
  deleteTicketCommand,
  registerDeleteConfirmations,
} from './delete-confirmation.ts';
import { registerNoteRetry } from './note-retry.ts';
import { addTicketNote, listTicketNotes, updateTicketNote } from './notes.ts';
import {
  getTicketTemplateCommand,
  listNoteTemplatesCommand,
  listTicketTemplatesCommand,
  listTimeLogTemplatesCommand,
} from './templates.ts';
import { registerTicketCardActions } from './ticket-card-actions.ts';
import { registerTicketView } from './ticket-view.ts';
import { assignTicketTo, patchTicketFields } from './tickets-change.ts';
import { createTicketFromFlags } from './tickets-create.ts';
import { listTickets } from './tickets-list.ts';
import { type CommandWorks, registerUserCommands, userCommandHandlers } from './user-command.ts';

/**
 * The command-line tool's commands that run as the user in BMS. `tickets get`, the auth commands
 * and `create` are handled by their own modules.
 */
const WORKS: CommandWorks = {
  'accounts.list': listAccounts,
  'locations.list': listLocations,
  'tickets.list': listTickets,
  'tickets.create': createTicketFromFlags,
  'tickets.patch': patchTicketFields,
  'tickets.assign': assignTicketTo,
  'tickets.delete': deleteTicketCommand,
  'notes.list': listTicketNotes,
  'notes.add': addTicketNote,
  'notes.update': updateTicketNote,
  'notes.delete': deleteNoteCommand,
  'templates.tickets.list': listTicketTemplatesCommand,
  'templates.tickets.get': getTicketTemplateCommand,
  'templates.notes.list': listNoteTemplatesCommand,
  'templates.timelogs.list': listTimeLogTemplatesCommand,
};

export const BMS_COMMAND_HANDLERS: CommandHandlers = userCommandHandlers(WORKS);

/**
 * Registers the buttons in these commands' replies: pages, View, delete confirmations, note
 * retries, and the action buttons of every ticket card.
 */
export function registerBmsCommands(registry: ListenerRegistry, deps: SlackDeps): void {
  registerUserCommands(registry, deps, WORKS);
  registerTicketCardActions(registry, deps);
  registerTicketView(registry, deps);
  registerDeleteConfirmations(registry, deps);
  registerNoteRetry(registry, deps);
}
