import { describe, expect, it } from 'vitest';
import {
  blockTextLength,
  checkBlocks,
  checkOptionsResponse,
  checkView,
  messageLengthError,
} from '../fakes/block-kit-rules.ts';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const option = (value: string, text = value) => ({ text: { type: 'plain_text', text }, value });
const modal = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'Create ticket' },
  submit: { type: 'plain_text', text: 'Create' },
  blocks,
  ...extra,
});
const input = (blockId: string, element: Record<string, unknown>) => ({
  type: 'input',
  block_id: blockId,
  label: { type: 'plain_text', text: 'Label' },
  element,
});
const pointers = (violations: Array<{ pointer: string }>) => violations.map((violation) => violation.pointer);

describe('checkBlocks', () => {
  it('accepts a plain message', () => {
    expect(checkBlocks([section('hello'), { type: 'divider' }], 'message')).toEqual([]);
  });

  it('rejects 51 message blocks', () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(pointers(checkBlocks(blocks, 'message'))).toEqual(['/blocks']);
    expect(checkBlocks(blocks.slice(0, 50), 'message')).toEqual([]);
  });

  it('allows 100 blocks in a modal, not 101', () => {
    const blocks = Array.from({ length: 100 }, () => ({ type: 'divider' }));
    expect(checkBlocks(blocks, 'modal')).toEqual([]);
    expect(checkBlocks([...blocks, { type: 'divider' }], 'modal')).toHaveLength(1);
  });

  it('rejects section text over 3000', () => {
    expect(checkBlocks([section('x'.repeat(3000))], 'message')).toEqual([]);
    expect(pointers(checkBlocks([section('x'.repeat(3001))], 'message'))).toEqual(['/blocks/0/text/text']);
  });

  it('rejects a section without text or fields', () => {
    expect(checkBlocks([{ type: 'section' }], 'message')).toHaveLength(1);
  });

  it('rejects header over 150 and mrkdwn header', () => {
    const header = (text: string, type = 'plain_text') => ({ type: 'header', text: { type, text } });
    expect(checkBlocks([header('x'.repeat(150))], 'message')).toEqual([]);
    expect(pointers(checkBlocks([header('x'.repeat(151))], 'message'))).toEqual(['/blocks/0/text/text']);
    expect(pointers(checkBlocks([header('x', 'mrkdwn')], 'message'))).toEqual(['/blocks/0/text/type']);
  });

  it('rejects button text over 75', () => {
    const actions = (text: string) => [
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text } }],
      },
    ];
    expect(checkBlocks(actions('x'.repeat(75)), 'message')).toEqual([]);
    expect(pointers(checkBlocks(actions('x'.repeat(76)), 'message'))).toEqual([
      '/blocks/0/elements/0/text/text',
    ]);
  });

  it('rejects empty text', () => {
    expect(pointers(checkBlocks([section('')], 'message'))).toEqual(['/blocks/0/text/text']);
  });

  it('rejects block_id and action_id over 255', () => {
    const long = 'b'.repeat(256);
    const blocks = [
      { type: 'divider', block_id: long },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: long, text: { type: 'plain_text', text: 'Go' } }],
      },
    ];
    expect(pointers(checkBlocks(blocks, 'message'))).toEqual([
      '/blocks/0/block_id',
      '/blocks/1/elements/0/action_id',
    ]);
  });

  it('rejects duplicate block ids', () => {
    const blocks = [
      { type: 'divider', block_id: 'same' },
      { type: 'divider', block_id: 'same' },
    ];
    expect(pointers(checkBlocks(blocks, 'message'))).toEqual(['/blocks/1/block_id']);
  });

  it('rejects unknown block types', () => {
    expect(pointers(checkBlocks([{ type: 'sectoin' }], 'message'))).toEqual(['/blocks/0/type']);
  });

  it('rejects a static select over 100 options', () => {
    const select = (count: number) => [
      input('account', {
        type: 'static_select',
        action_id: 'account',
        options: Array.from({ length: count }, (_, index) => option(String(index))),
      }),
    ];
    expect(checkBlocks(select(100), 'modal')).toEqual([]);
    const violations = checkBlocks(select(101), 'modal');
    expect(pointers(violations)).toEqual(['/blocks/0/element/options']);
    expect(violations[0]?.message).toBe('no more than 100 items allowed');
  });

  it('rejects option text and value over 75', () => {
    const select = input('s', {
      type: 'static_select',
      action_id: 's',
      options: [option('v'.repeat(76), 't'.repeat(76))],
    });
    expect(pointers(checkBlocks([select], 'modal'))).toEqual([
      '/blocks/0/element/options/0/text/text',
      '/blocks/0/element/options/0/value',
    ]);
  });

  it('requires initial_option among options', () => {
    const select = (initial: unknown) =>
      input('s', {
        type: 'static_select',
        action_id: 's',
        options: [option('1', 'One'), option('2', 'Two')],
        initial_option: initial,
      });
    expect(checkBlocks([select(option('2', 'Two'))], 'modal')).toEqual([]);
    expect(pointers(checkBlocks([select(option('2', 'Deux'))], 'modal'))).toEqual([
      '/blocks/0/element/initial_option',
    ]);
    expect(pointers(checkBlocks([select(option('3', 'Three'))], 'modal'))).toEqual([
      '/blocks/0/element/initial_option',
    ]);
  });

  it('allows any initial option on an external select', () => {
    const select = input('s', {
      type: 'external_select',
      action_id: 's',
      initial_option: option('42', 'Contoso'),
      min_query_length: 0,
    });
    expect(checkBlocks([select], 'modal')).toEqual([]);
  });

  it('requires input label and element', () => {
    const violations = checkBlocks([{ type: 'input', block_id: 'title' }], 'modal');
    expect(pointers(violations)).toEqual(['/blocks/0/label', '/blocks/0/element']);
  });

  it('rejects a button inside an input', () => {
    const block = input('b', { type: 'button', action_id: 'b', text: { type: 'plain_text', text: 'Go' } });
    expect(pointers(checkBlocks([block], 'modal'))).toEqual(['/blocks/0/element/type']);
  });

  it('rejects plain_text_input max_length over 3000', () => {
    const block = (maxLength: number) =>
      input('d', { type: 'plain_text_input', action_id: 'd', max_length: maxLength });
    expect(checkBlocks([block(3000)], 'modal')).toEqual([]);
    expect(pointers(checkBlocks([block(3001)], 'modal'))).toEqual(['/blocks/0/element/max_length']);
  });

  it('rejects initial_value longer than max_length', () => {
    const block = input('d', {
      type: 'plain_text_input',
      action_id: 'd',
      max_length: 5,
      initial_value: 'abcdef',
    });
    expect(pointers(checkBlocks([block], 'modal'))).toEqual(['/blocks/0/element/initial_value']);
  });

  it('rejects more than 25 actions and 10 context elements', () => {
    const button = (index: number) => ({
      type: 'button',
      action_id: `b${index}`,
      text: { type: 'plain_text', text: 'Go' },
    });
    const actions = { type: 'actions', elements: Array.from({ length: 26 }, (_, index) => button(index)) };
    const context = {
      type: 'context',
      elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })),
    };
    expect(pointers(checkBlocks([actions, context], 'message'))).toEqual([
      '/blocks/0/elements',
      '/blocks/1/elements',
    ]);
  });

  it('rejects duplicate action ids in one block', () => {
    const button = { type: 'button', action_id: 'same', text: { type: 'plain_text', text: 'Go' } };
    expect(pointers(checkBlocks([{ type: 'actions', elements: [button, button] }], 'message'))).toEqual([
      '/blocks/0/elements/1/action_id',
    ]);
  });

  it('rejects a datepicker initial_date of the wrong shape', () => {
    const block = input('d', { type: 'datepicker', action_id: 'd', initial_date: '05/01/2026' });
    expect(pointers(checkBlocks([block], 'modal'))).toEqual(['/blocks/0/element/initial_date']);
  });

  it('checks confirm dialog limits', () => {
    const confirm = {
      title: { type: 'plain_text', text: 't'.repeat(101) },
      text: { type: 'plain_text', text: 'Delete?' },
      confirm: { type: 'plain_text', text: 'Delete' },
      deny: { type: 'plain_text', text: 'Keep' },
    };
    const button = {
      type: 'button',
      action_id: 'delete',
      text: { type: 'plain_text', text: 'Delete' },
      confirm,
    };
    expect(pointers(checkBlocks([{ type: 'actions', elements: [button] }], 'message'))).toEqual([
      '/blocks/0/elements/0/confirm/title/text',
    ]);
  });
});

