import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { type Clock, systemClock } from '../../src/clock.ts';
import { checkBlocks, describeViolations, isObject, messageLengthError } from './block-kit-rules.ts';
import {
  findMethod,
  METHOD_SCOPES,
  requireArgs,
  SlackMethodError,
  viewJson,
  type WorkspaceIdentity,
} from './slack-api-methods.ts';
import {
  type FakeChannel,
  type FakeMessage,
  type FakeResponsePost,
  FakeSlackState,
  type FakeUser,
  type FakeView,
  type Json,
  RESPONSE_URL_LIFETIME_MS,
  RESPONSE_URL_MAX_USES,
  type TriggerSource,
} from './slack-api-state.ts';
import { applySubmissionAck, type SubmissionOutcome } from './slack-view-submission.ts';

/**
 * A fake Slack Web API on 127.0.0.1 for tests. It implements the methods this app calls with
 * Slack's checks (token, scopes, required arguments, Block Kit limits, trigger id lifetime,
 * view hashes) and Slack's error codes. It also serves the response URLs that slash commands
 * and actions carry. Point the app's `slackApiUrl` at `url`.
 */

export type {
  FakeMessage,
  FakeResponsePost,
  FakeView,
  Json,
  SubmissionOutcome,
  TriggerSource,
  WorkspaceIdentity,
};

export interface FakeSlackCall {
  /** The Web API method, or `response_url` for a post to a response URL. */
  method: string;
  args: Json;
  /** When the call arrived, by the fake's clock. */
  at: number;
  /** The response body the fake returned (`ok`, `error`, ...). */
  result: Json;
}

/** A canned response. `status` 429 with a `retry-after` header makes a rate limit. */
export interface FakeSlackReply {
  status?: number;
  headers?: Record<string, string>;
  body: Json;
}

/** Returns a canned response for a call, or undefined to let the fake respond as usual. */
export type FakeSlackOverride = (call: { method: string; args: Json }) => FakeSlackReply | undefined;

export interface FakeSlackApiOptions {
  /** Judges trigger id and response URL lifetimes; defaults to the system clock. */
  clock?: Clock;
  botToken?: string;
  workspace?: Partial<WorkspaceIdentity>;
  /** Bot scopes the token has; defaults to the bot scopes in manifest.yml. */
  scopes?: readonly string[];
}

