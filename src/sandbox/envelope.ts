/**
 * The BMS response envelope and the errors that handlers throw to produce a failed one.
 * Shapes follow the wire decisions shared with the client: `SubErrors` is a list of
 * `{ Field, Message }` and `StackStrace` (the vendor's spelling) is always null.
 */

export interface SubError {
  Field: string;
  Message: string;
}

export interface ErrorInfo {
  Code: number;
  Message: string;
  Details: string | null;
  StackStrace: null;
  SubErrors: SubError[] | null;
}

export interface Envelope {
  Success: boolean;
  Error: ErrorInfo | null;
  Result: unknown;
  TotalRecords?: number;
}

/** Result of a route handler: the HTTP status, the body and any extra headers. */
export interface Reply {
  status: number;
  body: Envelope;
  headers?: Record<string, string>;
}

export function success(result: unknown, totalRecords?: number): Reply {
  const body: Envelope = { Success: true, Error: null, Result: result };
  if (totalRecords !== undefined) body.TotalRecords = totalRecords;
  return { status: 200, body };
}

export function failureBody(
  code: number,
  message: string,
  details: string | null = null,
  subErrors: SubError[] | null = null,
): Envelope {
  return {
    Success: false,
    Error: { Code: code, Message: message, Details: details, StackStrace: null, SubErrors: subErrors },
    Result: null,
  };
}

/** A failed response, thrown by handlers and turned into a reply by the server. */
export class SandboxFailure extends Error {
  readonly status: number;
  readonly code: number;
  readonly details: string | null;
  readonly subErrors: SubError[] | null;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: number,
    message: string,
    options: {
      details?: string | null;
      subErrors?: SubError[] | null;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = 'SandboxFailure';
    this.status = status;
    this.code = code;
    this.details = options.details ?? null;
    this.subErrors = options.subErrors ?? null;
    this.headers = options.headers ?? {};
  }

  toReply(): Reply {
    return {
      status: this.status,
      body: failureBody(this.code, this.message, this.details, this.subErrors),
      headers: this.headers,
    };
  }
}

export const VALIDATION_MESSAGE = 'One or more validation errors occurred.';
export const UNAUTHORIZED_MESSAGE = 'Authorization has been denied for this request.';

/** HTTP 400 with every problem found, each one a sentence in Details and an entry in SubErrors. */
export function validationFailure(subErrors: SubError[]): SandboxFailure {
  return new SandboxFailure(400, 400, VALIDATION_MESSAGE, {
    details: subErrors.map((error) => error.Message).join(' '),
    subErrors,
  });
}

export function invalidField(field: string, message: string): SandboxFailure {
  return validationFailure([{ Field: field, Message: message }]);
}

/** HTTP 404 for a missing ticket, note, template, account or other thing, as "Ticket 123 was not found." */
export function notFound(thing: string, id: number | string): SandboxFailure {
  return new SandboxFailure(404, 404, `${thing} ${id} was not found.`);
}

export function forbidden(message: string): SandboxFailure {
  return new SandboxFailure(403, 403, message);
}

export function unauthorized(): SandboxFailure {
  return new SandboxFailure(401, 401, UNAUTHORIZED_MESSAGE);
}

/** Login and refresh failures are HTTP 200 with `Success: false`, as BMS sends them. */
export function rejectedLogin(code: number, message: string): SandboxFailure {
  return new SandboxFailure(200, code, message);
}
