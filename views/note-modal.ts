import type { types, ViewStateValue } from '@slack/bolt';
import { type Choice, idOfOptionValue, selectOf } from './create-ticket-modal-options.ts';
import { type TicketHeadline, ticketMention, ticketNumberOf } from './create-ticket-modal-results.ts';
import { fieldWarningBlock, formNoticeBlock } from './field-warning.ts';
import { SLACK_LIMITS, shorten, sliceWhole } from './text-limits.ts';

/** Callback ids of the note form and of the view shown while BMS adds the note. */
export const NOTE_VIEWS = {
  form: 'add_note_form',
  progress: 'add_note_progress',
} as const;

/** Action ids of the note form; each block id is its action id. */
export const NOTE_FORM_ACTIONS = {
  ticket: 'add_note_ticket',
  text: 'add_note_text',
  type: 'add_note_type',
  visibility: 'add_note_visibility',
  date: 'add_note_date',
  status: 'add_note_status',
} as const;

export type NoteFormField = keyof typeof NOTE_FORM_ACTIONS;

export const NOTE_TEXT_MAX = SLACK_LIMITS.plainTextInput;

export interface NoteFormValues {
  /** The ticket as the user typed it: an id, `#id` or a ticket number. */
  ticket?: string;
  text?: string;
  typeId?: number;
  /** Internal (technicians only) unless the user chose public. */
  isPublic: boolean;
  /** The note date in Unix seconds. */
  notedAt?: number;
  statusId?: number;
}

/** The message the note is made from; kept in `private_metadata` for the thread reply. */
export interface NoteFormOrigin {
  channelId?: string;
  threadTs?: string;
  messageTs?: string;
  responseUrl?: string;
}

export interface NoteFormInput {
  values: NoteFormValues;
  noteTypes: readonly Choice[];
  /** Statuses for the optional status change; undefined when they could not be loaded. */
  statuses: readonly Choice[] | undefined;
  /** The ticket the thread is tied to, shown as a hint under the ticket field. */
  tiedTicket?: TicketHeadline;
  origin: NoteFormOrigin;
  /** The reason the last attempt failed, shown above the fields as plain text. */
  notice?: string;
  /** Reasons BMS rejected the last attempt, each shown under the field it concerns. Plain text. */
  fieldWarnings?: Partial<Record<NoteFormField, string>>;
}

const VISIBILITY_OPTIONS: types.Option[] = [
  { text: { type: 'plain_text', text: 'Internal (technicians only)' }, value: 'internal' },
  { text: { type: 'plain_text', text: 'Public (the customer can see it)' }, value: 'public' },
];

/** Builds the form that adds a message to a ticket as a note. */
export function buildNoteModal(input: NoteFormInput): types.ModalView {
  const { values } = input;
  const tied = input.tiedTicket;
  const inputs: Record<NoteFormField, types.InputBlock> = {
    ticket: {
      type: 'input',
      block_id: NOTE_FORM_ACTIONS.ticket,
      label: plain('Ticket'),
      hint: plain(
        tied
          ? shorten(`This thread belongs to ${ticketNumberOf(tied)} ${tied.Title?.trim() ?? ''}`.trim(), 2000)
          : 'A ticket id like 12345 or #12345, or a ticket number like T20240101.0001.',
      ),
      element: {
        type: 'plain_text_input',
        action_id: NOTE_FORM_ACTIONS.ticket,
        max_length: 40,
        placeholder: plain('12345 or T20240101.0001'),
        ...(values.ticket ? { initial_value: values.ticket.slice(0, 40) } : {}),
      },
    },
    text: {
      type: 'input',
      block_id: NOTE_FORM_ACTIONS.text,
      label: plain('Note'),
      element: {
        type: 'plain_text_input',
        action_id: NOTE_FORM_ACTIONS.text,
        multiline: true,
        max_length: NOTE_TEXT_MAX,
        ...(values.text ? { initial_value: sliceWhole(values.text, NOTE_TEXT_MAX) } : {}),
      },
    },
    type: {
      type: 'input',
      block_id: NOTE_FORM_ACTIONS.type,
      label: plain('Note type'),
      element: selectOf({
        actionId: NOTE_FORM_ACTIONS.type,
        placeholder: 'Choose the note type',
        choices: input.noteTypes,
        selectedId: values.typeId,
      }),
    },
    visibility: {
      type: 'input',
      block_id: NOTE_FORM_ACTIONS.visibility,
      label: plain('Visible to'),
      element: {
        type: 'radio_buttons',
        action_id: NOTE_FORM_ACTIONS.visibility,
        options: VISIBILITY_OPTIONS,
        initial_option: VISIBILITY_OPTIONS[values.isPublic ? 1 : 0],
      },
    },
    date: {
      type: 'input',
      block_id: NOTE_FORM_ACTIONS.date,
      label: plain('Note date'),
      element: {
        type: 'datetimepicker',
        action_id: NOTE_FORM_ACTIONS.date,
        ...(values.notedAt !== undefined ? { initial_date_time: values.notedAt } : {}),
      },
    },
    status: {
      type: 'input',
      block_id: NOTE_FORM_ACTIONS.status,
      optional: true,
      label: plain('Change the ticket status to'),
      element: selectOf({
        actionId: NOTE_FORM_ACTIONS.status,
        placeholder: 'Leave the status as it is',
        choices: input.statuses,
        selectedId: values.statusId,
      }),
    },
  };

  const blocks: types.KnownBlock[] = [];
  if (input.notice) blocks.push(formNoticeBlock('add_note_notice', input.notice));
  for (const field of Object.keys(NOTE_FORM_ACTIONS) as NoteFormField[]) {
    blocks.push(inputs[field]);
    const warning = input.fieldWarnings?.[field];
    if (warning) blocks.push(fieldWarningBlock(`add_note_warning_${field}`, warning));
  }

  return {
    type: 'modal',
    callback_id: NOTE_VIEWS.form,
    title: plain('Add to BMS ticket'),
    submit: plain('Add note'),
    close: plain('Cancel'),
    private_metadata: encodeNoteOrigin(input.origin),
    blocks,
  };
}

