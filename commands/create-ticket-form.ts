import type { types } from '@slack/bolt';
import { isBmsError } from '../src/bms/errors.ts';
import type { UserCache } from '../src/cache/index.ts';
import type { Logger } from '../src/log.ts';
import { foldName } from '../src/services/name-matching.ts';
import { describeError } from '../src/slack/error-text.ts';
import {
  buildTicketFormModal,
  LIST_FIELDS,
  type ListField,
  type TicketFormChoices,
  type TicketFormField,
  type TicketFormInput,
  type TicketFormValues,
} from '../views/create-ticket-modal.ts';
import type { Choice } from '../views/create-ticket-modal-options.ts';
import { fingerprintOf, type TicketFormState } from '../views/create-ticket-modal-state.ts';
import { mrkdwnToPlain } from './create-ticket-errors.ts';

/** A list from the cache: active entries only, and whether the cache could only serve an old copy. */
interface LoadedList {
  choices: Choice[];
  stale: boolean;
}

/** Loads one field's list from the user's cache; `accountId` is needed for locations. */
export async function loadFieldChoices(
  cache: UserCache,
  field: ListField,
  accountId?: number,
): Promise<LoadedList> {
  const active = <Item extends { Id: number; Name: string; IsActive?: boolean | null }>(
    items: readonly Item[],
  ) => items.filter((item) => item.IsActive !== false).map((item) => ({ id: item.Id, name: item.Name }));

  switch (field) {
    case 'template': {
      const { value, stale } = await cache.lookup('ticketTemplates');
      return { choices: value.map((item) => ({ id: item.Id, name: item.Name })), stale };
    }
    case 'location': {
      if (accountId === undefined) return { choices: [], stale: false };
      const { value, stale } = await cache.locationOptions(accountId);
      return { choices: value.map((item) => ({ id: item.Id, name: item.Name })), stale };
    }
    case 'status': {
      const { value, stale } = await cache.lookup('statuses');
      const ordered = [...value].sort(
        (a, b) => (a.StatusOrder ?? Number.MAX_SAFE_INTEGER) - (b.StatusOrder ?? Number.MAX_SAFE_INTEGER),
      );
      return { choices: active(ordered), stale };
    }
    case 'priority': {
      const { value, stale } = await cache.lookup('priorities');
      return { choices: value.map((item) => ({ id: item.Id, name: item.Name })), stale };
    }
    case 'type': {
      const { value, stale } = await cache.lookup('ticketTypes');
      return { choices: active(value), stale };
    }
    case 'source': {
      const { value, stale } = await cache.lookup('ticketSources');
      return { choices: active(value), stale };
    }
    case 'queue': {
      const { value, stale } = await cache.lookup('queues');
      return { choices: active(value), stale };
    }
    case 'assignee': {
      const { value, stale } = await cache.lookup('assignees');
      return { choices: value.map((item) => ({ id: item.Id, name: item.Name })), stale };
    }
  }
}

export interface LoadedTicketForm {
  choices: TicketFormChoices;
  /** Values BMS marks as defaults: status New, and the default priority, type and source. */
  defaults: Pick<TicketFormValues, 'statusId' | 'priorityId' | 'typeId' | 'sourceId'>;
  /** The main location of the account, when an account was given. */
  mainLocationId?: number;
  /** A sentence for the form when a list could not be loaded or may be out of date. */
  notice?: string;
}

/** Loads every list of the form from the user's cache (no BMS call when the cache is warm). */
export async function loadTicketForm(
  cache: UserCache,
  logger: Logger,
  accountId?: number,
): Promise<LoadedTicketForm> {
  const results = await Promise.allSettled(
    LIST_FIELDS.map((field) => loadFieldChoices(cache, field, accountId)),
  );
  const choices = {} as Record<ListField, Choice[] | undefined>;
  const failed: ListField[] = [];
  let stale = false;
  results.forEach((result, index) => {
    const field = LIST_FIELDS[index] as ListField;
    if (result.status === 'fulfilled') {
      choices[field] = result.value.choices;
      stale ||= result.value.stale;
    } else {
      choices[field] = undefined;
      failed.push(field);
      logger.warn('Ticket form list could not be loaded', { list: field, error: errorName(result.reason) });
    }
  });

  const defaults = await loadDefaults(cache);
  // Without its location list the account has no main location to find, and asking BMS again would double the wait.
  const mainLocationId =
    accountId === undefined || failed.includes('location')
      ? undefined
      : await mainLocationOf(cache, accountId);
  let notice: string | undefined;
  if (failed.length > 0) {
    notice = `BMS did not return the ${failed.join(', ')} list. ${failureReason(results)}Those fields load when you open them; try again if they stay empty.`;
  } else if (stale) {
    notice = 'BMS did not answer, so some lists come from an older copy and may be out of date.';
  }
  return { choices, defaults, mainLocationId, notice };
}

