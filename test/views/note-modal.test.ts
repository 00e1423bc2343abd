import { describe, expect, it } from 'vitest';
import {
  buildNoteAddedReply,
  buildNoteModal,
  buildNoteProgressModal,
  type NoteFormInput,
  readNoteForm,
} from '../../views/note-modal.ts';
import { checkBlocks, checkView, describeViolations } from '../fakes/block-kit-rules.ts';

const NOTE_TYPES = [
  { id: 0, name: 'Email Sent' },
  { id: 2, name: 'General Notes' },
];

function input(overrides: Partial<NoteFormInput> = {}): NoteFormInput {
  return {
    values: {
      ticket: 'T20240101.0001',
      text: 'Customer called back',
      typeId: 2,
      isPublic: false,
      notedAt: 1714557720,
    },
    noteTypes: NOTE_TYPES,
    statuses: [
      { id: 1, name: 'New' },
      { id: 5, name: 'Completed' },
    ],
    tiedTicket: { Id: 10001, TicketNumber: 'T20240101.0001', Title: 'Printer <b> & co' },
    origin: {
      channelId: 'C1',
      threadTs: '1.000100',
      messageTs: '2.000200',
      responseUrl: 'https://hooks.slack.com/x',
    },
    ...overrides,
  };
}

describe('buildNoteModal', () => {
  it('passes the Block Kit rules', () => {
    expect(describeViolations(checkView(buildNoteModal(input({ notice: 'BMS refused.' }))))).toEqual([]);
    expect(describeViolations(checkView(buildNoteProgressModal('Loading…')))).toEqual([]);
  });

  it('puts warnings right under their fields', () => {
    const view = buildNoteModal(
      input({
        notice: 'The note was not added.',
        fieldWarnings: { ticket: 'BMS could not find ticket 99.' },
      }),
    );
    expect(describeViolations(checkView(view))).toEqual([]);
    const ids = view.blocks.map((block) => block.block_id);
    expect(ids.slice(0, 4)).toEqual([
      'add_note_notice',
      'add_note_ticket',
      'add_note_warning_ticket',
      'add_note_text',
    ]);
    expect(JSON.stringify(view.blocks[2])).toContain('⚠️ BMS could not find ticket 99.');
  });

  it('defaults to internal and the message time', () => {
    const view = buildNoteModal(input());
    const json = JSON.stringify(view);
    expect(json).toContain('"initial_date_time":1714557720');
    expect(json).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Internal (technicians only)"},"value":"internal"}',
    );
  });

  it('keeps long text and a missing status list within limits', () => {
    const view = buildNoteModal(
      input({ values: { ...input().values, text: 'y'.repeat(5000) }, statuses: undefined }),
    );
    expect(describeViolations(checkView(view))).toEqual([]);
  });

  it('reads the form back, note type 0 included', () => {
    const view = buildNoteModal(input());
    const read = readNoteForm({
      private_metadata: view.private_metadata,
      state: {
        values: {
          add_note_ticket: { add_note_ticket: { type: 'plain_text_input', value: '#12345' } },
          add_note_text: { add_note_text: { type: 'plain_text_input', value: 'Edited' } },
          add_note_type: {
            add_note_type: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: 'Email Sent' }, value: '0' },
            },
          },
          add_note_visibility: {
            add_note_visibility: {
              type: 'radio_buttons',
              selected_option: { text: { type: 'plain_text', text: 'Public' }, value: 'public' },
            },
          },
          add_note_date: { add_note_date: { type: 'datetimepicker', selected_date_time: 1714557000 } },
          add_note_status: { add_note_status: { type: 'static_select', selected_option: null } },
        },
      },
    });
    expect(read.values).toEqual({
      ticket: '#12345',
      text: 'Edited',
      typeId: 0,
      isPublic: true,
      notedAt: 1714557000,
      statusId: undefined,
    });
    expect(read.origin).toEqual(input().origin);
  });
});

describe('buildNoteAddedReply', () => {
  it('links the ticket and escapes its title', () => {
    const reply = buildNoteAddedReply(
      { Id: 10001, TicketNumber: 'T20240101.0001', Title: '<!here> Tom & Jerry' },
      'https://bms.example.test/tickets/{id}',
      'U0JANE',
    );
    expect(reply.text).toBe(
      'Added as a note to <https://bms.example.test/tickets/10001|T20240101.0001> (&lt;!here&gt; Tom &amp; Jerry) by <@U0JANE>.',
    );
    expect(describeViolations(checkBlocks(reply.blocks, 'message'))).toEqual([]);
    expect(buildNoteAddedReply({ Id: 3, TicketNumber: null, Title: '' }, undefined, 'U1').text).toBe(
      'Added as a note to #3 (no title) by <@U1>.',
    );
  });
});
