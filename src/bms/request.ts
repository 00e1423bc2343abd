import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { AuthenticationOperation } from './auth-failure.ts';
import { type EnvelopeContent, readEnvelope } from './envelope.ts';
import { BmsError } from './errors.ts';
import { type RetryPolicy, runWithRetries } from './retry.ts';
import type { EndpointThrottle } from './throttle.ts';
import type { HttpMethod, RequestBody, Transport } from './transport.ts';

export type QueryValue = string | number | boolean | undefined;

/** One call of a BMS endpoint, as the resource modules describe it. */
export interface Operation<Result> {
  method: HttpMethod;
  /** Path template as in the OpenAPI document, e.g. `/v2/servicedesk/tickets/{ticketId}`. */
  template: string;
  pathParams?: Readonly<Record<string, string | number>>;
  /** Query parameters; undefined values are left out. */
  query?: Readonly<Record<string, QueryValue>>;
  body?: RequestBody;
  accessToken?: string;
  /**
   * True for requests that change nothing in BMS, which are sent again after a retryable failure.
   * Writes are sent once: BMS has no idempotency key, so a lost response may hide a completed write.
   */
  isRead: boolean;
  resultSchema: z.ZodType<Result>;
  authentication?: AuthenticationOperation;
  acceptsEmptyBody?: boolean;
}

export type Requester = <Result>(operation: Operation<Result>) => Promise<EnvelopeContent<Result>>;

export interface RequesterDependencies {
  transport: Transport;
  throttle: EndpointThrottle;
  retryPolicy: RetryPolicy;
  logger: Logger;
  clock: Clock;
}

/**
 * Creates the function through which every BMS call goes: throttle, send, read the envelope,
 * and retry reads. It logs one debug line per HTTP request and one warning per retry, with the
 * endpoint template only, so that no id, query value or token reaches the log.
 */
export function createRequester(dependencies: RequesterDependencies): Requester {
  const { transport, throttle, retryPolicy, logger, clock } = dependencies;

  return async function request<Result>(operation: Operation<Result>): Promise<EnvelopeContent<Result>> {
    const endpoint = `${operation.method} ${operation.template}`;
    const path = buildPath(operation);

    const attempt = async (): Promise<EnvelopeContent<Result>> => {
      try {
        await throttle.acquire(endpoint);
      } catch (error) {
        logger.warn('BMS request held back by the client-side rate limit', { endpoint });
        throw error;
      }

      const startedAt = performance.now();
      let status: number | undefined;
      let failure: string | undefined;
      try {
        const response = await transport.send({
          method: operation.method,
          path,
          endpoint,
          accessToken: operation.accessToken,
          body: operation.body,
          isWrite: !operation.isRead,
        });
        status = response.status;
        return readEnvelope(response, {
          endpoint,
          resultSchema: operation.resultSchema,
          authentication: operation.authentication,
          now: clock(),
          acceptsEmptyBody: operation.acceptsEmptyBody,
        });
      } catch (error) {
        failure = error instanceof BmsError ? error.kind : 'unexpected';
        throw error;
      } finally {
        const ms = Math.round(performance.now() - startedAt);
        logger.debug('BMS request', { endpoint, status, ms, error: failure });
      }
    };

    if (!operation.isRead) return attempt();
    return runWithRetries(attempt, retryPolicy, (error, delayMs, retryNumber) => {
      logger.warn('Retrying BMS request', {
        endpoint,
        retry: retryNumber,
        delayMs,
        reason: error.status ?? error.kind,
      });
    });
  };
}

/** Fills the path template and appends the query string. */
function buildPath(operation: Operation<unknown>): string {
  const path = operation.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = operation.pathParams?.[name];
    if (value === undefined) throw new TypeError(`Missing path parameter ${name} for ${operation.template}`);
    return encodeURIComponent(String(value));
  });

  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(operation.query ?? {})) {
    if (value !== undefined) query.append(name, String(value));
  }
  const queryString = query.toString();
  return queryString === '' ? path : `${path}?${queryString}`;
}

/** Checks an id before it goes into a path, so that a bad id fails here instead of as a BMS 404 on `NaN`. */
export function checkId(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 2_147_483_647) {
    throw new BmsError(
      'validation',
      `The ${name} must be a whole number between 0 and 2147483647, got ${value}.`,
    );
  }
  return value;
}