/** The first failed list's reason in the words of describeError, so the form says why (a rate limit, an outage). */
function failureReason(results: PromiseSettledResult<unknown>[]): string {
  const failure = results.find((result) => result.status === 'rejected');
  if (!failure || !isBmsError(failure.reason)) return '';
  return `${mrkdwnToPlain(describeError(failure.reason))} `;
}

/** The account's main location: first in locationOptions' order, when it is marked main. */
export async function mainLocationOf(cache: UserCache, accountId: number): Promise<number | undefined> {
  try {
    const [first] = (await cache.locationOptions(accountId)).value;
    return first?.IsMain === true ? first.Id : undefined;
  } catch {
    return undefined;
  }
}

async function loadDefaults(cache: UserCache): Promise<LoadedTicketForm['defaults']> {
  const settle = async <Value>(read: () => Promise<Value>): Promise<Value | undefined> => {
    try {
      return await read();
    } catch {
      return undefined;
    }
  };
  const [statuses, priorities, types, sources] = await Promise.all([
    settle(async () => (await cache.lookup('statuses')).value),
    settle(async () => (await cache.lookup('priorities')).value),
    settle(async () => (await cache.lookup('ticketTypes')).value),
    settle(async () => (await cache.lookup('ticketSources')).value),
  ]);
  const isDefault = (item: { IsDefault?: boolean | null; IsActive?: boolean | null }) =>
    item.IsDefault === true && item.IsActive !== false;
  return {
    // BMS marks no status as default; a new ticket starts in the status named New.
    statusId: statuses?.find((status) => foldName(status.Name) === 'new' && status.IsActive !== false)?.Id,
    priorityId: priorities?.find(isDefault)?.Id,
    typeId: types?.find(isDefault)?.Id,
    sourceId: sources?.find(isDefault)?.Id,
  };
}

/** Fields the app fills with BMS defaults; their fingerprints let a template replace them later. */
const DEFAULTED_FIELDS: readonly TicketFormField[] = ['status', 'priority', 'type', 'source', 'location'];

/** Records the fingerprints of the values the app filled in, so a template may replace them later. */
export function markFilled(state: TicketFormState, fields: readonly TicketFormField[]): void {
  for (const field of fields) {
    const fingerprint = fingerprintOf(field, state.values);
    if (fingerprint === undefined) delete state.metadata.filled[field];
    else state.metadata.filled[field] = fingerprint;
  }
}

/** Applies the BMS defaults to the empty fields of a new form and marks them as app-filled. */
export function applyDefaults(state: TicketFormState, loaded: LoadedTicketForm): void {
  const { values } = state;
  values.statusId ??= loaded.defaults.statusId;
  values.priorityId ??= loaded.defaults.priorityId;
  values.typeId ??= loaded.defaults.typeId;
  values.sourceId ??= loaded.defaults.sourceId;
  if (values.account && values.locationId === undefined) values.locationId = loaded.mainLocationId;
  markFilled(state, DEFAULTED_FIELDS);
}

/** Builds the form view from its state and loaded lists, with the reasons a failed create left. */
export function renderTicketForm(
  state: TicketFormState,
  loaded: LoadedTicketForm,
  failure: Pick<TicketFormInput, 'notice' | 'fieldWarnings'> = {},
): types.ModalView {
  return buildTicketFormModal({
    values: state.values,
    choices: loaded.choices,
    blockIds: state.blockIds,
    metadata: state.metadata,
    notice: failure.notice ?? loaded.notice,
    fieldWarnings: failure.fieldWarnings,
  });
}

function errorName(error: unknown): string {
  if (error instanceof Error) return (error as Error & { kind?: string }).kind ?? error.name;
  return typeof error;
}
