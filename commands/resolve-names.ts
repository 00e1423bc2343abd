import { isBmsError } from '../src/bms/errors.ts';
import type { Account } from '../src/bms/index.ts';
import type { LookupKind, LookupLists } from '../src/cache/index.ts';
import type { NameOrId } from '../src/grammar/index.ts';
import {
  foldName,
  isValidationError,
  type NoteType,
  type Resolution,
  resolveAccount,
  ValidationError,
} from '../src/services/index.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import type { UserContext } from '../src/slack/run-as-user.ts';

/**
 * Turns the names people type (`--status Open`, `--queue "Service Desk"`, `--account Contoso`)
 * into BMS records through the user's cache, so that a warm cache resolves them without a BMS request.
 */

interface Named {
  Id: number;
  Name?: string | null;
}

/** Lookup lists whose rows have an id and a name, by the label used in messages. */
export const NAMED_LOOKUPS = {
  status: 'statuses',
  priority: 'priorities',
  queue: 'queues',
  'ticket type': 'ticketTypes',
  source: 'ticketSources',
  assignee: 'assignees',
} as const satisfies Record<string, LookupKind>;

export type NamedLookup = keyof typeof NAMED_LOOKUPS;

const PLURALS: Record<NamedLookup, string> = {
  status: 'statuses',
  priority: 'priorities',
  queue: 'queues',
  'ticket type': 'ticket types',
  source: 'sources',
  assignee: 'assignees',
};

/** How many names a message lists before it stops. */
const MAX_NAMES_LISTED = 15;

function nameList(items: readonly Named[]): string {
  const names = items.slice(0, MAX_NAMES_LISTED).map((item) => `${item.Name ?? '(no name)'} (${item.Id})`);
  return `${names.join(', ')}${items.length > MAX_NAMES_LISTED ? ', ...' : ''}`;
}

/**
 * Finds one row by id or by name. A name matches whole (ignoring case and accents), or else as
 * the only row whose name contains it; several matches return the choices.
 */
export function matchNamed<T extends Named>(
  items: readonly T[],
  wanted: NameOrId,
  label: string,
  plural: string,
): Resolution<T> {
  if (wanted.id !== undefined) {
    const row = items.find((item) => item.Id === wanted.id);
    if (row) return { ok: true, value: row };
    return {
      ok: false,
      reason: 'not_found',
      message: `No ${label} has the id ${wanted.id}. The ${plural} are: ${nameList(items)}.`,
      choices: [],
    };
  }

  const typed = (wanted.name ?? '').trim();
  const folded = foldName(typed);
  const exact = items.filter((item) => foldName(item.Name ?? '') === folded);
  if (exact.length === 1 && exact[0]) return { ok: true, value: exact[0] };
  const candidates =
    exact.length > 1 ? exact : items.filter((item) => foldName(item.Name ?? '').includes(folded));
  if (candidates.length === 1 && candidates[0]) return { ok: true, value: candidates[0] };
  if (candidates.length > 1) {
    return {
      ok: false,
      reason: 'ambiguous',
      message: `"${typed}" matches ${candidates.length} ${plural}: ${nameList(candidates)}. Type the full name or the id.`,
      choices: candidates,
    };
  }
  return {
    ok: false,
    reason: 'not_found',
    message: `No ${label} is named "${typed}". The ${plural} are: ${nameList(items)}.`,
    choices: [],
  };
}

/** Resolves a lookup value through the user's cache; throws ValidationError under `field` when it does not resolve. */
export async function resolveNamed(
  user: UserContext,
  label: NamedLookup,
  wanted: NameOrId,
  field: string,
): Promise<Named> {
  const kind = NAMED_LOOKUPS[label];
  const { value } = await user.cache.lookup(kind);
  const resolution = matchNamed(value as LookupLists[typeof kind] & Named[], wanted, label, PLURALS[label]);
  if (!resolution.ok) throw new ValidationError({ [field]: resolution.message });
  return resolution.value;
}

/**
 * Resolves the id of a lookup value. An id is passed on unchecked (BMS checks it), so a typed id
 * costs no lookup; a name is resolved through the cache.
 */
export async function resolveNamedId(
  user: UserContext,
  label: NamedLookup,
  wanted: NameOrId,
  field: string,
): Promise<number> {
  if (wanted.id !== undefined) return wanted.id;
  return (await resolveNamed(user, label, wanted, field)).Id;
}

/** Resolves an account by id or name; throws ValidationError under `field` with the choices when ambiguous. */
export async function resolveAccountOf(
  user: UserContext,
  wanted: NameOrId,
  field = 'AccountId',
): Promise<Account> {
  const resolution = await resolveAccount(
    user.cache,
    wanted.id !== undefined ? String(wanted.id) : (wanted.name ?? ''),
  );
  if (!resolution.ok) throw new ValidationError({ [field]: resolution.message });
  return resolution.value;
}

/**
 * Returns the tenant's note types from the cache, or BMS_NOTE_TYPES when the tenant's lookup cannot be
 * read: its table name is not published and differs between tenants.
 */
export async function noteTypesOf(user: UserContext, deps: SlackDeps): Promise<NoteType[]> {
  try {
    const { value } = await user.cache.lookup('noteTypes');
    const fromTenant = value
      .filter((item) => item.Name)
      .map((item) => ({ id: item.Id, name: String(item.Name) }));
    return fromTenant.length > 0 ? fromTenant : deps.config.bms.noteTypes;
  } catch (error) {
    if (!isBmsError(error)) throw error;
    deps.logger.warn('Note types lookup failed; using BMS_NOTE_TYPES', {
      kind: error.kind,
      endpoint: error.endpoint,
    });
    return deps.config.bms.noteTypes;
  }
}

/** Returns the note type value that resolveNoteType takes: the id, the name, or undefined for the default. */
export function noteTypeValue(type: NameOrId | undefined): number | string | undefined {
  return type?.id ?? type?.name;
}

/** Collects the field problems of several resolutions, so that one reply lists them all. */
export class FieldProblems {
  readonly fields: Record<string, string> = {};

  add(field: string, message: string): void {
    this.fields[field] = message;
  }

  /** Awaits a resolution; a ValidationError is recorded and returns undefined, anything else is thrown. */
  async take<T>(resolution: Promise<T>): Promise<T | undefined> {
    try {
      return await resolution;
    } catch (error) {
      if (!isValidationError(error)) throw error;
      Object.assign(this.fields, error.fields);
      return undefined;
    }
  }

  throwIfAny(): void {
    if (Object.keys(this.fields).length > 0) throw new ValidationError(this.fields);
  }
}
