import type { webApi } from '@slack/bolt';
import type { SlackDeps } from '../src/slack/deps.ts';
import { runAsUser, type UserContext, type UserRequest } from '../src/slack/run-as-user.ts';
import {
  buildTicketFormLoadingModal,
  initialBlockIds,
  type TicketFormOrigin,
  type TicketFormValues,
} from '../views/create-ticket-modal.ts';
import type { TicketFormState } from '../views/create-ticket-modal-state.ts';
import { applyDefaults, loadTicketForm, renderTicketForm } from './create-ticket-form.ts';
import { updateView } from './create-ticket-views.ts';

/** Pending kind of a form that waited for a login; its runner offers a button that opens the form. */
export const TICKET_FORM_PENDING_KIND = 'ticket.form';

/** The initial title and details: a title from `/bms create TITLE`, or a title and details from a message. */
export type TicketFormPrefill = Pick<TicketFormValues, 'title' | 'details'>;

/** Pending payload of a form that waits for a login: plain JSON, no secret. */
export interface TicketFormPending {
  prefill: TicketFormPrefill;
  origin: TicketFormOrigin;
}

export interface TicketFormStart {
  client: webApi.WebClient;
  triggerId: string;
  request: UserRequest;
  origin: TicketFormOrigin;
  /** Computed after the modal is open, because it may call Slack (names, permalink). */
  prefill?: () => Promise<TicketFormPrefill>;
}

/**
 * Opens the ticket form. The modal opens first with a loading text, because the trigger id
 * works only within 3 seconds. The form with lists from the user's cache then replaces it
 * through `views.update` with the view's hash, so a newer change of the view is not overwritten.
 */
export async function openTicketForm(deps: SlackDeps, start: TicketFormStart): Promise<void> {
  const opened = await start.client.views.open({
    trigger_id: start.triggerId,
    view: buildTicketFormLoadingModal(),
  });
  const viewId = opened.view?.id;
  if (!viewId) throw new Error('views.open returned no view id');
  const hash = opened.view?.hash;

  const prefill = (await start.prefill?.()) ?? {};
  const pending: TicketFormPending = { prefill, origin: start.origin };
  const prepared = await runAsUser(
    deps,
    start.request,
    { kind: TICKET_FORM_PENDING_KIND, payload: pending },
    async (user) => {
      const loaded = await loadTicketForm(user.cache, deps.logger);
      const state: TicketFormState = {
        values: { ...prefill, openedAt: Math.floor(deps.clock() / 1000) },
        blockIds: initialBlockIds(),
        metadata: { origin: start.origin, filled: {} },
      };
      applyDefaults(state, loaded);
      return { form: renderTicketForm(state, loaded), user };
    },
  );

  const next =
    prepared?.form ??
    buildTicketFormLoadingModal(
      'Sign in to BMS first: follow the sign-in prompt the app just sent you. Once you are signed in, the app offers a button that opens this form again.',
    );
  await updateView(start.client, deps.logger, { viewId, hash, view: next });
  // Only once the form is visible, so the account list's many pages do not delay the form's own lists.
  if (prepared) warmAccounts(deps, prepared.user);
}

/**
 * Starts loading the account list without waiting for it. A small tenant's whole list can take
 * BMS longer than the 3 seconds Slack gives an options load, so it starts while the user is still
 * looking at the form. The cache shares that load with the first account search. For a large
 * tenant this only marks the list large, and the account search requests names from BMS.
 */
function warmAccounts(deps: SlackDeps, user: UserContext): void {
  user.cache.accountList().catch((error: unknown) => {
    deps.logger.warn('Account list could not be loaded ahead of the account search', {
      team: user.identity.teamId,
      user: user.identity.userId,
      error: error instanceof Error ? error.name : typeof error,
    });
  });
}
