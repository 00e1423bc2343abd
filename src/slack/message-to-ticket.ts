import { blocksToMessageText } from './message-blocks-text.ts';
import { type ResolveUserName, slackTextToPlain } from './mrkdwn.ts';

/**
 * Turns a Slack message into ticket or note text for BMS: plain text with mentions resolved,
 * links unwrapped and formatting removed, then its files, author, time and permalink.
 */

/** The fields of a message shortcut's `message` that the ticket and note forms use. */
export interface ShortcutMessage {
  ts: string;
  /** Set on replies and on thread parents; absent on a message outside any thread. */
  threadTs?: string;
  text: string;
  /** Absent for bot messages. */
  userId?: string;
  /** A bot message's display name. */
  username?: string;
  files: MessageFile[];
  blocks: unknown[];
}

export interface MessageFile {
  name: string;
  /** The file's page in Slack; visible to members of the conversation. */
  permalink?: string;
}

export interface MessageSource {
  resolveUser: ResolveUserName;
  /** From `chat.getPermalink`; absent when Slack did not return one. */
  permalink?: string;
  /** The conversation's name, for public and private channels. */
  channelName?: string;
}

/** Maximum length of a title taken from a message, because BMS titles are short summaries. */
export const TITLE_FROM_MESSAGE_MAX = 100;

/** Reads the message of a message shortcut payload, whose fields Slack may leave out. */
export function shortcutMessageOf(message: Record<string, unknown>): ShortcutMessage {
  const text = (key: string) => (typeof message[key] === 'string' ? (message[key] as string) : undefined);
  const files = Array.isArray(message.files) ? message.files : [];
  return {
    ts: text('ts') ?? '',
    threadTs: text('thread_ts'),
    text: text('text') ?? '',
    userId: text('user'),
    username: text('username'),
    files: files.flatMap((file): MessageFile[] => {
      if (typeof file !== 'object' || file === null) return [];
      const { name, title, permalink } = file as Record<string, unknown>;
      const shownName = typeof title === 'string' && title ? title : typeof name === 'string' ? name : '';
      if (!shownName) return [];
      return [{ name: shownName, permalink: typeof permalink === 'string' ? permalink : undefined }];
    }),
    blocks: Array.isArray(message.blocks) ? message.blocks : [],
  };
}

/** Returns the ts of the thread a reply to this message belongs in: its parent's ts, or its own. */
export function threadTsOf(message: Pick<ShortcutMessage, 'ts' | 'threadTs'>): string {
  return message.threadTs ?? message.ts;
}

/** Takes the first non-empty line as a title, shortened at a word boundary; an empty text gives `fallback`. */
export function titleFromText(plain: string, fallback: string, max = TITLE_FROM_MESSAGE_MAX): string {
  const firstLine = plain
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .find((line) => line !== '');
  const title = firstLine ?? fallback;
  if (title.length <= max) return title;
  const cut = sliceWhole(title, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.5 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** Formats a Slack ts (seconds since the epoch, with a fraction) as `2024-05-01 10:22 UTC`. */
export function slackTsToText(ts: string): string | undefined {
  const seconds = Number(ts);
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Converts the message's ts to whole Unix seconds for a datetimepicker; undefined when the ts is not a time. */
export function slackTsToSeconds(ts: string): number | undefined {
  const seconds = Number(ts);
  return Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : undefined;
}

/**
 * Builds the ticket title and details (or a note's text) from a message. The details keep
 * within `max` characters: the message body is shortened first, so that the files, author,
 * time and permalink stay.
 */
export async function messageToTicketText(
  message: ShortcutMessage,
  source: MessageSource,
  max: number,
): Promise<{ title: string; details: string; author: string }> {
  // A message of blocks only has an empty text; its blocks then carry what was said.
  const text = message.text.trim() === '' ? blocksToMessageText(message.blocks) : message.text;
  const body = tidy(await slackTextToPlain(text, source.resolveUser));
  const author = await authorOf(message, source.resolveUser);

  const footer: string[] = [];
  if (message.files.length > 0) {
    footer.push(['Files:', ...message.files.map((file) => `- ${fileLine(file)}`)].join('\n'));
  }
  footer.push(sourceLine(message, source, author));
  const footerText = footer.join('\n\n');

  const room = Math.max(0, max - footerText.length - 2);
  const shownBody = body.length <= room ? body : `${sliceWhole(body, Math.max(0, room - 1)).trimEnd()}…`;
  const details = sliceWhole(shownBody ? `${shownBody}\n\n${footerText}` : footerText, max);

  const fallbackTitle = message.files[0]?.name ?? `Message from ${author}`;
  return { title: titleFromText(body, fallbackTitle), details, author };
}

/** Resolves the author's name: `@Display Name` for people, the bot's name for bot messages. */
async function authorOf(message: ShortcutMessage, resolveUser: ResolveUserName): Promise<string> {
  if (message.userId) {
    const name = await resolveUser(message.userId);
    return `@${(name ?? message.userId).replace(/^@/, '')}`;
  }
  return message.username ? `${message.username} (bot)` : 'a bot';
}

function sourceLine(message: ShortcutMessage, source: MessageSource, author: string): string {
  const where = source.channelName ? ` in #${source.channelName}` : '';
  const when = slackTsToText(message.ts);
  const line = `Posted in Slack by ${author}${where}${when ? ` on ${when}` : ''}`;
  return source.permalink ? `${line}: ${source.permalink}` : `${line}.`;
}

function fileLine(file: MessageFile): string {
  const name = file.name.replace(/\s+/g, ' ').trim();
  return file.permalink ? `${name}: ${file.permalink}` : name;
}

/** Returns at most `length` UTF-16 code units of text, without splitting an emoji or other surrogate pair. */
function sliceWhole(text: string, length: number): string {
  const cut = text.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Trims each line's end and keeps at most one blank line in a row. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