export interface FakeSlackApi {
  /** Base URL ending with `/api/`, usable as the WebClient's `slackApiUrl`. */
  readonly url: string;
  readonly botToken: string;
  readonly workspace: WorkspaceIdentity;
  readonly calls: readonly FakeSlackCall[];
  callsOf(method: string): FakeSlackCall[];
  /** Resolves with the first matching call, recorded already or arriving within `timeoutMs`. */
  waitForCall(
    method: string,
    predicate?: (call: FakeSlackCall) => boolean,
    timeoutMs?: number,
  ): Promise<FakeSlackCall>;
  setResponse(method: string, override: FakeSlackOverride | undefined): void;
  issueTriggerId(userId: string, source?: TriggerSource, teamId?: string): string;
  issueResponseUrl(target: { channelId: string; userId: string; messageTs?: string }): string;
  /** Posts made to one response URL, accepted or not. */
  responsePosts(responseUrl: string): FakeResponsePost[];
  /** Open modal views, of one user or of everyone, oldest first. */
  openViews(userId?: string): FakeView[];
  /** The top view of a user's modal stack. */
  latestView(userId: string): FakeView | undefined;
  findView(viewId: string): FakeView | undefined;
  homeView(userId: string): FakeView | undefined;
  /** The view object as Slack sends it in payloads and answers. */
  viewPayload(view: FakeView): Json;
  closeView(viewId: string): void;
  /** Records what the user entered in one element of a view, as Slack keeps it in `view.state`. */
  setViewValue(viewId: string, blockId: string, actionId: string, entry: Json): void;
  /** Applies a view submission's ack to the view stack as Slack would. */
  applySubmissionAck(viewId: string, status: number, body: unknown): SubmissionOutcome;
  /** Messages posted through the Web API, of one channel or all, oldest first. */
  messages(channel?: string): FakeMessage[];
  addChannel(channel: { id: string; name?: string; botIsMember?: boolean }): void;
  setUser(user: { id: string; name?: string; realName?: string; displayName?: string }): void;
  /** Forgets calls, views, triggers, response URLs, messages, channels, users and overrides. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_WORKSPACE: WorkspaceIdentity = {
  teamId: 'T0FAKE0001',
  teamDomain: 'fake-workspace',
  botUserId: 'U0BMSBOT01',
  botId: 'B0BMSBOT01',
  appId: 'A0BMSAPP01',
};

const JSON_ARGUMENTS = new Set(['blocks', 'attachments', 'view', 'metadata']);
const BODY_LIMIT_BYTES = 2_000_000;

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const clock = options.clock ?? systemClock;
  const botToken = options.botToken ?? 'xoxb-fake-bot-token';
  const workspace: WorkspaceIdentity = { ...DEFAULT_WORKSPACE, ...options.workspace };
  const scopes = new Set(options.scopes ?? manifestBotScopes());

  let state = new FakeSlackState(clock);
  const calls: FakeSlackCall[] = [];
  const overrides = new Map<string, FakeSlackOverride>();
  const waiters = new Set<{
    method: string;
    predicate: (call: FakeSlackCall) => boolean;
    resolve: (call: FakeSlackCall) => void;
  }>();
  let baseUrl = '';

  const record = (method: string, args: Json, result: Json): void => {
    const call: FakeSlackCall = { method, args, at: clock(), result };
    calls.push(call);
    for (const waiter of waiters) {
      if (waiter.method === method && waiter.predicate(call)) {
        waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  };

  const answerMethod = (method: string, args: Json, authorization: string | undefined): FakeSlackReply => {
    const handler = findMethod(method);
    if (!handler) return { body: { ok: false, error: 'unknown_method' } };

    const token =
      authorization?.replace(/^Bearer\s+/i, '') || (typeof args.token === 'string' ? args.token : '');
    if (!token) return { body: { ok: false, error: 'not_authed' } };
    if (token !== botToken) return { body: { ok: false, error: 'invalid_auth' } };

    const needed = METHOD_SCOPES[method];
    if (needed && !needed.some((scope) => scopes.has(scope))) {
      return {
        body: {
          ok: false,
          error: 'missing_scope',
          needed: needed.join(','),
          provided: [...scopes].join(','),
        },
      };
    }

    const override = overrides.get(method)?.({ method, args });
    if (override) return override;

    try {
      requireArgs(method, args);
      return { body: { ok: true, ...handler({ args, state, workspace, baseUrl }) } };
    } catch (error) {
      if (error instanceof SlackMethodError)
        return { body: { ok: false, error: error.code, ...error.extra } };
      throw error;
    }
  };

  const answerResponseUrl = (id: string, args: Json): FakeSlackReply => {
    const target = state.responseUrls.get(id);
    const reject = (status: number, error: string): FakeSlackReply => {
      target?.posts.push({ body: args, at: clock(), accepted: false, error });
      return { status, body: { ok: false, error } };
    };
    if (!target) return reject(404, 'invalid_url');
    if (clock() - target.issuedAt > RESPONSE_URL_LIFETIME_MS) return reject(404, 'expired_url');
    if (target.posts.filter((post) => post.accepted).length >= RESPONSE_URL_MAX_USES)
      return reject(404, 'used_url');

    if (args.delete_original !== true) {
      const hasText = typeof args.text === 'string' && args.text !== '';
      if (!hasText && !(Array.isArray(args.blocks) && args.blocks.length > 0)) return reject(400, 'no_text');
      if (args.blocks !== undefined) {
        const violations = checkBlocks(args.blocks, 'message');
        if (violations.length > 0) {
          const reply = reject(400, 'invalid_blocks');
          reply.body.errors = describeViolations(violations);
          return reply;
        }
      }
      const lengthError = messageLengthError(args);
      if (lengthError) return reject(400, lengthError);
    }

    target.posts.push({ body: args, at: clock(), accepted: true });
    applyToOriginal(state, target.channelId, target.messageTs, args);
    return { body: { ok: true } };
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`fake Slack failed: ${message}`);
    });
  });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method !== 'POST' || !path.startsWith('/api/')) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    const args = parseBody(await readBody(request), request.headers['content-type']);
    const name = path.slice('/api/'.length);

    let method: string;
    let reply: FakeSlackReply;
    if (name.startsWith('response/')) {
      method = 'response_url';
      const id = name.slice('response/'.length);
      reply = answerResponseUrl(id, args);
      args.response_url_id = id;
    } else {
      method = name;
      reply = answerMethod(name, args, request.headers.authorization);
    }
    record(method, redactToken(args), reply.body);

    response.writeHead(reply.status ?? 200, {
      'content-type': 'application/json; charset=utf-8',
      ...reply.headers,
    });
    response.end(JSON.stringify(reply.body));
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;

  return {
    url: baseUrl,
    botToken,
    workspace,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    waitForCall: (method, predicate = () => true, timeoutMs = 5000) => {
      const found = calls.find((call) => call.method === method && predicate(call));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { method, predicate, resolve };
        waiters.add(waiter);
        // A guard so that a missing call fails the test with the calls seen, instead of hanging it.
        setTimeout(() => {
          if (!waiters.delete(waiter)) return;
          const seen = calls.map((call) => call.method).join(', ') || 'none';
          reject(
            new Error(`fake Slack: no matching ${method} call within ${timeoutMs} ms; calls seen: ${seen}`),
          );
        }, timeoutMs).unref();
      });
    },
    setResponse: (method, override) => {
      if (override) overrides.set(method, override);
      else overrides.delete(method);
    },
    issueTriggerId: (userId, source = 'command', teamId = workspace.teamId) =>
      state.issueTriggerId(userId, teamId, source),
    issueResponseUrl: ({ channelId, userId, messageTs }) =>
      state.issueResponseUrl(baseUrl, channelId, userId, messageTs),
    responsePosts: (responseUrl) => state.responseUrls.get(responseUrl.split('/').at(-1) ?? '')?.posts ?? [],
    openViews: (userId) =>
      [...state.views.values()].filter(
        (view) => view.open && view.type === 'modal' && (!userId || view.userId === userId),
      ),
    latestView: (userId) => state.views.get(state.stackOf(userId).at(-1) ?? ''),
    findView: (viewId) => state.views.get(viewId),
    homeView: (userId) => state.views.get(state.homes.get(userId) ?? ''),
    viewPayload: (view) => viewJson(view, workspace),
    closeView: (viewId) => state.closeView(viewId),
    setViewValue: (viewId, blockId, actionId, entry) => {
      const view = state.views.get(viewId);
      if (!view) throw new Error(`fake Slack: view ${viewId} is unknown`);
      view.state.values[blockId] = { ...view.state.values[blockId], [actionId]: entry };
    },
    applySubmissionAck: (viewId, status, body) => applySubmissionAck(state, viewId, status, body),
    messages: (channel) => state.messages.filter((message) => !channel || message.channel === channel),
    addChannel: ({ id, name, botIsMember = true }) => {
      const channel: FakeChannel = { id, name: name ?? `channel-${id.toLowerCase()}`, botIsMember };
      state.channels.set(id, channel);
    },
    setUser: ({ id, ...names }) => {
      const user: FakeUser = { ...state.userOf(id), ...definedOnly(names) };
      state.users.set(id, user);
    },
    reset: () => {
      calls.length = 0;
      overrides.clear();
      state = new FakeSlackState(clock, state.lastSequence);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Changes the message a response URL belongs to, for posts with `replace_original` or `delete_original`. */
function applyToOriginal(
  state: FakeSlackState,
  channelId: string,
  messageTs: string | undefined,
  args: Json,
): void {
  if (!messageTs) return;
  const original = state.findMessage(channelId, messageTs);
  if (!original) return;
  if (args.delete_original === true) {
    original.deleted = true;
  } else if (args.replace_original === true) {
    original.text = typeof args.text === 'string' ? args.text : original.text;
    original.blocks = Array.isArray(args.blocks) ? args.blocks : undefined;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        reject(new Error(`request body over ${BODY_LIMIT_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Reads a JSON body or a form-encoded one. The WebClient sends form fields and encodes
 * `blocks` and `view` as JSON strings inside them; those are decoded back to objects.
 */
function parseBody(text: string, contentType: string | undefined): Json {
  if (text === '') return {};
  if (contentType?.includes('application/json')) {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : {};
  }
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = JSON_ARGUMENTS.has(key) ? parseJsonArgument(value) : value;
  }
  return args;
}

function parseJsonArgument(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    // Slack answers invalid_blocks / invalid_arguments for malformed JSON; the rules do the same with a string.
    return value;
  }
}

function redactToken(args: Json): Json {
  if (args.token === undefined) return args;
  const { token: _token, ...rest } = args;
  return rest;
}

function definedOnly(names: { name?: string; realName?: string; displayName?: string }): Partial<FakeUser> {
  return Object.fromEntries(Object.entries(names).filter(([, value]) => value !== undefined));
}

/** Reads the bot scopes manifest.yml requests, so that a call needing another scope fails as in Slack. */
function manifestBotScopes(): string[] {
  const manifestPath = new URL('../../manifest.yml', import.meta.url);
  const manifest: unknown = parseYaml(readFileSync(manifestPath, 'utf8'));
  const scopes =
    isObject(manifest) && isObject(manifest.oauth_config) && isObject(manifest.oauth_config.scopes)
      ? manifest.oauth_config.scopes.bot
      : undefined;
  if (!Array.isArray(scopes)) throw new Error('manifest.yml has no oauth_config.scopes.bot list');
  return scopes.map(String);
}
