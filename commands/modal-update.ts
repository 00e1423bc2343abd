import type { types } from '@slack/bolt';
import { botClient } from '../src/slack/bot-client.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { describeError } from '../src/slack/error-text.ts';
import { slackFailureOf } from '../src/slack/slack-errors.ts';
import { isSessionError } from '../src/vault/session-error.ts';
import { buildWaitingModal } from '../views/modal-parts.ts';

/**
 * Replaces an open modal by its view id. For a modal the user has closed, Slack returns
 * `not_found`, and the form is not shown, as the user chose.
 */
export async function updateModal(deps: SlackDeps, viewId: string, view: types.ModalView): Promise<void> {
  try {
    await botClient(deps).views.update({ view_id: viewId, view });
  } catch (error) {
    if (slackFailureOf(error)?.code !== 'not_found') throw error;
    deps.logger.info('The modal was closed before the app could fill it', { view: viewId });
  }
}

/**
 * Fills a modal that shows "Loading": `build` makes the view from BMS data. A BMS failure shows
 * its sentence in the modal instead of leaving it loading. Session errors go on to runAsUser,
 * which prompts for the login.
 */
export async function fillModal(
  deps: SlackDeps,
  viewId: string,
  title: string,
  build: () => Promise<types.ModalView>,
): Promise<void> {
  let view: types.ModalView;
  try {
    view = await build();
  } catch (error) {
    if (isSessionError(error)) throw error;
    deps.logger.warn('Could not load a form from BMS', {
      view: viewId,
      form: title,
      error: error instanceof Error ? error.name : typeof error,
    });
    view = buildWaitingModal(title, `:warning: ${describeError(error)}`);
  }
  await updateModal(deps, viewId, view);
}

export const LOGIN_FIRST_TEXT =
  'Log in to BMS first: follow the message the app just sent you. The form fills in here once you are logged in.';
