import { isBmsError } from '../src/bms/errors.ts';
import type { Ticket } from '../src/bms/index.ts';
import { addNote, type NoteRequest } from '../src/services/notes.ts';
import { parseTicketReference } from '../src/services/ticket-reference.ts';
import { getTicket } from '../src/services/tickets.ts';
import { isValidationError, ValidationError } from '../src/services/validation.ts';
import { botClient } from '../src/slack/bot-client.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { describeError } from '../src/slack/error-text.ts';
import type { SlackIdentity } from '../src/slack/identity.ts';
import {
  findThreadTicket,
  rememberThreadTicket,
  type TiedTicket,
} from '../src/slack/message-to-ticket-tie.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { deliverResult } from '../src/slack/respond-to.ts';
import { type RespondTo, runAsUser, type UserContext, type UserRequest } from '../src/slack/run-as-user.ts';
import { slackFailureOf } from '../src/slack/slack-errors.ts';
import { requireServices } from '../src/slack/user-context.ts';
import { type TicketHeadline, ticketMention } from '../views/create-ticket-modal-results.ts';
import { buildNoteAddedReply, type NoteFormField, type NoteFormOrigin } from '../views/note-modal.ts';
import { mrkdwnToPlain } from './create-ticket-errors.ts';
import { type SubmissionOnce, submissionOnce } from './create-ticket-once.ts';
import { claimOrDuplicate } from './create-ticket-run.ts';
import { loadNoteTypes } from './note-from-message-form.ts';

/** Pending kind of a note submitted while the session needed a login or an MFA code. */
export const NOTE_CREATE_PENDING_KIND = 'note.create';

/** A submitted note: the ticket as typed, the note, and where the result goes. Plain JSON, no secret. */
export interface NoteCreatePending {
  viewId: string;
  ticket: string;
  note: NoteRequest;
  origin: NoteFormOrigin;
}

export type NoteFieldErrors = Partial<Record<NoteFormField, string>>;

/** Why a note was not added: messages next to the fields, and one about the note as a whole. */
export interface NoteErrors {
  fields: NoteFieldErrors;
  /** An outage, an unconfirmed note or a reason BMS tied to no field; shown above the fields. Plain text. */
  general?: string;
}

export type NoteOutcome =
  | { kind: 'added'; ticket: TicketHeadline }
  | { kind: 'not_added'; errors: NoteErrors }
  | { kind: 'waiting' };

export function noteSubmissionOnce(deps: SlackDeps, viewId: string): SubmissionOnce<TicketHeadline> {
  return submissionOnce<TicketHeadline>(requireServices(deps).store, 'note-create', viewId);
}

/**
 * Adds the note of a claimed submission as the user: finds the ticket (an unknown ticket is an
 * error on the ticket field), then sends one POST. Never throws; the claim stays only when the
 * note was added.
 */
export async function addClaimedNote(
  deps: SlackDeps,
  request: UserRequest,
  pending: NoteCreatePending,
  once: SubmissionOnce<TicketHeadline>,
): Promise<NoteOutcome> {
  let stage: 'ticket' | 'note' = 'ticket';
  let outcome: NoteOutcome;
  try {
    const operation = { kind: NOTE_CREATE_PENDING_KIND, payload: pending };
    const ticket = await runAsUser(deps, request, operation, async (user) => {
      const target = await noteTarget(user, pending.ticket, await threadTicketOf(deps, pending.origin));
      const { types } = await loadNoteTypes(user.cache, deps.config);
      stage = 'note';
      await addNote(user.context, target.Id, pending.note, types);
      return target;
    });
    outcome = ticket ? { kind: 'added', ticket } : { kind: 'waiting' };
  } catch (error) {
    outcome = { kind: 'not_added', errors: noteErrorsOf(error, stage) };
  }

  try {
    if (outcome.kind === 'added') await once.succeed(outcome.ticket);
    else await once.release();
  } catch (error) {
    deps.logger.warn('Could not update the note submission claim', {
      error: error instanceof Error ? error.name : typeof error,
    });
  }
  return outcome;
}

/**
 * Finds the ticket the note goes to. A ticket number is looked up, and a ticket id is used as
 * typed. BMS rejects a note to a ticket that does not exist or that the user may not see, so
 * reading the ticket first would only spend a call of the hourly limit on `GET /tickets/{id}`.
 */
async function noteTarget(
  user: UserContext,
  typed: string,
  tied: TiedTicket | undefined,
): Promise<TicketHeadline> {
  const parsed = parseTicketReference(typed);
  if (!parsed.ok) throw new ValidationError({ Ticket: parsed.message });
  const reference = parsed.reference;
  // The ticket the thread is tied to, as the form proposed it, is known without a call.
  const isTied =
    tied !== undefined &&
    (reference.kind === 'id'
      ? reference.id === tied.Id
      : reference.ticketNumber === tied.TicketNumber?.toUpperCase());
  if (tied && isTied) return tied;
  if (reference.kind === 'id') return { Id: reference.id };
  return headlineOf(await getTicket(user.context, reference));
}

/** Reads the ticket the form's thread is tied to. Returns undefined when there is none or the store read fails. */
async function threadTicketOf(deps: SlackDeps, origin: NoteFormOrigin): Promise<TiedTicket | undefined> {
  if (!origin.channelId || !origin.threadTs) return undefined;
  try {
    return await findThreadTicket(requireServices(deps).store, origin.channelId, origin.threadTs);
  } catch (error) {
    // Without the tie the ticket is read from BMS as typed.
    deps.logger.warn('Thread tie could not be read; using the ticket as typed', {
      channel: origin.channelId,
      error: error instanceof Error ? error.name : typeof error,
    });
    return undefined;
  }
}

