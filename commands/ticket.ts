import { z } from 'zod';
import { isBmsError } from '../src/bms/errors.ts';
import type { TicketsGetCommand } from '../src/grammar/index.ts';
import type { TicketReference } from '../src/services/ticket-reference.ts';
import { parseBmsId } from '../src/services/ticket-reference.ts';
import { getTicket } from '../src/services/tickets.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import { deliverResult, postToResponseUrl, type SlackMessage } from '../src/slack/respond-to.ts';
import { registerPendingRunner, runAsUser, type UserContext } from '../src/slack/run-as-user.ts';
import { userRequestFromCommand, userRequestFromInteraction } from '../src/slack/user-request.ts';
import { buildActionableCard } from '../views/ticket-actions.ts';
import { TICKET_CARD_ACTIONS } from '../views/ticket-card.ts';
import type { CommandHandler } from './bms-router.ts';

/** Pending kinds of this module: show a ticket to its requester, or share it in the channel. */
export const TICKET_PENDING_KINDS = { show: 'ticket.show', share: 'ticket.share' } as const;

const referenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('id'), id: z.number().int().positive() }),
  z.object({ kind: z.literal('number'), ticketNumber: z.string().min(1) }),
]);
const showPayloadSchema = z.object({ ticket: referenceSchema });
const sharePayloadSchema = z.object({ ticketId: z.number().int().positive() });

/**
 * `/bms ticket <id|#id|number>` and `/bms tickets get ...`: the ticket card, visible to the
 * requester only, fetched as the requester. The router acks before this runs.
 */
export const showTicket: CommandHandler<TicketsGetCommand> = async ({ parsed, command, respond, deps }) => {
  const request = userRequestFromCommand(command, respond);
  await runAsUser(
    deps,
    request,
    { kind: TICKET_PENDING_KINDS.show, payload: { ticket: parsed.ticket } },
    async (user) => request.reply(await ticketCardMessage(deps, user, parsed.ticket, true)),
  );
};

/**
 * Fetches the ticket and builds its card, or the sentence for a ticket that does not exist or
 * that the user may not see. Other failures are thrown to the error boundary.
 */
export async function ticketCardMessage(
  deps: SlackDeps,
  user: UserContext,
  reference: TicketReference,
  shareable: boolean,
): Promise<SlackMessage> {
  const label = reference.kind === 'id' ? String(reference.id) : reference.ticketNumber;
  try {
    const ticket = await getTicket(user.context, reference);
    return buildActionableCard(ticket, { ticketUrlTemplate: deps.config.bms.ticketUrl, shareable });
  } catch (error) {
    if (isBmsError(error, 'not_found')) {
      return { text: `Ticket ${escapeMrkdwn(label)} was not found in BMS, or it was deleted.` };
    }
    if (isBmsError(error, 'forbidden')) {
      return {
        text: `Your BMS user may not see ticket ${escapeMrkdwn(label)}. Ask your BMS administrator for access to its account.`,
      };
    }
    throw error;
  }
}

/** Registers the card's "Share in channel" button and the runners that finish deferred lookups. */
export function registerTicket(registry: ListenerRegistry, deps: SlackDeps): void {
  registry.action(TICKET_CARD_ACTIONS.share, async ({ body, action, respond }) => {
    const value = action.type === 'button' ? action.value : undefined;
    const ticketId = parseBmsId(value, 'ticket');
    if (!ticketId.ok) throw new Error('The share button carries no valid ticket id.');
    const request = userRequestFromInteraction(deps, body, respond);
    await runAsUser(
      deps,
      request,
      { kind: TICKET_PENDING_KINDS.share, payload: { ticketId: ticketId.id } },
      (user) => shareTicket(deps, user, ticketId.id, request.respondTo.responseUrl, request.reply),
    );
  });

  registerPendingRunner(TICKET_PENDING_KINDS.show, async (runnerDeps, user, payload, respondTo) => {
    const { ticket } = showPayloadSchema.parse(payload);
    const message = await ticketCardMessage(runnerDeps, user, ticket, true);
    await deliverResult(runnerDeps, user.identity, respondTo, message);
  });
  registerPendingRunner(TICKET_PENDING_KINDS.share, async (runnerDeps, user, payload, respondTo) => {
    const { ticketId } = sharePayloadSchema.parse(payload);
    await shareTicket(runnerDeps, user, ticketId, respondTo.responseUrl, (message) =>
      deliverResult(runnerDeps, user.identity, respondTo, message),
    );
  });
}

/**
 * Posts the card in the channel through the action's response URL (which works where the bot is
 * not a member), without the share button. The ticket is fetched again, because Slack does not
 * send the content of an ephemeral message with its actions.
 */
async function shareTicket(
  deps: SlackDeps,
  user: UserContext,
  ticketId: number,
  responseUrl: string | undefined,
  reply: (message: SlackMessage) => Promise<void>,
): Promise<void> {
  const message = await ticketCardMessage(deps, user, { kind: 'id', id: ticketId }, false);
  const isCard = message.blocks !== undefined;
  if (!isCard || !responseUrl) {
    await reply(isCard ? { text: 'This card cannot be shared from here.' } : message);
    return;
  }
  const refused = await postToResponseUrl(responseUrl, message, { responseType: 'in_channel' });
  if (refused !== undefined) {
    deps.logger.warn('Slack rejected the shared ticket card', {
      team: user.identity.teamId,
      user: user.identity.userId,
      reason: refused,
    });
    await reply({
      text: 'Slack did not accept the card for this channel. Run the command again and share the new card.',
    });
  }
}
