import { z } from 'zod';
import { type AuthenticationOperation, classifyAuthenticationFailure } from './auth-failure.ts';
import { BmsError, type BmsErrorKind } from './errors.ts';
import { type ErrorInfo, errorInfoSchema } from './schemas/common.ts';
import type { HttpResponse } from './transport.ts';

export interface EnvelopeContext<Result> {
  /** `METHOD /path/template`, named in every error. */
  endpoint: string;
  resultSchema: z.ZodType<Result>;
  /** Set for authenticate and refreshtoken, whose refusals classifyAuthenticationFailure decides. */
  authentication?: AuthenticationOperation;
  /** Current time in ms, to read a `Retry-After` given as an HTTP date. */
  now: number;
  /** True for writes that return nothing, where an empty 2xx body (as the OpenAPI declares) is success. */
  acceptsEmptyBody?: boolean;
}

export interface EnvelopeContent<Result> {
  result: Result;
  totalRecords?: number;
}

/** Longest BMS message copied into an error message; the full text stays in `bmsMessage`. */
const MAX_MESSAGE_LENGTH = 300;

const NOT_JSON: unique symbol = Symbol('not JSON');

/**
 * Reads a BMS response envelope: `{ Success, Error, Result, TotalRecords? }`. Returns `Result` checked
 * against the schema, or throws the BmsError that the status and the envelope call for.
 * `Success: false` is a failure whatever the HTTP status, because BMS refuses some requests
 * with HTTP 200.
 */
export function readEnvelope<Result>(
  response: HttpResponse,
  context: EnvelopeContext<Result>,
): EnvelopeContent<Result> {
  const body = parseJson(response.text);
  const envelope = isRecord(body) ? body : undefined;
  const isSuccessStatus = response.status >= 200 && response.status < 300;

  if (!isSuccessStatus || envelope?.Success === false) {
    throw failureError(response, envelope, context);
  }
  if (body === NOT_JSON && context.acceptsEmptyBody && response.text.trim() === '') {
    return { result: context.resultSchema.parse(null) };
  }
  if (body === NOT_JSON) {
    throw new BmsError(
      'protocol',
      `BMS answered ${response.status} to ${context.endpoint} with a body that is not JSON.`,
      { status: response.status, endpoint: context.endpoint },
    );
  }

  const schema = z.looseObject({
    Success: z.literal(true),
    Result: context.resultSchema,
    TotalRecords: z.number().int().nullish(),
  });
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw shapeError(response.status, body, parsed.error, context.endpoint);

  const totalRecords = parsed.data.TotalRecords ?? undefined;
  return { result: parsed.data.Result as Result, totalRecords };
}

function failureError(
  response: HttpResponse,
  envelope: Record<string, unknown> | undefined,
  context: EnvelopeContext<unknown>,
): BmsError {
  const info = readErrorInfo(envelope);
  const status = response.status;
  const retryAfterSeconds =
    status === 429 || status === 503 ? readRetryAfter(response, context.now) : undefined;

  let kind = kindForStatus(status, info !== undefined);
  if (context.authentication && status < 500 && status !== 429) {
    const authenticationKind = classifyAuthenticationFailure({
      operation: context.authentication,
      status,
      code: info?.Code ?? undefined,
      message: info?.Message ?? undefined,
    });
    kind = authenticationKind ?? kind;
  }

  return new BmsError(kind, failureMessage(status, context.endpoint, info, envelope, retryAfterSeconds), {
    status,
    bmsCode: info?.Code ?? undefined,
    bmsMessage: info?.Message ?? undefined,
    details: info ? flattenDetails(info) : [],
    endpoint: context.endpoint,
    retryAfterSeconds,
  });
}

function kindForStatus(status: number, hasErrorInfo: boolean): BmsErrorKind {
  if (status >= 200 && status < 300) return 'validation';
  if (status === 400 || status === 422) return 'validation';
  if (status === 401) return 'token_expired';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  // Any other 4xx with an envelope is BMS refusing the request; without one we sent something it does not understand.
  if (status >= 400 && hasErrorInfo) return 'validation';
  return 'protocol';
}

function failureMessage(
  status: number,
  endpoint: string,
  info: ErrorInfo | undefined,
  envelope: Record<string, unknown> | undefined,
  retryAfterSeconds: number | undefined,
): string {
  const opening =
    status >= 200 && status < 300 ? `BMS refused ${endpoint}` : `BMS answered ${status} to ${endpoint}`;
  let message = opening;
  if (info?.Message) {
    const code = info.Code === undefined || info.Code === null ? '' : ` (code ${info.Code})`;
    message += `: ${truncate(info.Message)}${code}`;
  } else if (envelope === undefined) {
    message += ' with a body that is not a BMS envelope';
  }
  if (retryAfterSeconds !== undefined) message += `; retry after ${retryAfterSeconds} s`;
  return `${message}${/[.!?]$/.test(message) ? '' : '.'}`;
}

function readErrorInfo(envelope: Record<string, unknown> | undefined): ErrorInfo | undefined {
  if (!envelope || envelope.Error === null || envelope.Error === undefined) return undefined;
  const parsed = errorInfoSchema.safeParse(envelope.Error);
  return parsed.success ? parsed.data : undefined;
}

/** Flattens `Details` and `SubErrors` to sentences, without repeating a sub-error that `Details` already contains. */
function flattenDetails(info: ErrorInfo): string[] {
  const details: string[] = [];
  if (info.Details) details.push(info.Details);
  for (const subError of info.SubErrors ?? []) {
    let text: string | undefined;
    if (typeof subError === 'string') {
      text = subError;
    } else if (subError.Message) {
      const field = subError.Field;
      text = field && !subError.Message.includes(field) ? `${field}: ${subError.Message}` : subError.Message;
    }
    if (text && !info.Details?.includes(text)) details.push(text);
  }
  return details;
}

/** Reads `Retry-After` as seconds or as an HTTP date. */
function readRetryAfter(response: HttpResponse, now: number): number | undefined {
  const header = response.headers['retry-after'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : undefined;
}

/** Builds the `protocol` error for the first field of a JSON response that does not match its schema. */
function shapeError(status: number, body: unknown, error: z.ZodError, endpoint: string): BmsError {
  const issue = error.issues[0];
  const path = issue ? formatPath(issue.path) : '';
  const field = path === '' ? 'Result' : path;
  const value = issue ? valueAt(body, issue.path) : undefined;
  const message =
    value === undefined || value === null
      ? `BMS answered ${endpoint} without the required field ${field}.`
      : `BMS answered ${endpoint} with an invalid ${field} (${issue?.message ?? 'unexpected value'}).`;
  return new BmsError('protocol', message, { status, endpoint, field });
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
}
