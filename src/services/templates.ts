import type { NoteTemplate, TicketTemplate, TicketTemplateSummary, TimeLogTemplate } from '../bms/index.ts';
import type { ServiceContext } from './context.ts';

/** Templates are read-only here: BMS administrators maintain them in BMS. */
export function listTicketTemplates(context: ServiceContext): Promise<TicketTemplateSummary[]> {
  return context.api.listTicketTemplates();
}

export function getTicketTemplate(context: ServiceContext, templateId: number): Promise<TicketTemplate> {
  return context.api.getTicketTemplate(templateId);
}

export function listNoteTemplates(context: ServiceContext): Promise<NoteTemplate[]> {
  return context.api.listNoteTemplates();
}

export function listTimeLogTemplates(context: ServiceContext): Promise<TimeLogTemplate[]> {
  return context.api.listTimeLogTemplates();
}
