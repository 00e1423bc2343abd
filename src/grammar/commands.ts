import type { CommandName } from './parsed-command.ts';

/**
 * The command table shared by Slack's `/bms` and the `bms` terminal command. Usage lines and
 * examples leave out the `/bms ` or `bms ` prefix, which each front end adds.
 */

export type ValueKind =
  /** A positive int32 id, `#42` allowed. */
  | 'id'
  /** A numeric ticket id; a ticket number is rejected with a pointer to `tickets get`. */
  | 'ticket-id'
  /** A ticket id, `#id` or ticket number such as T20240101.0001. */
  | 'ticket'
  /** Free text, trimmed, not empty, at most MAX_TEXT_LENGTH characters. */
  | 'text'
  /** ISO 8601 date-time with an offset or Z. */
  | 'date'
  /** Digits read as an id, anything else as a name. */
  | 'name-or-id'
  /** A flag without a value. */
  | 'boolean'
  /** A page number from 1. */
  | 'page'
  /** Positional only: all remaining words, joined by single spaces. */
  | 'words'
  /** Positional only: the rest of the line as typed, quotes included. */
  | 'rest'
  /** Positional only: `<path> <value>` pairs of a JSON Patch. */
  | 'changes';

export interface FlagSpec {
  /** The spelling without leading dashes, e.g. `account-id`. */
  name: string;
  /** The field the flag fills. Flags that share a slot are alternative spellings, and only one of them may be given. */
  slot: string;
  kind: 'id' | 'text' | 'date' | 'name-or-id' | 'boolean' | 'page';
  /** Value placeholder in help, e.g. `N`, `NAME`, `ISO`. */
  placeholder?: string;
  /** The thing the value names, in messages: `account`, `note type`, `title`. */
  label: string;
  description: string;
  /** The slot must be filled, through this flag or another spelling of it. */
  required?: boolean;
  repeatable?: boolean;
  /** A sample value shown in messages; quoted when it contains spaces. */
  sample: string;
}

export interface PositionalSpec {
  slot: string;
  kind: 'id' | 'ticket-id' | 'ticket' | 'words' | 'rest' | 'changes';
  /** Placeholder in help, e.g. `<ticket id>`. */
  placeholder: string;
  /** The thing the value names, in messages. */
  label: string;
  description: string;
  required: boolean;
  sample: string;
}

export interface CommandSpec {
  /** Words that select the command, e.g. `['tickets', 'create']`. */
  path: readonly string[];
  /** The ParsedCommand it produces; short forms share the name of their long form. */
  name: CommandName;
  usage: string;
  description: string;
  positionals: PositionalSpec[];
  flags: FlagSpec[];
  /** The long form that a short form stands for, e.g. `tickets get` for `ticket`. */
  shortFormOf?: string;
  /** Boolean slots that a short form sets, e.g. `mine` sets `mine`. */
  presets?: Record<string, boolean>;
  /** A slot whose value lifts every required flag, because a template fills the fields. */
  requiredUnless?: string;
  /** Groups of slots of which at least one must be filled, with the message when none is. */
  requireOneOf?: { slots: string[]; message: string }[];
  /** Pairs of slots that exclude each other, with the message when both are filled. */
  conflicts?: { slots: [string, string]; message: string }[];
  examples: string[];
}

export interface GroupSpec {
  path: readonly string[];
  usage: string;
  description: string;
}

/**
 * Maximum length of one text value, in characters (code points).
 * NOTE: titles get the same limit as notes; BMS's own title limit is not known here.
 */
export const MAX_TEXT_LENGTH = 10_000;

export const GLOBAL_FLAGS: FlagSpec[] = [
  {
    name: 'json',
    slot: 'json',
    kind: 'boolean',
    label: 'JSON output',
    description: 'Print the result as JSON (terminal only; Slack ignores it).',
    sample: '',
  },
  {
    name: 'yes',
    slot: 'yes',
    kind: 'boolean',
    label: 'confirmation',
    description: 'Skip the confirmation before a delete.',
    sample: '',
  },
];

/** Spellings that ask for help wherever they appear before a command's free text. */
export const HELP_FLAGS = ['--help', '-h'];

const PAGE_FLAG: FlagSpec = {
  name: 'page',
  slot: 'page',
  kind: 'page',
  placeholder: 'N',
  label: 'page number',
  description: 'Page of results to show, from 1.',
  sample: '2',
};

