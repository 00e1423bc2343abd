import type { SlackDeps } from '../src/slack/deps.ts';
import { Commands } from '../src/slack/ids.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import { authRefresh, authStatus, logout, registerAuthRunners } from './auth.ts';
import { BMS_COMMAND_HANDLERS, registerBmsCommands } from './bms-commands.ts';
import { type CommandHandlers, createBmsRouter, type Subcommand } from './bms-router.ts';
import { createSubcommand, registerCreateTicket } from './create-ticket.ts';
import { registerHome } from './home.ts';
import { login, registerLogin } from './login.ts';
import { registerMfa } from './mfa.ts';
import { registerNoteFromMessage } from './note-from-message.ts';
import { registerTicket, showTicket } from './ticket.ts';

/**
 * `/bms` handlers by parsed command name (see src/grammar/parsed-command.ts); each module adds
 * its entries here. Help and grammar errors are answered by the router itself.
 */
export const COMMAND_HANDLERS: CommandHandlers = {
  ...BMS_COMMAND_HANDLERS,
  'tickets.get': showTicket,
  'auth.login': login,
  'auth.logout': logout,
  'auth.status': authStatus,
  'auth.refresh': authRefresh,
};

/** `/bms` handlers by first word that read the raw text themselves; they bypass the grammar. */
export const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  create: createSubcommand,
};

/** Registers every listener of the app: `/bms`, the shortcuts and the Home tab. */
export function registerListeners(registry: ListenerRegistry, deps: SlackDeps): void {
  registry.command(
    Commands.bms,
    createBmsRouter({ handlers: COMMAND_HANDLERS, subcommands: SUBCOMMANDS }, deps),
  );
  registerLogin(registry, deps);
  registerMfa(registry, deps);
  registerTicket(registry, deps);
  registerBmsCommands(registry, deps);
  registerAuthRunners();
  registerCreateTicket(registry, deps);
  registerNoteFromMessage(registry, deps);
  registerHome(registry, deps);
}
