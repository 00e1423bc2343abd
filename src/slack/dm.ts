import type { webApi } from '@slack/bolt';

/** Sends a user a direct message from the bot (needs `im:write` and `chat:write`). */
export async function sendDirectMessage(
  client: webApi.WebClient,
  userId: string,
  text: string,
): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel id');
  await client.chat.postMessage({ channel, text });
}
