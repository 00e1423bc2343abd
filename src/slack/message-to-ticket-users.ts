import type { webApi } from '@slack/bolt';
import type { Logger } from '../log.ts';
import type { ResolveUserName } from './mrkdwn.ts';
import { slackFailureOf } from './slack-errors.ts';

/** A message names few people; more distinct mentions than this are left as ids to bound the users.info calls. */
const MAX_LOOKUPS = 20;

/**
 * Returns a resolver of user ids to display names through `users.info` (scope `users:read`),
 * asking once per id. A user Slack does not return keeps its id, so one failed lookup never
 * stops a ticket or note.
 */
export function createUserNameResolver(client: webApi.WebClient, logger: Logger): ResolveUserName {
  const names = new Map<string, Promise<string | undefined>>();
  return (userId) => {
    if (!/^[UW][A-Z0-9]{2,}$/.test(userId)) return undefined;
    let name = names.get(userId);
    if (!name) {
      if (names.size >= MAX_LOOKUPS) return undefined;
      name = lookUp(client, logger, userId);
      names.set(userId, name);
    }
    return name;
  };
}

async function lookUp(client: webApi.WebClient, logger: Logger, userId: string): Promise<string | undefined> {
  try {
    const { user } = await client.users.info({ user: userId });
    const name = user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name;
    return name?.trim() || undefined;
  } catch (error) {
    logger.warn('users.info failed; the mention keeps its user id', {
      user: userId,
      slack_error: slackFailureOf(error)?.code ?? 'unknown',
    });
    return undefined;
  }
}
