import type { types, ViewStateValue } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  accountOption,
  buildTicketFormLoadingModal,
  buildTicketFormModal,
  decodeTicketFormMetadata,
  initialBlockIds,
  TICKET_FORM_ACTIONS,
  type TicketFormChoices,
  type TicketFormInput,
} from '../../views/create-ticket-modal.ts';
import { type Choice, filterChoices, optionOf, selectOf } from '../../views/create-ticket-modal-options.ts';
import {
  buildTicketCreatedModal,
  buildTicketCreatedThreadReply,
  buildTicketCreatingModal,
} from '../../views/create-ticket-modal-results.ts';
import {
  blockIdsOf,
  fieldOfBlockId,
  fingerprintOf,
  isFillable,
  nextBlockId,
  readTicketForm,
} from '../../views/create-ticket-modal-state.ts';
import { checkBlocks, checkView, describeViolations } from '../fakes/block-kit-rules.ts';

const few = (count: number, prefix = 'Item'): Choice[] =>
  Array.from({ length: count }, (_, index) => ({ id: index + 1, name: `${prefix} ${index + 1}` }));

const CHOICES: TicketFormChoices = {
  template: few(5, 'Template'),
  location: [
    { id: 11, name: 'Main Office' },
    { id: 12, name: 'Warehouse' },
  ],
  status: few(6, 'Status'),
  priority: few(4, 'Priority'),
  type: few(4, 'Type'),
  source: few(5, 'Source'),
  queue: few(4, 'Queue'),
  assignee: few(12, 'Assignee'),
};

function input(overrides: Partial<TicketFormInput> = {}): TicketFormInput {
  return {
    values: {
      title: 'Printer offline',
      details: 'Paper jam',
      account: { id: 1, name: 'Contoso' },
      locationId: 11,
      statusId: 1,
      priorityId: 2,
      typeId: 2,
      sourceId: 2,
      openedAt: 1_714_557_720,
    },
    choices: CHOICES,
    blockIds: initialBlockIds(),
    metadata: { origin: { responseUrl: 'https://hooks.slack.com/commands/T1/2/abc' }, filled: {} },
    ...overrides,
  };
}

function elementOf(view: types.ModalView, actionId: string): Record<string, unknown> {
  for (const block of view.blocks) {
    const element = (block as { element?: { action_id?: string } }).element;
    if (element?.action_id === actionId) return element as Record<string, unknown>;
  }
  throw new Error(`no element ${actionId}`);
}

describe('buildTicketFormModal', () => {
  it('passes the Block Kit rules', () => {
    const view = buildTicketFormModal(input({ notice: 'Some lists may be out of date.' }));
    expect(describeViolations(checkView(view))).toEqual([]);
  });

  it('puts warnings right under their fields', () => {
    const view = buildTicketFormModal(
      input({
        notice: 'The ticket was not created.',
        fieldWarnings: { location: 'LocationId does not belong to AccountId 1.', queue: 'q'.repeat(4000) },
      }),
    );
    expect(describeViolations(checkView(view))).toEqual([]);
    const ids = view.blocks.map((block) => block.block_id);
    const under = (field: string) => ids[ids.indexOf(field) + 1];
    expect(under(TICKET_FORM_ACTIONS.location)).toBe('create_ticket_warning_location');
    expect(under(TICKET_FORM_ACTIONS.queue)).toBe('create_ticket_warning_queue');
    expect(under(TICKET_FORM_ACTIONS.title)).toBe(TICKET_FORM_ACTIONS.details);
    expect(JSON.stringify(view.blocks[ids.indexOf('create_ticket_warning_location')])).toContain(
      '⚠️ LocationId does not belong to AccountId 1.',
    );
    // Reading the form back must not take a warning for a field.
    expect(blockIdsOf(view.blocks)).toEqual(initialBlockIds());
  });

  it('preselects values among the options', () => {
    const view = buildTicketFormModal(input());
    expect(elementOf(view, TICKET_FORM_ACTIONS.location).initial_option).toEqual(
      optionOf({ id: 11, name: 'Main Office' }),
    );
    expect(elementOf(view, TICKET_FORM_ACTIONS.account).initial_option).toEqual(
      accountOption({ id: 1, name: 'Contoso' }),
    );
    expect(elementOf(view, TICKET_FORM_ACTIONS.openDate).initial_date_time).toBe(1_714_557_720);
    expect(elementOf(view, TICKET_FORM_ACTIONS.queue).initial_option).toBeUndefined();
  });

  it('turns long and missing lists into external selects', () => {
    const view = buildTicketFormModal(
      input({ choices: { ...CHOICES, assignee: few(150, 'Assignee'), status: undefined } }),
    );
    expect(describeViolations(checkView(view))).toEqual([]);
    expect(elementOf(view, TICKET_FORM_ACTIONS.assignee)).toMatchObject({
      type: 'external_select',
      min_query_length: 0,
    });
    expect(elementOf(view, TICKET_FORM_ACTIONS.status).type).toBe('external_select');
  });

  it('asks for the account before locations', () => {
    const view = buildTicketFormModal(input({ values: { title: 'No account yet' } }));
    expect(describeViolations(checkView(view))).toEqual([]);
    expect(elementOf(view, TICKET_FORM_ACTIONS.location).type).toBe('external_select');
  });

  it('keeps long names and text within limits', () => {
    const longName = `Ørsted ${'Very Long Holding Name '.repeat(10)}`;
    const view = buildTicketFormModal(
      input({
        values: { ...input().values, details: 'x'.repeat(5000), account: { id: 8, name: longName } },
        choices: { ...CHOICES, location: [{ id: 11, name: longName }] },
        notice: 'n'.repeat(4000),
      }),
    );
    expect(describeViolations(checkView(view))).toEqual([]);
    expect(String(elementOf(view, TICKET_FORM_ACTIONS.details).initial_value)).toHaveLength(3000);
  });

  it('keeps its metadata under 3000 characters', () => {
    const view = buildTicketFormModal(
      input({
        metadata: { origin: { responseUrl: `https://hooks.slack.com/${'a'.repeat(3000)}` }, filled: {} },
      }),
    );
    expect(String(view.private_metadata).length).toBeLessThanOrEqual(3000);
    expect(decodeTicketFormMetadata(view.private_metadata).origin).toEqual({});

    const usual = buildTicketFormModal(input());
    expect(decodeTicketFormMetadata(usual.private_metadata).origin.responseUrl).toBe(
      'https://hooks.slack.com/commands/T1/2/abc',
    );
  });

  it('builds valid progress and result views', () => {
    for (const view of [
      buildTicketFormLoadingModal(),
      buildTicketCreatingModal(),
      buildTicketCreatedModal(
        { Id: 5, TicketNumber: 'T20240101.0001', Title: '<!channel> & co' },
        'https://x.test/{id}',
      ),
    ]) {
      expect(describeViolations(checkView(view))).toEqual([]);
    }
  });
});

