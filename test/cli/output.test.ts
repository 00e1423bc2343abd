import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketSchema } from '../../src/bms/schemas/tickets.ts';
import {
  FIRST_TICKET_ID,
  FIRST_TICKET_NOTE_IDS,
  HOSTILE_TICKET_IDS,
  MISSING_TICKET_ID,
  mainLocationIdOf,
  NOTE_TYPE_IDS,
  PRIORITY_IDS,
  QUEUE_IDS,
  SAMPLE_TICKET_ID,
  SANDBOX_USERS,
  type SandboxServer,
  STATUS_IDS,
  startSandbox,
  TICKET_SOURCE_IDS,
  TICKET_TEMPLATE_IDS,
  TICKET_TYPE_IDS,
} from '../../src/sandbox/index.ts';
import {
  type CliHome,
  cliEnvironment,
  createCliHome,
  openProbe,
  runBms,
  type SandboxProbe,
  storeSession,
} from './harness.ts';

/** Characters that let text drive a terminal: ESC, BEL, the 8-bit CSI and the right-to-left override. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these characters.
const TERMINAL_CONTROLS = /[\u001b\u0007\u009b\u202e]/;

describe.concurrent('bms output', () => {
  let sandbox: SandboxServer;
  let probe: SandboxProbe;
  let cli: CliHome;
  let environment: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startSandbox({});
    probe = await openProbe(sandbox);
    cli = await createCliHome();
    await storeSession(sandbox, cli);
    environment = cliEnvironment(sandbox.url, cli);
  });

  afterAll(async () => {
    await probe.close();
    await sandbox.close();
    await cli.remove();
  });

  it('ticket JSON is the BMS ticket', async () => {
    const run = await runBms(['tickets', 'get', String(FIRST_TICKET_ID), '--json'], environment);
    expect(run.exitCode, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(ticketSchema.safeParse(printed).success).toBe(true);
    expect(printed).toEqual(await probe.api.getTicket(FIRST_TICKET_ID));
  });

  it('ticket list JSON is a page', async () => {
    const run = await runBms(['tickets', 'list', '--status', 'New', '--page', '2', '--json'], environment);
    expect(run.exitCode, run.stderr).toBe(0);
    const page = JSON.parse(run.stdout);
    expect(page).toMatchObject({ pageNumber: 2, pageSize: 25 });
    expect(page.total).toBeGreaterThan(25);
    expect(page.items).toHaveLength(25);
    for (const ticket of page.items) expect(ticket.StatusName).toBe('New');
  });

  it('notes JSON is the BMS notes', async () => {
    const run = await runBms(['notes', 'list', String(FIRST_TICKET_ID), '--json'], environment);
    expect(run.exitCode, run.stderr).toBe(0);
    const notes = JSON.parse(run.stdout);
    expect(notes.map((note: { Id: number }) => note.Id)).toEqual([...FIRST_TICKET_NOTE_IDS].reverse());
    expect(notes[0]).toHaveProperty('IsInternal');
  });

  it('accounts and locations JSON', async () => {
    const accounts = await runBms(['accounts', 'contoso', '--json'], environment);
    expect(accounts.exitCode, accounts.stderr).toBe(0);
    const page = JSON.parse(accounts.stdout);
    expect(page.items.map((account: { Name: string }) => account.Name)).toEqual([
      'Contoso',
      'Contoso (old)',
      'Contoso Ltd',
    ]);
    expect(page).toMatchObject({ total: 3, pageNumber: 1 });

    const locations = await runBms(['locations', '--account', 'Contoso Ltd', '--json'], environment);
    expect(locations.exitCode, locations.stderr).toBe(0);
    expect(JSON.parse(locations.stdout)).toEqual(await probe.api.lookupLocations(2));
  });

  it('templates JSON', async () => {
    const run = await runBms(
      ['templates', 'tickets', 'get', String(TICKET_TEMPLATE_IDS.printerFault), '--json'],
      environment,
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(
      await probe.api.getTicketTemplate(TICKET_TEMPLATE_IDS.printerFault),
    );
  });

  it('not found exits 1', async () => {
    const run = await runBms(['ticket', String(MISSING_TICKET_ID)], environment);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Ticket ${MISSING_TICKET_ID} was not found.`);
    expect(run.stderr).toContain('(code 404)');
  });

  it('forbidden exits 1', async () => {
    const run = await runBms(['ticket', '10010', '--json'], environment);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('(code 403)');
  });

  it('usage error exits 2', async () => {
    const run = await runBms(['tickets', 'get', 'abc'], environment);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      expect.stringContaining('bms: "abc" is not a ticket id or number'),
      'Usage: bms tickets get <id|#id|ticket number>',
      'Run bms tickets get --help for the flags and examples.',
      '',
    ]);
  });

  it('bad setting exits 2', async () => {
    const run = await runBms(['ticket', '12345'], { ...environment, BMS_API_BASE: 'ftp://bms.example' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('BMS_API_BASE must be a URL');
  });

  it('hostile title is neutralized', async () => {
    const hostile = 'Red\u001b[31m alert\u001b]0;owned\u0007 \u009b2J gnp\u202Eexe.txt';
    await probe.api.patchTicket(HOSTILE_TICKET_IDS.htmlLike, [
      { op: 'replace', path: '/Title', value: hostile },
    ]);

    const view = await runBms(['ticket', String(HOSTILE_TICKET_IDS.htmlLike)], environment);
    expect(view.exitCode, view.stderr).toBe(0);
    expect(view.stdout).not.toMatch(TERMINAL_CONTROLS);
    expect(view.stdout).toContain('Red alert gnp<U+202E>exe.txt');

    const seeded = await runBms(['ticket', String(HOSTILE_TICKET_IDS.invisibleCharacters)], environment);
    expect(seeded.stdout).not.toMatch(TERMINAL_CONTROLS);

    const json = await runBms(['ticket', String(HOSTILE_TICKET_IDS.htmlLike), '--json'], environment);
    expect(json.stdout).not.toMatch(TERMINAL_CONTROLS);
    expect(JSON.parse(json.stdout).Title).toBe(hostile);
  });

  it('delete needs --yes without terminal', async () => {
    const ticket = await runBms(['tickets', 'delete', String(SAMPLE_TICKET_ID)], environment);
    expect(ticket.exitCode).toBe(2);
    expect(ticket.stderr).toContain('Add --yes');
    expect(ticket.stderr).toContain('Usage: bms tickets delete <id> [--yes]');
    await expect(probe.api.getTicket(SAMPLE_TICKET_ID)).resolves.toMatchObject({ Id: SAMPLE_TICKET_ID });

    const note = await runBms(
      ['notes', 'delete', String(FIRST_TICKET_ID), String(FIRST_TICKET_NOTE_IDS[0])],
      environment,
    );
    expect(note.exitCode).toBe(2);
    expect(note.stderr).toContain('Add --yes');
    expect((await probe.api.listNotes(FIRST_TICKET_ID)).map((item) => item.Id)).toContain(
      FIRST_TICKET_NOTE_IDS[0],
    );
  });

  it('note delete with --yes', async () => {
    const [, second] = FIRST_TICKET_NOTE_IDS;
    const run = await runBms(
      ['notes', 'delete', String(FIRST_TICKET_ID), String(second), '--yes', '--json'],
      environment,
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ticketId: FIRST_TICKET_ID, noteId: second, deleted: true });
    expect((await probe.api.listNotes(FIRST_TICKET_ID)).map((item) => item.Id)).not.toContain(second);
  });

  it('creates a ticket by ids', async () => {
    const account = 42;
    const run = await runBms(
      [
        'tickets',
        'create',
        '--title',
        'Printer offline',
        '--details',
        'Paper jam on floor 2',
        '--account-id',
        String(account),
        '--location-id',
        String(mainLocationIdOf(account)),
        '--status-id',
        String(STATUS_IDS.new),
        '--priority-id',
        String(PRIORITY_IDS.high),
        '--type-id',
        String(TICKET_TYPE_IDS.incident),
        '--source-id',
        String(TICKET_SOURCE_IDS.phone),
        '--queue-id',
        String(QUEUE_IDS.serviceDesk),
        '--json',
      ],
      environment,
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const created = JSON.parse(run.stdout);
    expect(await probe.api.getTicket(created.Id)).toMatchObject({
      Title: 'Printer offline',
      AccountId: account,
      LocationId: mainLocationIdOf(account),
      QueueId: QUEUE_IDS.serviceDesk,
    });
  });

  it('creates a ticket by names', async () => {
    const run = await runBms(
      [
        'tickets',
        'create',
        '--title',
        'VPN down',
        '--details',
        'Since 9:00, all users',
        '--account',
        'Contoso Ltd',
        '--location',
        'Main Office',
        '--status',
        'new',
        '--priority',
        'High',
        '--type',
        'Incident',
        '--source',
        'Phone',
        '--assignee',
        'Jane Doe',
      ],
      environment,
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const id = Number(/\(id (\d+)\)/.exec(run.stdout)?.[1]);
    expect(await probe.api.getTicket(id)).toMatchObject({
      Title: 'VPN down',
      AccountId: 2,
      LocationId: mainLocationIdOf(2),
      StatusId: STATUS_IDS.new,
      PriorityId: PRIORITY_IDS.high,
      TypeId: TICKET_TYPE_IDS.incident,
      SourceId: TICKET_SOURCE_IDS.phone,
      AssigneeId: SANDBOX_USERS.jane.userId,
    });
  });

  it('creates a ticket from a template', async () => {
    const run = await runBms(
      [
        'tickets',
        'create',
        '--template-id',
        String(TICKET_TEMPLATE_IDS.printerFault),
        '--account',
        'Contoso',
        '--location',
        'Main Office',
        '--status',
        'New',
        '--source',
        'Phone',
        '--details',
        'Tray 2 jams',
        '--type',
        'Incident',
        '--json',
      ],
      environment,
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const template = await probe.api.getTicketTemplate(TICKET_TEMPLATE_IDS.printerFault);
    expect(JSON.parse(run.stdout)).toMatchObject({
      Title: template.Title,
      AccountId: 1,
      Details: 'Tray 2 jams',
    });
  });

  it('ambiguous account name exits 1', async () => {
    const run = await runBms(['locations', '--account', 'conto'], environment);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('matches 3 accounts');
  });

  it('assigns a ticket', async () => {
    const run = await runBms(
      [
        'tickets',
        'assign',
        '10020',
        '--details',
        'Over to Jane',
        '--type',
        'General Notes',
        '--status',
        'In Progress',
        '--assignee',
        'Jane Doe',
        '--queue',
        'Service Desk',
        '--json',
      ],
      environment,
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      Id: 10020,
      AssigneeId: SANDBOX_USERS.jane.userId,
      QueueId: QUEUE_IDS.serviceDesk,
      StatusId: STATUS_IDS.inProgress,
    });
    const notes = await probe.api.listNotes(10020);
    expect(
      notes.some((note) => note.Details === 'Over to Jane' && note.TypeId === NOTE_TYPE_IDS.generalNotes),
    ).toBe(true);
  });

  it('updates a note', async () => {
    const [first] = FIRST_TICKET_NOTE_IDS;
    const run = await runBms(
      [
        'notes',
        'update',
        String(FIRST_TICKET_ID),
        String(first),
        '--message',
        'Called twice',
        '--type',
        'Phone Call',
        '--public',
      ],
      environment,
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await probe.api.getNote(FIRST_TICKET_ID, first)).toMatchObject({
      Details: 'Called twice',
      IsInternal: false,
      TypeId: NOTE_TYPE_IDS.phoneCall,
    });
  });

  it('no progress without terminal', async () => {
    const fresh = await createCliHome();
    try {
      await storeSession(sandbox, fresh);
      const run = await runBms(['accounts'], cliEnvironment(sandbox.url, fresh));
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^ID +NAME +ACTIVE\n/);
    } finally {
      await fresh.remove();
    }
  });
});
