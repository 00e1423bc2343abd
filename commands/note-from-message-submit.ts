import { performance } from 'node:perf_hooks';
import type { types, ViewResponseAction, webApi } from '@slack/bolt';
import type { NoteRequest } from '../src/services/notes.ts';
import { parseTicketReference } from '../src/services/ticket-reference.ts';
import { formatIsoUtc } from '../src/services/validation.ts';
import { botClient } from '../src/slack/bot-client.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { identityOf, type SlackIdentity } from '../src/slack/identity.ts';
import type { ViewSubmissionArgs } from '../src/slack/registry.ts';
import { sendDirectMessageWithBlocks } from '../src/slack/respond-to.ts';
import type { UserRequest } from '../src/slack/run-as-user.ts';
import { openUserContext } from '../src/slack/user-context.ts';
import { ticketMention } from '../views/create-ticket-modal-results.ts';
import {
  buildNoteModal,
  buildNoteProgressModal,
  NOTE_FORM_ACTIONS,
  type NoteFormOrigin,
  type NoteFormValues,
  readNoteForm,
} from '../views/note-modal.ts';
import { buildNoticeModal } from '../views/notice-modal.ts';
import { settleBeforeAck } from './create-ticket-deadline.ts';
import { claimOrDuplicate } from './create-ticket-run.ts';
import { updateView } from './create-ticket-views.ts';
import { loadNoteStatuses, loadNoteTypes } from './note-from-message-form.ts';
import {
  addClaimedNote,
  announceNote,
  type NoteFieldErrors,
  type NoteOutcome,
  noteSubmissionOnce,
} from './note-from-message-run.ts';

export { NOTE_CREATE_PENDING_KIND, runPendingNoteCreate } from './note-from-message-run.ts';

const WAITING_TEXT =
  'Sign in to BMS to finish: the app sent you a sign-in prompt by direct message. The note is added as soon as you are signed in.';

/**
 * Handles the note form's submission: checks the ticket and the text, claims the view so the
 * note is added once, then finds the ticket and adds the note. A refusal or an outage keeps the
 * form open with the reason and the text as typed.
 */
export async function submitNoteForm(deps: SlackDeps, args: ViewSubmissionArgs): Promise<void> {
  const startedAt = performance.now();
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
    await ack(
      duplicate.ticket
        ? {
            response_action: 'update',
            view: buildNoticeModal({
              title: 'Add to BMS ticket',
              text: `This form already added its note to ${ticketMention(duplicate.ticket, deps.config.bms.ticketUrl)}.`,
            }),
          }
        : {
            response_action: 'errors',
            errors: {
              [NOTE_FORM_ACTIONS.text]:
                'This note is already being added. Wait a few seconds: the form closes when BMS confirms it.',
            },
          },
    );
    return;
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
  const work = addClaimedNote(deps, userRequest, pending, once);

  const settled = await settleBeforeAck(work, startedAt);
  if (settled.settled) {
    await ack(answerOf(settled.value));
    if (settled.value.kind === 'added') await announceNote(deps, identity, settled.value.ticket, origin);
    return;
  }
  await ack({ response_action: 'update', view: buildNoteProgressModal('Adding the note in BMS…') });
  await finishAfterAck(deps, args.client, { viewId: view.id, identity, values, origin }, await settled.later);
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

function answerOf(outcome: NoteOutcome): ViewResponseAction | undefined {
  switch (outcome.kind) {
    case 'added':
      return undefined;
    case 'not_added':
      return { response_action: 'errors', errors: byBlockId(outcome.errors) };
    case 'waiting':
      return {
        response_action: 'update',
        view: buildNoticeModal({ title: 'Add to BMS ticket', text: WAITING_TEXT }),
      };
  }
}

/** Shows the result of a note that outlasted the ack deadline; a failure brings the form back with the text. */
async function finishAfterAck(
  deps: SlackDeps,
  client: webApi.WebClient,
  submission: { viewId: string; identity: SlackIdentity; values: NoteFormValues; origin: NoteFormOrigin },
  outcome: NoteOutcome,
): Promise<void> {
  const { viewId, identity, values, origin } = submission;
  let view: types.ModalView;
  if (outcome.kind === 'added') {
    view = buildNoticeModal({
      title: 'Add to BMS ticket',
      text: `Added as a note to ${ticketMention(outcome.ticket, deps.config.bms.ticketUrl)}.`,
    });
  } else if (outcome.kind === 'waiting') {
    view = buildNoticeModal({ title: 'Add to BMS ticket', text: WAITING_TEXT });
  } else {
    view = await restoredForm(deps, identity, values, origin, Object.values(outcome.errors).join(' '));
  }
  await updateView(client, deps.logger, { viewId, view });
  if (outcome.kind === 'added') await announceNote(deps, identity, outcome.ticket, origin);
}

async function restoredForm(
  deps: SlackDeps,
  identity: SlackIdentity,
  values: NoteFormValues,
  origin: NoteFormOrigin,
  reason: string,
): Promise<types.ModalView> {
  const notice = `The note was not added. ${reason}`;
  try {
    const user = await openUserContext(deps, identity);
    const [noteTypes, statuses] = await Promise.all([
      loadNoteTypes(user.cache, deps.config),
      loadNoteStatuses(user.cache),
    ]);
    return buildNoteModal({ values, noteTypes: noteTypes.types, statuses, origin, notice });
  } catch {
    // The configured note types need no BMS call, so the form can come back even when BMS is down.
    return buildNoteModal({
      values,
      noteTypes: deps.config.bms.noteTypes,
      statuses: undefined,
      origin,
      notice,
    });
  }
}
