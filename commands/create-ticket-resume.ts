import { randomUUID } from 'node:crypto';
import type { types } from '@slack/bolt';
import type { SlackDeps } from '../src/slack/deps.ts';
import { identityOf, type SlackIdentity } from '../src/slack/identity.ts';
import type { ActionArgs, ListenerRegistry } from '../src/slack/registry.ts';
import { deliverResult } from '../src/slack/respond-to.ts';
import { type RespondTo, registerPendingRunner, type UserContext } from '../src/slack/run-as-user.ts';
import { requireServices } from '../src/slack/user-context.ts';
import { userRequestFromInteraction } from '../src/slack/user-request.ts';
import { identityKey } from '../src/vault/identity.ts';
import { openTicketForm, TICKET_FORM_PENDING_KIND, type TicketFormPending } from './create-ticket-open.ts';
import { NOTE_FORM_PENDING_KIND, type NoteFormPending, openNoteForm } from './note-from-message.ts';

/**
 * A form cannot open by itself after a sign-in, because Slack opens modals only with a fresh
 * trigger id from the user's own click. So the pending form becomes a button: its click
 * carries a trigger id, and the form opens with what it held before (title, details, message).
 */

export const RESUME_FORM_ACTION = 'resume_form_after_sign_in';

const DRAFTS = 'form-draft';
/** Long enough to finish a sign-in and come back; the draft contains message text, so it is not kept longer. */
const DRAFT_TTL_MS = 30 * 60_000;

type FormDraft =
  | { form: 'ticket'; owner: string; pending: TicketFormPending }
  | { form: 'note'; owner: string; pending: NoteFormPending };

/** Registers the runners of pending forms and the button that reopens them. */
export function registerFormResume(registry: ListenerRegistry, deps: SlackDeps): void {
  registerPendingRunner(TICKET_FORM_PENDING_KIND, offerTicketForm);
  registerPendingRunner(NOTE_FORM_PENDING_KIND, offerNoteForm);
  registry.action(RESUME_FORM_ACTION, (args) => resumeForm(deps, args));
}

async function offerTicketForm(deps: SlackDeps, user: UserContext, payload: unknown, respondTo: RespondTo) {
  await offer(deps, user.identity, respondTo, {
    form: 'ticket',
    owner: identityKey(user.identity),
    pending: payload as TicketFormPending,
  });
}

async function offerNoteForm(deps: SlackDeps, user: UserContext, payload: unknown, respondTo: RespondTo) {
  await offer(deps, user.identity, respondTo, {
    form: 'note',
    owner: identityKey(user.identity),
    pending: payload as NoteFormPending,
  });
}

async function offer(
  deps: SlackDeps,
  identity: SlackIdentity,
  respondTo: RespondTo,
  draft: FormDraft,
): Promise<void> {
  const id = randomUUID();
  await requireServices(deps).store.keyv<FormDraft>(DRAFTS).set(id, draft, DRAFT_TTL_MS);
  const what = draft.form === 'ticket' ? 'ticket form' : 'note form';
  const text = `You are signed in to BMS. Open the ${what} to go on where you left off.`;
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text } },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: RESUME_FORM_ACTION,
          style: 'primary',
          text: { type: 'plain_text', text: `Open the ${what}` },
          value: id,
        },
      ],
    },
  ];
  await deliverResult(deps, identity, { responseUrl: respondTo.responseUrl }, { text, blocks });
}

/** Opens the form a button offers; only its owner can, and only while the draft is kept. */
export async function resumeForm(deps: SlackDeps, args: ActionArgs): Promise<void> {
  const { body, client } = args;
  const value = 'value' in args.action && typeof args.action.value === 'string' ? args.action.value : '';
  const identity = identityOf(body);
  const draft = value ? await requireServices(deps).store.keyv<FormDraft>(DRAFTS).get(value) : undefined;
  const request = userRequestFromInteraction(deps, body, body.response_url ? args.respond : undefined);
  if (!draft || draft.owner !== identityKey(identity)) {
    await request.reply({ text: 'This button has expired. Start the shortcut or `/bms create` again.' });
    return;
  }

  if (draft.form === 'ticket') {
    await openTicketForm(deps, {
      client,
      triggerId: body.trigger_id,
      request,
      origin: draft.pending.origin,
      prefill: async () => draft.pending.prefill,
    });
    return;
  }
  await openNoteForm(deps, { client, triggerId: body.trigger_id, request, ...draft.pending });
}
