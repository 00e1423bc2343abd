import {
  getTicketTemplate,
  listNoteTemplates,
  listTicketTemplates,
  listTimeLogTemplates,
} from '../src/services/index.ts';
import {
  buildNoteTemplateList,
  buildTicketTemplate,
  buildTicketTemplateList,
  buildTimeLogTemplateList,
} from '../views/template-list.ts';
import type { CommandOf, CommandWork } from './user-command.ts';

// Templates are read from BMS on each command rather than from the cache, because a person who
// lists them expects what BMS has now, and the lists are short.

export const listTicketTemplatesCommand: CommandWork<CommandOf<'templates.tickets.list'>> = async (run) => {
  await run.reply(buildTicketTemplateList(await listTicketTemplates(run.user.context)));
};

export const getTicketTemplateCommand: CommandWork<CommandOf<'templates.tickets.get'>> = async (run) => {
  await run.reply(buildTicketTemplate(await getTicketTemplate(run.user.context, run.parsed.templateId)));
};

export const listNoteTemplatesCommand: CommandWork<CommandOf<'templates.notes.list'>> = async (run) => {
  await run.reply(buildNoteTemplateList(await listNoteTemplates(run.user.context)));
};

export const listTimeLogTemplatesCommand: CommandWork<CommandOf<'templates.timelogs.list'>> = async (run) => {
  await run.reply(buildTimeLogTemplateList(await listTimeLogTemplates(run.user.context)));
};
