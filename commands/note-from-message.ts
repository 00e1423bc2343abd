import type { webApi } from '@slack/bolt';
import type { SlackDeps } from '../src/slack/deps.ts';
import { Shortcuts } from '../src/slack/ids.ts';
import {
  type ShortcutMessage,
  shortcutMessageOf,
  slackTsToSeconds,
  threadTsOf,
} from '../src/slack/message-to-ticket.ts';
import type { ListenerRegistry, MessageShortcutArgs } from '../src/slack/registry.ts';
import { registerPendingRunner, runAsUser, type UserRequest } from '../src/slack/run-as-user.ts';
import { requireServices } from '../src/slack/user-context.ts';
import { userRequestFromInteraction } from '../src/slack/user-request.ts';
import {
  buildNoteModal,
  buildNoteProgressModal,
  NOTE_FORM_ACTIONS,
  NOTE_TEXT_MAX,
  NOTE_VIEWS,
} from '../views/note-modal.ts';
import { prefillFromMessage } from './create-ticket-from-message.ts';
import { updateView } from './create-ticket-views.ts';
import { findTicketOfMessage, loadNoteStatuses, loadNoteTypes } from './note-from-message-form.ts';
import { loadNoteOptions } from './note-from-message-options.ts';
import {
  NOTE_CREATE_PENDING_KIND,
  runPendingNoteCreate,
  submitNoteForm,
} from './note-from-message-submit.ts';

/** Pending kind of a note form that waited for a login; its runner offers a button that opens the form. */
export const NOTE_FORM_PENDING_KIND = 'note.form';

/** The message a note form is made from: plain JSON, kept while a login is pending. */
export interface NoteFormPending {
  message: ShortcutMessage;
  channel: { id: string; name?: string };
  responseUrl?: string;
}

export interface NoteFormStart extends NoteFormPending {
  client: webApi.WebClient;
  triggerId: string;
  request: UserRequest;
}

/** Registers the message shortcut "Add to BMS ticket", its options loads and its submission. */
export function registerNoteFromMessage(registry: ListenerRegistry, deps: SlackDeps): void {
  registerPendingRunner(NOTE_CREATE_PENDING_KIND, runPendingNoteCreate);

  registry.messageShortcut(Shortcuts.addNoteFromMessage, async (args: MessageShortcutArgs) => {
    const { shortcut, client } = args;
    await openNoteForm(deps, {
      client,
      triggerId: shortcut.trigger_id,
      request: userRequestFromInteraction(deps, shortcut, args.respond),
      message: shortcutMessageOf(shortcut.message),
      channel: shortcut.channel,
      responseUrl: shortcut.response_url,
    });
  });
  registry.options(new RegExp(`^(${NOTE_FORM_ACTIONS.type}|${NOTE_FORM_ACTIONS.status})$`), (args) =>
    loadNoteOptions(deps, args),
  );
  registry.viewSubmission(NOTE_VIEWS.form, (args) => submitNoteForm(deps, args));
}

/**
 * Opens the note form at once with a loading text, because the trigger id lives 3 seconds.
 * Then the form gets the message as plain text, the ticket the thread belongs to, note types
 * and statuses from the cache, and the message's own time as the note date.
 */
export async function openNoteForm(deps: SlackDeps, start: NoteFormStart): Promise<void> {
  const opened = await start.client.views.open({
    trigger_id: start.triggerId,
    view: buildNoteProgressModal('Loading the note form…'),
  });
  const viewId = opened.view?.id;
  if (!viewId) throw new Error('views.open returned no view id');
  const hash = opened.view?.hash;

  const { message, channel } = start;
  const { details } = await prefillFromMessage(deps, start.client, message, channel, NOTE_TEXT_MAX);
  // Only the first block is needed later (it marks a ticket card); the rest would only grow the stored record.
  const pending: NoteFormPending = {
    message: { ...message, blocks: message.blocks.slice(0, 1) },
    channel,
    responseUrl: start.responseUrl,
  };
  const view = await runAsUser(
    deps,
    start.request,
    { kind: NOTE_FORM_PENDING_KIND, payload: pending },
    async (user) => {
      const [found, noteTypes, statuses] = await Promise.all([
        findTicketOfMessage(
          { store: requireServices(deps).store, client: start.client, logger: deps.logger },
          channel.id,
          message,
        ),
        loadNoteTypes(user.cache, deps.config),
        loadNoteStatuses(user.cache),
      ]);
      return buildNoteModal({
        values: {
          ticket: found?.text,
          text: details,
          typeId: noteTypes.defaultId,
          isPublic: false,
          notedAt: slackTsToSeconds(message.ts) ?? Math.floor(deps.clock() / 1000),
        },
        noteTypes: noteTypes.types,
        statuses,
        tiedTicket: found?.ticket,
        origin: {
          channelId: channel.id,
          threadTs: threadTsOf(message),
          messageTs: message.ts,
          responseUrl: start.responseUrl,
        },
      });
    },
  );

  const next =
    view ??
    buildNoteProgressModal(
      'Sign in to BMS first: follow the sign-in prompt the app just sent you. Once you are signed in, the app offers a button that opens this form again.',
    );
  await updateView(start.client, deps.logger, { viewId, hash, view: next });
}
