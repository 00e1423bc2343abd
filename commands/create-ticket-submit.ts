import type { ViewResponseAction } from '@slack/bolt';
import { type CreateTicketRequest, validateTicketInput } from '../src/services/ticket-create.ts';
import { formatIsoUtc, isValidationError } from '../src/services/validation.ts';
import { botClient } from '../src/slack/bot-client.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { identityOf } from '../src/slack/identity.ts';
import type { ViewSubmissionArgs } from '../src/slack/registry.ts';
import { sendDirectMessageWithBlocks } from '../src/slack/respond-to.ts';
import type { UserRequest } from '../src/slack/run-as-user.ts';
import type { TicketFormValues } from '../views/create-ticket-modal.ts';
import {
  buildTicketCreatedModal,
  buildTicketCreatingModal,
  type TicketHeadline,
} from '../views/create-ticket-modal-results.ts';
import { readTicketForm, type SubmittedView } from '../views/create-ticket-modal-state.ts';
import { errorsByBlockId, type FieldErrors, fieldErrorsOfValidation } from './create-ticket-errors.ts';
import { showCreateOutcome } from './create-ticket-finish.ts';
import { claimOrDuplicate, createClaimedTicket, ticketSubmissionOnce } from './create-ticket-run.ts';

/**
 * Handles the ticket form's submission. The checks that need no BMS call are reported in the ack,
 * next to each field, with the form kept open. The view is then claimed so that one ticket is
 * created however often the submission arrives, and the ack shows "Creating…" at once, so it
 * never waits for BMS. The create's result replaces that view when BMS answers.
 */
export async function submitTicketForm(deps: SlackDeps, args: ViewSubmissionArgs): Promise<void> {
  const { ack, body, view } = args;
  const state = readTicketForm(view as SubmittedView);
  const request = requestOfForm(state.values);

  const problems = checkRequest(request, deps.clock());
  if (problems) {
    await ack({ response_action: 'errors', errors: errorsByBlockId(problems, state.blockIds) });
    return;
  }

  const once = ticketSubmissionOnce(deps, view.id);
  const duplicate = await claimOrDuplicate(once);
  if (duplicate) {
    await ack(duplicateAnswer(deps, duplicate.ticket));
    return;
  }

  try {
    await ack({ response_action: 'update', view: buildTicketCreatingModal() });
  } catch (error) {
    // Slack never saw this submission, so the user may submit the same form again.
    await once.release();
    throw error;
  }

  const identity = identityOf(body);
  const origin = state.metadata.origin;
  const userRequest: UserRequest = {
    identity,
    respondTo: origin.responseUrl ? { responseUrl: origin.responseUrl } : {},
    // A view submission has no response URL, so the sign-in prompt goes by DM.
    reply: async (message) => {
      await sendDirectMessageWithBlocks(botClient(deps), identity.userId, message);
    },
  };
  const outcome = await createClaimedTicket(deps, userRequest, { viewId: view.id, request, origin }, once);
  await showCreateOutcome(deps, args.client, { viewId: view.id, identity, state }, outcome);
}

/** Builds the create request from the form's values, leaving empty fields out. */
export function requestOfForm(values: TicketFormValues): CreateTicketRequest {
  const request: CreateTicketRequest = {
    TemplateId: values.templateId,
    Title: values.title,
    Details: values.details,
    AccountId: values.account?.id,
    LocationId: values.locationId,
    StatusId: values.statusId,
    PriorityId: values.priorityId,
    TypeId: values.typeId,
    SourceId: values.sourceId,
    QueueId: values.queueId,
    AssigneeId: values.assigneeId,
    OpenDate: values.openedAt === undefined ? undefined : formatIsoUtc(values.openedAt * 1000),
  };
  for (const key of Object.keys(request) as (keyof CreateTicketRequest)[]) {
    if (request[key] === undefined) delete request[key];
  }
  return request;
}

/** Runs the services' checks of a new ticket; returns field errors, or undefined when the request passes. */
function checkRequest(request: CreateTicketRequest, now: number): FieldErrors | undefined {
  try {
    validateTicketInput(request, now);
    return undefined;
  } catch (error) {
    if (isValidationError(error)) return fieldErrorsOfValidation(error.fields);
    throw error;
  }
}

function duplicateAnswer(deps: SlackDeps, ticket: TicketHeadline | undefined): ViewResponseAction {
  if (ticket) {
    return {
      response_action: 'update',
      view: buildTicketCreatedModal(ticket, deps.config.bms.ticketUrl, 'This form already created'),
    };
  }
  // The first submission's result replaces this view when BMS responds, as it would have replaced its own.
  // NOTE: if that result was shown between this submission's store read and this ack, the view keeps
  // saying "being created". The ticket's card still reaches the user.
  return {
    response_action: 'update',
    view: buildTicketCreatingModal(
      'This ticket is already being created from this form. This view shows the result when BMS confirms it; you may close it, the ticket is sent to you either way.',
    ),
  };
}
