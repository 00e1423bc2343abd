import type { RespondFn, SlashCommand } from '@slack/bolt';
import { botClient } from './bot-client.ts';
import type { SlackDeps } from './deps.ts';
import { type IdentityPayload, identityOf } from './identity.ts';
import { asBlocks, type SlackMessage, sendDirectMessageWithBlocks } from './respond-to.ts';
import type { UserRequest } from './run-as-user.ts';

/** Builds the UserRequest of a slash command: replies and deferred results go through its response URL. */
export function userRequestFromCommand(command: SlashCommand, respond: RespondFn): UserRequest {
  return {
    identity: identityOf(command),
    respondTo: { responseUrl: command.response_url, channelId: command.channel_id },
    reply: (message) => replyEphemeral(respond, message),
  };
}

/**
 * Builds the UserRequest of an interactive payload (button, shortcut, view submission). With a
 * response URL (messages, message shortcuts) replies go there; without one (modals, the Home
 * tab, global shortcuts) they go by DM.
 */
export function userRequestFromInteraction(
  deps: SlackDeps,
  body: IdentityPayload & { response_url?: string; channel?: { id?: string } | null },
  respond: RespondFn | undefined,
): UserRequest {
  const identity = identityOf(body);
  const responseUrl = body.response_url;
  return {
    identity,
    respondTo: { responseUrl, channelId: body.channel?.id ?? undefined },
    reply: async (message) => {
      if (responseUrl && respond) {
        await replyEphemeral(respond, message);
        return;
      }
      await sendDirectMessageWithBlocks(botClient(deps), identity.userId, message);
    },
  };
}

async function replyEphemeral(respond: RespondFn, message: SlackMessage): Promise<void> {
  await respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: message.text,
    ...(message.blocks ? { blocks: asBlocks(message.blocks) } : {}),
  });
}
