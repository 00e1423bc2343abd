import type { ParsedCommand } from '../../src/grammar/parsed-command.ts';

/**
 * Command lines and what they mean, shared by every front end's tests: Slack reads `line` as
 * the text after `/bms`, a terminal reads `argv` as a shell passes it after `bms`, and both must
 * produce `command`.
 */
export interface CommandLineCase {
  line: string;
  argv: string[];
  command: ParsedCommand;
}

/** A rejected command line: its message must contain `fragment`, which no other case shares. */
export interface BadCommandLineCase {
  line: string;
  fragment: string;
  commandPath: string[];
}

const off = { json: false, yes: false };
const LONG_NOTE = 'x'.repeat(3_000);
const LONGEST_NOTE = 'y'.repeat(10_000);
const TOO_LONG_NOTE = 'z'.repeat(10_001);

export const COMMAND_LINES: CommandLineCase[] = [
  // Help at every level.
  { line: '', argv: [], command: { name: 'help', topic: [], ...off } },
  { line: 'help', argv: ['help'], command: { name: 'help', topic: [], ...off } },
  { line: '--help', argv: ['--help'], command: { name: 'help', topic: [], ...off } },
  { line: '-h', argv: ['-h'], command: { name: 'help', topic: [], ...off } },
  { line: 'help tickets', argv: ['help', 'tickets'], command: { name: 'help', topic: ['tickets'], ...off } },
  { line: 'tickets', argv: ['tickets'], command: { name: 'help', topic: ['tickets'], ...off } },
  {
    line: 'tickets --help',
    argv: ['tickets', '--help'],
    command: { name: 'help', topic: ['tickets'], ...off },
  },
  { line: 'tickets help', argv: ['tickets', 'help'], command: { name: 'help', topic: ['tickets'], ...off } },
  { line: 'tickets -h', argv: ['tickets', '-h'], command: { name: 'help', topic: ['tickets'], ...off } },
  {
    line: 'tickets create --help',
    argv: ['tickets', 'create', '--help'],
    command: { name: 'help', topic: ['tickets', 'create'], ...off },
  },
  {
    line: 'tickets create -h',
    argv: ['tickets', 'create', '-h'],
    command: { name: 'help', topic: ['tickets', 'create'], ...off },
  },
  {
    line: 'tickets create help',
    argv: ['tickets', 'create', 'help'],
    command: { name: 'help', topic: ['tickets', 'create'], ...off },
  },
  {
    line: 'help tickets create',
    argv: ['help', 'tickets', 'create'],
    command: { name: 'help', topic: ['tickets', 'create'], ...off },
  },
  {
    line: 'tickets create --title "Printer offline" --help',
    argv: ['tickets', 'create', '--title', 'Printer offline', '--help'],
    command: { name: 'help', topic: ['tickets', 'create'], ...off },
  },
  {
    line: 'HELP Tickets Create',
    argv: ['HELP', 'Tickets', 'Create'],
    command: { name: 'help', topic: ['tickets', 'create'], ...off },
  },
  {
    line: 'templates tickets --help',
    argv: ['templates', 'tickets', '--help'],
    command: { name: 'help', topic: ['templates', 'tickets'], ...off },
  },
  {
    line: 'help templates timelogs list',
    argv: ['help', 'templates', 'timelogs', 'list'],
    command: { name: 'help', topic: ['templates', 'timelogs', 'list'], ...off },
  },
  { line: 'ticket --help', argv: ['ticket', '--help'], command: { name: 'help', topic: ['ticket'], ...off } },
  { line: 'note --help', argv: ['note', '--help'], command: { name: 'help', topic: ['note'], ...off } },
  {
    line: 'note 5 --help',
    argv: ['note', '5', '--help'],
    command: { name: 'help', topic: ['note'], ...off },
  },
  {
    line: 'help --json',
    argv: ['help', '--json'],
    command: { name: 'help', topic: [], json: true, yes: false },
  },
  { line: 'help --help', argv: ['help', '--help'], command: { name: 'help', topic: ['help'], ...off } },

  // Signing in and out.
  { line: 'login', argv: ['login'], command: { name: 'auth.login', ...off } },
  { line: 'logout', argv: ['logout'], command: { name: 'auth.logout', ...off } },
  { line: 'whoami', argv: ['whoami'], command: { name: 'auth.status', ...off } },
  { line: 'auth login', argv: ['auth', 'login'], command: { name: 'auth.login', ...off } },
  { line: 'auth logout', argv: ['auth', 'logout'], command: { name: 'auth.logout', ...off } },
  { line: 'auth refresh', argv: ['auth', 'refresh'], command: { name: 'auth.refresh', ...off } },
  { line: 'auth status', argv: ['auth', 'status'], command: { name: 'auth.status', ...off } },
  { line: 'Login', argv: ['Login'], command: { name: 'auth.login', ...off } },

  // Accounts and locations.
  { line: 'accounts', argv: ['accounts'], command: { name: 'accounts.list', refresh: false, ...off } },
  {
    line: 'accounts Acme Corp',
    argv: ['accounts', 'Acme', 'Corp'],
    command: { name: 'accounts.list', search: 'Acme Corp', refresh: false, ...off },
  },
  {
    line: 'accounts "Acme Corp" --refresh --page 2',
    argv: ['accounts', 'Acme Corp', '--refresh', '--page', '2'],
    command: { name: 'accounts.list', search: 'Acme Corp', refresh: true, page: 2, ...off },
  },
  {
    line: "accounts O'Brien",
    argv: ['accounts', "O'Brien"],
    command: { name: 'accounts.list', search: "O'Brien", refresh: false, ...off },
  },
  {
    line: 'accounts A &amp; B &lt;Holding&gt;',
    argv: ['accounts', 'A', '&', 'B', '<Holding>'],
    command: { name: 'accounts.list', search: 'A & B <Holding>', refresh: false, ...off },
  },
  {
    line: 'locations --account 42',
    argv: ['locations', '--account', '42'],
    command: { name: 'locations.list', account: { id: 42 }, refresh: false, ...off },
  },
  {
    line: 'locations --account=#42 --refresh',
    argv: ['locations', '--account=#42', '--refresh'],
    command: { name: 'locations.list', account: { id: 42 }, refresh: true, ...off },
  },
  {
    line: 'locations --account “Acme Corp”',
    argv: ['locations', '--account', 'Acme Corp'],
    command: { name: 'locations.list', account: { name: 'Acme Corp' }, refresh: false, ...off },
  },

  // Listing tickets.
  {
    line: 'tickets list',
    argv: ['tickets', 'list'],
    command: { name: 'tickets.list', statuses: [], mine: false, ...off },
  },
  {
    line: "tickets list --status New --status 'In Progress' --status=“On Hold”",
    argv: ['tickets', 'list', '--status', 'New', '--status', 'In Progress', '--status=On Hold'],
    command: {
      name: 'tickets.list',
      statuses: [{ name: 'New' }, { name: 'In Progress' }, { name: 'On Hold' }],
      mine: false,
      ...off,
    },
  },
  {
    line: 'tickets list --assignee "Jane Doe" --account 42 --queue ‘Service Desk’ --priority High --page 3',
    argv: [
      'tickets',
      'list',
      '--assignee',
      'Jane Doe',
      '--account',
      '42',
      '--queue',
      'Service Desk',
      '--priority',
      'High',
      '--page',
      '3',
    ],
    command: {
      name: 'tickets.list',
      statuses: [],
      assignee: { name: 'Jane Doe' },
      account: { id: 42 },
      queue: { name: 'Service Desk' },
      priority: { name: 'High' },
      mine: false,
      page: 3,
      ...off,
    },
  },
  {
    line: 'tickets list --account "Acme Corp" --mine',
    argv: ['tickets', 'list', '--account', 'Acme Corp', '--mine'],
    command: { name: 'tickets.list', statuses: [], account: { name: 'Acme Corp' }, mine: true, ...off },
  },
  {
    line: 'tickets list —mine',
    argv: ['tickets', 'list', '--mine'],
    command: { name: 'tickets.list', statuses: [], mine: true, ...off },
  },
  {
    line: 'tickets list --mine --page 2',
    argv: ['tickets', 'list', '--mine', '--page', '2'],
    command: { name: 'tickets.list', statuses: [], mine: true, page: 2, ...off },
  },
  {
    line: 'mine --page 2',
    argv: ['mine', '--page', '2'],
    command: { name: 'tickets.list', statuses: [], mine: true, page: 2, ...off },
  },
  { line: 'mine', argv: ['mine'], command: { name: 'tickets.list', statuses: [], mine: true, ...off } },
  {
    line: '--json tickets list',
    argv: ['--json', 'tickets', 'list'],
    command: { name: 'tickets.list', statuses: [], mine: false, json: true, yes: false },
  },
  {
    line: 'tickets list --json',
    argv: ['tickets', 'list', '--json'],
    command: { name: 'tickets.list', statuses: [], mine: false, json: true, yes: false },
  },

  // Reading one ticket.
  {
    line: 'tickets get 12345',
    argv: ['tickets', 'get', '12345'],
    command: { name: 'tickets.get', ticket: { kind: 'id', id: 12345 }, ...off },
  },
  {
    line: 'tickets get #12345',
    argv: ['tickets', 'get', '#12345'],
    command: { name: 'tickets.get', ticket: { kind: 'id', id: 12345 }, ...off },
  },
  {
    line: 'tickets get T20240101.0001',
    argv: ['tickets', 'get', 'T20240101.0001'],
    command: { name: 'tickets.get', ticket: { kind: 'number', ticketNumber: 'T20240101.0001' }, ...off },
  },
  {
    line: 'ticket 12345',
    argv: ['ticket', '12345'],
    command: { name: 'tickets.get', ticket: { kind: 'id', id: 12345 }, ...off },
  },
  {
    line: 'Ticket t20240101.0001',
    argv: ['Ticket', 't20240101.0001'],
    command: { name: 'tickets.get', ticket: { kind: 'number', ticketNumber: 'T20240101.0001' }, ...off },
  },
  {
    line: 'ticket "12345"',
    argv: ['ticket', '12345'],
    command: { name: 'tickets.get', ticket: { kind: 'id', id: 12345 }, ...off },
  },

  // Creating tickets.
  {
    line: 'tickets create --title "Printer offline" --details "Paper jam on floor 2" --account-id 42 --location-id 7 --status-id 1 --priority-id 2 --type-id 3 --source-id 4 --queue-id 5',
    argv: [
      'tickets',
      'create',
      '--title',
      'Printer offline',
      '--details',
      'Paper jam on floor 2',
      '--account-id',
      '42',
      '--location-id',
      '7',
      '--status-id',
      '1',
      '--priority-id',
      '2',
      '--type-id',
      '3',
      '--source-id',
      '4',
      '--queue-id',
      '5',
    ],
    command: {
      name: 'tickets.create',
      title: 'Printer offline',
      details: 'Paper jam on floor 2',
      account: { id: 42 },
      location: { id: 7 },
      status: { id: 1 },
      priority: { id: 2 },
      type: { id: 3 },
      source: { id: 4 },
      queue: { id: 5 },
      ...off,
    },
  },
  {
    line: 'tickets create --title “VPN down” --details=\'Since 9:00, all users\' --account "Acme Corp" --location "Main Office" --status New --priority High --type Incident --source Phone --assignee "Jane Doe" --open-date 2026-04-07T09:00:00+02:00',
    argv: [
      'tickets',
      'create',
      '--title',
      'VPN down',
      '--details=Since 9:00, all users',
      '--account',
      'Acme Corp',
      '--location',
      'Main Office',
      '--status',
      'New',
      '--priority',
      'High',
      '--type',
      'Incident',
      '--source',
      'Phone',
      '--assignee',
      'Jane Doe',
      '--open-date',
      '2026-04-07T09:00:00+02:00',
    ],
    command: {
      name: 'tickets.create',
      title: 'VPN down',
      details: 'Since 9:00, all users',
      account: { name: 'Acme Corp' },
      location: { name: 'Main Office' },
      status: { name: 'New' },
      priority: { name: 'High' },
      type: { name: 'Incident' },
      source: { name: 'Phone' },
      assignee: { name: 'Jane Doe' },
      openDate: '2026-04-07T09:00:00+02:00',
      ...off,
    },
  },
  {
    line: 'tickets create --title="Printer “HP” broken" --details "Says \\"PC LOAD LETTER\\"" --account 42 --location-id 7 --status-id 1 --priority Medium --type-id 3 --source-id 4 --queue "Service Desk" --assignee-id 9',
    argv: [
      'tickets',
      'create',
      '--title=Printer “HP” broken',
      '--details',
      'Says "PC LOAD LETTER"',
      '--account',
      '42',
      '--location-id',
      '7',
      '--status-id',
      '1',
      '--priority',
      'Medium',
      '--type-id',
      '3',
      '--source-id',
      '4',
      '--queue',
      'Service Desk',
      '--assignee-id',
      '9',
    ],
    command: {
      name: 'tickets.create',
      title: 'Printer “HP” broken',
      details: 'Says "PC LOAD LETTER"',
      account: { id: 42 },
      location: { id: 7 },
      status: { id: 1 },
      priority: { name: 'Medium' },
      type: { id: 3 },
      source: { id: 4 },
      queue: { name: 'Service Desk' },
      assignee: { id: 9 },
      ...off,
    },
  },
  {
    line: 'tickets create --template-id 7 --account 42 --location 7 --status New --source Phone',
    argv: [
      'tickets',
      'create',
      '--template-id',
      '7',
      '--account',
      '42',
      '--location',
      '7',
      '--status',
      'New',
      '--source',
      'Phone',
    ],
    command: {
      name: 'tickets.create',
      account: { id: 42 },
      location: { id: 7 },
      status: { name: 'New' },
      source: { name: 'Phone' },
      templateId: 7,
      ...off,
    },
  },
  { line: 'create', argv: ['create'], command: { name: 'create', ...off } },
  {
    line: 'create Printer offline on floor 2',
    argv: ['create', 'Printer offline on floor 2'],
    command: { name: 'create', title: 'Printer offline on floor 2', ...off },
  },

  // Changing, assigning and deleting tickets.
  {
    line: 'tickets patch 12345 /StatusId 6',
    argv: ['tickets', 'patch', '12345', '/StatusId', '6'],
    command: { name: 'tickets.patch', ticketId: 12345, changes: [{ path: '/StatusId', value: '6' }], ...off },
  },
  {
    line: 'tickets patch #12345 /Title "Printer offline" /PriorityId 2 /AssigneeId null',
    argv: [
      'tickets',
      'patch',
      '#12345',
      '/Title',
      'Printer offline',
      '/PriorityId',
      '2',
      '/AssigneeId',
      'null',
    ],
    command: {
      name: 'tickets.patch',
      ticketId: 12345,
      changes: [
        { path: '/Title', value: 'Printer offline' },
        { path: '/PriorityId', value: '2' },
        { path: '/AssigneeId', value: 'null' },
      ],
      ...off,
    },
  },
  {
    line: 'tickets patch 12345 -- /Title --urgent--',
    argv: ['tickets', 'patch', '12345', '--', '/Title', '--urgent--'],
    command: {
      name: 'tickets.patch',
      ticketId: 12345,
      changes: [{ path: '/Title', value: '--urgent--' }],
      ...off,
    },
  },
  {
    line: 'tickets assign 12345 --details "Routing to network team" --type-id 2 --status-id 3 --queue-id 5',
    argv: [
      'tickets',
      'assign',
      '12345',
      '--details',
      'Routing to network team',
      '--type-id',
      '2',
      '--status-id',
      '3',
      '--queue-id',
      '5',
    ],
    command: {
      name: 'tickets.assign',
      ticketId: 12345,
      details: 'Routing to network team',
      type: { id: 2 },
      status: { id: 3 },
      queue: { id: 5 },
      isPublic: false,
      ...off,
    },
  },
  {
    line: 'tickets assign 12345 --details "Over to Jane" --type "General Notes" --status "In Progress" --assignee "Jane Doe" --queue 5 --note-date 2026-04-07T12:00:00Z --public',
    argv: [
      'tickets',
      'assign',
      '12345',
      '--details',
      'Over to Jane',
      '--type',
      'General Notes',
      '--status',
      'In Progress',
      '--assignee',
      'Jane Doe',
      '--queue',
      '5',
      '--note-date',
      '2026-04-07T12:00:00Z',
      '--public',
    ],
    command: {
      name: 'tickets.assign',
      ticketId: 12345,
      details: 'Over to Jane',
      type: { name: 'General Notes' },
      status: { name: 'In Progress' },
      queue: { id: 5 },
      assignee: { name: 'Jane Doe' },
      noteDate: '2026-04-07T12:00:00Z',
      isPublic: true,
      ...off,
    },
  },
  {
    line: 'tickets delete 12345',
    argv: ['tickets', 'delete', '12345'],
    command: { name: 'tickets.delete', ticketId: 12345, ...off },
  },
  {
    line: 'tickets delete 12345 --yes',
    argv: ['tickets', 'delete', '12345', '--yes'],
    command: { name: 'tickets.delete', ticketId: 12345, json: false, yes: true },
  },
  {
    line: '--yes --json tickets delete #12345',
    argv: ['--yes', '--json', 'tickets', 'delete', '#12345'],
    command: { name: 'tickets.delete', ticketId: 12345, json: true, yes: true },
  },

  // Notes.
  {
    line: 'notes list 12345',
    argv: ['notes', 'list', '12345'],
    command: { name: 'notes.list', ticketId: 12345, ...off },
  },
  {
    line: 'notes add 12345 --message "Called the customer"',
    argv: ['notes', 'add', '12345', '--message', 'Called the customer'],
    command: { name: 'notes.add', ticketId: 12345, message: 'Called the customer', isPublic: false, ...off },
  },
  {
    line: 'notes add 12345 --message="Replaced the toner" --type "Phone Call" --public --note-date 2026-04-07T12:00:00+02:00 --status-id 4',
    argv: [
      'notes',
      'add',
      '12345',
      '--message=Replaced the toner',
      '--type',
      'Phone Call',
      '--public',
      '--note-date',
      '2026-04-07T12:00:00+02:00',
      '--status-id',
      '4',
    ],
    command: {
      name: 'notes.add',
      ticketId: 12345,
      message: 'Replaced the toner',
      noteDate: '2026-04-07T12:00:00+02:00',
      type: { name: 'Phone Call' },
      isPublic: true,
      statusId: 4,
      ...off,
    },
  },
  {
    line: 'notes add 12345 --message \'He said "reboot" twice\' --type-id 3',
    argv: ['notes', 'add', '12345', '--message', 'He said "reboot" twice', '--type-id', '3'],
    command: {
      name: 'notes.add',
      ticketId: 12345,
      message: 'He said "reboot" twice',
      type: { id: 3 },
      isPublic: false,
      ...off,
    },
  },
  {
    line: 'notes add 12345 --message "--force failed, C:\\temp is full"',
    argv: ['notes', 'add', '12345', '--message', '--force failed, C:\\temp is full'],
    command: {
      name: 'notes.add',
      ticketId: 12345,
      message: '--force failed, C:\\temp is full',
      isPublic: false,
      ...off,
    },
  },
  {
    line: `notes add 12345 --message "${LONG_NOTE}"`,
    argv: ['notes', 'add', '12345', '--message', LONG_NOTE],
    command: { name: 'notes.add', ticketId: 12345, message: LONG_NOTE, isPublic: false, ...off },
  },
  {
    line: `notes add 12345 --message ${LONGEST_NOTE}`,
    argv: ['notes', 'add', '12345', '--message', LONGEST_NOTE],
    command: { name: 'notes.add', ticketId: 12345, message: LONGEST_NOTE, isPublic: false, ...off },
  },
  {
    line: 'notes update 12345 678 --message "Called the customer twice" --type-id 2 --public',
    argv: [
      'notes',
      'update',
      '12345',
      '678',
      '--message',
      'Called the customer twice',
      '--type-id',
      '2',
      '--public',
    ],
    command: {
      name: 'notes.update',
      ticketId: 12345,
      noteId: 678,
      message: 'Called the customer twice',
      type: { id: 2 },
      isPublic: true,
      ...off,
    },
  },
  {
    line: 'notes update 12345 #678 --message Fixed --note-date 2026-04-07T12:00:00.5-05:00',
    argv: [
      'notes',
      'update',
      '12345',
      '#678',
      '--message',
      'Fixed',
      '--note-date',
      '2026-04-07T12:00:00.5-05:00',
    ],
    command: {
      name: 'notes.update',
      ticketId: 12345,
      noteId: 678,
      message: 'Fixed',
      noteDate: '2026-04-07T12:00:00.5-05:00',
      isPublic: false,
      ...off,
    },
  },
  {
    line: 'notes delete 12345 678 --yes',
    argv: ['notes', 'delete', '12345', '678', '--yes'],
    command: { name: 'notes.delete', ticketId: 12345, noteId: 678, json: false, yes: true },
  },
  {
    line: 'note 12345 Called the customer',
    argv: ['note', '12345', 'Called', 'the', 'customer'],
    command: { name: 'notes.add', ticketId: 12345, message: 'Called the customer', isPublic: false, ...off },
  },
  {
    line: "note #12345 Called, they'll reboot tonight",
    argv: ['note', '#12345', 'Called,', "they'll", 'reboot', 'tonight'],
    command: {
      name: 'notes.add',
      ticketId: 12345,
      message: "Called, they'll reboot tonight",
      isPublic: false,
      ...off,
    },
  },
  {
    line: "note 12345 'twas the printer --public",
    argv: ['note', '12345', "'twas", 'the', 'printer', '--public'],
    command: {
      name: 'notes.add',
      ticketId: 12345,
      message: "'twas the printer --public",
      isPublic: false,
      ...off,
    },
  },
  {
    line: 'note 12345 "Rebooted the router"',
    argv: ['note', '12345', 'Rebooted the router'],
    command: { name: 'notes.add', ticketId: 12345, message: 'Rebooted the router', isPublic: false, ...off },
  },
  {
    line: 'note 12345 Fixed &amp; closed',
    argv: ['note', '12345', 'Fixed', '&', 'closed'],
    command: { name: 'notes.add', ticketId: 12345, message: 'Fixed & closed', isPublic: false, ...off },
  },

  // Templates.
  {
    line: 'templates tickets list',
    argv: ['templates', 'tickets', 'list'],
    command: { name: 'templates.tickets.list', ...off },
  },
  {
    line: 'templates tickets get 7',
    argv: ['templates', 'tickets', 'get', '7'],
    command: { name: 'templates.tickets.get', templateId: 7, ...off },
  },
  {
    line: 'templates notes list',
    argv: ['templates', 'notes', 'list'],
    command: { name: 'templates.notes.list', ...off },
  },
  {
    line: 'templates timelogs list',
    argv: ['templates', 'timelogs', 'list'],
    command: { name: 'templates.timelogs.list', ...off },
  },
];