describe('checkView', () => {
  it('accepts a modal with inputs', () => {
    expect(checkView(modal([input('title', { type: 'plain_text_input', action_id: 'title' })]))).toEqual([]);
  });

  it('rejects a title over 24', () => {
    const view = modal([], { title: { type: 'plain_text', text: 'Create BMS ticket from message' } });
    expect(pointers(checkView(view))).toEqual(['/view/title/text']);
  });

  it('rejects submit and close over 24', () => {
    const long = { type: 'plain_text', text: 'x'.repeat(25) };
    expect(pointers(checkView(modal([], { submit: long, close: long })))).toEqual([
      '/view/submit/text',
      '/view/close/text',
    ]);
  });

  it('requires submit with inputs', () => {
    const view = modal([input('title', { type: 'plain_text_input', action_id: 'title' })], {
      submit: undefined,
    });
    expect(pointers(checkView(view))).toEqual(['/view/submit']);
  });

  it('rejects private_metadata over 3000', () => {
    expect(checkView(modal([], { private_metadata: 'x'.repeat(3000) }))).toEqual([]);
    expect(pointers(checkView(modal([], { private_metadata: 'x'.repeat(3001) })))).toEqual([
      '/view/private_metadata',
    ]);
  });

  it('rejects a modal without title', () => {
    expect(pointers(checkView({ type: 'modal', blocks: [] }))).toEqual(['/view/title']);
  });

  it('accepts a home view without title', () => {
    expect(checkView({ type: 'home', blocks: [section('hi')] })).toEqual([]);
  });

  it('rejects a view over 250 kB', () => {
    const blocks = Array.from({ length: 90 }, () => section('x'.repeat(2990)));
    expect(pointers(checkView(modal(blocks)))).toEqual(['/view']);
  });
});

