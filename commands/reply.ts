import type { SlackDeps } from '../src/slack/deps.ts';
import type { SlackIdentity } from '../src/slack/identity.ts';
import {
  deliverResult,
  postToResponseUrl,
  type RespondTo,
  type SlackMessage,
} from '../src/slack/respond-to.ts';

/** Sends one reply to the user who ran the command or clicked the button. */
export type Reply = (message: SlackMessage) => Promise<void>;

/**
 * Returns a Reply that posts to `respondTo`: through the response URL as an ephemeral message,
 * else in the channel, else by DM (deliverResult). With `replaceOriginal`, the reply replaces
 * the message whose button was clicked, such as a list page or a delete confirmation. When Slack
 * rejects that response URL, the reply goes by DM instead.
 */
export function replyTo(
  deps: SlackDeps,
  identity: SlackIdentity,
  respondTo: RespondTo,
  options: { replaceOriginal?: boolean } = {},
): Reply {
  return async (message) => {
    if (options.replaceOriginal && respondTo.responseUrl) {
      const refusal = await postToResponseUrl(respondTo.responseUrl, message, { replaceOriginal: true });
      if (refusal === undefined) return;
      deps.logger.warn('Response URL rejected the replacement; sending the reply by DM', {
        team: identity.teamId,
        user: identity.userId,
        reason: refusal,
      });
      // An empty destination means a DM, because posting in the channel would show everyone a reply meant for one user.
      await deliverResult(deps, identity, {}, message);
      return;
    }
    await deliverResult(deps, identity, respondTo, message);
  };
}
