import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BmsApi, BmsClient } from '../../src/bms/index.ts';
import { createTestClient } from './client-setup.ts';
import {
  type RecordedRequest,
  type RecordingServer,
  sendEnvelope,
  startRecordingServer,
} from './recording-server.ts';

/**
 * Checks what the client sends against the vendor's OpenAPI document: the operation exists, the
 * content type is one it declares, and body, form fields and query parameters match its schemas.
 */

const openApiPath =
  process.env.BMS_OPENAPI_PATH ?? resolve(import.meta.dirname, '../../../shared/bms-api/openapi-subset.json');
const hasOpenApi = existsSync(openApiPath);
if (!hasOpenApi)
  console.warn(`Skipping the BMS request contract test: ${openApiPath} not found (set BMS_OPENAPI_PATH).`);

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema: Record<string, unknown>;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  security?: unknown[];
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  security?: unknown[];
}

const note = { Details: 'Called back', IsInternal: false, TypeId: 2, NoteDate: '2025-12-30T14:15:00+01:00' };

interface Case {
  name: string;
  method: string;
  template: string;
  call: (client: BmsClient, api: BmsApi) => Promise<unknown>;
}

const cases: Case[] = [
  {
    name: 'authenticate',
    method: 'post',
    template: '/v2/security/authenticate',
    call: (client) =>
      client.authenticate({ tenant: 'sandbox', userName: 'jane.doe', password: 'pw', mfaCode: '123456' }),
  },
  {
    name: 'refreshToken',
    method: 'post',
    template: '/v2/security/refreshtoken',
    call: (client) => client.refreshToken({ accessToken: 'access', refreshToken: 'refresh' }),
  },
  {
    name: 'getUserInfo',
    method: 'get',
    template: '/v2/security/userinfo',
    call: (_, api) => api.getUserInfo(),
  },
  {
    name: 'lookupAccounts',
    method: 'get',
    template: '/v2/crm/accounts/lookup',
    call: (_, api) => api.lookupAccounts({ name: 'Contoso', pageSize: 50, pageNumber: 2 }),
  },
  {
    name: 'lookupLocations',
    method: 'get',
    template: '/v2/crm/accounts/{accountId}/locations/lookup',
    call: (_, api) => api.lookupLocations(12),
  },
  {
    name: 'searchTickets',
    method: 'post',
    template: '/v2/servicedesk/tickets/search',
    call: (_, api) =>
      api.searchTickets({
        status: ['New', 'In Progress'],
        assigneeName: 'Jane Doe',
        accountIds: [1, 2],
        accountLocationId: 11,
        queueNames: ['Helpdesk'],
        priorityNames: ['High'],
        title: 'printer',
        ticketNumber: 'T20240101.0001',
        openDateFrom: '2024-01-01T00:00:00Z',
        openDateTo: '2024-12-31T23:59:59Z',
        excludeCompleted: true,
        sort: 'OpenDate desc',
        pageSize: 10,
        pageNumber: 3,
      }),
  },
  {
    name: 'getTicket',
    method: 'get',
    template: '/v2/servicedesk/tickets/{ticketId}',
    call: (_, api) => api.getTicket(12345),
  },
  {
    name: 'createTicket',
    method: 'post',
    template: '/v2/servicedesk/tickets',
    call: (_, api) =>
      api.createTicket({
        Title: 'Printer jam',
        Details: 'Tray 2',
        AccountId: 1,
        LocationId: 11,
        StatusId: 1,
        PriorityId: 2,
        TypeId: 1,
        SourceId: 1,
        OpenDate: '2026-01-05T09:00:00+00:00',
        QueueId: 3,
        AssigneeId: null,
        DueDate: '2026-01-06T09:00:00+00:00',
      }),
  },
  {
    name: 'patchTicket',
    method: 'patch',
    template: '/v2/servicedesk/tickets/{ticketId}',
    call: (_, api) => api.patchTicket(12345, [{ op: 'replace', path: '/StatusId', value: 6 }]),
  },
  {
    name: 'deleteTicket',
    method: 'delete',
    template: '/v2/servicedesk/tickets/{ticketId}',
    call: (_, api) => api.deleteTicket(12345),
  },
  {
    name: 'assignTicket',
    method: 'post',
    template: '/v2/servicedesk/tickets/{ticketId}/assignticket',
    call: (_, api) => api.assignTicket(12345, { ...note, StatusId: 2, AssigneeId: 101, QueueId: null }),
  },
  {
    name: 'listNotes',
    method: 'get',
    template: '/v2/servicedesk/tickets/{ticketId}/notes',
    call: (_, api) => api.listNotes(12345, { pageSize: 20, pageNumber: 1 }),
  },
  {
    name: 'getNote',
    method: 'get',
    template: '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}',
    call: (_, api) => api.getNote(12345, 7),
  },
  {
    name: 'createNote',
    method: 'post',
    template: '/v2/servicedesk/tickets/{ticketId}/notes',
    call: (_, api) => api.createNote(12345, { ...note, StatusId: 2 }),
  },
  {
    name: 'updateNote',
    method: 'put',
    template: '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}',
    call: (_, api) => api.updateNote(12345, 7, note),
  },
  {
    name: 'deleteNote',
    method: 'delete',
    template: '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}',
    call: (_, api) => api.deleteNote(12345, 7),
  },
  {
    name: 'listTicketTemplates',
    method: 'get',
    template: '/v2/servicedesk/templates/tickets/lookup',
    call: (_, api) => api.listTicketTemplates(),
  },
  {
    name: 'getTicketTemplate',
    method: 'get',
    template: '/v2/servicedesk/templates/tickets/{templateId}',
    call: (_, api) => api.getTicketTemplate(3),
  },
  {
    name: 'listNoteTemplates',
    method: 'get',
    template: '/v2/servicedesk/templates/notes/lookup',
    call: (_, api) => api.listNoteTemplates(),
  },
  {
    name: 'listTimeLogTemplates',
    method: 'get',
    template: '/v2/servicedesk/templates/timelogs/lookup',
    call: (_, api) => api.listTimeLogTemplates(),
  },
  {
    name: 'lookupStatuses',
    method: 'get',
    template: '/v2/system/statuses/lookup',
    call: (_, api) => api.lookupStatuses(),
  },
  {
    name: 'lookupPriorities',
    method: 'get',
    template: '/v2/system/priorities/lookup',
    call: (_, api) => api.lookupPriorities(),
  },
  {
    name: 'lookupQueues',
    method: 'get',
    template: '/v2/system/queues/lookup',
    call: (_, api) => api.lookupQueues(),
  },
  {
    name: 'lookupAssignees',
    method: 'get',
    template: '/v2/hr/assignees/lookup',
    call: (_, api) => api.lookupAssignees({ name: 'Jane' }),
  },
  {
    name: 'lookupIssueTypes',
    method: 'get',
    template: '/v2/system/issuetypes/lookup',
    call: (_, api) => api.lookupIssueTypes(),
  },
  {
    name: 'lookupWorkTypes',
    method: 'get',
    template: '/v2/system/worktypes/lookup',
    call: (_, api) => api.lookupWorkTypes(),
  },
  {
    name: 'lookupNoteTypes',
    method: 'get',
    template: '/v2/system/lookup/{tableName}',
    call: (_, api) => api.lookupNoteTypes(),
  },
];