/**
 * Places why the note was not added: an unknown or forbidden ticket under the ticket, a
 * rejected value under its field. Outages, an unconfirmed note and BMS reasons that name no
 * field become the general message.
 */
export function noteErrorsOf(error: unknown, stage: 'ticket' | 'note'): NoteErrors {
  if (isValidationError(error)) {
    const fields: NoteFieldErrors = {};
    const unplaced: string[] = [];
    for (const [name, message] of Object.entries(error.fields)) {
      const field = FIELD_OF_NOTE_FIELD[name.toLowerCase()];
      if (!field) unplaced.push(message);
      else fields[field] = fields[field] ? `${fields[field]} ${message}` : message;
    }
    return unplaced.length > 0 ? { fields, general: unplaced.join(' ') } : { fields };
  }
  // Either stage can fail this way, because the note's POST names the ticket and BMS returns 404 or
  // 403 for it. describeError would name the POST's item (a note), so the message names the ticket.
  if (isBmsError(error, 'not_found')) {
    return { fields: { ticket: 'BMS could not find that ticket. Check the number and try again.' } };
  }
  if (isBmsError(error, 'forbidden')) {
    return {
      fields: {
        ticket:
          'Your BMS user is not allowed to see or change that ticket. Ask your BMS administrator for access.',
      },
    };
  }
  const sentence = mrkdwnToPlain(describeError(error));
  const unconfirmed =
    stage === 'note' && isBmsError(error) && ['transport', 'server', 'protocol'].includes(error.kind);
  if (unconfirmed) {
    return {
      fields: {},
      general:
        "BMS did not confirm the note: it may have been added. Check the ticket's notes before submitting again.",
    };
  }
  return { fields: {}, general: sentence };
}

/** Lists the errors in one sentence, for a message that cannot show them next to the fields. */
export function noteErrorsAsText(errors: NoteErrors): string {
  return [errors.general, ...Object.values(errors.fields)].filter(Boolean).join(' ');
}

const FIELD_OF_NOTE_FIELD: Readonly<Record<string, NoteFormField>> = {
  ticket: 'ticket',
  details: 'text',
  notedate: 'date',
  typeid: 'type',
  statusid: 'status',
};

function headlineOf(ticket: Ticket): TicketHeadline {
  return { Id: ticket.Id, TicketNumber: ticket.TicketNumber ?? null, Title: ticket.Title };
}

/**
 * Tells the thread that the message became a note, and ties the thread to the ticket so the
 * next note from it finds the ticket. When the bot is not in the channel, the user gets the
 * sentence privately instead.
 */
export async function announceNote(
  deps: SlackDeps,
  identity: SlackIdentity,
  ticket: TicketHeadline,
  origin: NoteFormOrigin,
): Promise<void> {
  const reply = buildNoteAddedReply(ticket, deps.config.bms.ticketUrl, identity.userId);
  if (!origin.channelId || !origin.threadTs) {
    await deliverResult(deps, identity, { responseUrl: origin.responseUrl }, reply);
    return;
  }
  try {
    const tie = { Id: ticket.Id, TicketNumber: ticket.TicketNumber ?? null, Title: ticket.Title ?? '' };
    await rememberThreadTicket(requireServices(deps).store, origin.channelId, origin.threadTs, tie);
  } catch (error) {
    deps.logger.warn('Thread tie could not be stored', {
      error: error instanceof Error ? error.name : typeof error,
    });
  }
  try {
    await botClient(deps).chat.postMessage({
      channel: origin.channelId,
      thread_ts: origin.threadTs,
      text: reply.text,
      blocks: reply.blocks,
      unfurl_links: false,
    });
  } catch (error) {
    const code = slackFailureOf(error)?.code;
    if (code !== 'not_in_channel' && code !== 'channel_not_found') throw error;
    const text = `${reply.text} The app is not a member of that channel, so only you see this; invite it with \`/invite @bms\` to get thread replies.`;
    await deliverResult(deps, identity, { responseUrl: origin.responseUrl }, { text });
  }
}

/** Adds a note that waited for a login or an MFA code, and announces it as the form would have. */
export async function runPendingNoteCreate(
  deps: SlackDeps,
  user: UserContext,
  payload: unknown,
  respondTo: RespondTo,
): Promise<void> {
  const pending = payload as NoteCreatePending;
  if (typeof pending?.viewId !== 'string' || typeof pending.ticket !== 'string' || !pending.note) {
    throw new Error('The pending note has no view id, ticket or note.');
  }
  const identity = user.identity;
  const once = noteSubmissionOnce(deps, pending.viewId);
  const duplicate = await claimOrDuplicate(once);
  if (duplicate) {
    const text = duplicate.ticket
      ? `This note was already added to ${ticketMention(duplicate.ticket, deps.config.bms.ticketUrl)}.`
      : 'This note is already being added.';
    await deliverResult(deps, identity, respondTo, { text });
    return;
  }

  const request: UserRequest = {
    identity,
    respondTo,
    reply: (message) => deliverResult(deps, identity, respondTo, message),
  };
  const outcome = await addClaimedNote(deps, request, pending, once);
  if (outcome.kind === 'added') {
    await announceNote(deps, identity, outcome.ticket, pending.origin);
  } else if (outcome.kind === 'not_added') {
    const reasons = escapeMrkdwn(noteErrorsAsText(outcome.errors));
    await deliverResult(deps, identity, respondTo, { text: `The note was not added. ${reasons}` });
  }
}
