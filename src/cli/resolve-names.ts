import type { NameOrId } from '../grammar/index.ts';
import { foldName, resolveAccount } from '../services/index.ts';
import type { CliDirectory, LookupName, NamedItem } from './directory.ts';
import { failure } from './exit-codes.ts';
import { terminalLine } from './terminal-text.ts';

/** Names of each lookup list in messages. */
const LIST_LABELS: Record<LookupName, { one: string; many: string }> = {
  statuses: { one: 'status', many: 'Statuses' },
  priorities: { one: 'priority', many: 'Priorities' },
  queues: { one: 'queue', many: 'Queues' },
  assignees: { one: 'assignee', many: 'Assignees' },
  ticketTypes: { one: 'ticket type', many: 'Ticket types' },
  ticketSources: { one: 'source', many: 'Sources' },
};

const MAX_NAMES_SHOWN = 15;

function listNames(items: readonly NamedItem[]): string {
  const names = items.slice(0, MAX_NAMES_SHOWN).map((item) => `${terminalLine(item.Name)} (${item.Id})`);
  return `${names.join(', ')}${items.length > MAX_NAMES_SHOWN ? ', ...' : ''}`;
}

/**
 * Finds one item of a lookup list by name: the name that matches exactly (ignoring case and
 * accents), else the only name that contains the text. Anything else fails with the choices.
 */
export function findByName(items: readonly NamedItem[], name: string, list: LookupName): NamedItem {
  const label = LIST_LABELS[list];
  const wanted = foldName(name);
  const exact = items.filter((item) => foldName(item.Name) === wanted);
  if (exact.length === 1 && exact[0]) return exact[0];
  const partial = exact.length > 1 ? exact : items.filter((item) => foldName(item.Name).includes(wanted));
  if (partial.length === 1 && partial[0]) return partial[0];
  if (partial.length > 1) {
    throw failure(
      `"${terminalLine(name)}" matches ${partial.length} ${label.many.toLowerCase()}: ${listNames(partial)}. Type the full name or the id.`,
    );
  }
  throw failure(
    `There is no ${label.one} named "${terminalLine(name)}". ${label.many}: ${listNames(items)}.`,
  );
}

/** Returns the id of a lookup item given by id (taken as typed; BMS checks it) or by name (looked up). */
export async function lookupId(directory: CliDirectory, list: LookupName, value: NameOrId): Promise<number> {
  if (value.id !== undefined) return value.id;
  return findByName(await directory.lookup(list), value.name ?? '', list).Id;
}

/** Returns the name of a lookup item given by id or by name, as BMS's ticket search filters by names. */
export async function lookupName(
  directory: CliDirectory,
  list: LookupName,
  value: NameOrId,
): Promise<string> {
  const items = await directory.lookup(list);
  if (value.name !== undefined) return findByName(items, value.name, list).Name;
  const item = items.find((candidate) => candidate.Id === value.id);
  if (!item)
    throw failure(
      `There is no ${LIST_LABELS[list].one} with id ${value.id}. ${LIST_LABELS[list].many}: ${listNames(items)}.`,
    );
  return item.Name;
}

/** Returns the id of an account given by id (taken as typed) or by name (looked up in the account list). */
export async function accountId(directory: CliDirectory, value: NameOrId): Promise<number> {
  if (value.id !== undefined) return value.id;
  const resolution = await resolveAccount(directory, value.name ?? '');
  if (!resolution.ok) throw failure(terminalLine(resolution.message));
  return resolution.value.Id;
}