const REFRESH_FLAG: FlagSpec = {
  name: 'refresh',
  slot: 'refresh',
  kind: 'boolean',
  label: 'refresh',
  description: 'Reload from BMS instead of the cache.',
  sample: '',
};

const PUBLIC_FLAG: FlagSpec = {
  name: 'public',
  slot: 'isPublic',
  kind: 'boolean',
  label: 'public',
  description: 'Make the note visible to the customer. Without it, the note is internal.',
  sample: '',
};

function dateFlag(name: string, slot: string, label: string, description: string): FlagSpec {
  return {
    name,
    slot,
    kind: 'date',
    placeholder: 'ISO',
    label,
    description,
    sample: '2026-04-07T12:00:00+00:00',
  };
}

function textFlag(
  name: string,
  label: string,
  placeholder: string,
  description: string,
  sample: string,
): FlagSpec {
  return { name, slot: name, kind: 'text', placeholder, label, description, required: true, sample };
}

function nameFlag(name: string, slot: string, label: string, description: string, sample: string): FlagSpec {
  return { name, slot, kind: 'name-or-id', placeholder: 'NAME', label, description, sample };
}

/** `--<slot>-id N` and `--<slot> NAME`: two spellings of one slot. */
function idAndName(
  slot: string,
  label: string,
  description: string,
  nameSample: string,
  required = false,
): FlagSpec[] {
  return [
    {
      name: `${slot}-id`,
      slot,
      kind: 'id',
      placeholder: 'N',
      label,
      description: `${description}, by id or name.`,
      required,
      sample: '42',
    },
    {
      name: slot,
      slot,
      kind: 'name-or-id',
      placeholder: 'NAME',
      label,
      description: `${description}, by id or name.`,
      required,
      sample: nameSample,
    },
  ];
}

const TICKET_ID: PositionalSpec = {
  slot: 'ticketId',
  kind: 'ticket-id',
  placeholder: '<ticket id>',
  label: 'ticket id',
  description: 'Numeric id of the ticket, e.g. 12345 or #12345.',
  required: true,
  sample: '12345',
};

const NOTE_ID: PositionalSpec = {
  slot: 'noteId',
  kind: 'id',
  placeholder: '<note id>',
  label: 'note id',
  description: 'Numeric id of the note, as `notes list` shows it.',
  required: true,
  sample: '678',
};

const TICKET_REFERENCE: PositionalSpec = {
  slot: 'ticket',
  kind: 'ticket',
  placeholder: '<id|#id|ticket number>',
  label: 'ticket id or number',
  description: 'Ticket id (12345 or #12345) or ticket number (T20240101.0001).',
  required: true,
  sample: '12345',
};

const QUEUE_OR_ASSIGNEE_FLAGS = '--queue-id (or --queue), --assignee-id (or --assignee), or both';

export const GROUPS: GroupSpec[] = [
  {
    path: ['auth'],
    usage: 'auth login|logout|refresh|status',
    description: 'Sign in to BMS as yourself, sign out, renew the session, or show who you are signed in as.',
  },
  {
    path: ['tickets'],
    usage: 'tickets list|get|create|patch|assign|delete ...',
    description: 'Find, read, create, change, assign and delete tickets.',
  },
  {
    path: ['notes'],
    usage: 'notes list|add|update|delete <ticket id> ...',
    description: 'Read and write the notes of a ticket.',
  },
  {
    path: ['templates'],
    usage:
      'templates tickets list | templates tickets get <id> | templates notes list | templates timelogs list',
    description: 'Show the ticket, note and time log templates that BMS administrators maintain.',
  },
  {
    path: ['templates', 'tickets'],
    usage: 'templates tickets list | templates tickets get <id>',
    description: 'Show ticket templates.',
  },
  { path: ['templates', 'notes'], usage: 'templates notes list', description: 'Show note templates.' },
  {
    path: ['templates', 'timelogs'],
    usage: 'templates timelogs list',
    description: 'Show time log templates.',
  },
];

