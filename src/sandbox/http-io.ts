import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidField, type Reply, SandboxFailure } from './envelope.ts';

/** Bodies above this size are refused with 413; BMS payloads of this app are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPES = new Set(['application/json', 'application/json-patch+json', 'text/json']);

export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SandboxFailure(413, 413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`));
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isJsonMediaType(type: string): boolean {
  return JSON_TYPES.has(type) || /^application\/[\w.-]+\+json$/.test(type);
}

function unsupportedMediaType(type: string, expected: string): SandboxFailure {
  const sent = type === '' ? 'no Content-Type' : `Content-Type ${type}`;
  return new SandboxFailure(415, 415, `Unsupported media type: the request has ${sent}; send ${expected}.`);
}

/** Parses a JSON body; 415 for another content type, 400 for an empty or malformed body. */
export function parseJsonBody(body: Buffer, contentType: string | undefined): unknown {
  const type = mediaType(contentType);
  if (!isJsonMediaType(type)) throw unsupportedMediaType(type, 'application/json');
  const text = body.toString('utf8');
  if (text.trim() === '') throw invalidField('body', 'A non-empty request body is required.');
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidField('body', `The request body is not valid JSON: ${reason}`);
  }
}

/**
 * Parses a multipart/form-data (or URL-encoded) body with the platform's own form parser.
 * Like the real login endpoint, a JSON body is refused with 415.
 */
export async function parseFormBody(
  body: Buffer,
  contentType: string | undefined,
): Promise<Map<string, string>> {
  const type = mediaType(contentType);
  if (type !== 'multipart/form-data' && type !== 'application/x-www-form-urlencoded') {
    throw unsupportedMediaType(type, 'multipart/form-data');
  }
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType ?? type } }).formData();
  } catch {
    throw invalidField('body', 'The request body is not valid multipart/form-data.');
  }
  const fields = new Map<string, string>();
  for (const [name, value] of form.entries()) {
    // Form field names bind case-insensitively, as in ASP.NET.
    if (typeof value === 'string') fields.set(name.toLowerCase(), value);
  }
  return fields;
}

export function sendReply(response: ServerResponse, reply: Reply): void {
  sendText(
    response,
    reply.status,
    'application/json; charset=utf-8',
    JSON.stringify(reply.body),
    reply.headers,
  );
}

export function sendText(
  response: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}