describe('checkOptionsResponse', () => {
  it('accepts up to 100 options', () => {
    expect(
      checkOptionsResponse({ options: Array.from({ length: 100 }, (_, index) => option(String(index))) }),
    ).toEqual([]);
  });

  it('rejects 101 options and long text', () => {
    const many = Array.from({ length: 101 }, (_, index) => option(String(index)));
    expect(pointers(checkOptionsResponse({ options: many }))).toEqual(['/options']);
    expect(pointers(checkOptionsResponse({ options: [option('1', 'x'.repeat(76))] }))).toEqual([
      '/options/0/text/text',
    ]);
  });

  it('accepts option groups', () => {
    const groups = [
      { label: { type: 'plain_text', text: 'Contoso' }, options: [option('1', 'Main Office')] },
    ];
    expect(checkOptionsResponse({ option_groups: groups })).toEqual([]);
  });
});

describe('messageLengthError', () => {
  it('flags text over 40000', () => {
    expect(messageLengthError({ text: 'x'.repeat(40_000) })).toBeUndefined();
    expect(messageLengthError({ text: 'x'.repeat(40_001) })).toBe('msg_too_long');
  });

  it('flags fallback text over 4000 beside blocks', () => {
    expect(messageLengthError({ text: 'x'.repeat(4001), blocks: [section('x')] })).toBe('msg_too_long');
  });

  it('flags blocks with too much text', () => {
    const blocks = Array.from({ length: 5 }, () => section('x'.repeat(2500)));
    expect(blockTextLength(blocks)).toBe(12_500);
    expect(messageLengthError({ text: 'fallback', blocks })).toBe('msg_blocks_too_long');
  });
});
