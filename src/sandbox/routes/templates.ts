import { notFound, type Reply, success } from '../envelope.ts';
import { NOTE_TEMPLATES, TICKET_TEMPLATES, TIME_LOG_TEMPLATES } from '../lookups.ts';
import { type AuthorizedContext, get, intParam, type Route } from '../route.ts';
import { ticketTemplateOutput } from '../views.ts';

function ticketTemplate(context: AuthorizedContext): Reply {
  const templateId = intParam(context, 'templateId');
  const template = TICKET_TEMPLATES.find((candidate) => candidate.id === templateId);
  if (!template) throw notFound('Template', templateId);
  return success(ticketTemplateOutput(template));
}

export const templateRoutes: Route[] = [
  get('/v2/servicedesk/templates/tickets/lookup', () =>
    success(TICKET_TEMPLATES.map((template) => ({ Id: template.id, Name: template.name }))),
  ),
  get('/v2/servicedesk/templates/tickets/{templateId}', ticketTemplate),
  get('/v2/servicedesk/templates/notes/lookup', () =>
    success(
      NOTE_TEMPLATES.map((template) => ({
        Id: template.id,
        Name: template.name,
        TypeId: template.typeId,
        StatusId: template.statusId,
        IsInternal: template.isInternal,
      })),
    ),
  ),
  get('/v2/servicedesk/templates/timelogs/lookup', () =>
    success(
      TIME_LOG_TEMPLATES.map((template) => ({
        Id: template.id,
        Name: template.name,
        Notes: template.notes,
        InternalNotes: template.internalNotes,
        RoleId: template.roleId,
        WorkTypeId: template.workTypeId,
        StatusId: template.statusId,
        Timespent: template.timespent,
      })),
    ),
  ),
];