const CREATE_REQUIRED =
  '--details d --account-id 42 --location-id 7 --status-id 1 --priority-id 2 --type-id 3 --source-id 4 --queue-id 5';

export const BAD_COMMAND_LINES: BadCommandLineCase[] = [
  // Commands and flags that do not exist.
  { line: 'tikets', fragment: 'Unknown command "tikets". Did you mean "tickets"?', commandPath: [] },
  { line: 'xyzzy', fragment: 'The commands are: help, login', commandPath: [] },
  { line: '12345', fragment: 'to show that ticket, type "ticket 12345"', commandPath: [] },
  {
    line: 'tickets lsit',
    fragment: 'Unknown tickets command "lsit". Did you mean "list"?',
    commandPath: ['tickets'],
  },
  {
    line: 'tickets list --stat New',
    fragment: 'Unknown flag --stat for tickets list. Did you mean "--status"?',
    commandPath: ['tickets', 'list'],
  },
  {
    line: 'notes add 5 --message x --page 2',
    fragment: 'The flags of notes add are --message, --note-date',
    commandPath: ['notes', 'add'],
  },
  { line: 'tickets get 5 -x', fragment: 'Unknown flag -x for tickets get', commandPath: ['tickets', 'get'] },
  { line: 'tickets --mine', fragment: '--mine needs a command before it', commandPath: ['tickets'] },
  { line: '--page 2', fragment: '"mine --page"', commandPath: [] },
  { line: '--bogus', fragment: 'Flags that go anywhere: --json, --yes and --help', commandPath: [] },
  {
    line: 'help tickets get more',
    fragment: 'tickets get has no subcommands',
    commandPath: ['tickets', 'get'],
  },
  { line: 'login now', fragment: 'login takes no arguments', commandPath: ['login'] },

  // Flags without values, repeated or contradicting.
  { line: 'notes add 5 --message', fragment: '--message needs a value', commandPath: ['notes', 'add'] },
  {
    line: `tickets create --title ${CREATE_REQUIRED}`,
    fragment: '--title needs a value: type the title after it',
    commandPath: ['tickets', 'create'],
  },
  { line: 'accounts --page', fragment: 'type the page number after it', commandPath: ['accounts'] },
  {
    line: 'tickets list --page 1 --page 2',
    fragment: '--page is given twice',
    commandPath: ['tickets', 'list'],
  },
  { line: '--json --json tickets list', fragment: '--json is given twice', commandPath: [] },
  {
    line: `tickets create --title t ${CREATE_REQUIRED} --account "Acme Corp"`,
    fragment: '--account-id and --account both set the account',
    commandPath: ['tickets', 'create'],
  },
  {
    line: 'notes add 5 --message hi --public=yes',
    fragment: '--public takes no value',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'tickets list --mine --assignee Bob',
    fragment: '--mine and --assignee both choose the assignee',
    commandPath: ['tickets', 'list'],
  },

  // Missing or extra words.
  {
    line: 'tickets get',
    fragment: 'tickets get needs the ticket id or number',
    commandPath: ['tickets', 'get'],
  },
  { line: 'ticket', fragment: 'type it like "ticket 12345"', commandPath: ['ticket'] },
  { line: 'notes delete 5', fragment: 'needs the note id', commandPath: ['notes', 'delete'] },
  { line: 'note 5', fragment: 'note needs the note text', commandPath: ['note'] },
  { line: 'tickets patch 5', fragment: 'needs the field path and value', commandPath: ['tickets', 'patch'] },
  {
    line: 'tickets get 5 6',
    fragment: 'Unexpected extra argument "6": tickets get takes only',
    commandPath: ['tickets', 'get'],
  },
  {
    line: `tickets create --title Printer is broken ${CREATE_REQUIRED}`,
    fragment: 'like --title "Printer is broken"',
    commandPath: ['tickets', 'create'],
  },
  {
    line: 'notes add --message Called the customer 5',
    fragment: 'If "the" belongs to --message, put the whole value in quotes',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'tickets create --title x',
    fragment: 'tickets create is missing 7 required flags',
    commandPath: ['tickets', 'create'],
  },
  {
    line: 'notes add 5',
    fragment: 'notes add is missing the required flag --message',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'tickets create --title t --details d --account 42 --location 7 --status New --priority High --type Incident --source Phone',
    fragment: 'tickets create needs a queue or an assignee',
    commandPath: ['tickets', 'create'],
  },
  {
    line: 'tickets assign 5 --details d --type-id 2 --status-id 3',
    fragment: 'tickets assign needs a queue or an assignee',
    commandPath: ['tickets', 'assign'],
  },

  // Bad ids and numbers.
  {
    line: 'tickets get abc',
    fragment: '"abc" is not a ticket id or number',
    commandPath: ['tickets', 'get'],
  },
  {
    line: 'notes add 5 --message x --status-id abc',
    fragment: '--status-id: "abc" is not a valid status id',
    commandPath: ['notes', 'add'],
  },
  {
    line: `tickets create --title t ${CREATE_REQUIRED.replace('--account-id 42', '--account-id Acme')}`,
    fragment: 'To give a name, use --account Acme',
    commandPath: ['tickets', 'create'],
  },
  {
    line: 'notes list -5',
    fragment: 'ids are positive whole numbers like 12345',
    commandPath: ['notes', 'list'],
  },
  { line: 'notes delete 5 -7', fragment: 'it is negative', commandPath: ['notes', 'delete'] },
  {
    line: 'tickets get 99999999999',
    fragment: 'too large to be a ticket id',
    commandPath: ['tickets', 'get'],
  },
  {
    line: 'notes delete 5 99999999999',
    fragment: 'ids run from 1 to 2147483647',
    commandPath: ['notes', 'delete'],
  },
  {
    line: 'notes add T20240101.0001 --message x',
    fragment: 'is a ticket number, but this command takes the numeric ticket id',
    commandPath: ['notes', 'add'],
  },
  { line: 'tickets list --page 0', fragment: 'pages start at 1', commandPath: ['tickets', 'list'] },
  {
    line: 'tickets list --page two',
    fragment: '"two" is not a page number: type a whole number',
    commandPath: ['tickets', 'list'],
  },
  {
    line: 'accounts --page 99999999999',
    fragment: 'too large for a page number',
    commandPath: ['accounts'],
  },

  // Bad dates.
  {
    line: 'notes add 5 --message x --note-date tomorrow',
    fragment: '"tomorrow" is not an ISO 8601 date-time',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'notes add 5 --message x --note-date 2026-04-07',
    fragment: 'has no time of day',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'notes add 5 --message x --note-date 2026-04-07T12:00:00',
    fragment: 'has no offset: add Z for UTC',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'notes add 5 --message x --note-date 2026-02-30T12:00:00Z',
    fragment: 'February 2026 has 28 days',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'notes add 5 --message x --note-date 2026-13-01T12:00:00Z',
    fragment: 'months run from 01 to 12',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'notes add 5 --message x --note-date 2026-04-07T25:00:00Z',
    fragment: 'has the time 25:00:00',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'notes add 5 --message x --note-date 2026-04-07T12:00:00+25:00',
    fragment: 'offsets run from -23:59 to +23:59',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'notes add 5 --message x --note-date "2026-04-07 12:00:00Z"',
    fragment: 'has a space between date and time',
    commandPath: ['notes', 'add'],
  },

  // Quotes and text.
  {
    line: 'tickets get "12345',
    fragment: 'The double quote " opened at character 13 ("12345) is never closed',
    commandPath: ['tickets', 'get'],
  },
  {
    line: "tickets list --assignee 'Jane Doe",
    fragment: "The single quote ' opened at character 25",
    commandPath: ['tickets', 'list'],
  },
  {
    line: 'tickets list --assignee “Jane Doe',
    fragment: 'Add a closing ” after the value',
    commandPath: ['tickets', 'list'],
  },
  {
    line: 'notes add 5 --message "abc"def',
    fragment: 'put a space after a closing quote',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'notes add 5 --message «Bonjour',
    fragment: 'Add a closing » after the value',
    commandPath: ['notes', 'add'],
  },
  {
    line: 'tickets create --title "open',
    fragment: 'opened at character 24 ("open)',
    commandPath: ['tickets', 'create'],
  },
  { line: 'notes add 1 --message ""', fragment: 'The message is empty', commandPath: ['notes', 'add'] },
  {
    line: `notes add 1 --message ${TOO_LONG_NOTE}`,
    fragment: 'The message is 10,001 characters long, over the limit of 10,000 characters',
    commandPath: ['notes', 'add'],
  },
  { line: 'note 5 "  "', fragment: 'The note text is empty', commandPath: ['note'] },

  // Ticket changes.
  {
    line: 'tickets patch 5 StatusId 6',
    fragment: 'start it with a slash, like /StatusId',
    commandPath: ['tickets', 'patch'],
  },
  {
    line: 'tickets patch 5 /Status-Id 6',
    fragment: 'is not a ticket field path',
    commandPath: ['tickets', 'patch'],
  },
  {
    line: 'tickets patch 5 /StatusId',
    fragment: 'The new value for /StatusId is missing',
    commandPath: ['tickets', 'patch'],
  },
  {
    line: 'tickets patch 5 /StatusId 6 /statusid 7',
    fragment: 'change each field once per patch',
    commandPath: ['tickets', 'patch'],
  },
  {
    line: 'tickets patch 5 /StatusId open',
    fragment: '/StatusId: "open" is not a valid status id',
    commandPath: ['tickets', 'patch'],
  },
  {
    line: 'tickets patch 5 /DueDate friday',
    fragment: 'for the due date',
    commandPath: ['tickets', 'patch'],
  },
];
