import type { webApi } from '@slack/bolt';
import type { UserCache } from '../src/cache/index.ts';
import type { Config } from '../src/config.ts';
import type { Logger } from '../src/log.ts';
import { foldName } from '../src/services/name-matching.ts';
import type { NoteType } from '../src/services/notes.ts';
import type { ShortcutMessage } from '../src/slack/message-to-ticket.ts';
import { threadTsOf } from '../src/slack/message-to-ticket.ts';
import {
  findThreadTicket,
  readThreadParentBlocks,
  referenceText,
  type TiedTicket,
  ticketIdOfCard,
  ticketReferenceInText,
} from '../src/slack/message-to-ticket-tie.ts';
import type { Store } from '../src/store.ts';
import type { Choice } from '../views/create-ticket-modal-options.ts';
import { loadFieldChoices } from './create-ticket-form.ts';

/** The ticket a message's note goes to, as far as the app can tell without asking. */
export interface FoundTicket {
  /** The initial text of the ticket field: `T20240101.0001` or `#12345`. */
  text: string;
  /** The ticket, when the thread is tied to it or the message is its card. */
  ticket?: TiedTicket;
}

/**
 * Finds the ticket of a message. The first found wins: the ticket its thread is tied to (the
 * app made the ticket from the thread, or added a note from it), then the ticket whose card the
 * message is, then the card that starts the thread, then a ticket number or `#id` in the text.
 */
export async function findTicketOfMessage(
  lookup: { store: Store; client: webApi.WebClient; logger: Logger },
  channelId: string,
  message: ShortcutMessage,
): Promise<FoundTicket | undefined> {
  const threadTs = threadTsOf(message);
  const tied = await findThreadTicket(lookup.store, channelId, threadTs);
  if (tied) return { text: tied.TicketNumber || `#${tied.Id}`, ticket: tied };

  const card = cardOf(message.blocks);
  if (card) return card;
  if (threadTs !== message.ts) {
    const parentBlocks = await readThreadParentBlocks(lookup.client, lookup.logger, channelId, threadTs);
    const parentCard = parentBlocks ? cardOf(parentBlocks) : undefined;
    if (parentCard) return parentCard;
  }

  const named = ticketReferenceInText(message.text);
  return named ? { text: referenceText(named) } : undefined;
}

/**
 * Reads the ticket of a ticket card's blocks. The card's header reads "T20240101.0001 Title",
 * which is the best title the app has without calling BMS.
 */
function cardOf(blocks: readonly unknown[]): FoundTicket | undefined {
  const ticketId = ticketIdOfCard(blocks);
  if (ticketId === undefined) return undefined;
  const header = blocks[0] as { text?: { text?: unknown } } | undefined;
  const title = typeof header?.text?.text === 'string' ? header.text.text : '';
  return { text: `#${ticketId}`, ticket: { Id: ticketId, TicketNumber: null, Title: title } };
}

/**
 * Loads note types from the tenant's lookup (cached), else the configured `BMS_NOTE_TYPES`, because
 * the lookup's table name differs between tenants. Inactive types are left out.
 */
export async function loadNoteTypes(
  cache: UserCache,
  config: Config,
): Promise<{ types: NoteType[]; defaultId?: number }> {
  let fromTenant: { id: number; name: string; isDefault: boolean }[] = [];
  try {
    fromTenant = (await cache.lookup('noteTypes')).value
      .filter((item) => item.IsActive !== false && item.Name)
      .map((item) => ({ id: item.Id, name: item.Name, isDefault: item.IsDefault === true }));
  } catch {
    fromTenant = [];
  }
  const types: NoteType[] =
    fromTenant.length > 0 ? fromTenant.map(({ id, name }) => ({ id, name })) : config.bms.noteTypes;
  const defaultId =
    fromTenant.find((item) => item.isDefault)?.id ??
    types.find((type) => foldName(type.name) === 'general notes')?.id ??
    types[0]?.id;
  return { types, defaultId };
}

/** Loads statuses for the note's optional status change; undefined when they cannot be loaded. */
export async function loadNoteStatuses(cache: UserCache): Promise<Choice[] | undefined> {
  try {
    return (await loadFieldChoices(cache, 'status')).choices;
  } catch {
    return undefined;
  }
}
