import type { types } from '@slack/bolt';
import type {
  NoteTemplate,
  TicketTemplate,
  TicketTemplateSummary,
  TimeLogTemplate,
} from '../src/bms/index.ts';
import { Commands } from '../src/slack/ids.ts';
import { escapeMrkdwn } from '../src/slack/mrkdwn.ts';
import type { BlockMessage } from './notice-message.ts';
import { escapeWithin, SLACK_LIMITS, shorten } from './text-limits.ts';

/** Templates listed in one reply, because the section would pass Slack's text limit well before 100. */
const MAX_TEMPLATES_LISTED = 60;

function listMessage(title: string, lines: string[], hint?: string): BlockMessage {
  const shown = lines.slice(0, MAX_TEMPLATES_LISTED);
  const more = lines.length > shown.length ? `\n…and ${lines.length - shown.length} more.` : '';
  const body = lines.length > 0 ? `*${title}*\n${shown.join('\n')}${more}` : `*${title}*\nBMS has none.`;
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: shorten(body, SLACK_LIMITS.sectionText) } },
  ];
  if (hint) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: hint }] });
  return { text: `${title}: ${lines.length}`, blocks };
}

function named(row: { Id: number; Name: string }): string {
  return `• *${escapeMrkdwn(row.Name)}* (id ${row.Id})`;
}

export function buildTicketTemplateList(templates: readonly TicketTemplateSummary[]): BlockMessage {
  return listMessage(
    'Ticket templates',
    templates.map(named),
    `\`${Commands.bms} templates tickets get <id>\` shows what a template fills in; \`--template-id <id>\` uses it in \`tickets create\`.`,
  );
}

export function buildNoteTemplateList(templates: readonly NoteTemplate[]): BlockMessage {
  return listMessage(
    'Note templates',
    templates.map((template) => {
      const facts = [
        template.IsInternal === undefined || template.IsInternal === null
          ? undefined
          : template.IsInternal
            ? 'internal'
            : 'public',
        template.TypeId !== undefined && template.TypeId !== null
          ? `note type ${template.TypeId}`
          : undefined,
        template.StatusId !== undefined && template.StatusId !== null
          ? `status ${template.StatusId}`
          : undefined,
      ].filter(Boolean);
      return `${named(template)}${facts.length > 0 ? ` — ${facts.join(', ')}` : ''}`;
    }),
  );
}

export function buildTimeLogTemplateList(templates: readonly TimeLogTemplate[]): BlockMessage {
  return listMessage(
    'Time log templates',
    templates.map((template) => {
      const spent = typeof template.Timespent === 'number' ? ` — ${template.Timespent} h` : '';
      const notes = template.Notes?.trim()
        ? `: ${escapeWithin(template.Notes.trim(), 120, escapeMrkdwn)}`
        : '';
      return `${named(template)}${spent}${notes}`;
    }),
  );
}

/** Shows the values one ticket template fills in, names where BMS gives them and ids otherwise. */
export function buildTicketTemplate(template: TicketTemplate): BlockMessage {
  const facts: [string, string | number | null | undefined][] = [
    ['Title', template.Title],
    ['Account', template.AccountName ?? template.AccountId],
    ['Assignee', template.AssigneeName ?? template.AssigneeId],
    ['Queue id', template.QueueId],
    ['Priority id', template.PriorityId],
    ['Ticket type id', template.TicketTypeId],
    ['Issue type id', template.IssueTypeId],
    ['Sub-issue type id', template.SubIssueTypeId],
    ['Work type id', template.WorkTypeId],
  ];
  const fields = facts
    .filter(([, value]) => value !== undefined && value !== null && String(value).trim() !== '')
    .map(
      ([label, value]): types.MrkdwnElement => ({
        type: 'mrkdwn',
        text: `*${label}*\n${escapeWithin(String(value), SLACK_LIMITS.fieldText - 100, escapeMrkdwn)}`,
      }),
    )
    .slice(0, 10);
  const details = template.Details?.trim()
    ? escapeWithin(template.Details.trim(), SLACK_LIMITS.sectionText - 100, escapeMrkdwn)
    : '_No details._';
  const blocks: types.KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: shorten(`Ticket template ${template.Id}: ${template.Name}`, SLACK_LIMITS.headerText),
      },
    },
  ];
  if (fields.length > 0) blocks.push({ type: 'section', fields });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: details } });
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Use it with \`${Commands.bms} tickets create --template-id ${template.Id} ...\`; the flags you give win over the template.`,
      },
    ],
  });
  return { text: escapeMrkdwn(shorten(`Ticket template ${template.Id}: ${template.Name}`, 500)), blocks };
}
