import type { types, webApi } from '@slack/bolt';
import type { Logger } from '../src/log.ts';
import { slackFailureOf } from '../src/slack/slack-errors.ts';

export type ViewUpdateResult = 'updated' | 'superseded' | 'closed';

/**
 * Replaces an open view. With `hash`, Slack refuses the update when the view changed since
 * that hash was issued (`hash_conflict`): a newer update won, so this one is dropped. Slack
 * returns `not_found` for a view the user closed. Both are normal outcomes, not errors.
 */
export async function updateView(
  client: webApi.WebClient,
  logger: Logger,
  update: { viewId: string; hash?: string; view: types.ModalView },
): Promise<ViewUpdateResult> {
  try {
    await client.views.update({
      view_id: update.viewId,
      ...(update.hash ? { hash: update.hash } : {}),
      view: update.view,
    });
    return 'updated';
  } catch (error) {
    const code = slackFailureOf(error)?.code;
    if (code === 'hash_conflict') {
      logger.debug('View update dropped: a newer update of the view won', { view: update.viewId });
      return 'superseded';
    }
    if (code === 'not_found') {
      logger.debug('View update dropped: the user closed the view', { view: update.viewId });
      return 'closed';
    }
    throw error;
  }
}
