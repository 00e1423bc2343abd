import { describe, expect, it } from 'vitest';
import { ticketErrorsOf } from '../../commands/create-ticket-errors.ts';
import { BmsError } from '../../src/bms/errors.ts';
import { ValidationError } from '../../src/services/validation.ts';
import {
  messageToTicketText,
  shortcutMessageOf,
  slackTsToSeconds,
  threadTsOf,
  titleFromText,
} from '../../src/slack/message-to-ticket.ts';
import { ticketIdOfCard, ticketReferenceInText } from '../../src/slack/message-to-ticket-tie.ts';

const names: Record<string, string> = { U0ALICE: 'Alice' };
const source = {
  resolveUser: (id: string) => names[id],
  permalink: 'https://x.slack.test/p1',
  channelName: 'support',
};

describe('titleFromText', () => {
  it('takes the first non-empty line', () => {
    expect(titleFromText('\n\n  Printer   down \nsecond line', 'fallback')).toBe('Printer down');
    expect(titleFromText('', 'photo.jpg')).toBe('photo.jpg');
  });

  it('shortens at a word boundary', () => {
    const title = titleFromText(`${'alpha '.repeat(30)}omega`, 'x');
    expect(title.length).toBeLessThanOrEqual(100);
    expect(title).toMatch(/alpha…$/);
    expect(titleFromText('y'.repeat(150), 'x')).toHaveLength(100);
  });
});

describe('messageToTicketText', () => {
  it('lists files and the source', async () => {
    const message = shortcutMessageOf({
      ts: '1714557720.000100',
      text: 'Hi <@U0ALICE>, log &amp; photo attached',
      user: 'U0ALICE',
      files: [
        { name: 'log.txt', permalink: 'https://x.slack.test/files/log.txt' },
        { title: 'photo.jpg' },
        { id: 'F1' },
      ],
    });
    const { title, details } = await messageToTicketText(message, source, 3000);
    expect(title).toBe('Hi @Alice, log & photo attached');
    expect(details).toBe(
      [
        'Hi @Alice, log & photo attached',
        '',
        'Files:',
        '- log.txt: https://x.slack.test/files/log.txt',
        '- photo.jpg',
        '',
        'Posted in Slack by @Alice in #support on 2024-05-01 10:02 UTC: https://x.slack.test/p1',
      ].join('\n'),
    );
  });

  it('names bots and keeps the footer when shortening', async () => {
    const message = shortcutMessageOf({
      ts: '1714557720.000100',
      text: 'z'.repeat(5000),
      username: 'Monitoring',
    });
    const { details } = await messageToTicketText(message, { ...source, permalink: undefined }, 500);
    expect(details).toHaveLength(500);
    expect(details).toMatch(
      /…\n\nPosted in Slack by Monitoring \(bot\) in #support on 2024-05-01 10:02 UTC\.$/,
    );
  });

  it('titles a file-only message by its file', async () => {
    const message = shortcutMessageOf({
      ts: '1.0',
      text: '',
      user: 'U0NOBODY',
      files: [{ name: 'scan.pdf' }],
    });
    expect((await messageToTicketText(message, source, 3000)).title).toBe('scan.pdf');
  });
});

describe('thread helpers', () => {
  it('replies under the parent', () => {
    expect(threadTsOf({ ts: '2.0', threadTs: '1.0' })).toBe('1.0');
    expect(threadTsOf({ ts: '2.0' })).toBe('2.0');
    expect(slackTsToSeconds('1714557720.000100')).toBe(1714557720);
    expect(slackTsToSeconds('soon')).toBeUndefined();
  });

  it('finds ticket references in text', () => {
    expect(ticketReferenceInText('about T20240101.0001.')).toEqual({
      kind: 'number',
      ticketNumber: 'T20240101.0001',
    });
    expect(ticketReferenceInText('see (#12345) please')).toEqual({ kind: 'id', id: 12345 });
    expect(ticketReferenceInText('T20240101.00012345 is too long')).toBeUndefined();
    expect(ticketReferenceInText('<#C0OPS|ops> and ATT20240101.0001')).toBeUndefined();
    expect(ticketReferenceInText('#0')).toBeUndefined();
  });

  it('reads a ticket card by its first block', () => {
    expect(ticketIdOfCard([{ type: 'header', block_id: 'ticket_card_10001' }])).toBe(10001);
    expect(ticketIdOfCard([{ type: 'actions', block_id: 'ticket_card_actions_10001' }])).toBeUndefined();
    expect(ticketIdOfCard([{ type: 'section' }, { block_id: 'ticket_card_5' }])).toBeUndefined();
    expect(ticketIdOfCard([])).toBeUndefined();
  });
});

describe('ticketErrorsOf', () => {
  it('places BMS sentences next to their fields', () => {
    const error = new BmsError('validation', 'BMS answered 400.', {
      status: 400,
      details: [
        'LocationId does not belong to AccountId 12. QueueId 5 (Archive) is inactive. Something else broke.',
      ],
      endpoint: 'POST /v2/servicedesk/tickets',
    });
    const errors = ticketErrorsOf(error);
    expect(errors.fields.location).toBe('LocationId does not belong to AccountId 12.');
    expect(errors.fields.queue).toBe('QueueId 5 (Archive) is inactive.');
    expect(errors.fields.title).toBeUndefined();
    expect(errors.general).toContain('BMS rejected the ticket');
  });

  it('leaves no general message when every sentence is placed', () => {
    const error = new BmsError('validation', 'BMS answered 400.', {
      status: 400,
      details: ['Title is too long.'],
      endpoint: 'POST /v2/servicedesk/tickets',
    });
    expect(ticketErrorsOf(error)).toEqual({ fields: { title: 'Title is too long.' } });
  });

  it('maps the services rules', () => {
    const errors = ticketErrorsOf(
      new ValidationError({ QueueOrAssignee: 'Choose a queue.', OpenDate: 'Bad date.' }),
    );
    expect(errors).toEqual({ fields: { queue: 'Choose a queue.', openDate: 'Bad date.' } });
  });

  it('makes other failures general plain text', () => {
    const errors = ticketErrorsOf(
      new BmsError('forbidden', 'no', { status: 403, endpoint: 'POST /v2/servicedesk/tickets' }),
    );
    expect(errors.fields).toEqual({});
    expect(errors.general).not.toMatch(/`|&amp;|&lt;/);
  });
});
