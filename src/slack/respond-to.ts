import type { types, webApi } from '@slack/bolt';
import type { RespondTo } from '../vault/pending.ts';
import { botClient } from './bot-client.ts';
import type { SlackDeps } from './deps.ts';
import type { SlackIdentity } from './identity.ts';
import { slackFailureOf } from './slack-errors.ts';

export type { RespondTo } from '../vault/pending.ts';

/** A message as the app posts it: the fallback text and, optionally, Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks?: unknown[];
}

/** A response URL post that waits longer than this is given up, so a hung Slack cannot hold a pending run. */
const RESPONSE_URL_TIMEOUT_MS = 10_000;

/**
 * Delivers the result of a deferred operation where the user started it: through the response
 * URL (ephemeral, works where the bot is not a member), else in the channel or thread, else by
 * DM. A response URL that Slack no longer takes (used five times, older than 30 minutes) and a
 * channel the bot cannot post in fall back to the DM, so the result is never lost silently.
 */
export async function deliverResult(
  deps: Pick<SlackDeps, 'config' | 'logger'>,
  identity: SlackIdentity,
  respondTo: RespondTo,
  message: SlackMessage,
): Promise<void> {
  const client = botClient(deps);
  if (respondTo.responseUrl) {
    const refusal = await postToResponseUrl(respondTo.responseUrl, message);
    if (refusal === undefined) return;
    deps.logger.warn('Response URL rejected the result; sending it by DM', {
      team: identity.teamId,
      user: identity.userId,
      reason: refusal,
    });
  } else if (respondTo.channelId) {
    try {
      await client.chat.postMessage({
        channel: respondTo.channelId,
        thread_ts: respondTo.threadTs,
        text: message.text,
        ...(message.blocks ? { blocks: asBlocks(message.blocks) } : {}),
      });
      return;
    } catch (error) {
      const code = slackFailureOf(error)?.code;
      if (code !== 'not_in_channel' && code !== 'channel_not_found') throw error;
      deps.logger.warn('The bot cannot post the result in the channel; sending it by DM', {
        team: identity.teamId,
        user: identity.userId,
        slack_error: code,
      });
    }
  }
  await sendDirectMessageWithBlocks(client, identity.userId, message);
}

/** Sends the user a DM from the bot (`im:write` for conversations.open, `chat:write` to post); returns its channel. */
export async function sendDirectMessageWithBlocks(
  client: webApi.WebClient,
  userId: string,
  message: SlackMessage,
): Promise<{ channel: string; ts?: string }> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel id');
  const posted = await client.chat.postMessage({
    channel,
    text: message.text,
    ...(message.blocks ? { blocks: asBlocks(message.blocks) } : {}),
  });
  return { channel, ts: posted.ts };
}

/** Posts an ephemeral message to a response URL; returns Slack's reason for rejecting it, or undefined when Slack accepted it. */
export async function postToResponseUrl(
  responseUrl: string,
  message: SlackMessage,
  options: { responseType?: 'ephemeral' | 'in_channel'; replaceOriginal?: boolean } = {},
): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        response_type: options.responseType ?? 'ephemeral',
        replace_original: options.replaceOriginal ?? false,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
      }),
      signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
    });
  } catch (error) {
    return error instanceof Error ? error.name : 'request_failed';
  }
  const body = await response.text();
  if (response.ok) return undefined;
  return errorCodeOf(body) ?? `http_${response.status}`;
}

function errorCodeOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const code = (parsed as { error: unknown }).error;
      return typeof code === 'string' ? code : undefined;
    }
  } catch {
    // Slack returns some rejections in plain text, and then the HTTP status names the failure.
  }
  return undefined;
}

/**
 * Types the blocks of a SlackMessage for the Web API client. The builders in views/ make them,
 * and the fake Slack API in the tests checks them against Block Kit's rules.
 */
export function asBlocks(blocks: readonly unknown[]): (types.KnownBlock | types.Block)[] {
  return blocks as (types.KnownBlock | types.Block)[];
}
