import { unescapeSlackEntities } from '../src/grammar/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { HomeActions, Shortcuts } from '../src/slack/ids.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import { registerPendingRunner } from '../src/slack/run-as-user.ts';
import { userRequestFromCommand, userRequestFromInteraction } from '../src/slack/user-request.ts';
import { CREATE_TICKET_VIEWS, LIST_FIELDS, TICKET_FORM_ACTIONS } from '../views/create-ticket-modal.ts';
import type { Subcommand } from './bms-router.ts';
import { createTicketFromMessage } from './create-ticket-from-message.ts';
import { openTicketForm } from './create-ticket-open.ts';
import { loadAccountOptions, loadListOptions } from './create-ticket-options.ts';
import { registerFormResume } from './create-ticket-resume.ts';
import { runPendingTicketCreate, TICKET_CREATE_PENDING_KIND } from './create-ticket-run.ts';
import { submitTicketForm } from './create-ticket-submit.ts';
import { applyTemplate, changeAccount } from './create-ticket-update.ts';

/** Action ids of the list fields that may be external selects and so load options. */
const LIST_ACTIONS = new RegExp(`^(${LIST_FIELDS.map((field) => TICKET_FORM_ACTIONS[field]).join('|')})$`);

/**
 * `/bms create [title]`: opens the ticket form, with the text after `create` as its title. It is
 * routed by name before the grammar runs, because the trigger id must reach views.open at once;
 * the grammar describes the same form for help and for the terminal.
 */
export const createSubcommand: Subcommand = async ({ args, command, respond, client, deps }) => {
  await openTicketForm(deps, {
    client,
    triggerId: command.trigger_id,
    request: userRequestFromCommand(command, respond),
    origin: { responseUrl: command.response_url },
    // Slack sends command text with &, < and > as entities; the title is plain text.
    prefill: async () => (args ? { title: unescapeSlackEntities(args) } : {}),
  });
};

/** Registers the ticket form: its entry points, its field changes, options loads and submission. */
export function registerCreateTicket(registry: ListenerRegistry, deps: SlackDeps): void {
  registerPendingRunner(TICKET_CREATE_PENDING_KIND, runPendingTicketCreate);

  registry.globalShortcut(Shortcuts.createTicket, async ({ shortcut, client }) => {
    await openTicketForm(deps, {
      client,
      triggerId: shortcut.trigger_id,
      request: userRequestFromInteraction(deps, shortcut, undefined),
      origin: {},
    });
  });
  registry.action(HomeActions.createTicket, async ({ body, client }) => {
    await openTicketForm(deps, {
      client,
      triggerId: body.trigger_id,
      request: userRequestFromInteraction(deps, body, undefined),
      origin: {},
    });
  });
  registry.messageShortcut(Shortcuts.createTicketFromMessage, (args) => createTicketFromMessage(deps, args));
  registerFormResume(registry, deps);

  registry.action(TICKET_FORM_ACTIONS.account, (args) => changeAccount(deps, args));
  registry.action(TICKET_FORM_ACTIONS.template, (args) => applyTemplate(deps, args));
  registry.options(TICKET_FORM_ACTIONS.account, (args) => loadAccountOptions(deps, args));
  registry.options(LIST_ACTIONS, (args) => loadListOptions(deps, args));
  registry.viewSubmission(CREATE_TICKET_VIEWS.form, (args) => submitTicketForm(deps, args));
}
