import type { types } from '@slack/bolt';
import type { Ticket } from '../src/bms/index.ts';
import { botClient } from '../src/slack/bot-client.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { describeError } from '../src/slack/error-text.ts';
import type { SlackIdentity } from '../src/slack/identity.ts';
import { rememberThreadTicket } from '../src/slack/message-to-ticket-tie.ts';
import { deliverResult } from '../src/slack/respond-to.ts';
import { slackFailureOf } from '../src/slack/slack-errors.ts';
import { requireServices } from '../src/slack/user-context.ts';
import type { TicketFormOrigin } from '../views/create-ticket-modal.ts';
import { buildTicketCreatedThreadReply } from '../views/create-ticket-modal-results.ts';
import { buildActionableCard } from '../views/ticket-actions.ts';

/**
 * Tells the user and the channel about a new ticket. A ticket made from a message gets a reply
 * in that message's thread and a tie between thread and ticket; the user gets the ticket's card
 * where the form was started (response URL), else by DM.
 */
export async function deliverCreatedTicket(
  deps: SlackDeps,
  identity: SlackIdentity,
  ticket: Ticket,
  origin: TicketFormOrigin,
): Promise<void> {
  const urlTemplate = deps.config.bms.ticketUrl;
  let threadProblem: string | undefined;
  if (origin.channelId && origin.messageTs) {
    threadProblem = await replyInThread(deps, identity, ticket, {
      channelId: origin.channelId,
      threadTs: origin.threadTs ?? origin.messageTs,
    });
  }

  const card = buildActionableCard(ticket, {
    ticketUrlTemplate: urlTemplate,
    shareable: Boolean(origin.responseUrl),
  });
  const blocks: types.KnownBlock[] = [...card.blocks];
  if (threadProblem) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: threadProblem }] });
  await deliverResult(deps, identity, { responseUrl: origin.responseUrl }, { text: card.text, blocks });
}

/** Replies in the thread and ties it to the ticket; returns a sentence for the user when the reply failed. */
async function replyInThread(
  deps: SlackDeps,
  identity: SlackIdentity,
  ticket: Ticket,
  thread: { channelId: string; threadTs: string },
): Promise<string | undefined> {
  try {
    await rememberThreadTicket(requireServices(deps).store, thread.channelId, thread.threadTs, ticket);
  } catch (error) {
    deps.logger.warn('Thread tie could not be stored', {
      team: identity.teamId,
      user: identity.userId,
      error: error instanceof Error ? error.name : typeof error,
    });
  }

  const reply = buildTicketCreatedThreadReply(ticket, deps.config.bms.ticketUrl, identity.userId);
  try {
    await botClient(deps).chat.postMessage({
      channel: thread.channelId,
      thread_ts: thread.threadTs,
      text: reply.text,
      blocks: reply.blocks,
      unfurl_links: false,
    });
    return undefined;
  } catch (error) {
    const code = slackFailureOf(error)?.code;
    deps.logger.warn('Thread reply about a new ticket failed', {
      team: identity.teamId,
      user: identity.userId,
      slack_error: code ?? 'unknown',
    });
    if (code === 'not_in_channel' || code === 'channel_not_found') {
      return 'The app is not a member of that channel, so it could not reply in the thread. Invite it with `/invite @bms` to get thread replies.';
    }
    return `The reply in the thread failed: ${describeError(error)}`;
  }
}
