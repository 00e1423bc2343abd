import type { TicketReference } from '../services/ticket-reference.ts';
import type { CommandName, GlobalOptions, NameOrId, ParsedCommand, TicketChange } from './parsed-command.ts';

/** A value read for one slot, tagged so that builders can check what they get. */
export type SlotValue =
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'name-or-id'; value: NameOrId }
  | { kind: 'name-or-id-list'; value: NameOrId[] }
  | { kind: 'ticket'; value: TicketReference }
  | { kind: 'changes'; value: TicketChange[] };

/**
 * Typed access to the slots of one command. The parser has already checked required slots, so
 * a `required*` getter that finds nothing means the table and a builder disagree: a bug, thrown.
 */
export class SlotValues {
  readonly #values: ReadonlyMap<string, SlotValue>;

  constructor(values: ReadonlyMap<string, SlotValue>) {
    this.#values = values;
  }

  flag(slot: string): boolean {
    const slotValue = this.#values.get(slot);
    return slotValue?.kind === 'boolean' && slotValue.value;
  }

  number(slot: string): number | undefined {
    const slotValue = this.#values.get(slot);
    return slotValue?.kind === 'number' ? slotValue.value : undefined;
  }

  text(slot: string): string | undefined {
    const slotValue = this.#values.get(slot);
    return slotValue?.kind === 'text' ? slotValue.value : undefined;
  }

  /** Reads an id flag (`--account-id 42`) or a name flag (`--account Acme`) of one slot as NameOrId. */
  nameOrId(slot: string): NameOrId | undefined {
    const slotValue = this.#values.get(slot);
    if (slotValue?.kind === 'number') return { id: slotValue.value };
    return slotValue?.kind === 'name-or-id' ? slotValue.value : undefined;
  }

  nameOrIdList(slot: string): NameOrId[] {
    const slotValue = this.#values.get(slot);
    return slotValue?.kind === 'name-or-id-list' ? slotValue.value : [];
  }

  changes(slot: string): TicketChange[] {
    const slotValue = this.#values.get(slot);
    return slotValue?.kind === 'changes' ? slotValue.value : [];
  }

  requiredNumber(slot: string): number {
    return this.#required(slot, this.number(slot));
  }

  requiredText(slot: string): string {
    return this.#required(slot, this.text(slot));
  }

  requiredNameOrId(slot: string): NameOrId {
    return this.#required(slot, this.nameOrId(slot));
  }

  requiredTicket(slot: string): TicketReference {
    const slotValue = this.#values.get(slot);
    return this.#required(slot, slotValue?.kind === 'ticket' ? slotValue.value : undefined);
  }

  #required<T>(slot: string, value: T | undefined): T {
    if (value === undefined) throw new Error(`The grammar read no value for the required slot "${slot}".`);
    return value;
  }
}

/** Copies an object without its undefined fields, so that parsed commands compare cleanly. */
function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

type Builder<Name extends CommandName> = (
  slots: SlotValues,
  options: GlobalOptions,
) => Extract<ParsedCommand, { name: Name }>;

type Builders = { [Name in Exclude<CommandName, 'help'>]: Builder<Name> };

