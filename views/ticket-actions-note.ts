import type { types } from '@slack/bolt';
import type { Note, Ticket } from '../src/bms/index.ts';
import type { NoteType } from '../src/services/index.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { initialOf, modal, option, plain } from './modal-parts.ts';
import type { BlockMessage } from './notice-message.ts';
import { escapeWithin, SLACK_LIMITS } from './text-limits.ts';
import { ticketLabel } from './ticket-card.ts';

/** Block ids of the note form's inputs; every element's action id is `value`. */
export const NOTE_FORM = {
  addCallbackId: 'card_add_note',
  editCallbackId: 'card_edit_note',
  text: 'note_text',
  type: 'note_type',
  visibility: 'note_visibility',
  date: 'note_date',
  action: 'value',
  internal: 'internal',
  public: 'public',
} as const;

/** Action id of the Retry button under a note that BMS refused; the value is the kept note's id. */
export const NOTE_RETRY_ACTION = 'note_retry';

/** Initial values of the note form: empty for a new note, the note's values for an edit. */
export interface NoteFormValues {
  text?: string;
  typeId?: number;
  isInternal: boolean;
  /** Seconds since the epoch. */
  date?: number;
}

function noteFormBlocks(noteTypes: readonly NoteType[], values: NoteFormValues): types.KnownBlock[] {
  const typeOptions = noteTypes.slice(0, 100).map((noteType) => option(noteType.name, noteType.id));
  const visibility = [
    option('Internal (technicians only)', NOTE_FORM.internal),
    option('Public (the customer sees it)', NOTE_FORM.public),
  ];
  const typeInitial = initialOf(typeOptions, values.typeId);
  const visibilityInitial = visibility[values.isInternal ? 0 : 1];
  return [
    {
      type: 'input',
      block_id: NOTE_FORM.text,
      label: plain('Note'),
      element: {
        type: 'plain_text_input',
        action_id: NOTE_FORM.action,
        multiline: true,
        max_length: SLACK_LIMITS.plainTextInput,
        ...(values.text ? { initial_value: values.text } : {}),
      },
    },
    {
      type: 'input',
      block_id: NOTE_FORM.type,
      label: plain('Note type'),
      element: {
        type: 'static_select',
        action_id: NOTE_FORM.action,
        options: typeOptions,
        ...(typeInitial ? { initial_option: typeInitial } : {}),
      },
    },
    {
      type: 'input',
      block_id: NOTE_FORM.visibility,
      label: plain('Visibility'),
      element: {
        type: 'radio_buttons',
        action_id: NOTE_FORM.action,
        options: visibility,
        ...(visibilityInitial ? { initial_option: visibilityInitial } : {}),
      },
    },
    {
      type: 'input',
      block_id: NOTE_FORM.date,
      optional: true,
      label: plain('Note date'),
      hint: plain('Leave it empty for now.'),
      element: {
        type: 'datetimepicker',
        action_id: NOTE_FORM.action,
        ...(values.date !== undefined ? { initial_date_time: values.date } : {}),
      },
    },
  ];
}

function ticketHeading(ticket: Pick<Ticket, 'Id' | 'TicketNumber' | 'Title'>): types.SectionBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: `*${escapeWithin(ticketLabel(ticket), 2000, escapeMrkdwn)}*` },
  };
}

/** Builds the Add note form of a ticket card. */
export function buildAddNoteModal(
  ticket: Ticket,
  noteTypes: readonly NoteType[],
  defaultTypeId: number | undefined,
  privateMetadata: string,
): types.ModalView {
  return modal({
    callbackId: NOTE_FORM.addCallbackId,
    title: 'Add note',
    submit: 'Add note',
    privateMetadata,
    blocks: [
      ticketHeading(ticket),
      ...noteFormBlocks(noteTypes, { typeId: defaultTypeId, isInternal: true }),
    ],
  });
}

/** Builds the Edit note form, filled with the note as BMS has it. */
export function buildEditNoteModal(
  note: Note,
  noteTypes: readonly NoteType[],
  privateMetadata: string,
): types.ModalView {
  const date = Date.parse(note.NoteDate ?? note.CreatedOn ?? '');
  return modal({
    callbackId: NOTE_FORM.editCallbackId,
    title: `Edit note ${note.Id}`,
    submit: 'Save',
    privateMetadata,
    blocks: noteFormBlocks(noteTypes, {
      text: note.Details ?? '',
      typeId: note.TypeId ?? undefined,
      isInternal: note.IsInternal,
      date: Number.isNaN(date) ? undefined : Math.floor(date / 1000),
    }),
  });
}

/**
 * Builds the message about a note that BMS did not take: why, the text as typed, and a Retry
 * button that sends the kept text once more. `reason` is mrkdwn from describeError.
 */
export function buildNoteRetryMessage(options: {
  ticketId: number;
  reason: string;
  text: string;
  retryId?: string;
}): BlockMessage {
  // The quote marks count toward the section's limit too, so they are added inside the bound.
  const quoted = escapeWithin(options.text, SLACK_LIMITS.sectionText - 100, (text) =>
    escapeMrkdwn(text).replaceAll('\n', '\n>'),
  );
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:warning: The note was not added to ticket ${options.ticketId}. ${options.reason}`,
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: `>${quoted}` } },
  ];
  if (options.retryId) {
    blocks.push({
      type: 'actions',
      block_id: 'note_retry',
      elements: [
        {
          type: 'button',
          action_id: NOTE_RETRY_ACTION,
          style: 'primary',
          text: plain('Retry'),
          value: options.retryId,
        },
      ],
    });
  }
  return { text: `The note was not added to ticket ${options.ticketId}.`, blocks };
}
