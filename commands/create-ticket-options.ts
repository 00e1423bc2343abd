import { performance } from 'node:perf_hooks';
import type { SlackDeps } from '../src/slack/deps.ts';
import { identityOf } from '../src/slack/identity.ts';
import type { OptionsArgs } from '../src/slack/registry.ts';
import { openUserContext, type UserContext } from '../src/slack/user-context.ts';
import { isSessionError } from '../src/vault/session-error.ts';
import {
  accountOption,
  LIST_FIELDS,
  type ListField,
  TICKET_FORM_ACTIONS,
} from '../views/create-ticket-modal.ts';
import { filterChoices, MAX_SELECT_OPTIONS, optionOf } from '../views/create-ticket-modal-options.ts';
import { readTicketForm, type SubmittedView } from '../views/create-ticket-modal-state.ts';
import { settleBeforeAck } from './create-ticket-deadline.ts';
import { loadFieldChoices } from './create-ticket-form.ts';

/**
 * Options loads of the ticket form. Slack takes the options only in the ack, within 3 seconds,
 * so they come from the user's cache: no BMS call once it is warm.
 */

/** Account search: the typed text against the cached account list, or a cached BMS name search for a large tenant; at most 100 accounts. */
export async function loadAccountOptions(deps: SlackDeps, args: OptionsArgs): Promise<void> {
  const startedAt = performance.now();
  const user = await quietUserContext(deps, args);
  if (!user) {
    await args.ack({ options: [] });
    return;
  }

  // While a cold list loads, the cache searches BMS by name, which takes one request. Should even that
  // outlast the deadline, the search goes on and the cache keeps its result for the next keystroke.
  const search = user.cache.searchAccounts(args.body.value ?? '', MAX_SELECT_OPTIONS);
  const found = await settleBeforeAck(search, startedAt);
  if (!found.settled) {
    found.later.catch(() => {});
    deps.logger.warn('Account search outlasted the options deadline; answered with no options', {
      team: user.identity.teamId,
      user: user.identity.userId,
    });
    await args.ack({ options: [] });
    return;
  }
  const accounts = found.value.value;
  await args.ack({
    options: accounts.map((account) => accountOption({ id: account.Id, name: account.Name })),
  });
}

/** Loads the options of a list field shown as an external select (over 100 entries, or not loaded when the form opened). */
export async function loadListOptions(deps: SlackDeps, args: OptionsArgs): Promise<void> {
  const field = LIST_FIELDS.find((candidate) => TICKET_FORM_ACTIONS[candidate] === args.body.action_id);
  const user = field ? await quietUserContext(deps, args) : undefined;
  if (!field || !user) {
    await args.ack({ options: [] });
    return;
  }
  const accountId = field === 'location' ? accountOfView(args) : undefined;
  const { choices } = await loadFieldChoices(user.cache, field as ListField, accountId);
  await args.ack({ options: filterChoices(choices, args.body.value ?? '').map(optionOf) });
}

function accountOfView(args: OptionsArgs): number | undefined {
  const view = args.body.view;
  return view ? readTicketForm(view as SubmittedView).values.account?.id : undefined;
}

/**
 * Opens the user's context without any prompt. Options loads arrive on every keystroke, so a
 * user without a session gets an empty list here and the sign-in prompt from the form's other steps.
 */
export async function quietUserContext(deps: SlackDeps, args: OptionsArgs): Promise<UserContext | undefined> {
  try {
    return await openUserContext(deps, identityOf(args.body));
  } catch (error) {
    if (isSessionError(error)) return undefined;
    throw error;
  }
}
