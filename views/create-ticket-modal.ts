import type { types } from '@slack/bolt';
import { type Choice, selectOf } from './create-ticket-modal-options.ts';
import { fieldWarningBlock, formNoticeBlock } from './field-warning.ts';
import { SLACK_LIMITS, shorten, sliceWhole } from './text-limits.ts';

/** Callback ids of the ticket form and of the view shown while BMS creates the ticket. */
export const CREATE_TICKET_VIEWS = {
  form: 'create_ticket_form',
  progress: 'create_ticket_progress',
} as const;

export const TICKET_FORM_FIELDS = [
  'template',
  'title',
  'details',
  'account',
  'location',
  'status',
  'priority',
  'type',
  'source',
  'queue',
  'assignee',
  'openDate',
] as const;

export type TicketFormField = (typeof TICKET_FORM_FIELDS)[number];

/**
 * Action id of each field's element; the handlers register under the same ids. Block ids start
 * with the same text and may carry a `.N` revision (see create-ticket-modal-state.ts).
 */
export const TICKET_FORM_ACTIONS: Readonly<Record<TicketFormField, string>> = {
  template: 'create_ticket_template',
  title: 'create_ticket_title',
  details: 'create_ticket_details',
  account: 'create_ticket_account',
  location: 'create_ticket_location',
  status: 'create_ticket_status',
  priority: 'create_ticket_priority',
  type: 'create_ticket_type',
  source: 'create_ticket_source',
  queue: 'create_ticket_queue',
  assignee: 'create_ticket_assignee',
  openDate: 'create_ticket_open_date',
};

/** Fields whose list comes from the cache and may be shown as an external select. */
export const LIST_FIELDS = [
  'template',
  'location',
  'status',
  'priority',
  'type',
  'source',
  'queue',
  'assignee',
] as const;
export type ListField = (typeof LIST_FIELDS)[number];

/** Values of the form; every field may be empty while the user fills it in. */
export interface TicketFormValues {
  templateId?: number;
  title?: string;
  details?: string;
  account?: Choice;
  locationId?: number;
  statusId?: number;
  priorityId?: number;
  typeId?: number;
  sourceId?: number;
  queueId?: number;
  assigneeId?: number;
  /** The open date and time, in Unix seconds as Slack's datetimepicker gives it. */
  openedAt?: number;
}

/** The dropdown lists; a list that could not be loaded is undefined. */
export type TicketFormChoices = { [Field in ListField]: readonly Choice[] | undefined };

/** The place where the form was started, so the result goes back there. */
export interface TicketFormOrigin {
  /** The response URL of the command or message shortcut: the new ticket's card goes there. */
  responseUrl?: string;
  /** The channel of the message the ticket is made from. */
  channelId?: string;
  /** The message the ticket is made from, and the thread to reply in. */
  messageTs?: string;
  threadTs?: string;
}

/** Kept in the view's `private_metadata`; well under Slack's 3,000 characters (a test checks). */
export interface TicketFormMetadata {
  origin: TicketFormOrigin;
  /**
   * Fingerprints of the values the app put in (BMS defaults, a template's values), by field. A
   * field whose value still has its fingerprint was not changed by the user, so a template may
   * replace it.
   */
  filled: Partial<Record<TicketFormField, string>>;
}

export interface TicketFormInput {
  values: TicketFormValues;
  choices: TicketFormChoices;
  /** The block id of each field; a new id makes Slack drop what the block held and show its initial value. */
  blockIds: Readonly<Record<TicketFormField, string>>;
  metadata: TicketFormMetadata;
  /** A sentence shown above the fields: why the last attempt failed, or that lists may be out of date. Plain text. */
  notice?: string;
  /** Reasons BMS rejected the last attempt, each shown under the field it concerns. Plain text. */
  fieldWarnings?: Partial<Record<TicketFormField, string>>;
}

export const TICKET_DETAILS_MAX = SLACK_LIMITS.plainTextInput;
const TITLE_MAX = 250;

/** Returns the block ids of a form opened for the first time: the action ids themselves. */
export function initialBlockIds(): Record<TicketFormField, string> {
  return { ...TICKET_FORM_ACTIONS };
}