export const COMMANDS: CommandSpec[] = [
  {
    path: ['help'],
    name: 'help',
    usage: 'help [command]',
    description: 'Show the commands, or the usage, flags and examples of one command.',
    positionals: [
      {
        slot: 'topic',
        kind: 'words',
        placeholder: '[command]',
        label: 'command',
        description: 'A command or group, e.g. tickets create.',
        required: false,
        sample: 'tickets create',
      },
    ],
    flags: [],
    examples: ['help', 'help tickets create', 'tickets create --help'],
  },
  {
    path: ['login'],
    name: 'auth.login',
    shortFormOf: 'auth login',
    usage: 'login',
    description: 'Sign in to BMS as yourself (short form of auth login).',
    positionals: [],
    flags: [],
    examples: ['login'],
  },
  {
    path: ['logout'],
    name: 'auth.logout',
    shortFormOf: 'auth logout',
    usage: 'logout',
    description: 'Sign out of BMS and forget your tokens (short form of auth logout).',
    positionals: [],
    flags: [],
    examples: ['logout'],
  },
  {
    path: ['whoami'],
    name: 'auth.status',
    shortFormOf: 'auth status',
    usage: 'whoami',
    description: 'Show the BMS user and tenant you act as (short form of auth status).',
    positionals: [],
    flags: [],
    examples: ['whoami'],
  },
  {
    path: ['auth', 'login'],
    name: 'auth.login',
    usage: 'auth login',
    description: 'Sign in to BMS with your user name, password and, when BMS asks, a one-time code.',
    positionals: [],
    flags: [],
    examples: ['auth login'],
  },
  {
    path: ['auth', 'logout'],
    name: 'auth.logout',
    usage: 'auth logout',
    description: 'Sign out of BMS and delete your stored tokens.',
    positionals: [],
    flags: [],
    examples: ['auth logout'],
  },
  {
    path: ['auth', 'refresh'],
    name: 'auth.refresh',
    usage: 'auth refresh',
    description: 'Renew your BMS session now instead of when it is about to expire.',
    positionals: [],
    flags: [],
    examples: ['auth refresh'],
  },
  {
    path: ['auth', 'status'],
    name: 'auth.status',
    usage: 'auth status',
    description: 'Show whether you are signed in to BMS, and as whom.',
    positionals: [],
    flags: [],
    examples: ['auth status'],
  },
  {
    path: ['accounts'],
    name: 'accounts.list',
    usage: 'accounts [search words] [--refresh] [--page N]',
    description: 'List customer accounts, or those whose name contains the search words.',
    positionals: [
      {
        slot: 'search',
        kind: 'words',
        placeholder: '[search words]',
        label: 'search words',
        description: 'Words of the account name; case and accents are ignored.',
        required: false,
        sample: 'Acme',
      },
    ],
    flags: [REFRESH_FLAG, PAGE_FLAG],
    examples: ['accounts', 'accounts Acme Corp', 'accounts --refresh --page 2'],
  },
  {
    path: ['locations'],
    name: 'locations.list',
    usage: 'locations --account <id|name> [--refresh]',
    description: 'List the locations of one account.',
    positionals: [],
    flags: [
      {
        ...nameFlag('account', 'account', 'account', 'Account, by id or name.', '"Acme Corp"'),
        placeholder: 'ID|NAME',
        required: true,
      },
      REFRESH_FLAG,
    ],
    examples: ['locations --account 42', 'locations --account "Acme Corp" --refresh'],
  },
  {
    path: ['tickets', 'list'],
    name: 'tickets.list',
    usage:
      'tickets list [--status NAME]... [--assignee NAME] [--account ID|NAME] [--queue NAME] [--priority NAME] [--mine] [--page N]',
    description: 'List tickets, filtered by status, assignee, account, queue or priority.',
    positionals: [],
    flags: [
      {
        ...nameFlag(
          'status',
          'statuses',
          'status',
          'Only tickets with this status; repeat the flag for several.',
          'New',
        ),
        repeatable: true,
      },
      nameFlag('assignee', 'assignee', 'assignee', 'Only tickets assigned to this person.', '"Jane Doe"'),
      {
        ...nameFlag(
          'account',
          'account',
          'account',
          'Only tickets of this account, by id or name.',
          '"Acme Corp"',
        ),
        placeholder: 'ID|NAME',
      },
      nameFlag('queue', 'queue', 'queue', 'Only tickets in this queue.', '"Service Desk"'),
      nameFlag('priority', 'priority', 'priority', 'Only tickets with this priority.', 'High'),
      {
        name: 'mine',
        slot: 'mine',
        kind: 'boolean',
        label: 'mine',
        description: 'Only tickets assigned to you.',
        sample: '',
      },
      PAGE_FLAG,
    ],
    conflicts: [
      {
        slots: ['mine', 'assignee'],
        message: '--mine and --assignee both choose the assignee: give only one of them.',
      },
    ],
    examples: [
      'tickets list --status New --status "In Progress"',
      'tickets list --account "Acme Corp" --priority High',
      'tickets list --mine --page 2',
    ],
  },
  {
    path: ['tickets', 'get'],
    name: 'tickets.get',
    usage: 'tickets get <id|#id|ticket number>',
    description: 'Show one ticket.',
    positionals: [TICKET_REFERENCE],
    flags: [],
    examples: ['tickets get 12345', 'tickets get #12345', 'tickets get T20240101.0001'],
  },
  {
    path: ['tickets', 'create'],
    name: 'tickets.create',
    usage:
      'tickets create --title T --details D --account-id N --location-id N --status-id N --priority-id N --type-id N --source-id N (--queue-id N | --assignee-id N) [--open-date ISO] [--template-id N]',
    description:
      'Create a ticket. A queue, an assignee or both must be given. With --template-id, the template fills the fields you leave out, and whatever is still missing is reported before the ticket is created.',
    positionals: [],
    flags: [
      textFlag('title', 'title', 'T', 'Short summary of the problem.', '"Printer offline"'),
      textFlag('details', 'details text', 'D', 'Description of the problem.', '"Paper jam on floor 2"'),
      ...idAndName('account', 'account', 'Customer account', '"Acme Corp"', true),
      ...idAndName('location', 'location', 'Location of the account', '"Main Office"', true),
      ...idAndName('status', 'status', 'Status', 'New', true),
      ...idAndName('priority', 'priority', 'Priority', 'Medium', true),
      ...idAndName('type', 'ticket type', 'Ticket type', 'Incident', true),
      ...idAndName('source', 'source', 'Where the request came from', 'Phone', true),
      ...idAndName('queue', 'queue', 'Queue that picks the ticket up', '"Service Desk"'),
      ...idAndName('assignee', 'assignee', 'Person who works the ticket', '"Jane Doe"'),
      dateFlag('open-date', 'openDate', 'open date', 'When the ticket was opened; now when absent.'),
      {
        name: 'template-id',
        slot: 'templateId',
        kind: 'id',
        placeholder: 'N',
        label: 'ticket template',
        description: 'Ticket template whose values fill the flags not given.',
        sample: '7',
      },
    ],
    requiredUnless: 'templateId',
    requireOneOf: [
      {
        slots: ['queue', 'assignee'],
        message: `tickets create needs a queue or an assignee, so that somebody picks the ticket up: give ${QUEUE_OR_ASSIGNEE_FLAGS}.`,
      },
    ],
    examples: [
      'tickets create --title "Printer offline" --details "Paper jam on floor 2" --account-id 42 --location-id 7 --status-id 1 --priority-id 2 --type-id 3 --source-id 4 --queue-id 5',
      'tickets create --title "VPN down" --details "Since 9:00" --account "Acme Corp" --location "Main Office" --status New --priority High --type Incident --source Phone --assignee "Jane Doe"',
      'tickets create --template-id 7 --account 42 --location 7 --status New --source Phone',
    ],
  },
  {
    path: ['tickets', 'patch'],
    name: 'tickets.patch',
    usage: 'tickets patch <id> <path> <value> [more path value pairs]',
    description:
      'Change fields of a ticket with JSON Patch: each path names a ticket field, and the value replaces it. Ids stay numbers and null clears a field.',
    positionals: [
      TICKET_ID,
      {
        slot: 'changes',
        kind: 'changes',
        placeholder: '<path> <value>',
        label: 'field path and value',
        description: 'A field path such as /StatusId or /Title, then its new value; repeat for more fields.',
        required: true,
        sample: '/StatusId 6',
      },
    ],
    flags: [],
    examples: [
      'tickets patch 12345 /StatusId 6',
      'tickets patch 12345 /Title "Printer offline" /PriorityId 2',
    ],
  },
  {
    path: ['tickets', 'assign'],
    name: 'tickets.assign',
    usage:
      'tickets assign <id> --details D --type-id N --status-id N (--queue-id N | --assignee-id N) [--note-date ISO] [--public]',
    description:
      'Assign a ticket to a queue, a person or both, writing a note that says why. --type, --status, --queue and --assignee take names.',
    positionals: [TICKET_ID],
    flags: [
      textFlag(
        'details',
        'details text',
        'D',
        'Why the ticket is assigned; BMS stores it as a note.',
        '"Routing to network team"',
      ),
      ...idAndName('type', 'note type', 'Note type of the assignment note', '"General Notes"', true),
      ...idAndName('status', 'status', 'Status the ticket moves to', '"In Progress"', true),
      ...idAndName('queue', 'queue', 'Queue to assign to', '"Service Desk"'),
      ...idAndName('assignee', 'assignee', 'Person to assign to', '"Jane Doe"'),
      dateFlag('note-date', 'noteDate', 'note date', 'Date of the assignment note; now when absent.'),
      PUBLIC_FLAG,
    ],
    requireOneOf: [
      {
        slots: ['queue', 'assignee'],
        message: `tickets assign needs a queue or an assignee to assign to: give ${QUEUE_OR_ASSIGNEE_FLAGS}.`,
      },
    ],
    examples: [
      'tickets assign 12345 --details "Routing to network team" --type-id 2 --status-id 3 --queue-id 5',
      'tickets assign 12345 --details "Over to Jane" --type "General Notes" --status "In Progress" --assignee "Jane Doe"',
    ],
  },
  {
    path: ['tickets', 'delete'],
    name: 'tickets.delete',
    usage: 'tickets delete <id> [--yes]',
    description: 'Delete a ticket. Without --yes you are asked to confirm.',
    positionals: [TICKET_ID],
    flags: [],
    examples: ['tickets delete 12345', 'tickets delete 12345 --yes'],
  },
  {
    path: ['notes', 'list'],
    name: 'notes.list',
    usage: 'notes list <ticket id>',
    description: 'Show the notes of a ticket, newest first.',
    positionals: [TICKET_ID],
    flags: [],
    examples: ['notes list 12345'],
  },
  {
    path: ['notes', 'add'],
    name: 'notes.add',
    usage:
      'notes add <ticket id> --message M [--note-date ISO] [--type-id N | --type NAME] [--public] [--status-id N]',
    description: 'Add a note to a ticket, internal unless --public is given.',
    positionals: [TICKET_ID],
    flags: [
      textFlag('message', 'message', 'M', 'Text of the note.', '"Called the customer"'),
      dateFlag('note-date', 'noteDate', 'note date', 'Date of the note; now when absent.'),
      ...idAndName('type', 'note type', 'Note type; General Notes when absent', '"Phone Call"'),
      PUBLIC_FLAG,
      {
        name: 'status-id',
        slot: 'statusId',
        kind: 'id',
        placeholder: 'N',
        label: 'status',
        description: 'Status the ticket moves to with this note (id).',
        sample: '3',
      },
    ],
    examples: [
      'notes add 12345 --message "Called the customer"',
      'notes add 12345 --message="Replaced the toner" --type "Phone Call" --public --note-date 2026-04-07T12:00:00+02:00',
    ],
  },
  {
    path: ['notes', 'update'],
    name: 'notes.update',
    usage: 'notes update <ticket id> <note id> --message M [--note-date ISO] [--type-id N] [--public]',
    description: 'Replace the text, date, type and visibility of a note. --type takes a note type name.',
    positionals: [TICKET_ID, NOTE_ID],
    flags: [
      textFlag('message', 'message', 'M', 'New text of the note.', '"Called the customer again"'),
      dateFlag('note-date', 'noteDate', 'note date', 'Date of the note; now when absent.'),
      ...idAndName('type', 'note type', 'Note type; General Notes when absent', '"Phone Call"'),
      PUBLIC_FLAG,
    ],
    examples: ['notes update 12345 678 --message "Called the customer twice"'],
  },
  {
    path: ['notes', 'delete'],
    name: 'notes.delete',
    usage: 'notes delete <ticket id> <note id> [--yes]',
    description: 'Delete a note of a ticket. Without --yes you are asked to confirm.',
    positionals: [TICKET_ID, NOTE_ID],
    flags: [],
    examples: ['notes delete 12345 678 --yes'],
  },
  {
    path: ['templates', 'tickets', 'list'],
    name: 'templates.tickets.list',
    usage: 'templates tickets list',
    description: 'List ticket templates.',
    positionals: [],
    flags: [],
    examples: ['templates tickets list'],
  },
  {
    path: ['templates', 'tickets', 'get'],
    name: 'templates.tickets.get',
    usage: 'templates tickets get <id>',
    description: 'Show the values a ticket template fills in.',
    positionals: [
      {
        slot: 'templateId',
        kind: 'id',
        placeholder: '<id>',
        label: 'ticket template id',
        description: 'Numeric id of the ticket template.',
        required: true,
        sample: '7',
      },
    ],
    flags: [],
    examples: ['templates tickets get 7'],
  },
  {
    path: ['templates', 'notes', 'list'],
    name: 'templates.notes.list',
    usage: 'templates notes list',
    description: 'List note templates.',
    positionals: [],
    flags: [],
    examples: ['templates notes list'],
  },
  {
    path: ['templates', 'timelogs', 'list'],
    name: 'templates.timelogs.list',
    usage: 'templates timelogs list',
    description: 'List time log templates.',
    positionals: [],
    flags: [],
    examples: ['templates timelogs list'],
  },
  {
    path: ['ticket'],
    name: 'tickets.get',
    shortFormOf: 'tickets get',
    usage: 'ticket <id|number>',
    description: 'Show one ticket (short form of tickets get).',
    positionals: [TICKET_REFERENCE],
    flags: [],
    examples: ['ticket 12345', 'ticket T20240101.0001'],
  },
  {
    path: ['note'],
    name: 'notes.add',
    shortFormOf: 'notes add',
    usage: 'note <ticket id> <text...>',
    description:
      'Add an internal note (short form of notes add). Everything after the ticket id is the note, as typed; use notes add for the other options.',
    positionals: [
      TICKET_ID,
      {
        slot: 'message',
        kind: 'rest',
        placeholder: '<text...>',
        label: 'note text',
        description: 'The rest of the line.',
        required: true,
        sample: 'Called the customer',
      },
    ],
    flags: [],
    examples: ["note 12345 Called the customer, they'll reboot tonight"],
  },
  {
    path: ['create'],
    name: 'create',
    usage: 'create [title...]',
    description:
      'Open the ticket form in Slack, with the rest of the line as its title. In a terminal, use tickets create.',
    positionals: [
      {
        slot: 'title',
        kind: 'rest',
        placeholder: '[title...]',
        label: 'title',
        description: 'The rest of the line, used as the title of the new ticket.',
        required: false,
        sample: 'Printer offline',
      },
    ],
    flags: [],
    examples: ['create', 'create Printer offline on floor 2'],
  },
  {
    path: ['mine'],
    name: 'tickets.list',
    shortFormOf: 'tickets list --mine',
    usage: 'mine [--page N]',
    description: 'List the tickets assigned to you (short form of tickets list --mine).',
    positionals: [],
    flags: [PAGE_FLAG],
    presets: { mine: true },
    examples: ['mine', 'mine --page 2'],
  },
];

