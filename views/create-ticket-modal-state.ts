import { createHash } from 'node:crypto';
import type { ViewStateValue } from '@slack/bolt';
import {
  decodeTicketFormMetadata,
  initialBlockIds,
  TICKET_FORM_ACTIONS,
  TICKET_FORM_FIELDS,
  type TicketFormField,
  type TicketFormMetadata,
  type TicketFormValues,
} from './create-ticket-modal.ts';
import { idOfOptionValue } from './create-ticket-modal-options.ts';

/** The parts of a view that Slack sends in block actions, options loads and submissions. */
export interface SubmittedView {
  blocks: readonly unknown[];
  state?: { values: Record<string, Record<string, ViewStateValue>> };
  private_metadata?: string;
}

export interface TicketFormState {
  values: TicketFormValues;
  /** The block id each field has now. */
  blockIds: Record<TicketFormField, string>;
  metadata: TicketFormMetadata;
}

/**
 * Block ids are `<action id>` or `<action id>.<revision>`. A new revision makes Slack forget what
 * the block held, so a field can be reset or refilled while every other block keeps its input.
 */
export function fieldOfBlockId(blockId: string): TicketFormField | undefined {
  const base = blockId.split('.', 1)[0];
  return TICKET_FORM_FIELDS.find((field) => TICKET_FORM_ACTIONS[field] === base);
}

/** Returns the block id with its revision raised by one. */
export function nextBlockId(blockId: string): string {
  const [base, revision] = blockId.split('.', 2);
  const next = revision && /^\d+$/.test(revision) ? Number(revision) + 1 : 1;
  return `${base}.${next}`;
}

/** Reads the block id of every field from a view's blocks; a field the view lacks keeps its first id. */
export function blockIdsOf(blocks: readonly unknown[]): Record<TicketFormField, string> {
  const blockIds = initialBlockIds();
  for (const block of blocks) {
    const blockId = (block as { block_id?: unknown }).block_id;
    if (typeof blockId !== 'string') continue;
    const field = fieldOfBlockId(blockId);
    if (field) blockIds[field] = blockId;
  }
  return blockIds;
}

/** Reads what the user entered, with the block ids and the metadata, from a view Slack sent. */
export function readTicketForm(view: SubmittedView): TicketFormState {
  const blockIds = blockIdsOf(view.blocks);
  const entry = (field: TicketFormField): ViewStateValue | undefined =>
    view.state?.values[blockIds[field]]?.[TICKET_FORM_ACTIONS[field]];
  const selectedId = (field: TicketFormField) => idOfOptionValue(entry(field)?.selected_option?.value);
  const text = (field: TicketFormField) => {
    const value = entry(field)?.value;
    return typeof value === 'string' && value !== '' ? value : undefined;
  };

  const accountOption = entry('account')?.selected_option;
  const accountId = idOfOptionValue(accountOption?.value);
  const openedAt = entry('openDate')?.selected_date_time;

  const values: TicketFormValues = {
    templateId: selectedId('template'),
    title: text('title'),
    details: text('details'),
    account: accountId === undefined ? undefined : { id: accountId, name: accountOption?.text.text ?? '' },
    locationId: selectedId('location'),
    statusId: selectedId('status'),
    priorityId: selectedId('priority'),
    typeId: selectedId('type'),
    sourceId: selectedId('source'),
    queueId: selectedId('queue'),
    assigneeId: selectedId('assignee'),
    openedAt: typeof openedAt === 'number' && Number.isFinite(openedAt) ? openedAt : undefined,
  };
  return { values, blockIds, metadata: decodeTicketFormMetadata(view.private_metadata) };
}

/** Computes a short fingerprint of a field's value, so the metadata can tell an app-filled value from the user's. */
export function fingerprintOf(field: TicketFormField, values: TicketFormValues): string | undefined {
  const value = comparableValue(field, values);
  if (value === undefined) return undefined;
  return createHash('sha256').update(`${field}\u0000${value}`).digest('base64url').slice(0, 12);
}

/** True when the user has not put a value of their own in the field: it is empty or contains what the app filled. */
export function isFillable(
  field: TicketFormField,
  state: Pick<TicketFormState, 'values' | 'metadata'>,
): boolean {
  const current = fingerprintOf(field, state.values);
  return current === undefined || current === state.metadata.filled[field];
}

function comparableValue(field: TicketFormField, values: TicketFormValues): string | undefined {
  switch (field) {
    case 'title':
      return values.title?.trim() || undefined;
    case 'details':
      return values.details?.trim() || undefined;
    case 'account':
      return values.account ? String(values.account.id) : undefined;
    case 'openDate':
      return values.openedAt === undefined ? undefined : String(values.openedAt);
    default: {
      const id = values[`${field}Id` as const];
      return id === undefined ? undefined : String(id);
    }
  }
}