/** Builds the ticket form. Slack keeps what the user entered in every block whose id is unchanged. */
export function buildTicketFormModal(input: TicketFormInput): types.ModalView {
  const { values, choices, blockIds } = input;
  const inputs: Record<TicketFormField, types.InputBlock> = {
    template: {
      type: 'input',
      block_id: blockIds.template,
      optional: true,
      dispatch_action: true,
      label: plain('Template'),
      hint: plain('Fills the fields the template sets, except those you have changed.'),
      element: selectOf({
        actionId: TICKET_FORM_ACTIONS.template,
        placeholder: 'No template',
        choices: choices.template,
        selectedId: values.templateId,
      }),
    },
    title: textInput(blockIds.title, TICKET_FORM_ACTIONS.title, 'Title', values.title, {
      maxLength: TITLE_MAX,
      placeholder: 'A short summary of the problem',
    }),
    details: textInput(blockIds.details, TICKET_FORM_ACTIONS.details, 'Details', values.details, {
      maxLength: TICKET_DETAILS_MAX,
      multiline: true,
      placeholder: 'What happened, who is affected, what was tried',
    }),
    account: {
      type: 'input',
      block_id: blockIds.account,
      dispatch_action: true,
      label: plain('Account'),
      element: {
        type: 'external_select',
        action_id: TICKET_FORM_ACTIONS.account,
        placeholder: plain('Type to search accounts'),
        min_query_length: 0,
        ...(values.account ? { initial_option: accountOption(values.account) } : {}),
      },
    },
    location: {
      type: 'input',
      block_id: blockIds.location,
      label: plain('Location'),
      hint: values.account ? undefined : plain('Choose the account first: only its locations are offered.'),
      element: selectOf({
        actionId: TICKET_FORM_ACTIONS.location,
        placeholder: values.account ? 'Choose a location' : 'Choose the account first',
        // Without an account there is nothing to offer: the empty external select is replaced by the
        // account's locations as soon as an account is chosen.
        choices: values.account ? choices.location : undefined,
        selectedId: values.locationId,
      }),
    },
    status: listInput(input, 'status', 'Status', values.statusId),
    priority: listInput(input, 'priority', 'Priority', values.priorityId),
    type: listInput(input, 'type', 'Type', values.typeId),
    source: listInput(input, 'source', 'Source', values.sourceId),
    queue: listInput(input, 'queue', 'Queue', values.queueId, {
      optional: true,
      hint: 'Choose a queue, an assignee or both.',
    }),
    assignee: listInput(input, 'assignee', 'Assignee', values.assigneeId, { optional: true }),
    openDate: {
      type: 'input',
      block_id: blockIds.openDate,
      label: plain('Opened'),
      element: {
        type: 'datetimepicker',
        action_id: TICKET_FORM_ACTIONS.openDate,
        ...(values.openedAt !== undefined ? { initial_date_time: values.openedAt } : {}),
      },
    },
  };

  const blocks: types.KnownBlock[] = [];
  if (input.notice) blocks.push(formNoticeBlock('create_ticket_notice', input.notice));
  for (const field of TICKET_FORM_FIELDS) {
    blocks.push(inputs[field]);
    const warning = input.fieldWarnings?.[field];
    // The warning's block id shares no prefix with an input's, so reading the form never takes it for a field.
    if (warning) blocks.push(fieldWarningBlock(`create_ticket_warning_${field}`, warning));
  }

  return {
    type: 'modal',
    callback_id: CREATE_TICKET_VIEWS.form,
    title: plain('Create BMS ticket'),
    submit: plain('Create'),
    close: plain('Cancel'),
    private_metadata: encodeTicketFormMetadata(input.metadata),
    blocks,
  };
}

/** Builds the modal shown at once while the lists load, so the trigger id is used within its 3 seconds. */
export function buildTicketFormLoadingModal(text = 'Loading accounts and lists from BMS…'): types.ModalView {
  return {
    type: 'modal',
    callback_id: CREATE_TICKET_VIEWS.progress,
    title: plain('Create BMS ticket'),
    close: plain('Cancel'),
    blocks: [{ type: 'section', text: { type: 'plain_text', text: shorten(text, 3000), emoji: true } }],
  };
}

/** Builds the option of an account in the account select. */
export function accountOption(account: Choice): types.PlainTextOption {
  return {
    text: {
      type: 'plain_text',
      text: shorten(account.name.trim() || `Account ${account.id}`, 75),
      emoji: false,
    },
    value: String(account.id),
  };
}

export function encodeTicketFormMetadata(metadata: TicketFormMetadata): string {
  const text = JSON.stringify(metadata);
  if (text.length > SLACK_LIMITS.privateMetadata) {
    // Only a response URL of thousands of characters gets here. The origin is dropped, so the result goes by DM.
    return JSON.stringify({ origin: {}, filled: metadata.filled });
  }
  return text;
}

/** Reads the metadata back; a missing or damaged value gives an empty origin. */
export function decodeTicketFormMetadata(text: string | undefined): TicketFormMetadata {
  try {
    const parsed: unknown = JSON.parse(text ?? '');
    if (typeof parsed !== 'object' || parsed === null) return { origin: {}, filled: {} };
    const { origin, filled } = parsed as { origin?: unknown; filled?: unknown };
    return { origin: stringRecord(origin) as TicketFormOrigin, filled: stringRecord(filled) };
  } catch {
    return { origin: {}, filled: {} };
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const record: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') record[key] = item;
  return record;
}

function listInput(
  input: TicketFormInput,
  field: Exclude<ListField, 'template' | 'location'>,
  label: string,
  selectedId: number | undefined,
  options: { optional?: boolean; hint?: string } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: input.blockIds[field],
    label: plain(label),
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element: selectOf({
      actionId: TICKET_FORM_ACTIONS[field],
      placeholder: `Choose the ${label.toLowerCase()}`,
      choices: input.choices[field],
      selectedId,
    }),
  };
}

function textInput(
  blockId: string,
  actionId: string,
  label: string,
  value: string | undefined,
  options: { maxLength: number; multiline?: boolean; placeholder: string },
): types.InputBlock {
  const initial = value === undefined ? undefined : sliceWhole(value, options.maxLength);
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: {
      type: 'plain_text_input',
      action_id: actionId,
      max_length: options.maxLength,
      placeholder: plain(options.placeholder),
      ...(options.multiline ? { multiline: true } : {}),
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text };
}
