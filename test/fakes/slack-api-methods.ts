import {
  type BlockKitViolation,
  checkBlocks,
  checkView,
  describeViolations,
  isObject,
  messageLengthError,
} from './block-kit-rules.ts';
import { type FakeSlackState, type FakeView, type Json, VIEW_STACK_LIMIT } from './slack-api-state.ts';

/**
 * The Web API methods the fake implements, each returning what Slack returns for the same
 * arguments, errors included.
 */

export interface WorkspaceIdentity {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
}

export interface MethodContext {
  args: Json;
  state: FakeSlackState;
  workspace: WorkspaceIdentity;
  /** The fake's base URL, ending with `/api/`. */
  baseUrl: string;
}

/** A Slack error response: `{ ok: false, error: code, ...extra }`. */
export class SlackMethodError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Json = {},
  ) {
    super(code);
  }
}

type MethodHandler = (context: MethodContext) => Json;

/** Bot scopes a method needs; any one of a list is enough. */
export const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'conversations.open': ['im:write'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'users.info': ['users:read'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
};

const REQUIRED_ARGS: Record<string, string[]> = {
  'chat.postMessage': ['channel'],
  'chat.postEphemeral': ['channel', 'user'],
  'chat.update': ['channel', 'ts'],
  'chat.delete': ['channel', 'ts'],
  'chat.getPermalink': ['channel', 'message_ts'],
  'conversations.open': ['users'],
  'conversations.info': ['channel'],
  'users.info': ['user'],
  'conversations.replies': ['channel', 'ts'],
  'views.open': ['trigger_id', 'view'],
  'views.push': ['trigger_id', 'view'],
  'views.update': ['view'],
  'views.publish': ['user_id', 'view'],
};

/** Raises `invalid_arguments` naming the first missing required argument, as Slack does. */
export function requireArgs(method: string, args: Json): void {
  for (const name of REQUIRED_ARGS[method] ?? []) {
    const value = args[name];
    if (value === undefined || value === null || value === '') {
      throw new SlackMethodError('invalid_arguments', {
        response_metadata: { messages: [`[ERROR] missing required field: ${name}`] },
      });
    }
  }
}

function invalidBlocks(violations: BlockKitViolation[]): SlackMethodError {
  const messages = describeViolations(violations);
  return new SlackMethodError('invalid_blocks', { errors: messages, response_metadata: { messages } });
}

/** Checks message text and blocks, and raises the error Slack would return. */
export function checkMessageArgs(args: Json): void {
  const hasText = typeof args.text === 'string' && args.text !== '';
  const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
  if (!hasText && !hasBlocks && args.attachments === undefined) throw new SlackMethodError('no_text');
  if (args.blocks !== undefined) {
    const violations = checkBlocks(args.blocks, 'message');
    if (violations.length > 0) throw invalidBlocks(violations);
  }
  const lengthError = messageLengthError(args);
  if (lengthError) throw new SlackMethodError(lengthError);
}

/** Resolves where a message goes, or raises `not_in_channel` / `channel_not_found`. */
function postableChannel(state: FakeSlackState, channel: string): string {
  if (/^[UW]/.test(channel)) return state.openDm(channel);
  if (channel.startsWith('D')) {
    if (!state.dmChannels.has(channel)) throw new SlackMethodError('channel_not_found');
    return channel;
  }
  const known = state.channels.get(channel);
  if (channel.startsWith('C')) {
    if (!known?.botIsMember) throw new SlackMethodError('not_in_channel');
    return channel;
  }
  if (!known) throw new SlackMethodError('channel_not_found');
  if (!known.botIsMember) throw new SlackMethodError('not_in_channel');
  return channel;
}

function messageJson(
  workspace: WorkspaceIdentity,
  text: unknown,
  blocks: unknown,
  ts: string,
  threadTs?: string,
): Json {
  return {
    type: 'message',
    user: workspace.botUserId,
    bot_id: workspace.botId,
    app_id: workspace.appId,
    text: typeof text === 'string' ? text : '',
    blocks: Array.isArray(blocks) ? blocks : undefined,
    ts,
    thread_ts: threadTs,
    team: workspace.teamId,
  };
}

/** The view object Slack returns and sends in payloads. */
export function viewJson(fakeView: FakeView, workspace: WorkspaceIdentity): Json {
  const view = fakeView.view;
  return {
    id: fakeView.id,
    team_id: fakeView.teamId,
    type: fakeView.type,
    blocks: view.blocks ?? [],
    private_metadata: view.private_metadata ?? '',
    callback_id: view.callback_id ?? '',
    state: fakeView.state,
    hash: fakeView.hash,
    title: view.title,
    clear_on_close: view.clear_on_close ?? false,
    notify_on_close: view.notify_on_close ?? false,
    close: view.close ?? null,
    submit: view.submit ?? null,
    previous_view_id: fakeView.previousViewId,
    root_view_id: fakeView.rootViewId,
    app_id: workspace.appId,
    external_id: view.external_id ?? '',
    app_installed_team_id: workspace.teamId,
    bot_id: workspace.botId,
  };
}

function parseView(args: Json, expectedType: 'modal' | 'home'): Json {
  const view = args.view;
  if (!isObject(view)) {
    throw new SlackMethodError('invalid_arguments', {
      response_metadata: { messages: ['[ERROR] view must be an object'] },
    });
  }
  const violations = checkView(view);
  if (view.type !== expectedType)
    violations.push({ pointer: '/view/type', message: `must be ${expectedType}` });
  if (violations.length > 0) throw invalidBlocks(violations);
  return view;
}

function checkHash(args: Json, fakeView: FakeView): void {
  if (typeof args.hash === 'string' && args.hash !== '' && args.hash !== fakeView.hash) {
    throw new SlackMethodError('hash_conflict');
  }
}

const methods: Record<string, MethodHandler> = {
  'auth.test': ({ workspace }) => ({
    url: `https://${workspace.teamDomain}.slack.test/`,
    team: 'Fake Workspace',
    user: 'bms',
    team_id: workspace.teamId,
    user_id: workspace.botUserId,
    bot_id: workspace.botId,
    is_enterprise_install: false,
  }),

  'chat.postMessage': ({ args, state, workspace }) => {
    checkMessageArgs(args);
    const channel = postableChannel(state, String(args.channel));
    const ts = state.nextTs();
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    state.messages.push({
      channel,
      ts,
      text: typeof args.text === 'string' ? args.text : undefined,
      blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
      threadTs,
      user: workspace.botUserId,
      deleted: false,
    });
    return { channel, ts, message: messageJson(workspace, args.text, args.blocks, ts, threadTs) };
  },

  'chat.postEphemeral': ({ args, state, workspace }) => {
    checkMessageArgs(args);
    const channel = postableChannel(state, String(args.channel));
    const ts = state.nextTs();
    state.messages.push({
      channel,
      ts,
      text: typeof args.text === 'string' ? args.text : undefined,
      blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
      threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : undefined,
      user: workspace.botUserId,
      ephemeralFor: String(args.user),
      deleted: false,
    });
    return { message_ts: ts };
  },

  'chat.update': ({ args, state, workspace }) => {
    const message = state.findMessage(String(args.channel), String(args.ts));
    if (!message || message.ephemeralFor) throw new SlackMethodError('message_not_found');
    if (message.user !== workspace.botUserId) throw new SlackMethodError('cant_update_message');
    checkMessageArgs({ text: args.text ?? message.text, blocks: args.blocks ?? message.blocks });
    if (typeof args.text === 'string') message.text = args.text;
    if (Array.isArray(args.blocks)) message.blocks = args.blocks;
    return {
      channel: message.channel,
      ts: message.ts,
      text: message.text ?? '',
      message: messageJson(workspace, message.text, message.blocks, message.ts, message.threadTs),
    };
  },

  'chat.delete': ({ args, state, workspace }) => {
    const message = state.findMessage(String(args.channel), String(args.ts));
    if (!message || message.ephemeralFor) throw new SlackMethodError('message_not_found');
    if (message.user !== workspace.botUserId) throw new SlackMethodError('cant_delete_message');
    message.deleted = true;
    return { channel: message.channel, ts: message.ts };
  },

  'chat.getPermalink': ({ args, workspace }) => {
    const channel = String(args.channel);
    const ts = String(args.message_ts);
    return {
      channel,
      permalink: `https://${workspace.teamDomain}.slack.test/archives/${channel}/p${ts.replace('.', '')}`,
    };
  },

  'conversations.open': ({ args, state }) => {
    const users = String(args.users)
      .split(',')
      .map((user) => user.trim())
      .filter(Boolean);
    const [user] = users;
    if (users.length !== 1 || !user) {
      throw new SlackMethodError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] the fake opens DMs with exactly one user'] },
      });
    }
    if (!/^[UW]/.test(user)) throw new SlackMethodError('user_not_found');
    return { channel: { id: state.openDm(user) } };
  },

  'conversations.info': ({ args, state }) => {
    const channel = String(args.channel);
    if (state.dmChannels.has(channel)) {
      return { channel: { id: channel, is_im: true, user: state.dmChannels.get(channel) } };
    }
    const known = state.channels.get(channel);
    if (!known) throw new SlackMethodError('channel_not_found');
    return {
      channel: {
        id: known.id,
        name: known.name,
        is_channel: known.id.startsWith('C'),
        is_private: known.id.startsWith('G'),
        is_im: false,
        is_member: known.botIsMember,
      },
    };
  },

  'conversations.replies': ({ args, state, workspace }) => {
    const channel = String(args.channel);
    if (channel.startsWith('C') && !state.channels.get(channel)?.botIsMember)
      throw new SlackMethodError('not_in_channel');
    const parent = state.findMessage(channel, String(args.ts));
    // Ephemeral messages are never part of a conversation's history.
    if (!parent || parent.ephemeralFor) throw new SlackMethodError('thread_not_found');
    const replies = state.messages.filter(
      (message) =>
        message.channel === channel &&
        message.threadTs === parent.ts &&
        message.ts !== parent.ts &&
        !message.deleted &&
        !message.ephemeralFor,
    );
    const limit = Number(args.limit ?? 1000);
    const messages = [parent, ...replies].slice(0, Number.isFinite(limit) && limit > 0 ? limit : 1000);
    return {
      messages: messages.map((message) => ({
        ...messageJson(workspace, message.text, message.blocks, message.ts, message.threadTs ?? parent.ts),
        user: message.user,
      })),
      has_more: false,
    };
  },

  'users.info': ({ args, state, workspace }) => {
    const id = String(args.user);
    if (!/^[UW][A-Z0-9]+$/.test(id)) throw new SlackMethodError('user_not_found');
    const user = state.userOf(id);
    return {
      user: {
        id,
        team_id: workspace.teamId,
        name: user.name,
        real_name: user.realName,
        deleted: false,
        is_bot: false,
        tz: 'Europe/Amsterdam',
        profile: { real_name: user.realName, display_name: user.displayName },
      },
    };
  },

  'views.open': ({ args, state, workspace }) => {
    const view = parseView(args, 'modal');
    const trigger = state.consumeTrigger(args.trigger_id);
    if (typeof trigger === 'string') throw new SlackMethodError(trigger);
    if (trigger.source === 'view_submission') {
      // NOTE: Slack's exact answer here is not documented; what matters is that it fails.
      throw new SlackMethodError('invalid_trigger_id', {
        response_metadata: {
          messages: [
            '[ERROR] a view submission cannot open a modal; answer with response_action update or push',
          ],
        },
      });
    }
    for (const id of state.stackOf(trigger.userId)) state.closeView(id);
    const opened = state.createView(view, trigger.userId, trigger.teamId, undefined);
    state.stacks.set(trigger.userId, [opened.id]);
    return { view: viewJson(opened, workspace) };
  },

  'views.push': ({ args, state, workspace }) => {
    const view = parseView(args, 'modal');
    const trigger = state.consumeTrigger(args.trigger_id);
    if (typeof trigger === 'string') throw new SlackMethodError(trigger);
    const stack = state.stackOf(trigger.userId);
    const top = state.views.get(stack.at(-1) ?? '');
    if (!top) throw new SlackMethodError('not_found');
    if (stack.length >= VIEW_STACK_LIMIT) throw new SlackMethodError('push_limit_reached');
    const pushed = state.createView(view, trigger.userId, trigger.teamId, top);
    stack.push(pushed.id);
    return { view: viewJson(pushed, workspace) };
  },

  'views.update': ({ args, state, workspace }) => {
    if (args.view_id === undefined && args.external_id === undefined) {
      throw new SlackMethodError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] either view_id or external_id is required'] },
      });
    }
    const fakeView = state.findView(args.view_id, args.external_id);
    if (!fakeView?.open) throw new SlackMethodError('not_found');
    const view = parseView(args, fakeView.type);
    checkHash(args, fakeView);
    state.replaceView(fakeView, view);
    return { view: viewJson(fakeView, workspace) };
  },

  'views.publish': ({ args, state, workspace }) => {
    const view = parseView(args, 'home');
    const userId = String(args.user_id);
    const existing = state.views.get(state.homes.get(userId) ?? '');
    if (existing) {
      checkHash(args, existing);
      state.replaceView(existing, view);
      return { view: viewJson(existing, workspace) };
    }
    const home = state.createView(view, userId, workspace.teamId, undefined);
    state.homes.set(userId, home.id);
    return { view: viewJson(home, workspace) };
  },
};

export function findMethod(method: string): MethodHandler | undefined {
  return Object.hasOwn(methods, method) ? methods[method] : undefined;
}
