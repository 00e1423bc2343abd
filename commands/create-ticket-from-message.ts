import type { webApi } from '@slack/bolt';
import type { SlackDeps } from '../src/slack/deps.ts';
import {
  messageToTicketText,
  type ShortcutMessage,
  shortcutMessageOf,
} from '../src/slack/message-to-ticket.ts';
import { createUserNameResolver } from '../src/slack/message-to-ticket-users.ts';
import type { MessageShortcutArgs } from '../src/slack/registry.ts';
import { userRequestFromInteraction } from '../src/slack/user-request.ts';
import { TICKET_DETAILS_MAX } from '../views/create-ticket-modal.ts';
import { openTicketForm, type TicketFormPrefill } from './create-ticket-open.ts';

/**
 * The message shortcut "Ticket from message": the ticket form prefilled with the message's
 * first line as the title and its text, files, author, time and permalink as the details.
 * After the ticket is created, the app replies in the message's thread.
 */
export async function createTicketFromMessage(deps: SlackDeps, args: MessageShortcutArgs): Promise<void> {
  const { shortcut, client } = args;
  const message = shortcutMessageOf(shortcut.message);
  const channel = shortcut.channel;
  await openTicketForm(deps, {
    client,
    triggerId: shortcut.trigger_id,
    request: userRequestFromInteraction(deps, shortcut, args.respond),
    origin: {
      responseUrl: shortcut.response_url,
      channelId: channel.id,
      messageTs: message.ts,
      threadTs: message.threadTs,
    },
    prefill: () => prefillFromMessage(deps, client, message, channel),
  });
}

/** Title and details from a message; a failed permalink or name lookup leaves that part out. */
export async function prefillFromMessage(
  deps: SlackDeps,
  client: webApi.WebClient,
  message: ShortcutMessage,
  channel: { id: string; name?: string },
  max = TICKET_DETAILS_MAX,
): Promise<TicketFormPrefill> {
  const permalink = await permalinkOf(deps, client, channel.id, message.ts);
  const { title, details } = await messageToTicketText(
    message,
    {
      resolveUser: createUserNameResolver(client, deps.logger),
      permalink,
      channelName: channelNameOf(channel),
    },
    max,
  );
  return { title, details };
}

async function permalinkOf(
  deps: SlackDeps,
  client: webApi.WebClient,
  channelId: string,
  messageTs: string,
): Promise<string | undefined> {
  try {
    return (await client.chat.getPermalink({ channel: channelId, message_ts: messageTs })).permalink;
  } catch (error) {
    deps.logger.warn('chat.getPermalink failed; the details go without the link', {
      channel: channelId,
      error: error instanceof Error ? error.name : typeof error,
    });
    return undefined;
  }
}

/** Returns the channel's name for public and private channels; direct messages have no name worth showing. */
function channelNameOf(channel: { id: string; name?: string }): string | undefined {
  if (!/^[CG]/.test(channel.id) || !channel.name || channel.name.startsWith('mpdm-')) return undefined;
  return channel.name;
}
