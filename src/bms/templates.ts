import { checkId, type Requester } from './request.ts';
import { listOf } from './schemas/common.ts';
import {
  type NoteTemplate,
  noteTemplateSchema,
  type TicketTemplate,
  type TicketTemplateSummary,
  type TimeLogTemplate,
  ticketTemplateSchema,
  ticketTemplateSummarySchema,
  timeLogTemplateSchema,
} from './schemas/templates.ts';

export async function listTicketTemplates(
  request: Requester,
  accessToken: string,
): Promise<TicketTemplateSummary[]> {
  const { result } = await request({
    method: 'GET',
    template: '/v2/servicedesk/templates/tickets/lookup',
    accessToken,
    isRead: true,
    resultSchema: listOf(ticketTemplateSummarySchema),
  });
  return result;
}

export async function getTicketTemplate(
  request: Requester,
  accessToken: string,
  templateId: number,
): Promise<TicketTemplate> {
  const { result } = await request({
    method: 'GET',
    template: '/v2/servicedesk/templates/tickets/{templateId}',
    pathParams: { templateId: checkId(templateId, 'template id') },
    accessToken,
    isRead: true,
    resultSchema: ticketTemplateSchema,
  });
  return result;
}

export async function listNoteTemplates(request: Requester, accessToken: string): Promise<NoteTemplate[]> {
  const { result } = await request({
    method: 'GET',
    template: '/v2/servicedesk/templates/notes/lookup',
    accessToken,
    isRead: true,
    resultSchema: listOf(noteTemplateSchema),
  });
  return result;
}

export async function listTimeLogTemplates(
  request: Requester,
  accessToken: string,
): Promise<TimeLogTemplate[]> {
  const { result } = await request({
    method: 'GET',
    template: '/v2/servicedesk/templates/timelogs/lookup',
    accessToken,
    isRead: true,
    resultSchema: listOf(timeLogTemplateSchema),
  });
  return result;
}
