import { performance } from 'node:perf_hooks';
import type { types, ViewResponseAction, webApi } from '@slack/bolt';
import { type CreateTicketRequest, validateTicketInput } from '../src/services/ticket-create.ts';
import { formatIsoUtc, isValidationError } from '../src/services/validation.ts';
import { botClient } from '../src/slack/bot-client.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { identityOf, type SlackIdentity } from '../src/slack/identity.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { ViewSubmissionArgs } from '../src/slack/registry.ts';
import { sendDirectMessageWithBlocks } from '../src/slack/respond-to.ts';
import type { UserRequest } from '../src/slack/run-as-user.ts';
import { openUserContext } from '../src/slack/user-context.ts';
import { TICKET_FORM_FIELDS, type TicketFormValues } from '../views/create-ticket-modal.ts';
import {
  buildTicketCreatedModal,
  buildTicketCreatingModal,
  type TicketHeadline,
} from '../views/create-ticket-modal-results.ts';
import {
  nextBlockId,
  readTicketForm,
  type SubmittedView,
  type TicketFormState,
} from '../views/create-ticket-modal-state.ts';
import { buildNoticeModal } from '../views/notice-modal.ts';
import { settleBeforeAck } from './create-ticket-deadline.ts';
import { deliverCreatedTicket } from './create-ticket-deliver.ts';
import {
  errorsByBlockId,
  type FieldErrors,
  fieldErrorsAsText,
  fieldErrorsOfValidation,
} from './create-ticket-errors.ts';
import { loadTicketForm, renderTicketForm } from './create-ticket-form.ts';
import {
  type CreateOutcome,
  claimOrDuplicate,
  createClaimedTicket,
  ticketSubmissionOnce,
} from './create-ticket-run.ts';
import { updateView } from './create-ticket-views.ts';

const WAITING_TEXT =
  'Sign in to BMS to finish: the app sent you a sign-in prompt by direct message. The ticket is created as soon as you are signed in, and its card is sent to you.';

/**
 * Handles the ticket form's submission: checks the fields (errors next to each field, the
 * form kept open), claims the view so that one ticket is created however often it arrives,
 * then creates it with one POST. When BMS responds within the ack deadline the form closes or
 * shows BMS's reasons. Otherwise it shows "Creating…" and is updated when BMS responds.
 */
export async function submitTicketForm(deps: SlackDeps, args: ViewSubmissionArgs): Promise<void> {
  const startedAt = performance.now();
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
    await ack(duplicateAnswer(deps, state, duplicate.ticket));
    return;
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
  const work = createClaimedTicket(deps, userRequest, { viewId: view.id, request, origin }, once);

  const settled = await settleBeforeAck(work, startedAt);
  if (settled.settled) {
    await ack(answerOf(settled.value, state));
    if (settled.value.kind === 'created')
      await deliverCreatedTicket(deps, identity, settled.value.ticket, origin);
    return;
  }
  await ack({ response_action: 'update', view: buildTicketCreatingModal() });
  await finishAfterAck(deps, args.client, { viewId: view.id, identity, state }, await settled.later);
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

function duplicateAnswer(
  deps: SlackDeps,
  state: TicketFormState,
  ticket: TicketHeadline | undefined,
): ViewResponseAction {
  if (ticket) {
    return {
      response_action: 'update',
      view: buildTicketCreatedModal(ticket, deps.config.bms.ticketUrl, 'This form already created'),
    };
  }
  return {
    response_action: 'errors',
    errors: {
      [state.blockIds.title]:
        'This ticket is already being created from this form. Wait a few seconds: the form closes when BMS confirms it.',
    },
  };
}

/** Builds the ack of a submission whose create finished in time. */
function answerOf(outcome: CreateOutcome, state: TicketFormState): ViewResponseAction | undefined {
  switch (outcome.kind) {
    case 'created':
      return undefined;
    case 'not_created':
      return { response_action: 'errors', errors: errorsByBlockId(outcome.errors, state.blockIds) };
    case 'waiting':
      return {
        response_action: 'update',
        view: buildNoticeModal({ title: 'Create BMS ticket', text: WAITING_TEXT }),
      };
    case 'duplicate':
      return undefined;
  }
}

/**
 * Shows the result of a create that outlasted the ack deadline in the "Creating…" view. When
 * nothing was created, the form comes back with every value the user entered and the reasons
 * above the fields. Its blocks get new ids, so Slack shows those values.
 */
async function finishAfterAck(
  deps: SlackDeps,
  client: webApi.WebClient,
  submission: { viewId: string; identity: SlackIdentity; state: TicketFormState },
  outcome: CreateOutcome,
): Promise<void> {
  const { viewId, identity, state } = submission;
  const origin = state.metadata.origin;
  if (outcome.kind === 'created') {
    await updateView(client, deps.logger, {
      viewId,
      view: buildTicketCreatedModal(outcome.ticket, deps.config.bms.ticketUrl),
    });
    await deliverCreatedTicket(deps, identity, outcome.ticket, origin);
    return;
  }
  if (outcome.kind === 'waiting') {
    await updateView(client, deps.logger, {
      viewId,
      view: buildNoticeModal({ title: 'Create BMS ticket', text: WAITING_TEXT }),
    });
    return;
  }
  if (outcome.kind !== 'not_created') return;

  const notice = `The ticket was not created. ${fieldErrorsAsText(outcome.errors)}`;
  const view = await restoredForm(deps, identity, state, notice);
  await updateView(client, deps.logger, { viewId, view });
}

async function restoredForm(
  deps: SlackDeps,
  identity: SlackIdentity,
  state: TicketFormState,
  notice: string,
): Promise<types.ModalView> {
  for (const field of TICKET_FORM_FIELDS) state.blockIds[field] = nextBlockId(state.blockIds[field]);
  try {
    const user = await openUserContext(deps, identity);
    const loaded = await loadTicketForm(user.cache, deps.logger, state.values.account?.id);
    return renderTicketForm(state, loaded, notice);
  } catch (error) {
    deps.logger.warn('Ticket form could not be restored after a failed create', {
      team: identity.teamId,
      user: identity.userId,
      error: error instanceof Error ? error.name : typeof error,
    });
    // Without the lists the form cannot be rebuilt; the text the user typed is shown so it is not lost.
    const typed = [state.values.title, state.values.details].filter(Boolean).join('\n\n');
    return buildNoticeModal({
      title: 'Create BMS ticket',
      text: `${escapeMrkdwn(notice)}\n\nWhat you typed:\n\`\`\`${escapeMrkdwn(typed).slice(0, 2000)}\`\`\``,
    });
  }
}
