import type { SlackDeps } from '../src/slack/deps.ts';
import type { SlackIdentity } from '../src/slack/identity.ts';
import {
  deliverResult,
  postToResponseUrl,
  type RespondTo,
  type SlackMessage,
} from '../src/slack/respond-to.ts';

/** Sends one answer to the user who asked. */
export type Answer = (message: SlackMessage) => Promise<void>;

/**
 * Returns an Answer that posts to `respondTo`: through the response URL as an ephemeral message,
 * else in the channel, else by DM (deliverResult). With `replaceOriginal`, the answer replaces
 * the message whose button was clicked, such as a list page or a delete confirmation; when Slack
 * no longer takes that response URL, the answer arrives by DM instead.
 */
export function answerTo(
  deps: SlackDeps,
  identity: SlackIdentity,
  respondTo: RespondTo,
  options: { replaceOriginal?: boolean } = {},
): Answer {
  return async (message) => {
    if (options.replaceOriginal && respondTo.responseUrl) {
      const refusal = await postToResponseUrl(respondTo.responseUrl, message, { replaceOriginal: true });
      if (refusal === undefined) return;
      deps.logger.warn('Response URL refused to replace the message; sending it by DM', {
        team: identity.teamId,
        user: identity.userId,
        reason: refusal,
      });
      // An empty destination means a DM: the channel would show everyone what was only the user's.
      await deliverResult(deps, identity, {}, message);
      return;
    }
    await deliverResult(deps, identity, respondTo, message);
  };
}
