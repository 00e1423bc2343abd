import type { types } from '@slack/bolt';
import type { NoteRequest } from '../src/services/notes.ts';
import { parseTicketReference } from '../src/services/ticket-reference.ts';
import { formatIsoUtc } from '../src/services/validation.ts';
import { botClient } from '../src/slack/bot-client.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { identityOf } from '../src/slack/identity.ts';
import type { ViewSubmissionArgs } from '../src/slack/registry.ts';
import { sendDirectMessageWithBlocks } from '../src/slack/respond-to.ts';
import type { UserRequest } from '../src/slack/run-as-user.ts';
import { type TicketHeadline, ticketMention } from '../views/create-ticket-modal-results.ts';
import {
  buildNoteProgressModal,
  NOTE_FORM_ACTIONS,
  type NoteFormValues,
  readNoteForm,
} from '../views/note-modal.ts';
import { buildNoticeModal } from '../views/notice-modal.ts';
import { claimOrDuplicate } from './create-ticket-run.ts';
import { showNoteOutcome } from './note-from-message-finish.ts';
import { addClaimedNote, type NoteFieldErrors, noteSubmissionOnce } from './note-from-message-run.ts';

export { NOTE_CREATE_PENDING_KIND, runPendingNoteCreate } from './note-from-message-run.ts';

const ADDING_TEXT =
  'Adding the note in BMS… This form shows the result; you may close it, the app tells you either way.';

/**
 * Handles the note form's submission. The ticket reference and the text are checked in the
 * ack, next to their fields. The view is then claimed so the note is added once, and the ack
 * shows "Adding…" at once, so it never waits for BMS. Finding the ticket and adding the note
 * follow; their result replaces that view, and a failure brings the form back with the text.
 */
export async function submitNoteForm(deps: SlackDeps, args: ViewSubmissionArgs): Promise<void> {
  const { ack, body, view } = args;
  const { values, origin } = readNoteForm(view);

  const problems = checkNote(values);
  if (problems) {
    await ack({ response_action: 'errors', errors: byBlockId(problems) });
    return;
  }

  const once = noteSubmissionOnce(deps, view.id);
  const duplicate = await claimOrDuplicate(once);
  if (duplicate) {
    await ack({ response_action: 'update', view: duplicateView(deps, duplicate.ticket) });
    return;
  }

  try {
    await ack({ response_action: 'update', view: buildNoteProgressModal(ADDING_TEXT) });
  } catch (error) {
    // Slack never saw this submission, so the user may submit the same form again.
    await once.release();
    throw error;
  }

  const identity = identityOf(body);
  const userRequest: UserRequest = {
    identity,
    respondTo: origin.responseUrl ? { responseUrl: origin.responseUrl } : {},
    reply: async (message) => {
      await sendDirectMessageWithBlocks(botClient(deps), identity.userId, message);
    },
  };
  const pending = { viewId: view.id, ticket: values.ticket ?? '', note: noteRequestOf(values), origin };
  const outcome = await addClaimedNote(deps, userRequest, pending, once);
  await showNoteOutcome(deps, args.client, { viewId: view.id, identity, values, origin }, outcome);
}

/**
 * Builds the ack view for a form that already added its note, or is adding it. The first
 * submission's result replaces the "Adding…" view when BMS responds.
 */
function duplicateView(deps: SlackDeps, ticket: TicketHeadline | undefined): types.ModalView {
  if (!ticket) {
    return buildNoteProgressModal(
      'This note is already being added from this form. This view shows the result when BMS confirms it.',
    );
  }
  return buildNoticeModal({
    title: 'Add to BMS ticket',
    text: `This form already added its note to ${ticketMention(ticket, deps.config.bms.ticketUrl)}.`,
  });
}

function checkNote(values: NoteFormValues): NoteFieldErrors | undefined {
  const errors: NoteFieldErrors = {};
  const ticket = parseTicketReference(values.ticket);
  if (!ticket.ok) errors.ticket = ticket.message;
  if (!values.text?.trim()) errors.text = 'The note is empty: type the text of the note.';
  return Object.keys(errors).length > 0 ? errors : undefined;
}

function noteRequestOf(values: NoteFormValues): NoteRequest {
  return {
    details: values.text,
    noteDate: values.notedAt === undefined ? undefined : formatIsoUtc(values.notedAt * 1000),
    type: values.typeId,
    isPublic: values.isPublic,
    ...(values.statusId !== undefined ? { statusId: values.statusId } : {}),
  };
}

function byBlockId(errors: NoteFieldErrors): Record<string, string> {
  const byBlock: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (message) byBlock[NOTE_FORM_ACTIONS[field as keyof typeof NOTE_FORM_ACTIONS]] = message;
  }
  return byBlock;
}
