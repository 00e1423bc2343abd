import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTOSO_ACCOUNT_IDS,
  FIRST_TICKET_ID,
  FIRST_TICKET_NOTE_IDS,
  ISSUE_TYPE_IDS,
  mainLocationIdOf,
  NOTE_TYPE_IDS,
  PRIORITY_IDS,
  QUEUE_IDS,
  SAMPLE_TICKET_ID,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  type SandboxServer,
  STATUS_IDS,
  startSandbox,
  TICKET_SOURCE_IDS,
  TICKET_TEMPLATE_IDS,
  TICKET_TYPE_IDS,
  WORK_TYPE_IDS,
} from '../../src/sandbox/index.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const openApiPath =
  process.env.BMS_OPENAPI_PATH ?? resolve(repoRoot, '../shared/bms-api/openapi-subset.json');
const openApiExists = existsSync(openApiPath);
if (!openApiExists) console.warn(`sandbox contract tests skipped: no OpenAPI file at ${openApiPath}`);
const suiteName = openApiExists
  ? 'sandbox contract'
  : `sandbox contract (skipped: no OpenAPI file at ${openApiPath})`;

type JsonObject = Record<string, unknown>;

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      { responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }
    >
  >;
  components: { schemas: Record<string, JsonObject> };
}

/** OpenAPI 3.0 `nullable` to JSON Schema: add null to the type, or wrap a $ref in anyOf. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'nullable') copy[key] = toJsonSchema(value);
  }
  if ((node as JsonObject).nullable !== true) return copy;
  if (typeof copy.type === 'string') return { ...copy, type: [copy.type, 'null'] };
  if (typeof copy.$ref === 'string') return { anyOf: [{ $ref: copy.$ref }, { type: 'null' }] };
  return copy;
}

/**
 * Where the wire format shared by the sandbox and the client goes beyond the published document:
 * `Error` is null on success (the notes beside the document state `ErrorInfo|null`), SubErrors are
 * `{Field, Message}` objects, and the account lookup sends TotalRecords for paging.
 */
function applyWireDecisions(schemas: Record<string, JsonObject>): void {
  for (const schema of Object.values(schemas)) {
    const properties = schema.properties as Record<string, JsonObject> | undefined;
    if (properties?.Error?.$ref === '#/components/schemas/ErrorInfo') properties.Error.nullable = true;
  }
  const errorInfo = schemas.ErrorInfo as { properties: JsonObject };
  errorInfo.properties.SubErrors = {
    type: 'array',
    nullable: true,
    items: {
      type: 'object',
      required: ['Field', 'Message'],
      properties: { Field: { type: 'string' }, Message: { type: 'string' } },
      additionalProperties: false,
    },
  };
  const accounts = schemas.AccountLookupOutputDtoListResponse as { properties: JsonObject };
  accounts.properties.TotalRecords = { type: 'integer', format: 'int32' };
}

function buildValidator(document: OpenApi) {
  const schemas = structuredClone(document.components.schemas);
  applyWireDecisions(schemas);
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = addFormatsModule as unknown as (instance: Ajv) => Ajv;
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'double', 'float']) ajv.addFormat(format, true);
  ajv.addFormat('date-span', /^-?(\d+\.)?\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/);
  ajv.addSchema({ $id: 'bms', components: { schemas: toJsonSchema(schemas) } });
  return (schemaName: string, body: unknown): string[] => {
    const validate = ajv.getSchema(`bms#/components/schemas/${schemaName}`);
    if (!validate) return [`schema ${schemaName} is missing`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
  };
}

/** Returns the response schema that the document names for a path and method, if any. */
function responseSchemaName(document: OpenApi, path: string, method: string): string | undefined {
  const ref = document.paths[path]?.[method]?.responses?.['200']?.content?.['application/json']?.schema?.$ref;
  return ref?.replace('#/components/schemas/', '');
}

interface ContractCase {
  method: string;
  template: string;
  send(context: CaseContext): Promise<Response>;
}

interface CaseContext {
  url: string;
  token: string;
  refreshToken: string;
}

