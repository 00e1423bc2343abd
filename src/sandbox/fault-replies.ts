import type { ServerResponse } from 'node:http';
import { failureBody } from './envelope.ts';
import { DEFAULT_RETRY_AFTER_SECONDS, type Fault } from './faults.ts';
import { sendReply, sendText } from './http-io.ts';

/** Code of the injected `success-false` response: any code that the client does not map to a login failure. */
export const INJECTED_REFUSAL_CODE = 40000;

const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html>
<head><title>500 - Internal server error.</title></head>
<body>
<h1>Server Error</h1>
<h2>500 - Internal server error.</h2>
<p>There is a problem with the resource you are looking for, and it cannot be displayed.</p>
</body>
</html>
`;

/** A body cut off in the middle of an object, as when a proxy drops the end of a response. */
const TRUNCATED_JSON = '{"Success":true,"Error":null,"Result":{"Id":10001,"TicketNumber":"T2024';

/**
 * Writes the response of a fault that replaces the real one, so the request is not processed.
 * `drop`, `timeout` and `latency` change the connection or the timing instead and are handled
 * by the server.
 */
export function sendFaultReply(response: ServerResponse, fault: Fault): void {
  switch (fault.fault) {
    case 'http500':
      sendReply(response, { status: 500, body: failureBody(500, 'An unexpected error occurred.') });
      return;
    case 'html':
      sendText(response, 500, 'text/html; charset=utf-8', HTML_ERROR_PAGE);
      return;
    case '429': {
      const seconds = fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
      sendReply(response, {
        status: 429,
        body: failureBody(429, `Too many requests. Try again in ${seconds} seconds.`),
        headers: { 'Retry-After': String(seconds) },
      });
      return;
    }
    case 'success-false':
      sendReply(response, {
        status: 200,
        body: failureBody(
          INJECTED_REFUSAL_CODE,
          'The request could not be completed (injected sandbox fault).',
        ),
      });
      return;
    case 'malformed-json':
      sendText(response, 200, 'application/json; charset=utf-8', TRUNCATED_JSON);
      return;
    default:
      throw new Error(`Fault ${fault.fault} has no reply of its own.`);
  }
}
