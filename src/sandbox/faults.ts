import { invalidField } from './envelope.ts';
import { isPlainObject } from './validation.ts';

export const FAULT_KINDS = [
  'http500',
  'html',
  '429',
  'success-false',
  'malformed-json',
  'drop',
  'timeout',
  'lost-reply',
  'latency',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  fault: FaultKind;
  /** Only requests with this method; any method when absent. */
  method?: string;
  /** Only requests of this path template (or this exact path); any path when absent. */
  path?: string;
  /** How many matching requests still get the fault; 0 means until the faults are cleared. */
  times: number;
  retryAfterSeconds?: number;
  latencyMs?: number;
}

export const DEFAULT_RETRY_AFTER_SECONDS = 1;
export const DEFAULT_FAULT_LATENCY_MS = 1000;

function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

const FAULT_LIST = FAULT_KINDS.join(', ');

/** Reads the body of `POST /__sandbox/faults`; throws a 400 response that names the invalid field. */
export function parseFaultRequest(body: unknown): Fault {
  if (!isPlainObject(body))
    throw invalidField('fault', 'The body must be a JSON object with a "fault" field.');
  if (!isFaultKind(body.fault)) throw invalidField('fault', `fault must be one of: ${FAULT_LIST}.`);
  const fault: Fault = { fault: body.fault, times: 1 };
  if (body.method !== undefined) {
    if (typeof body.method !== 'string') throw invalidField('method', 'method must be a string like "GET".');
    fault.method = body.method.toUpperCase();
  }
  if (body.path !== undefined) {
    if (typeof body.path !== 'string' || !body.path.startsWith('/')) {
      throw invalidField('path', 'path must be a path template like "/v2/servicedesk/tickets/{ticketId}".');
    }
    fault.path = body.path;
  }
  fault.times = readCount(body.times, 'times', 1);
  if (body.retryAfterSeconds !== undefined)
    fault.retryAfterSeconds = readCount(body.retryAfterSeconds, 'retryAfterSeconds', 0);
  if (body.latencyMs !== undefined) fault.latencyMs = readCount(body.latencyMs, 'latencyMs', 0);
  return fault;
}

function readCount(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidField(field, `${field} must be a whole number, 0 or more.`);
  }
  return value;
}

/**
 * Reads the `X-Sandbox-Fault` header, `<fault>[;retryAfterSeconds=n][;latencyMs=n]`. Returns an error
 * sentence instead of a fault when the header is malformed.
 */
export function parseFaultHeader(header: string): Fault | string {
  const [kindPart = '', ...options] = header.split(';').map((part) => part.trim());
  if (!isFaultKind(kindPart)) return `X-Sandbox-Fault must start with one of: ${FAULT_LIST}.`;
  const fault: Fault = { fault: kindPart, times: 1 };
  for (const option of options) {
    const [name, text] = option.split('=').map((part) => part.trim());
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0)
      return `X-Sandbox-Fault option "${option}" needs a whole number.`;
    if (name === 'retryAfterSeconds') fault.retryAfterSeconds = value;
    else if (name === 'latencyMs') fault.latencyMs = value;
    else return `X-Sandbox-Fault option "${name}" is unknown; use retryAfterSeconds or latencyMs.`;
  }
  return fault;
}

/** Faults waiting for matching requests, first queued first used. */
export class FaultQueue {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults = [];
  }

  list(): readonly Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** Takes the first fault that matches the request, counting one use of it. */
  take(method: string, template: string | undefined, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method === method) &&
        (fault.path === undefined || fault.path === template || fault.path === path),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    if (fault.times > 0) {
      fault.times--;
      if (fault.times === 0) this.faults.splice(index, 1);
    }
    return { ...fault };
  }
}