const json = (context: CaseContext, method: string, path: string, body?: unknown) =>
  fetch(`${context.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${context.token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const read = (method: string, template: string, path: string): ContractCase => ({
  method,
  template,
  send: (context) => json(context, method, path),
});

const noteBody = {
  Details: 'Contract note',
  IsInternal: false,
  TypeId: NOTE_TYPE_IDS.generalNotes,
  NoteDate: '2026-01-05T09:00:00Z',
};

const CASES: ContractCase[] = [
  {
    method: 'post',
    template: '/v2/security/authenticate',
    send: (context) => {
      const form = new FormData();
      form.set('GrantType', 'password');
      form.set('UserName', SANDBOX_USERS.jane.userName);
      form.set('Password', SANDBOX_PASSWORD);
      form.set('Tenant', SANDBOX_TENANT);
      return fetch(`${context.url}/v2/security/authenticate`, { method: 'POST', body: form });
    },
  },
  {
    method: 'post',
    template: '/v2/security/refreshtoken',
    send: (context) => {
      const form = new FormData();
      form.set('AccessToken', context.token);
      form.set('RefreshToken', context.refreshToken);
      return fetch(`${context.url}/v2/security/refreshtoken`, { method: 'POST', body: form });
    },
  },
  read('get', '/v2/security/userinfo', '/v2/security/userinfo'),
  read('get', '/v2/crm/accounts/lookup', '/v2/crm/accounts/lookup?Filter.Name=contoso'),
  read('get', '/v2/crm/accounts/{accountId}/locations/lookup', '/v2/crm/accounts/1/locations/lookup'),
  read('get', '/v2/crm/accounts/{accountId}/contacts/lookup', '/v2/crm/accounts/1/contacts/lookup'),
  {
    method: 'post',
    template: '/v2/servicedesk/tickets/search',
    send: (context) =>
      json(context, 'POST', '/v2/servicedesk/tickets/search', {
        PageSize: 20,
        PageNumber: 1,
        Filter: { StatusNames: 'Open,New' },
      }),
  },
  {
    method: 'post',
    template: '/v2/servicedesk/tickets',
    send: (context) =>
      json(context, 'POST', '/v2/servicedesk/tickets', {
        Title: 'Contract ticket',
        Details: 'Created by the contract test.',
        AccountId: CONTOSO_ACCOUNT_IDS.contoso,
        LocationId: mainLocationIdOf(CONTOSO_ACCOUNT_IDS.contoso),
        StatusId: STATUS_IDS.new,
        PriorityId: PRIORITY_IDS.normal,
        TypeId: TICKET_TYPE_IDS.incident,
        SourceId: TICKET_SOURCE_IDS.email,
        QueueId: QUEUE_IDS.serviceDesk,
        IssueTypeId: ISSUE_TYPE_IDS.hardware,
        SubIssueTypeId: 11,
        WorkTypeId: WORK_TYPE_IDS.remote,
        OpenDate: '2026-01-05T09:00:00Z',
        DueDate: '2026-01-09T17:00:00Z',
      }),
  },
  read('get', '/v2/servicedesk/tickets', '/v2/servicedesk/tickets?PageSize=50&Filter.ExcludeCompleted=1'),
  read('get', '/v2/servicedesk/tickets/{ticketId}', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`),
  {
    method: 'patch',
    template: '/v2/servicedesk/tickets/{ticketId}',
    send: (context) =>
      json(context, 'PATCH', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`, [
        { op: 'replace', path: '/StatusId', value: STATUS_IDS.completed },
      ]),
  },
  {
    method: 'post',
    template: '/v2/servicedesk/tickets/{ticketId}/assignticket',
    send: (context) =>
      json(context, 'POST', `/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}/assignticket`, {
        ...noteBody,
        StatusId: STATUS_IDS.inProgress,
        QueueId: QUEUE_IDS.infrastructure,
      }),
  },
  read('get', '/v2/servicedesk/tickets/{ticketId}/notes', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}/notes`),
  {
    method: 'post',
    template: '/v2/servicedesk/tickets/{ticketId}/notes',
    send: (context) => json(context, 'POST', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}/notes`, noteBody),
  },
  read(
    'get',
    '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}',
    `/v2/servicedesk/tickets/${FIRST_TICKET_ID}/notes/${FIRST_TICKET_NOTE_IDS[0]}`,
  ),
  {
    method: 'put',
    template: '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}',
    send: (context) =>
      json(
        context,
        'PUT',
        `/v2/servicedesk/tickets/${FIRST_TICKET_ID}/notes/${FIRST_TICKET_NOTE_IDS[0]}`,
        noteBody,
      ),
  },
  read(
    'delete',
    '/v2/servicedesk/tickets/{ticketId}/notes/{noteId}',
    `/v2/servicedesk/tickets/${FIRST_TICKET_ID}/notes/${FIRST_TICKET_NOTE_IDS[1]}`,
  ),
  read('get', '/v2/servicedesk/templates/tickets/lookup', '/v2/servicedesk/templates/tickets/lookup'),
  read(
    'get',
    '/v2/servicedesk/templates/tickets/{templateId}',
    `/v2/servicedesk/templates/tickets/${TICKET_TEMPLATE_IDS.serverOutage}`,
  ),
  read('get', '/v2/servicedesk/templates/notes/lookup', '/v2/servicedesk/templates/notes/lookup'),
  read('get', '/v2/servicedesk/templates/timelogs/lookup', '/v2/servicedesk/templates/timelogs/lookup'),
  read('get', '/v2/system/statuses/lookup', '/v2/system/statuses/lookup'),
  read('get', '/v2/system/priorities/lookup', '/v2/system/priorities/lookup'),
  read('get', '/v2/system/queues/lookup', '/v2/system/queues/lookup'),
  read('get', '/v2/system/issuetypes/lookup', '/v2/system/issuetypes/lookup'),
  read(
    'get',
    '/v2/system/issuetypes/{issueTypeId}/issuesubtypes/lookup',
    `/v2/system/issuetypes/${ISSUE_TYPE_IDS.network}/issuesubtypes/lookup`,
  ),
  read('get', '/v2/system/lookup/{tableName}', '/v2/system/lookup/NoteTypes'),
  read('get', '/v2/hr/assignees/lookup', '/v2/hr/assignees/lookup?Filter.Name=a'),
  read('get', '/v2/system/worktypes/lookup', '/v2/system/worktypes/lookup'),
  {
    method: 'post',
    template: '/v2/servicedesk/tickets/{ticketId}/resolve',
    send: (context) =>
      json(context, 'POST', `/v2/servicedesk/tickets/${SAMPLE_TICKET_ID}/resolve`, { Comment: 'Fixed.' }),
  },
  read(
    'get',
    '/v2/servicedesk/tickets/{ticketId}/timelogs',
    `/v2/servicedesk/tickets/${FIRST_TICKET_ID}/timelogs`,
  ),
  {
    method: 'post',
    template: '/v2/servicedesk/tickets/{ticketId}/timelogs',
    send: (context) =>
      json(context, 'POST', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}/timelogs`, {
        StartDate: '2026-01-05',
        StartTime: '09:00:00',
        EndTime: '09:45:00',
        WorkTypeId: WORK_TYPE_IDS.remote,
        RoleId: 1,
        Notes: 'Remote fix.',
      }),
  },
  // Last, because it removes the ticket that the note cases use.
  read('delete', '/v2/servicedesk/tickets/{ticketId}', `/v2/servicedesk/tickets/${FIRST_TICKET_ID}`),
];