describe('ticket form state', () => {
  it('reads the values back', () => {
    const view = buildTicketFormModal(
      input({ blockIds: { ...initialBlockIds(), location: 'create_ticket_location.3' } }),
    );
    const option = (value: string, text = value): ViewStateValue => ({
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text }, value },
    });
    const state = {
      values: {
        create_ticket_title: { create_ticket_title: { type: 'plain_text_input', value: 'Typed' } },
        create_ticket_account: { create_ticket_account: option('2', 'Contoso Ltd') },
        'create_ticket_location.3': { create_ticket_location: option('21') },
        create_ticket_queue: { create_ticket_queue: option('1') },
        create_ticket_open_date: {
          create_ticket_open_date: { type: 'datetimepicker', selected_date_time: 1700000000 },
        },
      },
    };
    const read = readTicketForm({ blocks: view.blocks, state, private_metadata: view.private_metadata });
    expect(read.values).toMatchObject({
      title: 'Typed',
      account: { id: 2, name: 'Contoso Ltd' },
      locationId: 21,
      queueId: 1,
      openedAt: 1700000000,
    });
    expect(read.values.details).toBeUndefined();
    expect(read.blockIds.location).toBe('create_ticket_location.3');
    expect(read.metadata.origin.responseUrl).toBe('https://hooks.slack.com/commands/T1/2/abc');
  });

  it('raises block revisions', () => {
    expect(nextBlockId('create_ticket_title')).toBe('create_ticket_title.1');
    expect(nextBlockId('create_ticket_title.9')).toBe('create_ticket_title.10');
    expect(fieldOfBlockId('create_ticket_open_date.2')).toBe('openDate');
    expect(fieldOfBlockId('ticket_card_1')).toBeUndefined();
    expect(blockIdsOf([{ block_id: 'create_ticket_queue.4' }]).queue).toBe('create_ticket_queue.4');
  });

  it('tells filled values from typed ones', () => {
    const values = { title: 'Server down', priorityId: 4 };
    const filled = { title: fingerprintOf('title', values), priority: fingerprintOf('priority', values) };
    const state = { values, metadata: { origin: {}, filled } as never };
    expect(isFillable('title', state)).toBe(true);
    expect(isFillable('details', state)).toBe(true);
    expect(isFillable('title', { ...state, values: { ...values, title: 'My words' } })).toBe(false);
    expect(isFillable('priority', { ...state, values: { ...values, priorityId: 1 } })).toBe(false);
  });
});

describe('select options', () => {
  it('shortens option text to 75', () => {
    const option = optionOf({ id: 2_147_483_647, name: 'n'.repeat(200) });
    expect(option.text.text.length).toBeLessThanOrEqual(75);
    expect(option.value.length).toBeLessThanOrEqual(75);
    expect(optionOf({ id: 3, name: '  ' }).text.text).toBe('(no name, id 3)');
  });

  it('filters by folded name, prefixes first', () => {
    const choices = [
      { id: 1, name: 'Müller & Söhne' },
      { id: 2, name: 'Haus Muller' },
      { id: 3, name: 'Contoso' },
    ];
    expect(filterChoices(choices, 'MULLER').map((choice) => choice.id)).toEqual([1, 2]);
    expect(filterChoices(few(300), '')).toHaveLength(100);
  });

  it('offers an empty list as an external select', () => {
    expect(selectOf({ actionId: 'a', placeholder: 'p', choices: [] }).type).toBe('external_select');
    const blocks = [
      {
        type: 'input',
        block_id: 'b',
        label: { type: 'plain_text', text: 'L' },
        element: selectOf({ actionId: 'a', placeholder: 'p', choices: few(100) }),
      },
    ];
    expect(describeViolations(checkBlocks(blocks, 'modal'))).toEqual([]);
  });
});

describe('thread reply', () => {
  it('escapes the title', () => {
    const reply = buildTicketCreatedThreadReply(
      { Id: 7, TicketNumber: 'T20240101.0007', Title: '<!channel> Tom & Jerry <b>' },
      'https://bms.example.test/tickets/{id}',
      'U0JANE',
    );
    expect(reply.text).toBe(
      '<@U0JANE> created ticket <https://bms.example.test/tickets/7|T20240101.0007> (&lt;!channel&gt; Tom &amp; Jerry &lt;b&gt;) from this message.',
    );
    expect(describeViolations(checkBlocks(reply.blocks, 'message'))).toEqual([]);
  });
});
