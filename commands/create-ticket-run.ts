import type { Ticket, TicketSummary } from '../src/bms/index.ts';
import type { Logger } from '../src/log.ts';
import { type CreateTicketRequest, createTicket } from '../src/services/ticket-create.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import type { SlackIdentity } from '../src/slack/identity.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { deliverResult } from '../src/slack/respond-to.ts';
import { type RespondTo, runAsUser, type UserContext, type UserRequest } from '../src/slack/run-as-user.ts';
import { requireServices } from '../src/slack/user-context.ts';
import type { TicketFormOrigin } from '../views/create-ticket-modal.ts';
import { type TicketHeadline, ticketMention, ticketNumberOf } from '../views/create-ticket-modal-results.ts';
import { deliverCreatedTicket } from './create-ticket-deliver.ts';
import { type TicketErrors, ticketErrorsAsText, ticketErrorsOf } from './create-ticket-errors.ts';
import { type SubmissionOnce, submissionOnce } from './create-ticket-once.ts';

/** Pending kind of a ticket submitted while the session needed a login or an MFA code. */
export const TICKET_CREATE_PENDING_KIND = 'ticket.create';

/** Pending payload of a submitted ticket: the request and where its result goes. Plain JSON, no secret. */
export interface TicketCreatePending {
  viewId: string;
  request: CreateTicketRequest;
  origin: TicketFormOrigin;
}

export type CreateOutcome =
  | { kind: 'created'; ticket: Ticket }
  /** An earlier submission of the same view created this ticket, or is still creating one. */
  | { kind: 'duplicate'; ticket?: TicketHeadline }
  /** Nothing was created, or BMS did not confirm it: the messages go next to the fields and above them. */
  | { kind: 'not_created'; errors: TicketErrors }
  /** The session needs the user; the request waits as a pending operation. */
  | { kind: 'waiting' };

/** Returns the guard of one view's submissions; the stored result is the ticket's headline. */
export function ticketSubmissionOnce(deps: SlackDeps, viewId: string): SubmissionOnce<TicketHeadline> {
  return submissionOnce<TicketHeadline>(requireServices(deps).store, 'ticket-create', viewId);
}

/**
 * Finds an earlier submission of the view: its ticket when it finished, `{}` while it still
 * runs. Undefined when this submission has claimed the view and should create the ticket.
 */
export async function claimOrDuplicate(
  once: SubmissionOnce<TicketHeadline>,
): Promise<{ ticket?: TicketHeadline } | undefined> {
  const earlier = await once.result();
  if (earlier) return { ticket: earlier };
  if (await once.claim()) return undefined;
  // The other submission may have finished between the two reads.
  const finished = await once.result();
  return finished ? { ticket: finished } : {};
}

/**
 * Creates the ticket of a claimed submission with exactly one POST, as the user. Never throws:
 * every failure becomes an outcome. The claim stays only when the ticket was created.
 */
export async function createClaimedTicket(
  deps: SlackDeps,
  request: UserRequest,
  pending: TicketCreatePending,
  once: SubmissionOnce<TicketHeadline>,
): Promise<CreateOutcome> {
  let outcome: CreateOutcome;
  try {
    const operation = { kind: TICKET_CREATE_PENDING_KIND, payload: pending };
    const result = await runAsUser(deps, request, operation, (user) =>
      createTicket(user.context, pending.request),
    );
    if (result === undefined) outcome = { kind: 'waiting' };
    else if (result.kind === 'created') outcome = { kind: 'created', ticket: result.ticket };
    else
      outcome = {
        kind: 'not_created',
        errors: { fields: {}, general: unconfirmedText(result.possibleTicket) },
      };
  } catch (error) {
    outcome = { kind: 'not_created', errors: ticketErrorsOf(error) };
  }

  if (outcome.kind === 'created') {
    await settle(deps.logger, 'store the created ticket', () => once.succeed(headlineOf(outcome.ticket)));
  } else {
    // Nothing was created, or the form now warns that it may have been, so a corrected form may be submitted again.
    // NOTE: after an unconfirmed create, submitting again sends a second POST; the warning names the
    // ticket the reconciliation search found, and the user decides.
    await settle(deps.logger, 'release the submission claim', () => once.release());
  }
  return outcome;
}

/** Builds the message the form shows when BMS received the request but its response was lost. */
export function unconfirmedText(possibleTicket: TicketSummary | undefined): string {
  if (possibleTicket) {
    return `BMS did not confirm the ticket, but this ticket may have been created: ${ticketNumberOf(possibleTicket)} "${possibleTicket.Title}" (check it before submitting again).`;
  }
  return 'BMS did not confirm the ticket: it was not confirmed and may or may not exist. Check BMS for the title before submitting again.';
}

function headlineOf(ticket: Ticket): TicketHeadline {
  return { Id: ticket.Id, TicketNumber: ticket.TicketNumber ?? null, Title: ticket.Title };
}

async function settle(logger: Logger, what: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    logger.warn(`Could not ${what}`, { error: error instanceof Error ? error.name : typeof error });
  }
}

/**
 * Runs a ticket submission that waited for a login or an MFA code, and sends its result where
 * the form was started. The view's claim keeps it to one ticket, as for the form itself.
 */
export async function runPendingTicketCreate(
  deps: SlackDeps,
  user: UserContext,
  payload: unknown,
  respondTo: RespondTo,
): Promise<void> {
  const pending = parsePending(payload);
  const once = ticketSubmissionOnce(deps, pending.viewId);
  const identity: SlackIdentity = user.identity;
  const urlTemplate = deps.config.bms.ticketUrl;

  const duplicate = await claimOrDuplicate(once);
  if (duplicate) {
    const text = duplicate.ticket
      ? `This ticket was already created: ${ticketMention(duplicate.ticket, urlTemplate)}.`
      : 'This ticket is already being created; its card follows when BMS confirms it.';
    await deliverResult(deps, identity, respondTo, { text });
    return;
  }

  const request: UserRequest = {
    identity,
    respondTo,
    reply: (message) => deliverResult(deps, identity, respondTo, message),
  };
  const outcome = await createClaimedTicket(deps, request, pending, once);
  if (outcome.kind === 'created') {
    await deliverCreatedTicket(deps, identity, outcome.ticket, pending.origin);
  } else if (outcome.kind === 'not_created') {
    await deliverResult(deps, identity, respondTo, {
      text: `The ticket was not created. ${escapeMrkdwn(ticketErrorsAsText(outcome.errors))}`,
    });
  }
}

function parsePending(payload: unknown): TicketCreatePending {
  const value = payload as Partial<TicketCreatePending> | null;
  if (
    !value ||
    typeof value.viewId !== 'string' ||
    typeof value.request !== 'object' ||
    value.request === null
  ) {
    throw new Error('The pending ticket has no view id or request.');
  }
  return { viewId: value.viewId, request: value.request, origin: value.origin ?? {} };
}
