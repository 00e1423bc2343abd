import { escapeMrkdwn } from './mrkdwn.ts';

/**
 * Reads the text of a message's blocks as Slack message text (mrkdwn with `<@U1>` tokens and
 * escaped entities), for messages whose `text` is empty: some bots and workflows post blocks
 * only. Sections, headers, context texts and rich text are read. Images, buttons and other
 * elements carry no text that a ticket needs.
 */
export function blocksToMessageText(blocks: readonly unknown[]): string {
  return blocks
    .map(blockText)
    .filter((text) => text.trim() !== '')
    .join('\n');
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function listOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Returns a text object's text as mrkdwn: plain_text is escaped, mrkdwn is already message text. */
function textObject(value: unknown): string {
  if (!isObject(value) || typeof value.text !== 'string') return '';
  return value.type === 'plain_text' ? escapeMrkdwn(value.text) : value.text;
}

function blockText(block: unknown): string {
  if (!isObject(block)) return '';
  switch (block.type) {
    case 'section':
      return [textObject(block.text), ...listOf(block.fields).map(textObject)].filter(Boolean).join('\n');
    case 'header':
      return textObject(block.text);
    case 'context':
      return listOf(block.elements).map(textObject).filter(Boolean).join(' ');
    case 'rich_text':
      return listOf(block.elements).map(richTextPart).join('\n');
    default:
      return '';
  }
}

/** Reads one part of a rich_text block: a section, a list, a quote or a preformatted block. */
function richTextPart(part: Json): string {
  if (part.type === 'rich_text_list') {
    return listOf(part.elements)
      .map((item) => `- ${inlineElements(item.elements)}`)
      .join('\n');
  }
  return inlineElements(part.elements);
}

function inlineElements(elements: unknown): string {
  return listOf(elements).map(inlineElement).join('');
}

function inlineElement(element: Json): string {
  const text = (key: string) => (typeof element[key] === 'string' ? (element[key] as string) : '');
  switch (element.type) {
    case 'text':
      return escapeMrkdwn(text('text'));
    case 'link':
      return text('text') ? `<${text('url')}|${escapeMrkdwn(text('text'))}>` : `<${text('url')}>`;
    case 'user':
      return `<@${text('user_id')}>`;
    case 'channel':
      return `<#${text('channel_id')}>`;
    case 'usergroup':
      return `<!subteam^${text('usergroup_id')}>`;
    case 'broadcast':
      return `<!${text('range')}>`;
    case 'emoji':
      return `:${text('name')}:`;
    case 'date':
      return escapeMrkdwn(text('fallback'));
    default:
      return '';
  }
}