/** Builds the modal shown at once while the form loads, or while BMS is slow to add the note. */
export function buildNoteProgressModal(text: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: NOTE_VIEWS.progress,
    title: plain('Add to BMS ticket'),
    close: plain('Close'),
    blocks: [{ type: 'section', text: { type: 'plain_text', text: shorten(text, 3000), emoji: true } }],
  };
}

/** Builds the thread reply after a note was added: "Added as a note to T… (title)", with a link when configured. */
export function buildNoteAddedReply(
  ticket: TicketHeadline,
  urlTemplate: string | undefined,
  userId: string,
): { text: string; blocks: types.KnownBlock[] } {
  const text = `Added as a note to ${ticketMention(ticket, urlTemplate)} by <@${userId}>.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export interface NoteFormView {
  state?: { values: Record<string, Record<string, ViewStateValue>> };
  private_metadata?: string;
}

/** Reads what the user entered in the note form. */
export function readNoteForm(view: NoteFormView): { values: NoteFormValues; origin: NoteFormOrigin } {
  const entry = (field: NoteFormField): ViewStateValue | undefined =>
    view.state?.values[NOTE_FORM_ACTIONS[field]]?.[NOTE_FORM_ACTIONS[field]];
  const text = (field: NoteFormField) => {
    const value = entry(field)?.value;
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const notedAt = entry('date')?.selected_date_time;
  return {
    values: {
      ticket: text('ticket'),
      text: text('text'),
      typeId: idOfOptionValueOrZero(entry('type')?.selected_option?.value),
      isPublic: entry('visibility')?.selected_option?.value === 'public',
      notedAt: typeof notedAt === 'number' && Number.isFinite(notedAt) ? notedAt : undefined,
      statusId: idOfOptionValue(entry('status')?.selected_option?.value),
    },
    origin: decodeNoteOrigin(view.private_metadata),
  };
}

/** Note type ids start at 0 (Email Sent), unlike other BMS ids. */
function idOfOptionValueOrZero(value: string | null | undefined): number | undefined {
  return value === '0' ? 0 : idOfOptionValue(value);
}

function encodeNoteOrigin(origin: NoteFormOrigin): string {
  const text = JSON.stringify(origin);
  return text.length <= SLACK_LIMITS.privateMetadata
    ? text
    : JSON.stringify({ ...origin, responseUrl: undefined });
}

function decodeNoteOrigin(text: string | undefined): NoteFormOrigin {
  try {
    const parsed: unknown = JSON.parse(text ?? '');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const origin: NoteFormOrigin = {};
    for (const key of ['channelId', 'threadTs', 'messageTs', 'responseUrl'] as const) {
      const value = (parsed as Record<string, unknown>)[key];
      if (typeof value === 'string') origin[key] = value;
    }
    return origin;
  } catch {
    return {};
  }
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text };
}
