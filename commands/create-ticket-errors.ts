import { isBmsError } from '../src/bms/errors.ts';
import { isValidationError } from '../src/services/validation.ts';
import { describeError } from '../src/slack/error-text.ts';
import type { TicketFormField } from '../views/create-ticket-modal.ts';

/** Messages shown next to the form's fields. */
export type FieldErrors = Partial<Record<TicketFormField, string>>;

/** Why a ticket was not created: messages next to the fields, and one about the ticket as a whole. */
export interface TicketErrors {
  fields: FieldErrors;
  /** An outage, an unconfirmed create or a reason BMS tied to no field; shown above the fields. Plain text. */
  general?: string;
}

/** The form field of each BMS ticket field, and of the services' `QueueOrAssignee` rule. */
const FIELD_OF_BMS_FIELD: Readonly<Record<string, TicketFormField>> = {
  title: 'title',
  details: 'details',
  accountid: 'account',
  locationid: 'location',
  statusid: 'status',
  priorityid: 'priority',
  typeid: 'type',
  sourceid: 'source',
  queueid: 'queue',
  assigneeid: 'assignee',
  queueorassignee: 'queue',
  opendate: 'openDate',
  templateid: 'template',
};

/** Labels of the fields, for messages that list several of them outside the fields. */
export const FIELD_LABELS: Readonly<Record<TicketFormField, string>> = {
  template: 'Template',
  title: 'Title',
  details: 'Details',
  account: 'Account',
  location: 'Location',
  status: 'Status',
  priority: 'Priority',
  type: 'Type',
  source: 'Source',
  queue: 'Queue',
  assignee: 'Assignee',
  openDate: 'Opened',
};

/** Field errors are plain text, so a Slack sentence loses its code marks and mrkdwn entities. */
export function mrkdwnToPlain(text: string): string {
  return text.replaceAll('`', '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** Slack shows long field errors in full under the field; BMS sentences are cut well before that gets unwieldy. */
const MAX_FIELD_ERROR = 500;

function add(errors: FieldErrors, field: TicketFormField, message: string): void {
  const joined = errors[field] ? `${errors[field]} ${message}` : message;
  errors[field] = joined.length > MAX_FIELD_ERROR ? `${joined.slice(0, MAX_FIELD_ERROR - 1)}…` : joined;
}

/** Maps a services ValidationError's fields (BMS field names) to the form's fields. */
export function fieldErrorsOfValidation(fields: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, message] of Object.entries(fields)) {
    add(errors, FIELD_OF_BMS_FIELD[name.toLowerCase()] ?? 'title', message);
  }
  return errors;
}

/**
 * Turns why a ticket was not created into messages next to the fields. A BMS refusal names
 * the field at the start of each sentence ("LocationId does not belong to AccountId 12."), so
 * each sentence goes to its field. The rest, and every other error, becomes the general
 * message, in the words of describeError.
 */
export function ticketErrorsOf(error: unknown): TicketErrors {
  if (isValidationError(error)) return { fields: fieldErrorsOfValidation(error.fields) };
  // The account's locations are read before the create, so a refusal there is about the account.
  if (isBmsError(error, 'forbidden') && error.endpoint?.includes('/accounts/')) {
    return {
      fields: {
        account:
          'Your BMS user may not create tickets for this account. Choose another account, or ask your BMS administrator for access.',
      },
    };
  }
  const general = mrkdwnToPlain(describeError(error));
  if (!isBmsError(error, 'validation')) return { fields: {}, general };

  const fields: FieldErrors = {};
  let unplaced = false;
  for (const sentence of error.details.flatMap((detail) => detail.split(/(?<=[.!?])\s+/))) {
    const name = /^([A-Za-z]+)\b/.exec(sentence.trim())?.[1]?.toLowerCase();
    const field = name ? FIELD_OF_BMS_FIELD[name] : undefined;
    if (field) add(fields, field, sentence.trim());
    else unplaced = true;
  }
  const placedAll = !unplaced && Object.keys(fields).length > 0;
  return placedAll ? { fields } : { fields, general };
}

/** Lists the errors in one sentence, for a message that cannot show them next to the fields. */
export function ticketErrorsAsText(errors: TicketErrors): string {
  const labelled = Object.entries(errors.fields).map(
    ([field, message]) => `${FIELD_LABELS[field as TicketFormField]}: ${message}`,
  );
  return [errors.general, ...labelled].filter(Boolean).join(' ');
}

/** Keys the errors by the blocks' current ids, as `response_action: errors` requires. */
export function errorsByBlockId(
  errors: FieldErrors,
  blockIds: Readonly<Record<TicketFormField, string>>,
): Record<string, string> {
  const byBlock: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (message) byBlock[blockIds[field as TicketFormField]] = message;
  }
  return byBlock;
}