describe.skipIf(!openApiExists)(suiteName, () => {
  const document = openApiExists ? (JSON.parse(readFileSync(openApiPath, 'utf8')) as OpenApi) : undefined;
  const validate = document ? buildValidator(document) : () => ['no document'];
  let sandbox: SandboxServer;
  const context: CaseContext = { url: '', token: '', refreshToken: '' };

  beforeAll(async () => {
    sandbox = await startSandbox();
    context.url = sandbox.url;
    const form = new FormData();
    form.set('GrantType', 'password');
    form.set('UserName', SANDBOX_USERS.jane.userName);
    form.set('Password', SANDBOX_PASSWORD);
    form.set('Tenant', SANDBOX_TENANT);
    const login = (await (
      await fetch(`${sandbox.url}/v2/security/authenticate`, { method: 'POST', body: form })
    ).json()) as {
      Result: { AccessToken: string; RefreshToken: string };
    };
    context.token = login.Result.AccessToken;
    context.refreshToken = login.Result.RefreshToken;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('covers every documented operation', () => {
    const documented = Object.entries(document?.paths ?? {}).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const covered = new Set(CASES.map((contractCase) => `${contractCase.method} ${contractCase.template}`));
    expect(documented.filter((operation) => !covered.has(operation))).toEqual([]);
  });

  for (const contractCase of CASES) {
    it(`${contractCase.method.toUpperCase()} ${contractCase.template}`, async () => {
      const response = await contractCase.send(context);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { Success: boolean; Error: unknown; Result: unknown };
      expect(body.Error).toBeNull();
      expect(body.Success).toBe(true);
      const schemaName = document && responseSchemaName(document, contractCase.template, contractCase.method);
      if (schemaName) expect(validate(schemaName, body)).toEqual([]);
      else expect(body).toEqual({ Success: true, Error: null, Result: null });
    });
  }

  it('error envelopes match ErrorInfo', async () => {
    const failures = await Promise.all([
      fetch(`${context.url}/v2/security/userinfo`),
      fetch(`${context.url}/v2/servicedesk/tickets/99999`, {
        headers: { Authorization: `Bearer ${context.token}` },
      }),
      fetch(`${context.url}/v2/servicedesk/tickets`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${context.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      }),
    ]);
    expect(failures.map((response) => response.status)).toEqual([401, 404, 400]);
    for (const response of failures) {
      const body = (await response.json()) as { Success: boolean; Error: unknown; Result: unknown };
      expect(body.Success).toBe(false);
      expect(body.Result).toBeNull();
      expect(validate('ErrorInfo', body.Error)).toEqual([]);
    }
  });
});
