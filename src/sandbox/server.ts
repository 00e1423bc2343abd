import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { systemClock } from '../clock.ts';
import { createLogger } from '../log.ts';
import { CONTROL_PREFIX, handleControl } from './control.ts';
import { failureBody, invalidField, type Reply, SandboxFailure, unauthorized } from './envelope.ts';
import { sendFaultReply } from './fault-replies.ts';
import { DEFAULT_FAULT_LATENCY_MS, type Fault, parseFaultHeader } from './faults.ts';
import { DEFAULT_ACCOUNT_COUNT, DEFAULT_TICKET_COUNT, type SandboxUser } from './fixtures.ts';
import { parseFormBody, parseJsonBody, readBody, sendReply, sendText } from './http-io.ts';
import { QueryReader } from './query.ts';
import type { Route } from './route.ts';
import type { Router, TemplateMatch } from './router.ts';
import { buildRouter } from './routes/index.ts';
import { findUserById, type SandboxConfig, SandboxState } from './state.ts';
import type { SandboxOptions, SandboxServer } from './types.ts';

/** A request held by the `timeout` fault is closed after this long if the client is still waiting. */
export const HELD_REQUEST_LIMIT_MS = 60_000;
const UNKNOWN_TEMPLATE = '(unknown path)';

/** Timers that close() runs early, so that no delayed or held request outlives the server. */
class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  /** Runs `callback` after `ms`, or at close() if that comes first; returns a function that cancels it. */
  schedule(ms: number, callback: () => void): () => void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      callback();
    }, ms);
    this.pending.set(timer, callback);
    return () => {
      clearTimeout(timer);
      this.pending.delete(timer);
    };
  }

  delay(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(ms, resolve));
  }

  runAllNow(): void {
    const callbacks = [...this.pending.values()];
    for (const timer of this.pending.keys()) clearTimeout(timer);
    this.pending.clear();
    for (const callback of callbacks) callback();
  }
}

function configFrom(options: SandboxOptions): SandboxConfig {
  return {
    accounts: options.accounts ?? DEFAULT_ACCOUNT_COUNT,
    tickets: options.tickets ?? DEFAULT_TICKET_COUNT,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 86_400,
    latencyMs: options.latencyMs ?? 0,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? createLogger('warn'),
  };
}

/** Starts a sandbox on loopback (a free port by default) and resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxServer> {
  const state = new SandboxState(configFrom(options));
  const router = buildRouter();
  const timers = new Timers();
  const sockets = new Set<Socket>();
  let closed = false;

  const server = createServer((request, response) => {
    handleRequest({ state, router, timers, request, response }).catch((error: unknown) => {
      state.config.logger.error('sandbox request failed', { error: errorText(error) });
      sendReply(response, {
        status: 500,
        body: failureBody(500, 'An unexpected error occurred in the sandbox.'),
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const host = options.host ?? '127.0.0.1';
  await listen(server, host, options.port ?? 0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.config.logger.info('sandbox listening', { url });

  return {
    url,
    reset: () => state.reset(),
    stats: () => state.stats.snapshot(),
    close: async () => {
      if (closed) return;
      closed = true;
      timers.runAllNow();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await stopped;
      state.config.logger.info('sandbox stopped', { url });
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

interface RequestScope {
  state: SandboxState;
  router: Router<Route>;
  timers: Timers;
  request: IncomingMessage;
  response: ServerResponse;
}

async function handleRequest(scope: RequestScope): Promise<void> {
  const { state, router, timers, request, response } = scope;
  const method = (request.method ?? 'GET').toUpperCase();
  const url = new URL(request.url ?? '/', 'http://sandbox.invalid');

  if (url.pathname.startsWith(CONTROL_PREFIX)) {
    const bodyText = (await readBody(request)).toString('utf8');
    try {
      const reply = handleControl(state, method, url.pathname, bodyText);
      sendText(response, reply.status, 'application/json; charset=utf-8', JSON.stringify(reply.body));
    } catch (error) {
      if (!(error instanceof SandboxFailure)) throw error;
      sendReply(response, error.toReply());
    }
    return;
  }

  const { found, methodMismatch } = router.match(method, url.pathname);
  const template = found?.template ?? router.templateOf(url.pathname) ?? UNKNOWN_TEMPLATE;
  state.stats.count(method, template);

  const fault = chooseFault(state, request, method, found?.template, url.pathname);
  if (typeof fault === 'string') {
    sendReply(response, invalidField('X-Sandbox-Fault', fault).toReply());
    return;
  }
  if (state.config.latencyMs > 0) await timers.delay(state.config.latencyMs);
  if (fault?.fault === 'latency') await timers.delay(fault.latencyMs ?? DEFAULT_FAULT_LATENCY_MS);
  else if (fault?.fault === 'lost-reply') {
    // The request is carried out and then never answered, like a BMS whose reply was lost on the way back.
    await replyTo(state, request, url, method, found, methodMismatch);
    holdRequest(timers, request);
    return;
  } else if (fault) {
    applyFault(state, timers, request, response, fault);
    return;
  }

  const reply = await replyTo(state, request, url, method, found, methodMismatch);
  state.config.logger.debug('sandbox request', { method, template, status: reply.status });
  sendReply(response, reply);
}

/** Picks the fault of this request: the X-Sandbox-Fault header first, else the first queued match. */
function chooseFault(
  state: SandboxState,
  request: IncomingMessage,
  method: string,
  template: string | undefined,
  path: string,
): Fault | string | undefined {
  const header = request.headers['x-sandbox-fault'];
  const headerValue = Array.isArray(header) ? header[0] : header;
  if (headerValue !== undefined && headerValue.trim() !== '') return parseFaultHeader(headerValue);
  return state.faults.take(method, template, path);
}

