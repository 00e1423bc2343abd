import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { isBmsError } from '../src/bms/errors.ts';
import type { Ticket } from '../src/bms/index.ts';
import { ValidationError } from '../src/services/validation.ts';
import { botClient } from '../src/slack/bot-client.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { asBlocks, deliverResult, postToResponseUrl } from '../src/slack/respond-to.ts';
import type { UserContext } from '../src/slack/run-as-user.ts';
import { slackFailureOf } from '../src/slack/slack-errors.ts';
import { cardOf } from './ticket-view.ts';

/**
 * The location of a ticket card, so that an action can replace it with the ticket's new state.
 * Modal metadata and pending payloads keep it, so it is plain JSON.
 */
export const cardLocationSchema = z.object({
  ticketId: z.number().int().positive(),
  /** The response URL of the click on the card: it can replace the card for 30 minutes, 5 times. */
  responseUrl: z.string().optional(),
  channelId: z.string().optional(),
  messageTs: z.string().optional(),
  /** The card is visible to the requester only, and chat.update cannot edit such a message. */
  ephemeral: z.boolean(),
});

export type CardLocation = z.infer<typeof cardLocationSchema>;

/**
 * Returns the error a card action reports: when BMS no longer has the card's ticket, a
 * ValidationError whose sentence names the ticket, because the generic "check the number" does
 * not fit a button the user clicked. Any other error is returned as it is.
 */
export function cardTicketError(error: unknown, ticketId: number): unknown {
  if (!isBmsError(error, 'not_found')) return error;
  return new ValidationError({ ticket: `Ticket ${ticketId} was not found in BMS, or it was deleted.` });
}

/** Reads the card's location from a click on one of its buttons. */
export function cardLocationOf(body: BlockAction, ticketId: number): CardLocation {
  const container = body.container as { channel_id?: unknown; message_ts?: unknown; is_ephemeral?: unknown };
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    ticketId,
    responseUrl: text(body.response_url),
    channelId: text(container.channel_id) ?? body.channel?.id,
    messageTs: text(container.message_ts) ?? body.message?.ts,
    ephemeral: container.is_ephemeral === true,
  };
}

/**
 * Replaces the card with the ticket's new state and a line about what changed. A card in a
 * channel or DM is edited with chat.update, an ephemeral one through the response URL of the
 * click. When neither works (the response URL expired, the message is gone), the new card is
 * sent to the user by DM, so the result is never lost.
 */
export async function updateCard(
  deps: SlackDeps,
  user: UserContext,
  location: CardLocation,
  ticket: Ticket,
  notice: string,
): Promise<void> {
  const card = cardOf(deps, ticket, { shareable: location.ephemeral, notice });
  const fields = { team: user.identity.teamId, user: user.identity.userId, ticketId: ticket.Id };

  if (!location.ephemeral && location.channelId && location.messageTs) {
    try {
      await botClient(deps).chat.update({
        channel: location.channelId,
        ts: location.messageTs,
        text: card.text,
        blocks: asBlocks(card.blocks),
      });
      return;
    } catch (error) {
      const code = slackFailureOf(error)?.code;
      if (!code) throw error;
      // Cards posted through a response URL belong to no bot user here, so Slack may reject the edit.
      deps.logger.info('chat.update rejected the card; trying the response URL', {
        ...fields,
        slack_error: code,
      });
    }
  }
  if (location.responseUrl) {
    const refusal = await postToResponseUrl(location.responseUrl, card, { replaceOriginal: true });
    if (refusal === undefined) return;
    deps.logger.warn('Response URL rejected the card; sending it by DM', {
      ...fields,
      reason: refusal,
    });
  }
  await deliverResult(deps, user.identity, {}, card);
}
