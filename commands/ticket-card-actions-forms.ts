import type { types } from '@slack/bolt';
import { z } from 'zod';
import { getTicket, resolveNoteType } from '../src/services/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import type { UserContext } from '../src/slack/run-as-user.ts';
import { buildAssignModal } from '../views/ticket-actions-assign.ts';
import { buildAddNoteModal } from '../views/ticket-actions-note.ts';
import { buildStatusModal } from '../views/ticket-actions-status.ts';
import { cardLocationSchema, cardTicketError } from './card-update.ts';
import { fillModal } from './modal-update.ts';
import { noteTypesOf } from './resolve-names.ts';
import { defineUserOperation } from './user-operation.ts';

/** Titles of the forms the card's buttons open. Each opens with "Loading" and fills once BMS has responded. */
export const CARD_FORMS = {
  status: 'Change status',
  assign: 'Assign ticket',
  note: 'Add note',
} as const;

export type CardForm = keyof typeof CARD_FORMS;

const formPayload = z.object({
  form: z.enum(['status', 'assign', 'note']),
  viewId: z.string().min(1),
  card: cardLocationSchema,
});

export type FormPayload = z.infer<typeof formPayload>;

/** Returns the note type a new note starts with: General Notes when the tenant has it. */
function defaultNoteTypeId(noteTypes: Parameters<typeof resolveNoteType>[1]): number | undefined {
  try {
    return resolveNoteType(undefined, noteTypes);
  } catch {
    return undefined;
  }
}

async function buildForm(deps: SlackDeps, user: UserContext, payload: FormPayload): Promise<types.ModalView> {
  const metadata = JSON.stringify({ card: payload.card });
  const ticketId = payload.card.ticketId;
  const ticket = await getTicket(user.context, { kind: 'id', id: ticketId }).catch((error: unknown) => {
    throw cardTicketError(error, ticketId);
  });
  if (payload.form === 'status') {
    const statuses = await user.cache.lookup('statuses');
    return buildStatusModal(ticket, statuses.value, metadata);
  }
  const noteTypes = await noteTypesOf(user, deps);
  if (payload.form === 'note')
    return buildAddNoteModal(ticket, noteTypes, defaultNoteTypeId(noteTypes), metadata);

  const [statuses, queues, assignees] = await Promise.all([
    user.cache.lookup('statuses'),
    user.cache.lookup('queues'),
    user.cache.lookup('assignees'),
  ]);
  return buildAssignModal(
    ticket,
    {
      statuses: statuses.value,
      queues: queues.value,
      assignees: assignees.value,
      noteTypes,
      defaultNoteTypeId: defaultNoteTypeId(noteTypes),
    },
    metadata,
  );
}

/** Fills an opened card form with the ticket and the lists it needs. */
export const fillCardForm = defineUserOperation('card.form', formPayload, async (deps, user, payload) => {
  await fillModal(deps, payload.viewId, CARD_FORMS[payload.form], () => buildForm(deps, user, payload));
});
