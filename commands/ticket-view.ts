import type { RespondFn } from '@slack/bolt';
import type { Ticket } from '../src/bms/index.ts';
import { getTicket } from '../src/services/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import {
  type RespondTo,
  registerPendingRunner,
  runAsUser,
  type UserContext,
} from '../src/slack/run-as-user.ts';
import { userRequestFromInteraction } from '../src/slack/user-request.ts';
import type { BlockMessage } from '../views/notice-message.ts';
import { buildActionableCard, TICKET_VIEW_ACTION } from '../views/ticket-actions.ts';
import { actionValue, readIdField, readIdValue, readJsonValue } from './action-values.ts';
import { replyTo } from './reply.ts';

/** Pending kind of a View click that waits for a login. */
export const TICKET_VIEW_KIND = 'ticket.view';

/** Builds the ticket card with its action buttons and the configured BMS link. */
export function cardOf(
  deps: SlackDeps,
  ticket: Ticket,
  options: { shareable: boolean; notice?: string },
): BlockMessage {
  return buildActionableCard(ticket, { ticketUrlTemplate: deps.config.bms.ticketUrl, ...options });
}

interface ViewPayload {
  ticketId: number;
  /** False for cards sent by DM from the Home tab, where sharing would only share into the DM. */
  shareable: boolean;
}

async function showTicket(deps: SlackDeps, user: UserContext, payload: ViewPayload, respondTo: RespondTo) {
  const ticket = await getTicket(user.context, { kind: 'id', id: payload.ticketId });
  await replyTo(deps, user.identity, respondTo)(cardOf(deps, ticket, { shareable: payload.shareable }));
}

async function runPendingView(deps: SlackDeps, user: UserContext, stored: unknown, respondTo: RespondTo) {
  const record = readJsonValue(JSON.stringify(stored), 'pending ticket view');
  await showTicket(
    deps,
    user,
    { ticketId: readIdField(record, 'ticketId'), shareable: record.shareable === true },
    respondTo,
  );
}

/**
 * Registers the View button of ticket lists and of the Home tab: it shows the ticket's card to
 * the clicker, as an ephemeral message under the list, or by DM from the Home tab.
 */
export function registerTicketView(registry: ListenerRegistry, deps: SlackDeps): void {
  registerPendingRunner(TICKET_VIEW_KIND, runPendingView);
  registry.action(TICKET_VIEW_ACTION, async ({ body, respond }) => {
    const payload: ViewPayload = {
      ticketId: readIdValue(actionValue(body), 'ticket'),
      shareable: body.container?.type !== 'view',
    };
    const request = userRequestFromInteraction(deps, body, respond as RespondFn);
    await runAsUser(deps, request, { kind: TICKET_VIEW_KIND, payload }, (user) =>
      showTicket(deps, user, payload, request.respondTo),
    );
  });
}
