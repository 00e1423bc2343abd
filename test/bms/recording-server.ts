import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the loopback server received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query string. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Responder = (request: RecordedRequest, response: ServerResponse) => void;

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** Replaces how the server responds to the following requests. */
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 with a free port that records every request and responds with
 * the current responder: the far side of the wire for tests of the client's error handling.
 */
export async function startRecordingServer(
  responder: Responder = sendEnvelope(null),
): Promise<RecordingServer> {
  let current = responder;
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const recorded: RecordedRequest = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      current(recorded, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Responds with a successful BMS envelope around `result`. */
export function sendEnvelope(result: unknown, extra: Record<string, unknown> = {}): Responder {
  return (_request, response) => {
    sendJson(response, 200, { Success: true, Error: null, Result: result, ...extra });
  };
}

/** Responds with a refused BMS envelope with the given status, code and message. */
export function sendFailure(
  status: number,
  code: number,
  message: string,
  more: { details?: string | null; subErrors?: unknown[]; headers?: Record<string, string> } = {},
): Responder {
  return (_request, response) => {
    const body = {
      Success: false,
      Error: {
        Code: code,
        Message: message,
        Details: more.details ?? null,
        StackStrace: null,
        SubErrors: more.subErrors ?? null,
      },
      Result: null,
    };
    sendJson(response, status, body, more.headers);
  };
}

export function sendText(
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string> = {},
): Responder {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': contentType, ...headers });
    response.end(text);
  };
}

/** Responds to requests in turn with the given responders; the last one handles every later request. */
export function inSequence(...responders: Responder[]): Responder {
  let index = 0;
  return (request, response) => {
    const responder = responders[Math.min(index, responders.length - 1)];
    index++;
    responder?.(request, response);
  };
}

/** Never responds, so that the client runs into its timeout. */
export const neverRespond: Responder = () => {};

/** Closes the connection without a response. */
export const dropConnection: Responder = (_request, response) => {
  response.socket?.destroy();
};

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}