/** One builder per command name, so a command missing here fails type checking. */
const BUILDERS: Builders = {
  'auth.login': (_slots, options) => ({ name: 'auth.login', ...options }),
  'auth.logout': (_slots, options) => ({ name: 'auth.logout', ...options }),
  'auth.refresh': (_slots, options) => ({ name: 'auth.refresh', ...options }),
  'auth.status': (_slots, options) => ({ name: 'auth.status', ...options }),
  'accounts.list': (slots, options) =>
    withoutUndefined({
      name: 'accounts.list',
      ...options,
      search: slots.text('search'),
      refresh: slots.flag('refresh'),
      page: slots.number('page'),
    }),
  'locations.list': (slots, options) => ({
    name: 'locations.list',
    ...options,
    account: slots.requiredNameOrId('account'),
    refresh: slots.flag('refresh'),
  }),
  'tickets.list': (slots, options) =>
    withoutUndefined({
      name: 'tickets.list',
      ...options,
      statuses: slots.nameOrIdList('statuses'),
      assignee: slots.nameOrId('assignee'),
      account: slots.nameOrId('account'),
      queue: slots.nameOrId('queue'),
      priority: slots.nameOrId('priority'),
      mine: slots.flag('mine'),
      page: slots.number('page'),
    }),
  'tickets.get': (slots, options) => ({
    name: 'tickets.get',
    ...options,
    ticket: slots.requiredTicket('ticket'),
  }),
  'tickets.create': (slots, options) =>
    withoutUndefined({
      name: 'tickets.create',
      ...options,
      title: slots.text('title'),
      details: slots.text('details'),
      account: slots.nameOrId('account'),
      location: slots.nameOrId('location'),
      status: slots.nameOrId('status'),
      priority: slots.nameOrId('priority'),
      type: slots.nameOrId('type'),
      source: slots.nameOrId('source'),
      queue: slots.nameOrId('queue'),
      assignee: slots.nameOrId('assignee'),
      openDate: slots.text('openDate'),
      templateId: slots.number('templateId'),
    }),
  'tickets.patch': (slots, options) => ({
    name: 'tickets.patch',
    ...options,
    ticketId: slots.requiredNumber('ticketId'),
    changes: slots.changes('changes'),
  }),
  'tickets.assign': (slots, options) =>
    withoutUndefined({
      name: 'tickets.assign',
      ...options,
      ticketId: slots.requiredNumber('ticketId'),
      details: slots.requiredText('details'),
      type: slots.requiredNameOrId('type'),
      status: slots.requiredNameOrId('status'),
      queue: slots.nameOrId('queue'),
      assignee: slots.nameOrId('assignee'),
      noteDate: slots.text('noteDate'),
      isPublic: slots.flag('isPublic'),
    }),
  'tickets.delete': (slots, options) => ({
    name: 'tickets.delete',
    ...options,
    ticketId: slots.requiredNumber('ticketId'),
  }),
  'notes.list': (slots, options) => ({
    name: 'notes.list',
    ...options,
    ticketId: slots.requiredNumber('ticketId'),
  }),
  'notes.add': (slots, options) =>
    withoutUndefined({
      name: 'notes.add',
      ...options,
      ticketId: slots.requiredNumber('ticketId'),
      message: slots.requiredText('message'),
      noteDate: slots.text('noteDate'),
      type: slots.nameOrId('type'),
      isPublic: slots.flag('isPublic'),
      statusId: slots.number('statusId'),
    }),
  'notes.update': (slots, options) =>
    withoutUndefined({
      name: 'notes.update',
      ...options,
      ticketId: slots.requiredNumber('ticketId'),
      noteId: slots.requiredNumber('noteId'),
      message: slots.requiredText('message'),
      noteDate: slots.text('noteDate'),
      type: slots.nameOrId('type'),
      isPublic: slots.flag('isPublic'),
    }),
  'notes.delete': (slots, options) => ({
    name: 'notes.delete',
    ...options,
    ticketId: slots.requiredNumber('ticketId'),
    noteId: slots.requiredNumber('noteId'),
  }),
  'templates.tickets.list': (_slots, options) => ({ name: 'templates.tickets.list', ...options }),
  'templates.tickets.get': (slots, options) => ({
    name: 'templates.tickets.get',
    ...options,
    templateId: slots.requiredNumber('templateId'),
  }),
  'templates.notes.list': (_slots, options) => ({ name: 'templates.notes.list', ...options }),
  'templates.timelogs.list': (_slots, options) => ({ name: 'templates.timelogs.list', ...options }),
  create: (slots, options) => withoutUndefined({ name: 'create', ...options, title: slots.text('title') }),
};

export function buildCommand(
  name: Exclude<CommandName, 'help'>,
  slots: SlotValues,
  options: GlobalOptions,
): ParsedCommand {
  const builder = BUILDERS[name] as Builder<typeof name>;
  return builder(slots, options);
}