/** OpenAPI 3.0 allows `nullable` without `type` (any value); JSON Schema has no such form, so it is dropped. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) copy[key] = toJsonSchema(child);
  if ('nullable' in copy && !('type' in copy)) delete copy.nullable;
  return copy;
}

function templateRegExp(template: string): RegExp {
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}|\{\w+\}/g, '([^/?]+)');
  return new RegExp(`^${pattern}(?:\\?.*)?$`);
}

async function readForm(request: RecordedRequest): Promise<Record<string, string>> {
  const form = await new Response(new Uint8Array(request.body), {
    headers: { 'content-type': String(request.headers['content-type']) },
  }).formData();
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) fields[name] = String(value);
  return fields;
}

describe.skipIf(!hasOpenApi)(
  `contract of client requests${hasOpenApi ? '' : ` (skipped: ${openApiPath} not found; set BMS_OPENAPI_PATH)`}`,
  () => {
    let server: RecordingServer;
    let document: OpenApiDocument;
    let ajv: Ajv;

    beforeAll(async () => {
      document = toJsonSchema(JSON.parse(readFileSync(openApiPath, 'utf8'))) as OpenApiDocument;
      ajv = new Ajv({ strict: false, allErrors: true });
      // ajv-formats is CommonJS: under NodeNext its plugin is the `default` property of the module.
      ajvFormats.default(ajv);
      for (const format of ['int32', 'int64', 'float', 'double', 'date-span']) ajv.addFormat(format, true);
      ajv.addSchema(document as object, 'openapi');
      // Every call gets a success envelope; the response shape does not matter here, only the request.
      server = await startRecordingServer(sendEnvelope(null));
    });
    afterAll(async () => {
      await server?.close();
    });

    it.each(cases)('$name', async ({ method, template, call }) => {
      const operation = document.paths[template]?.[method];
      expect(operation, `${method.toUpperCase()} ${template} in the OpenAPI document`).toBeDefined();
      if (!operation) return;

      const test = createTestClient(server.url, { retry: { maxRetries: 0 } });
      server.requests.length = 0;
      await call(test.client, test.client.withToken('access-token')).catch(() => undefined);
      await test.client.close();

      expect(server.requests).toHaveLength(1);
      const request = server.requests[0] as RecordedRequest;
      expect(request.method).toBe(method.toUpperCase());
      const match = templateRegExp(template).exec(request.url);
      expect(match, `${request.url} matches ${template}`).not.toBeNull();

      const parameters = operation.parameters ?? [];
      const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
      pathParameters.forEach((parameter, index) => {
        const value = decodeURIComponent(match?.[index + 1] ?? '');
        if (parameter.schema.type === 'integer') expect(value, parameter.name).toMatch(/^\d+$/);
      });

      const url = new URL(request.url, server.url);
      for (const [name, value] of url.searchParams) {
        const parameter = parameters.find((candidate) => candidate.in === 'query' && candidate.name === name);
        expect(parameter, `query parameter ${name} is declared`).toBeDefined();
        if (parameter?.schema.type === 'integer') expect(value, name).toMatch(/^-?\d+$/);
        if (parameter?.schema.type === 'boolean') expect(value, name).toMatch(/^(true|false)$/);
      }

      const usesSecurity = (operation.security ?? document.security ?? []).length > 0;
      const isLogin =
        template.startsWith('/v2/security/authenticate') || template.startsWith('/v2/security/refreshtoken');
      if (usesSecurity && !isLogin) expect(request.headers.authorization).toBe('Bearer access-token');
      if (isLogin) expect(request.headers.authorization).toBeUndefined();

      const declared = operation.requestBody?.content;
      if (!declared) {
        expect(request.body.length, 'no request body').toBe(0);
        return;
      }
      const contentType = String(request.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim();
      expect(Object.keys(declared), 'declared content types').toContain(contentType);
      const schema = declared[contentType ?? '']?.schema ?? {};

      const body =
        contentType === 'multipart/form-data'
          ? await readForm(request)
          : JSON.parse(request.body.toString('utf8'));
      const validate = ajv.compile(schemaFor(schema));
      const valid = validate(body);
      expect(validate.errors ?? [], JSON.stringify(body)).toEqual([]);
      expect(valid).toBe(true);
    });
  },
);

/** Points local `$ref`s of an operation's schema at the registered OpenAPI document. */
function schemaFor(schema: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));
}
