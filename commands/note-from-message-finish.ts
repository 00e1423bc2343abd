import type { types, webApi } from '@slack/bolt';
import type { SlackDeps } from '../src/slack/deps.ts';
import type { SlackIdentity } from '../src/slack/identity.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { deliverResult } from '../src/slack/respond-to.ts';
import { openUserContext } from '../src/slack/user-context.ts';
import { ticketMention } from '../views/create-ticket-modal-results.ts';
import { buildNoteModal, type NoteFormOrigin, type NoteFormValues } from '../views/note-modal.ts';
import { buildNoticeModal } from '../views/notice-modal.ts';
import { loadNoteStatuses, loadNoteTypes } from './note-from-message-form.ts';
import {
  announceNote,
  type NoteErrors,
  type NoteOutcome,
  noteErrorsAsText,
} from './note-from-message-run.ts';
import { showInView } from './show-in-view.ts';

const TITLE = 'Add to BMS ticket';

export const WAITING_TEXT =
  'Sign in to BMS to finish: the app sent you a sign-in prompt by direct message. The note is added as soon as you are signed in.';

/** A note form that was acked with the "Adding…" view and waits for its result. */
export interface NoteSubmission {
  viewId: string;
  identity: SlackIdentity;
  values: NoteFormValues;
  origin: NoteFormOrigin;
}

/**
 * Shows the note's outcome in place of the "Adding…" view, and announces an added note in
 * the thread. A failure brings the form back with the text as typed and each reason under its
 * field. When the user has closed the view, the reasons and the text go where the form was
 * started instead, so the text is never lost.
 */
export async function showNoteOutcome(
  deps: SlackDeps,
  client: webApi.WebClient,
  submission: NoteSubmission,
  outcome: NoteOutcome,
): Promise<void> {
  const { viewId, identity, values, origin } = submission;
  if (outcome.kind === 'added') {
    const text = `Added as a note to ${ticketMention(outcome.ticket, deps.config.bms.ticketUrl)}.`;
    await showInView(client, deps.logger, {
      viewId,
      identity,
      view: buildNoticeModal({ title: TITLE, text }),
    });
    await announceNote(deps, identity, outcome.ticket, origin);
    return;
  }
  if (outcome.kind === 'waiting') {
    // The sign-in prompt went by DM already, so a closed view loses nothing here.
    const view = buildNoticeModal({ title: TITLE, text: WAITING_TEXT });
    await showInView(client, deps.logger, { viewId, identity, view });
    return;
  }

  const view = await restoredForm(deps, identity, submission, outcome.errors);
  if (await showInView(client, deps.logger, { viewId, identity, view })) return;
  // Whole, not cut: a message's text takes 40,000 characters and the note at most 3,000 before escaping.
  const typed = values.text ? `\n\nYour note:\n\`\`\`${escapeMrkdwn(values.text)}\`\`\`` : '';
  const text = `The note was not added. ${escapeMrkdwn(noteErrorsAsText(outcome.errors))}${typed}`;
  await deliverResult(deps, identity, { responseUrl: origin.responseUrl }, { text });
}

async function restoredForm(
  deps: SlackDeps,
  identity: SlackIdentity,
  submission: NoteSubmission,
  errors: NoteErrors,
): Promise<types.ModalView> {
  const { values, origin } = submission;
  const notice = `The note was not added.${errors.general ? ` ${errors.general}` : ' Check the fields marked ⚠️.'}`;
  const failure = { values, origin, notice, fieldWarnings: errors.fields };
  try {
    const user = await openUserContext(deps, identity);
    const [noteTypes, statuses] = await Promise.all([
      loadNoteTypes(user.cache, deps.config),
      loadNoteStatuses(user.cache),
    ]);
    return buildNoteModal({ ...failure, noteTypes: noteTypes.types, statuses });
  } catch {
    // The configured note types need no BMS call, so the form can come back even when BMS is down.
    return buildNoteModal({ ...failure, noteTypes: deps.config.bms.noteTypes, statuses: undefined });
  }
}
