import type { types, webApi } from '@slack/bolt';
import type { Logger } from '../src/log.ts';
import type { SlackIdentity } from '../src/slack/identity.ts';
import { slackFailureOf } from '../src/slack/slack-errors.ts';
import { updateView } from './create-ticket-views.ts';

/**
 * Replaces a form's progress view with the result of its submission. Returns false when the
 * result could not be shown there (the user closed the view, or Slack rejected the update), so
 * the caller sends it by message instead. Never throws: the BMS write has already happened.
 */
export async function showInView(
  client: webApi.WebClient,
  logger: Logger,
  target: { viewId: string; identity: SlackIdentity; view: types.ModalView },
): Promise<boolean> {
  const { viewId, identity, view } = target;
  try {
    const result = await updateView(client, logger, { viewId, view });
    if (result === 'updated') return true;
    logger.info('Submission result not shown: the view was closed', {
      team: identity.teamId,
      user: identity.userId,
      view: viewId,
    });
    return false;
  } catch (error) {
    logger.warn('Submission result could not be shown in the view', {
      team: identity.teamId,
      user: identity.userId,
      view: viewId,
      slack_error: slackFailureOf(error)?.code ?? (error instanceof Error ? error.name : typeof error),
    });
    return false;
  }
}
