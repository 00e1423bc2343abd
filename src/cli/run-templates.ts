import type { TicketTemplatesGetCommand } from '../grammar/index.ts';
import {
  getTicketTemplate,
  listNoteTemplates,
  listTicketTemplates,
  listTimeLogTemplates,
} from '../services/index.ts';
import { renderFields, renderTable } from './render-table.ts';
import type { CommandOutput, RunContext } from './run-context.ts';
import { outputWidth } from './terminal.ts';
import { terminalLine, terminalText } from './terminal-text.ts';

function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return value ? 'yes' : 'no';
}

export async function runTicketTemplatesList(run: RunContext): Promise<CommandOutput> {
  const { context } = await run.services();
  const templates = await listTicketTemplates(context);
  return {
    value: templates,
    text: () =>
      templates.length === 0
        ? 'No ticket templates.'
        : renderTable(
            templates,
            [
              { header: 'Id', cell: (template) => template.Id },
              { header: 'Name', cell: (template) => template.Name, flexible: true },
            ],
            outputWidth(run.terminal),
          ),
  };
}

export async function runTicketTemplatesGet(
  command: TicketTemplatesGetCommand,
  run: RunContext,
): Promise<CommandOutput> {
  const { context } = await run.services();
  const template = await getTicketTemplate(context, command.templateId);
  const details = terminalText(template.Details).trim();
  return {
    value: template,
    text: () =>
      [
        `Ticket template ${template.Id}: ${terminalLine(template.Name)}`,
        '',
        renderFields([
          ['Title', template.Title],
          ['Account', template.AccountName ?? template.AccountId],
          ['Assignee', template.AssigneeName ?? template.AssigneeId],
          ['Queue id', template.QueueId],
          ['Priority id', template.PriorityId],
          ['Ticket type id', template.TicketTypeId],
          ['Issue type id', template.IssueTypeId],
          ['Work type id', template.WorkTypeId],
        ]),
        '',
        'Details:',
        details === '' ? '  (no details)' : details.replace(/^/gm, '  '),
      ].join('\n'),
  };
}

export async function runNoteTemplatesList(run: RunContext): Promise<CommandOutput> {
  const { context } = await run.services();
  const templates = await listNoteTemplates(context);
  return {
    value: templates,
    text: () =>
      templates.length === 0
        ? 'No note templates.'
        : renderTable(
            templates,
            [
              { header: 'Id', cell: (template) => template.Id },
              { header: 'Name', cell: (template) => template.Name, flexible: true },
              { header: 'Type id', cell: (template) => template.TypeId },
              { header: 'Status id', cell: (template) => template.StatusId },
              { header: 'Internal', cell: (template) => yesNo(template.IsInternal) },
            ],
            outputWidth(run.terminal),
          ),
  };
}

export async function runTimeLogTemplatesList(run: RunContext): Promise<CommandOutput> {
  const { context } = await run.services();
  const templates = await listTimeLogTemplates(context);
  return {
    value: templates,
    text: () =>
      templates.length === 0
        ? 'No time log templates.'
        : renderTable(
            templates,
            [
              { header: 'Id', cell: (template) => template.Id },
              { header: 'Name', cell: (template) => template.Name },
              { header: 'Time spent', cell: (template) => template.Timespent },
              { header: 'Work type id', cell: (template) => template.WorkTypeId },
              { header: 'Notes', cell: (template) => template.Notes, flexible: true },
            ],
            outputWidth(run.terminal),
          ),
  };
}