/** Top-level words in the order help lists them. */
export const TOP_LEVEL_WORDS = [
  'help',
  'login',
  'logout',
  'whoami',
  'auth',
  'accounts',
  'locations',
  'tickets',
  'notes',
  'templates',
  'ticket',
  'note',
  'create',
  'mine',
];

export const ROOT_USAGE = '<command> [arguments] [--flags]';

function samePath(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((word, index) => word === right[index]);
}

export function findCommand(path: readonly string[]): CommandSpec | undefined {
  return COMMANDS.find((command) => samePath(command.path, path));
}

export function findGroup(path: readonly string[]): GroupSpec | undefined {
  return GROUPS.find((group) => samePath(group.path, path));
}

/** Words that may follow `path`: subcommands and subgroups, in table order. */
export function childWords(path: readonly string[]): string[] {
  if (path.length === 0) return TOP_LEVEL_WORDS;
  const words: string[] = [];
  for (const entry of [...GROUPS, ...COMMANDS]) {
    const word = entry.path[path.length];
    if (entry.path.length === path.length + 1 && samePath(entry.path.slice(0, path.length), path) && word) {
      if (!words.includes(word)) words.push(word);
    }
  }
  return words;
}

/** Spellings of one slot in a command, e.g. `--account-id` and `--account`. */
export function flagsOfSlot(command: CommandSpec, slot: string): FlagSpec[] {
  return command.flags.filter((flag) => flag.slot === slot);
}
