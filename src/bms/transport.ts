import type { IncomingHttpHeaders } from 'node:http';
import { FormData, Pool } from 'undici';
import { BmsError } from './errors.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RequestBody =
  | { type: 'json'; value: unknown; contentType?: string }
  | { type: 'form'; fields: ReadonlyArray<readonly [name: string, value: string]> };

export interface HttpRequest {
  method: HttpMethod;
  /** Path and query string, relative to the base URL. */
  path: string;
  /** `METHOD /path/template`, the only form of the request that error messages show. */
  endpoint: string;
  accessToken?: string;
  body?: RequestBody;
  /** True when the request may change data in BMS, so that a lost response is reported as such. */
  isWrite: boolean;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export interface TransportOptions {
  baseUrl: string;
  /** Limit in ms for connecting, for the response headers and for each pause while the body arrives. */
  timeoutMs: number;
}

/** Maximum open connections to one BMS host, shared by every user of the app. */
const MAX_CONNECTIONS = 32;

/**
 * Creates the HTTP layer: one undici connection pool for the BMS origin, shared by every access
 * token. It sends the request and reads the whole body, and turns network failures into
 * `transport` errors. It does not look at the status or the body.
 */
export function createTransport(options: TransportOptions): Transport {
  const base = parseBaseUrl(options.baseUrl);
  const pool = new Pool(base.origin, {
    connections: MAX_CONNECTIONS,
    connect: { timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });

  async function send(request: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'bms-slack' };
    if (request.accessToken !== undefined) headers.authorization = `Bearer ${request.accessToken}`;

    let body: string | FormData | undefined;
    if (request.body?.type === 'json') {
      headers['content-type'] = request.body.contentType ?? 'application/json';
      body = JSON.stringify(request.body.value);
    } else if (request.body?.type === 'form') {
      // undici writes the multipart content type with its boundary itself.
      const form = new FormData();
      for (const [name, value] of request.body.fields) form.append(name, value);
      body = form;
    }

    try {
      const response = await pool.request({
        method: request.method,
        path: `${base.pathPrefix}${request.path}`,
        headers,
        body,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      throw transportError(request, error, options.timeoutMs);
    }
  }

  return {
    send,
    close: () => pool.close(),
  };
}

function parseBaseUrl(baseUrl: string): { origin: string; pathPrefix: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(
      `The BMS base URL "${baseUrl}" is not a valid URL; expected e.g. https://api.bms.kaseya.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`The BMS base URL must start with https:// or http://, got "${url.protocol}"`);
  }
  return { origin: url.origin, pathPrefix: url.pathname.replace(/\/+$/, '') };
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const NEVER_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Builds the `transport` error of a request that got no complete response. Only the error code of
 * the cause is kept: the message names the endpoint and never the request itself.
 */
function transportError(request: HttpRequest, cause: unknown, timeoutMs: number): BmsError {
  const code = errorCode(cause);
  const reason = TIMEOUT_CODES.has(code)
    ? `BMS did not answer ${request.endpoint} within ${timeoutMs} ms`
    : `${describeNetworkFailure(code)} during ${request.endpoint}`;
  // A connection that was never opened carried nothing, so only a write that may have reached BMS is in doubt.
  const neverConnected = NEVER_CONNECTED_CODES.has(code);
  const consequence =
    request.isWrite && !neverConnected ? '; the change may or may not have been made in BMS.' : '.';
  return new BmsError('transport', `${reason}${consequence}`, { endpoint: request.endpoint });
}

function describeNetworkFailure(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'BMS refused the connection';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return 'BMS closed the connection';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The BMS host name could not be resolved';
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_DESTROYED':
      return 'The BMS client was closed';
    default:
      return `The request to BMS failed (${code})`;
  }
}

function errorCode(cause: unknown): string {
  if (typeof cause === 'object' && cause !== null) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const name = (cause as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return 'unknown error';
}
