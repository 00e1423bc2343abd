import type { types } from '@slack/bolt';
import type { Assignee, Queue, Status, Ticket } from '../src/bms/index.ts';
import type { NoteType } from '../src/services/index.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { initialOf, modal, option, optionsOf, plain } from './modal-parts.ts';
import { escapeWithin, SLACK_LIMITS } from './text-limits.ts';
import { ticketLabel } from './ticket-card.ts';

/** Block and action ids of the Assign form; each input's block id doubles as its error key. */
export const ASSIGN_MODAL = {
  callbackId: 'card_assign',
  assignee: 'assign_assignee',
  queue: 'assign_queue',
  details: 'assign_details',
  noteType: 'assign_note_type',
  status: 'assign_status',
  internal: 'assign_internal',
  /** Action id of every input's element, which the block id distinguishes. */
  action: 'value',
  internalOption: 'internal',
} as const;

export interface AssignChoices {
  assignees: readonly Assignee[];
  queues: readonly Queue[];
  statuses: readonly Status[];
  noteTypes: readonly NoteType[];
  /** The note type preselected, General Notes when the tenant has it. */
  defaultNoteTypeId?: number;
}

function select(
  blockId: string,
  label: string,
  options: types.PlainTextOption[],
  initial: types.PlainTextOption | undefined,
  optional: boolean,
  hint?: string,
): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    ...(hint ? { hint: plain(hint) } : {}),
    element: {
      type: 'static_select',
      action_id: ASSIGN_MODAL.action,
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/**
 * Builds the Assign form with what BMS's assign call needs: an assignee, a queue or both, the
 * details of the note that records the assignment, its note type and visibility, and the
 * status the ticket moves to.
 */
export function buildAssignModal(
  ticket: Ticket,
  choices: AssignChoices,
  privateMetadata: string,
): types.ModalView {
  const assignees = optionsOf(choices.assignees);
  const queues = optionsOf(choices.queues.filter((queue) => queue.IsActive !== false));
  const statuses = optionsOf(
    choices.statuses.filter((status) => status.IsActive !== false || status.Id === ticket.StatusId),
  );
  const noteTypes = choices.noteTypes.slice(0, 100).map((noteType) => option(noteType.name, noteType.id));
  const internal = option('Internal note (technicians only)', ASSIGN_MODAL.internalOption);

  return modal({
    callbackId: ASSIGN_MODAL.callbackId,
    title: 'Assign ticket',
    submit: 'Assign',
    privateMetadata,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${escapeWithin(ticketLabel(ticket), 2000, escapeMrkdwn)}*` },
      },
      select(
        ASSIGN_MODAL.assignee,
        'Assignee',
        assignees,
        initialOf(assignees, ticket.AssigneeId),
        true,
        'Choose an assignee, a queue or both.',
      ),
      select(ASSIGN_MODAL.queue, 'Queue', queues, initialOf(queues, ticket.QueueId), true),
      {
        type: 'input',
        block_id: ASSIGN_MODAL.details,
        label: plain('Details'),
        hint: plain('Why the ticket is assigned; BMS keeps it as a note.'),
        element: {
          type: 'plain_text_input',
          action_id: ASSIGN_MODAL.action,
          multiline: true,
          max_length: SLACK_LIMITS.plainTextInput,
        },
      },
      select(
        ASSIGN_MODAL.noteType,
        'Note type',
        noteTypes,
        initialOf(noteTypes, choices.defaultNoteTypeId),
        false,
      ),
      select(ASSIGN_MODAL.status, 'Status', statuses, initialOf(statuses, ticket.StatusId), false),
      {
        type: 'input',
        block_id: ASSIGN_MODAL.internal,
        optional: true,
        label: plain('Visibility'),
        element: {
          type: 'checkboxes',
          action_id: ASSIGN_MODAL.action,
          options: [internal],
          initial_options: [internal],
        },
      },
    ],
  });
}
