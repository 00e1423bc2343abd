import type { TicketTemplate } from '../src/bms/index.ts';
import { getTicketTemplate } from '../src/services/templates.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import type { ActionArgs } from '../src/slack/registry.ts';
import { runAsUser, type UserContext } from '../src/slack/run-as-user.ts';
import { userRequestFromInteraction } from '../src/slack/user-request.ts';
import type { TicketFormField, TicketFormValues } from '../views/create-ticket-modal.ts';
import {
  isFillable,
  nextBlockId,
  readTicketForm,
  type SubmittedView,
  type TicketFormState,
} from '../views/create-ticket-modal-state.ts';
import { loadTicketForm, mainLocationOf, markFilled, renderTicketForm } from './create-ticket-form.ts';
import { TICKET_FORM_PENDING_KIND, type TicketFormPending } from './create-ticket-open.ts';
import { updateView } from './create-ticket-views.ts';

/**
 * Choosing an account replaces the location list with that account's locations. The location
 * block gets a new block id, so Slack drops the old choice and shows the new initial one: the
 * location the user had, when it belongs to the account, else its main location. Every other
 * block keeps its id and so the user's input.
 */
export async function changeAccount(deps: SlackDeps, args: ActionArgs): Promise<void> {
  const view = args.body.view;
  if (!view) return;
  const state = readTicketForm(view as SubmittedView);
  const accountId = state.values.account?.id;

  const loaded = await asUser(deps, args, state, (user) =>
    loadTicketForm(user.cache, deps.logger, accountId),
  );
  if (!loaded) return;
  const keeps = loaded.choices.location?.some((location) => location.id === state.values.locationId) ?? false;
  state.blockIds.location = nextBlockId(state.blockIds.location);
  if (!keeps) {
    state.values.locationId = loaded.mainLocationId;
    markFilled(state, ['location']);
  }
  await updateView(args.client, deps.logger, {
    viewId: view.id,
    hash: view.hash,
    view: renderTicketForm(state, loaded),
  });
}

/**
 * Choosing a template fills the fields it sets, except those the user has given a value of their
 * own: a field is filled only when it is empty or still contains what the app put there (a BMS
 * default or an earlier template's value). Filled blocks get new block ids so that Slack shows
 * the template's values; the others keep their ids and the user's input.
 */
export async function applyTemplate(deps: SlackDeps, args: ActionArgs): Promise<void> {
  const view = args.body.view;
  if (!view) return;
  const state = readTicketForm(view as SubmittedView);
  const templateId = state.values.templateId;
  if (templateId === undefined) return;

  const loaded = await asUser(deps, args, state, async (user) => {
    const template = await getTicketTemplate(user.context, templateId);
    const accountBefore = state.values.account?.id;
    const filled = await fillFromTemplate(state, template, user);
    if (state.values.account !== undefined && state.values.account.id !== accountBefore) {
      state.values.locationId = await mainLocationOf(user.cache, state.values.account.id);
      filled.push('location');
    }
    for (const field of filled) state.blockIds[field] = nextBlockId(state.blockIds[field]);
    markFilled(state, filled);
    return loadTicketForm(user.cache, deps.logger, state.values.account?.id);
  });
  if (!loaded) return;
  await updateView(args.client, deps.logger, {
    viewId: view.id,
    hash: view.hash,
    view: renderTicketForm(state, loaded),
  });
}

/** Puts the template's values into the fillable fields; returns the fields it changed. */
async function fillFromTemplate(
  state: TicketFormState,
  template: TicketTemplate,
  user: UserContext,
): Promise<TicketFormField[]> {
  const changed: TicketFormField[] = [];
  const fill = <Key extends keyof TicketFormValues>(
    field: TicketFormField,
    key: Key,
    value: TicketFormValues[Key] | null | undefined,
  ) => {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return;
    if (!isFillable(field, state) || state.values[key] === value) return;
    state.values[key] = value;
    changed.push(field);
  };

  fill('title', 'title', template.Title);
  fill('details', 'details', template.Details);
  fill('priority', 'priorityId', template.PriorityId);
  fill('type', 'typeId', template.TicketTypeId);
  fill('queue', 'queueId', template.QueueId);
  fill('assignee', 'assigneeId', template.AssigneeId);
  if (template.AccountId) {
    const name = template.AccountName?.trim() || (await accountName(user, template.AccountId));
    fill('account', 'account', { id: template.AccountId, name });
  }
  return changed;
}

async function accountName(user: UserContext, accountId: number): Promise<string> {
  return (await user.cache.account(accountId))?.Name ?? `Account ${accountId}`;
}

/**
 * Runs a change of the form as the user. When the session needs a login or an MFA code, the
 * user gets the prompt by DM and the open form stays as it is. Once signed in, the user gets a
 * button that opens the form again with the title and details typed so far.
 */
function asUser<T>(
  deps: SlackDeps,
  args: ActionArgs,
  state: TicketFormState,
  run: (user: UserContext) => Promise<T>,
): Promise<T | undefined> {
  const request = userRequestFromInteraction(deps, args.body, undefined);
  const pending: TicketFormPending = {
    prefill: { title: state.values.title, details: state.values.details },
    origin: state.metadata.origin,
  };
  return runAsUser(
    deps,
    { ...request, respondTo: {} },
    { kind: TICKET_FORM_PENDING_KIND, payload: pending },
    run,
  );
}
