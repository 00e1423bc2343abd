import type { webApi } from '@slack/bolt';
import type { Ticket } from '../bms/index.ts';
import type { Logger } from '../log.ts';
import { parseTicketReference, type TicketReference } from '../services/ticket-reference.ts';
import type { Store } from '../store.ts';
import { slackFailureOf } from './slack-errors.ts';

/**
 * Ties between Slack threads and BMS tickets. A tie is remembered when the app makes a ticket
 * from a message or adds a thread reply as a note, so the next note from the same thread
 * finds its ticket without asking.
 */

export type TiedTicket = Pick<Ticket, 'Id' | 'TicketNumber' | 'Title'>;

const NAMESPACE = 'thread-ticket';

/** How long a tie is kept after its last use. NOTE: a product choice; threads older than this ask for the ticket again. */
export const THREAD_TIE_TTL_MS = 90 * 24 * 60 * 60 * 1000;

/** Block id of a ticket card's first block: `ticket_card_` and the ticket id (views/ticket-card.ts). */
const CARD_BLOCK_ID = /^ticket_card_(\d{1,10})$/;

/** Ticket numbers as BMS prints them (`T20240101.0001`), or `#12345`, standing alone in text. */
const NUMBER_IN_TEXT = /(?:^|[^\w.])(T\d{8}\.\d{1,6})(?!\w)/i;
const ID_IN_TEXT = /(?:^|[\s(])#(\d{1,10})\b/;

/** Store key of a thread: `thread-ticket:CHANNEL:THREAD_TS` with the namespace. */
function keyOf(channelId: string, threadTs: string): string {
  return `${channelId}:${threadTs}`;
}

export async function rememberThreadTicket(
  store: Store,
  channelId: string,
  threadTs: string,
  ticket: TiedTicket,
): Promise<void> {
  const tie: TiedTicket = { Id: ticket.Id, TicketNumber: ticket.TicketNumber ?? null, Title: ticket.Title };
  await store.keyv<TiedTicket>(NAMESPACE).set(keyOf(channelId, threadTs), tie, THREAD_TIE_TTL_MS);
}

/** Returns the ticket the thread is tied to, or undefined; a damaged record counts as none. */
export async function findThreadTicket(
  store: Store,
  channelId: string,
  threadTs: string,
): Promise<TiedTicket | undefined> {
  const value: unknown = await store.keyv(NAMESPACE).get(keyOf(channelId, threadTs));
  if (typeof value !== 'object' || value === null) return undefined;
  const { Id, TicketNumber, Title } = value as Record<string, unknown>;
  if (typeof Id !== 'number' || !Number.isInteger(Id) || Id <= 0) return undefined;
  return {
    Id,
    TicketNumber: typeof TicketNumber === 'string' ? TicketNumber : null,
    Title: typeof Title === 'string' ? Title : '',
  };
}

/** Reads the ticket id of a ticket card the app posted from the id of the message's first block. */
export function ticketIdOfCard(blocks: readonly unknown[]): number | undefined {
  const first = blocks[0];
  const blockId =
    typeof first === 'object' && first !== null ? (first as { block_id?: unknown }).block_id : undefined;
  const match = typeof blockId === 'string' ? CARD_BLOCK_ID.exec(blockId) : null;
  if (!match?.[1]) return undefined;
  const parsed = parseTicketReference(match[1]);
  return parsed.ok && parsed.reference.kind === 'id' ? parsed.reference.id : undefined;
}

/** Finds the first ticket that message text names: a ticket number such as T20240101.0001, or #12345. */
export function ticketReferenceInText(text: string): TicketReference | undefined {
  const number = NUMBER_IN_TEXT.exec(text);
  const id = ID_IN_TEXT.exec(text);
  let candidate: string | undefined;
  if (number && (!id || number.index <= id.index)) candidate = number[1];
  else if (id) candidate = `#${id[1]}`;
  if (!candidate) return undefined;
  const parsed = parseTicketReference(candidate);
  return parsed.ok ? parsed.reference : undefined;
}

/** Writes a reference the way the user would type it, for the note form's ticket field. */
export function referenceText(reference: TicketReference): string {
  return reference.kind === 'id' ? `#${reference.id}` : reference.ticketNumber;
}

/** Maximum wait for the parent message, because the form is open and shows a loading text meanwhile. */
const PARENT_READ_TIMEOUT_MS = 2000;

/**
 * Reads the blocks of a thread's parent message with `conversations.replies` (scopes
 * `channels:history`, `groups:history`; the bot must be in the channel). Best effort: Slack
 * limits this method to one call a minute for some apps, so any failure returns undefined and
 * the caller falls back to the message text or to the ticket field.
 */
export async function readThreadParentBlocks(
  client: webApi.WebClient,
  logger: Logger,
  channelId: string,
  threadTs: string,
): Promise<unknown[] | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), PARENT_READ_TIMEOUT_MS);
  });
  const read = client.conversations
    .replies({ channel: channelId, ts: threadTs, limit: 1, inclusive: true })
    .then((answer) => {
      const parent = answer.messages?.find((message) => message.ts === threadTs);
      return Array.isArray(parent?.blocks) ? (parent.blocks as unknown[]) : undefined;
    })
    .catch((error: unknown) => {
      logger.debug('Thread parent could not be read; the ticket is looked for elsewhere', {
        channel: channelId,
        slack_error: slackFailureOf(error)?.code ?? 'unknown',
      });
      return undefined;
    });
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