function applyFault(
  state: SandboxState,
  timers: Timers,
  request: IncomingMessage,
  response: ServerResponse,
  fault: Fault,
): void {
  state.config.logger.debug('sandbox fault injected', { fault: fault.fault });
  if (fault.fault === 'drop') {
    request.socket.destroy();
    return;
  }
  if (fault.fault === 'timeout') {
    holdRequest(timers, request);
    return;
  }
  sendFaultReply(response, fault);
}

/** Holds a request without a response until the client gives up, the limit passes or close() runs. */
function holdRequest(timers: Timers, request: IncomingMessage): void {
  const socket = request.socket;
  request.resume();
  const cancel = timers.schedule(HELD_REQUEST_LIMIT_MS, () => socket.destroy());
  socket.once('close', cancel);
}

async function replyTo(
  state: SandboxState,
  request: IncomingMessage,
  url: URL,
  method: string,
  found: TemplateMatch<Route> | undefined,
  methodMismatch: boolean,
): Promise<Reply> {
  try {
    if (!found) {
      if (methodMismatch) {
        throw new SandboxFailure(405, 405, `The method ${method} is not allowed on ${url.pathname}.`);
      }
      throw new SandboxFailure(404, 404, `No BMS endpoint matches ${method} ${url.pathname}.`);
    }
    const route = found.route;
    const query = new QueryReader(url.searchParams);
    const contentType = request.headers['content-type'];
    if (route.kind === 'form') {
      const form = await parseFormBody(await readBody(request), contentType);
      return route.handle({ state, params: found.params, query, form });
    }
    const user = bearerUser(state, request.headers.authorization);
    const body = route.jsonBody ? parseJsonBody(await readBody(request), contentType) : undefined;
    return route.handle({ state, params: found.params, query, user, body });
  } catch (error) {
    if (error instanceof SandboxFailure) {
      const reply = error.toReply();
      if (reply.status === 401) reply.headers = { ...reply.headers, 'WWW-Authenticate': 'Bearer' };
      return reply;
    }
    throw error;
  }
}

/** Returns the user of a live bearer token, or throws 401 when the header is missing or the token is unknown, expired or revoked. */
function bearerUser(state: SandboxState, authorization: string | undefined): SandboxUser {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const userId = match?.[1] === undefined ? undefined : state.tokens.userOfAccessToken(match[1], state.now());
  const user = userId === undefined ? undefined : findUserById(userId);
  if (!user) throw unauthorized();
  return user;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
