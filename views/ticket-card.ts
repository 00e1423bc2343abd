import type { types } from '@slack/bolt';
import type { Ticket } from '../src/bms/index.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import { slackDate } from './slack-dates.ts';
import { escapeWithin, SLACK_LIMITS, shorten } from './text-limits.ts';

/** Action ids of the card's buttons; the handlers register under the same constants. */
export const TICKET_CARD_ACTIONS = {
  share: 'ticket_card_share',
  openInBms: 'ticket_card_open_in_bms',
  addNote: 'ticket_card_add_note',
  changeStatus: 'ticket_card_change_status',
  assign: 'ticket_card_assign',
  viewNotes: 'ticket_card_view_notes',
  refresh: 'ticket_card_refresh',
} as const;

/** Block id of the card's first block; its presence marks a message as a ticket card, and it carries the ticket id. */
export const TICKET_CARD_BLOCK_PREFIX = 'ticket_card_';

/** Details longer than this are cut so that the whole card stays far below Slack's message size limits. */
export const DETAILS_SHOWN_MAX = 1200;

export interface TicketCardOptions {
  /** `BMS_TICKET_URL` with `{id}` and `{number}`, when set. */
  ticketUrlTemplate?: string;
  /** Ephemeral cards get "Share in channel"; shared cards do not. */
  shareable: boolean;
  /** Extra action buttons (notes, status, assign) added by later layers. */
  extraActions?: types.Button[];
}

export function ticketUrl(
  ticket: Pick<Ticket, 'Id' | 'TicketNumber'>,
  template: string | undefined,
): string | undefined {
  if (!template) return undefined;
  return template
    .replaceAll('{id}', encodeURIComponent(String(ticket.Id)))
    .replaceAll('{number}', encodeURIComponent(ticket.TicketNumber ?? String(ticket.Id)));
}

function field(label: string, value: string | null | undefined): types.MrkdwnElement {
  const shown =
    value && value.trim() !== '' ? escapeWithin(value, SLACK_LIMITS.fieldText - 100, escapeMrkdwn) : '_none_';
  return { type: 'mrkdwn', text: `*${label}*\n${shown}` };
}

function dateField(label: string, iso: string | null | undefined): types.MrkdwnElement {
  return { type: 'mrkdwn', text: `*${label}*\n${slackDate(iso) ?? '_none_'}` };
}

/** The ticket's label for headers and notifications: its number and title. */
export function ticketLabel(ticket: Pick<Ticket, 'Id' | 'TicketNumber' | 'Title'>): string {
  return `${ticket.TicketNumber ?? `#${ticket.Id}`} ${ticket.Title?.trim() || '(no title)'}`;
}

/** Shortens the details with a visible marker that says how much was left out. */
export function shortenDetails(details: string | null | undefined): string {
  const text = (details ?? '').trim();
  if (text === '') return '_No details._';
  if (text.length <= DETAILS_SHOWN_MAX) return escapeWithin(text, SLACK_LIMITS.sectionText, escapeMrkdwn);
  const shown = shorten(text, DETAILS_SHOWN_MAX);
  const hidden = text.length - shown.length + 1;
  const marker = `\n_(shortened: ${hidden.toLocaleString('en-US')} more characters in BMS)_`;
  return `${escapeWithin(shown, SLACK_LIMITS.sectionText - marker.length, escapeMrkdwn)}${marker}`;
}

/** Builds the ticket card: number and title, the fields a technician scans first, details, and actions. */
export function buildTicketCard(
  ticket: Ticket,
  options: TicketCardOptions,
): { text: string; blocks: types.KnownBlock[] } {
  const assignment = [ticket.AssigneeName, ticket.QueueName ? `queue ${ticket.QueueName}` : undefined]
    .filter(Boolean)
    .join(', ');
  const accountAndLocation = [ticket.AccountName, ticket.LocationName].filter(Boolean).join(' / ');
  const url = ticketUrl(ticket, options.ticketUrlTemplate);

  const buttons: types.Button[] = [];
  if (options.shareable) {
    buttons.push({
      type: 'button',
      action_id: TICKET_CARD_ACTIONS.share,
      text: { type: 'plain_text', text: 'Share in channel' },
      value: String(ticket.Id),
    });
  }
  buttons.push(...(options.extraActions ?? []));
  if (url) {
    buttons.push({
      type: 'button',
      action_id: TICKET_CARD_ACTIONS.openInBms,
      text: { type: 'plain_text', text: 'Open in BMS' },
      url,
    });
  }

  const blocks: types.KnownBlock[] = [
    {
      type: 'header',
      block_id: `${TICKET_CARD_BLOCK_PREFIX}${ticket.Id}`,
      // Header text is plain_text, which Slack never parses for mentions or links, so it needs no escaping.
      text: { type: 'plain_text', text: shorten(ticketLabel(ticket), SLACK_LIMITS.headerText), emoji: false },
    },
    {
      type: 'section',
      fields: [
        field('Status', ticket.StatusName),
        field('Priority', ticket.PriorityName),
        field('Account / location', accountAndLocation),
        field('Contact', ticket.ContactName),
        field('Assigned to', assignment),
        field('Type', ticket.TypeName),
        dateField('Opened', ticket.OpenDate),
        dateField('Due', ticket.DueDate),
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: shortenDetails(ticket.Details) } },
  ];
  if (buttons.length > 0)
    blocks.push({
      type: 'actions',
      block_id: `ticket_card_actions_${ticket.Id}`,
      elements: buttons.slice(0, 25),
    });

  const text = shorten(
    `${ticketLabel(ticket)} (${ticket.StatusName ?? 'no status'})`,
    SLACK_LIMITS.fallbackText,
  );
  return { text: escapeMrkdwn(text), blocks };
}
