import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_TICKET_NUMBER, SAMPLE_TICKET_ID } from '../../src/sandbox/index.ts';
import type { ShortcutMessage } from '../fakes/slack-driver.ts';
import { openedView, stateOf } from '../slack/ticket-form-helpers.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';

/** Hostile and unusual messages under both message shortcuts: the forms open with plain, whole text. */

const USER = 'U0JANE';
const CHANNEL = 'C0SUPPORT1';
const TS = '1714557720.000100';
const SHORTCUTS = {
  ticket: {
    callbackId: 'create_ticket_from_message',
    title: 'create_ticket_title',
    body: 'create_ticket_details',
  },
  note: { callbackId: 'add_note_from_message', title: undefined, body: 'add_note_text' },
} as const;
type Shortcut = keyof typeof SHORTCUTS;

/** Half of a surrogate pair without its other half: what cutting an emoji in two leaves. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Slack syntax left over in what should be plain text. */
const SLACK_SYNTAX = /<[@#!]|<mailto:|<https?:|&lt;|&gt;|&amp;/;

let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
  await harness.loginAs(USER);
  harness.fake.addChannel({ id: CHANNEL, name: 'support' });
  harness.fake.setUser({ id: 'U0BOB', displayName: 'Bob' });
});
afterAll(async () => {
  await harness?.close();
});

/** Runs a shortcut on the message and returns the form's title and body text. */
async function formOf(
  shortcut: Shortcut,
  message: ShortcutMessage,
): Promise<{ viewId: string; title: string; body: string }> {
  const spec = SHORTCUTS[shortcut];
  const result = await harness.driver.messageShortcut(
    spec.callbackId,
    { ts: TS, ...message },
    { user: USER, channel: CHANNEL },
  );
  expect(result.status).toBe(200);
  const viewId = await openedView(harness, result.triggerId);
  const title = spec.title ? String(stateOf(harness, viewId, spec.title)?.value ?? '') : '';
  return { viewId, title, body: String(stateOf(harness, viewId, spec.body)?.value ?? '') };
}

describe.each(Object.keys(SHORTCUTS) as Shortcut[])('%s shortcut attacks', (shortcut) => {
  it('takes a file-only message', async () => {
    const files = [
      { name: 'screen.png', permalink: 'https://fake-workspace.slack.test/files/F0SCREEN/screen.png' },
    ];
    const { title, body } = await formOf(shortcut, { user: 'U0BOB', text: '', files });
    if (shortcut === 'ticket') expect(title).toBe('screen.png');
    expect(body).toContain('- screen.png: https://fake-workspace.slack.test/files/F0SCREEN/screen.png');
  });

  it('reads a blocks-only message', async () => {
    const blocks = [
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: 'Printer down & smoking, ask ' },
              { type: 'user', user_id: 'U0BOB' },
            ],
          },
          {
            type: 'rich_text_list',
            style: 'bullet',
            elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'floor 2' }] }],
          },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: 'Seen by *monitoring* &lt;tag&gt;' } },
    ];
    const { title, body } = await formOf(shortcut, { user: 'U0BOB', text: '', blocks });
    if (shortcut === 'ticket') expect(title).toBe('Printer down & smoking, ask @Bob');
    expect(body).toMatch(/^Printer down & smoking, ask @Bob\n- floor 2\nSeen by monitoring <tag>\n\nPosted/);
  });

  it('names a bot as the author', async () => {
    const { body } = await formOf(shortcut, { botId: 'B0ALERTS', text: 'Disk full on srv1' });
    expect(body).toMatch(/^Disk full on srv1\n\nPosted in Slack by a bot in #/);
  });

  it('turns Slack tokens into plain text', async () => {
    const text =
      'Ask <@U123|name> in <#C123|general>, cc <!subteam^S1>, mail <mailto:a@b.c|mail>, *bold _italic ~gone~_*';
    const { title, body } = await formOf(shortcut, { user: 'U0BOB', text });
    for (const plain of [title, body]) expect(plain).not.toMatch(SLACK_SYNTAX);
    expect(body).toContain('in #general, cc @subteam, mail mail (a@b.c), bold italic gone');
  });

  it('shortens a 40,000-character message', async () => {
    const text = `${'lorem ipsum dolor '.repeat(2223)}`.slice(0, 40_000);
    const { title, body } = await formOf(shortcut, { user: 'U0BOB', text });
    if (shortcut === 'ticket') {
      expect(title.length).toBeLessThanOrEqual(100);
      expect(title).toMatch(/(lorem|ipsum|dolor)…$/);
    }
    expect(body.length).toBeLessThanOrEqual(3000);
    expect(body).toMatch(/…\n\nPosted in Slack by @Bob/);
  });

  it('never cuts an emoji in half', async () => {
    const { title, body } = await formOf(shortcut, { user: 'U0BOB', text: '😀'.repeat(20_000) });
    expect(title).not.toMatch(LONE_SURROGATE);
    expect(body).not.toMatch(LONE_SURROGATE);
    expect(body.length).toBeLessThanOrEqual(3000);
  });
});

describe('note shortcut ticket field', () => {
  it('takes the first ticket a reply names', async () => {
    const threadTs = '1714550000.000100';
    const first = await formOf('note', {
      user: 'U0BOB',
      threadTs,
      text: `Same as #${SAMPLE_TICKET_ID}, see also ${FIRST_TICKET_NUMBER}`,
    });
    expect(stateOf(harness, first.viewId, 'add_note_ticket')?.value).toBe(`#${SAMPLE_TICKET_ID}`);

    const second = await formOf('note', {
      user: 'U0BOB',
      threadTs,
      text: `Same as ${FIRST_TICKET_NUMBER}, see also #${SAMPLE_TICKET_ID}`,
    });
    expect(stateOf(harness, second.viewId, 'add_note_ticket')?.value).toBe(FIRST_TICKET_NUMBER);
  });
});
