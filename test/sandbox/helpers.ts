import {
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  type SandboxUser,
} from '../../src/sandbox/index.ts';

/** Parsed envelope of a BMS response, loosely typed for assertions. */
export interface EnvelopeBody {
  Success: boolean;
  Error: {
    Code: number;
    Message: string;
    Details: string | null;
    StackStrace: null;
    SubErrors: { Field: string; Message: string }[] | null;
  } | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read many result shapes.
  Result: any;
  TotalRecords?: number;
}

export interface BmsResponse {
  status: number;
  headers: Headers;
  body: EnvelopeBody;
}

export async function readEnvelope(response: Response): Promise<BmsResponse> {
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as EnvelopeBody,
  };
}

/** Sends the multipart login form the way the client does. */
export async function login(
  url: string,
  user: SandboxUser = SANDBOX_USERS.jane,
  fields: Record<string, string> = {},
): Promise<BmsResponse> {
  const form = new FormData();
  form.set('GrantType', 'password');
  form.set('UserName', user.userName);
  form.set('Password', SANDBOX_PASSWORD);
  form.set('Tenant', SANDBOX_TENANT);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return readEnvelope(await fetch(`${url}/v2/security/authenticate`, { method: 'POST', body: form }));
}

export async function refresh(url: string, accessToken: string, refreshToken: string): Promise<BmsResponse> {
  const form = new FormData();
  form.set('AccessToken', accessToken);
  form.set('RefreshToken', refreshToken);
  return readEnvelope(await fetch(`${url}/v2/security/refreshtoken`, { method: 'POST', body: form }));
}

export async function accessTokenFor(url: string, user: SandboxUser = SANDBOX_USERS.jane): Promise<string> {
  const response = await login(url, user);
  if (!response.body.Success)
    throw new Error(`login of ${user.userName} failed: ${response.body.Error?.Message}`);
  return response.body.Result.AccessToken as string;
}

export interface BmsCaller {
  get(path: string, headers?: Record<string, string>): Promise<BmsResponse>;
  send(method: string, path: string, body: unknown, contentType?: string): Promise<BmsResponse>;
}

/** Calls BMS paths with a bearer token and JSON bodies. */
export function bmsCaller(url: string, accessToken: string): BmsCaller {
  const authorization = { Authorization: `Bearer ${accessToken}` };
  return {
    get: async (path, headers = {}) =>
      readEnvelope(await fetch(`${url}${path}`, { headers: { ...authorization, ...headers } })),
    send: async (method, path, body, contentType = 'application/json') =>
      readEnvelope(
        await fetch(`${url}${path}`, {
          method,
          headers: { ...authorization, 'Content-Type': contentType },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      ),
  };
}

export async function control(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}/__sandbox${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`control ${method} ${path} failed with ${response.status}: ${await response.text()}`);
  return response.json();
}
