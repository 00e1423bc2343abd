import { randomUUID } from 'node:crypto';
import type { RespondFn } from '@slack/bolt';
import { isBmsError } from '../src/bms/errors.ts';
import type { Note } from '../src/bms/index.ts';
import { addNote, getTicket, type NoteRequest } from '../src/services/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { describeError } from '../src/slack/error-text.ts';
import type { ListenerRegistry } from '../src/slack/registry.ts';
import {
  type RespondTo,
  registerPendingRunner,
  runAsUser,
  type UserContext,
} from '../src/slack/run-as-user.ts';
import { requireServices } from '../src/slack/user-context.ts';
import { userRequestFromInteraction } from '../src/slack/user-request.ts';
import { identityKey } from '../src/vault/identity.ts';
import { buildNotice } from '../views/notice-message.ts';
import { buildNoteRetryMessage, NOTE_RETRY_ACTION } from '../views/ticket-actions-note.ts';
import { actionValue, readJsonValue } from './action-values.ts';
import { type CardLocation, cardLocationSchema, updateCard } from './card-update.ts';
import { type Reply, replyTo } from './reply.ts';
import { noteTypesOf } from './resolve-names.ts';

/**
 * A note that BMS did not take is kept in the store under a random id, and the user gets its
 * text back with a Retry button. Retry sends it once: the first click claims the id, so a
 * second click or a second instance finds it taken.
 */

const KEPT_NOTES_NAMESPACE = 'note-retry';
/** How long a refused note waits for its Retry. */
const KEPT_NOTE_TTL_MS = 24 * 60 * 60_000;
const NOTE_RETRY_KIND = 'note.retry';
const RETRY_ID = /^[0-9a-f-]{36}$/;

/** The note to send, and the card to update once it is added. */
export interface NoteTarget {
  ticketId: number;
  request: NoteRequest;
  card?: CardLocation;
}

interface KeptNote extends NoteTarget {
  /** identityKey of the author; only they may retry. */
  owner: string;
}

function keptNotes(deps: SlackDeps) {
  return requireServices(deps).store.keyv<KeptNote>(KEPT_NOTES_NAMESPACE);
}

/**
 * Adds the note with exactly one POST. When BMS rejects it or its response is lost, the note is
 * kept for a Retry, `reply` gets the reason, the text and the button, and the result is undefined.
 */
export async function addNoteOrKeep(
  deps: SlackDeps,
  user: UserContext,
  target: NoteTarget,
  reply: Reply,
): Promise<Note | undefined> {
  const noteTypes = await noteTypesOf(user, deps);
  try {
    return await addNote(user.context, target.ticketId, target.request, noteTypes);
  } catch (error) {
    if (!isBmsError(error)) throw error;
    const retryId = randomUUID();
    await keptNotes(deps).set(retryId, { ...target, owner: identityKey(user.identity) }, KEPT_NOTE_TTL_MS);
    deps.logger.warn('BMS did not take a note; kept for a retry', {
      team: user.identity.teamId,
      user: user.identity.userId,
      ticketId: target.ticketId,
      kind: error.kind,
    });
    // A lost response may hide a stored note, so the message asks the person to check before retrying.
    const unsure = error.kind === 'transport' || error.kind === 'server' || error.kind === 'protocol';
    const reason = `${describeError(error)}${unsure ? ' BMS may have stored it anyway: check the notes before you retry.' : ''}`;
    await reply(
      buildNoteRetryMessage({
        ticketId: target.ticketId,
        reason,
        text: target.request.details ?? '',
        retryId,
      }),
    );
    return undefined;
  }
}

/** Sends a kept note once more and replaces the retry message with the outcome. */
async function retryNote(
  deps: SlackDeps,
  user: UserContext,
  retryId: string,
  respondTo: RespondTo,
): Promise<void> {
  const replace = replyTo(deps, user.identity, respondTo, { replaceOriginal: true });
  const kept = await keptNotes(deps).get(retryId);
  if (!kept || kept.owner !== identityKey(user.identity)) {
    await replyTo(
      deps,
      user.identity,
      respondTo,
    )(
      buildNotice(
        'This note is no longer kept for a retry: it was sent again already, or 24 hours have passed.',
      ),
    );
    return;
  }
  if (!(await requireServices(deps).store.claim(`${KEPT_NOTES_NAMESPACE}:${retryId}`, KEPT_NOTE_TTL_MS))) {
    await replyTo(deps, user.identity, respondTo)(buildNotice('This note is being sent again already.'));
    return;
  }
  await keptNotes(deps).delete(retryId);

  const target: NoteTarget = {
    ticketId: kept.ticketId,
    request: kept.request,
    card: kept.card && cardLocationSchema.parse(kept.card),
  };
  const note = await addNoteOrKeep(deps, user, target, replace);
  if (!note) return;
  await replace(buildNotice(`:white_check_mark: Note ${note.Id} added to ticket ${target.ticketId}.`));
  if (target.card) {
    const ticket = await getTicket(user.context, { kind: 'id', id: target.ticketId });
    await updateCard(
      deps,
      user,
      target.card,
      ticket,
      `Note ${note.Id} added by ${user.session.bmsUserName}.`,
    );
  }
}

function readRetryId(value: unknown): string {
  const retryId =
    typeof value === 'string' ? value : readJsonValue(JSON.stringify(value), 'pending retry').retryId;
  if (typeof retryId !== 'string' || !RETRY_ID.test(retryId))
    throw new Error('The Retry button carries no note id.');
  return retryId;
}

async function runPendingRetry(deps: SlackDeps, user: UserContext, payload: unknown, respondTo: RespondTo) {
  await retryNote(deps, user, readRetryId(payload), respondTo);
}

/** Registers the Retry button of refused notes. */
export function registerNoteRetry(registry: ListenerRegistry, deps: SlackDeps): void {
  registerPendingRunner(NOTE_RETRY_KIND, runPendingRetry);
  registry.action(NOTE_RETRY_ACTION, async ({ body, respond }) => {
    const retryId = readRetryId(actionValue(body));
    const request = userRequestFromInteraction(deps, body, respond as RespondFn);
    await runAsUser(deps, request, { kind: NOTE_RETRY_KIND, payload: { retryId } }, (user) =>
      retryNote(deps, user, retryId, request.respondTo),
    );
  });
}
