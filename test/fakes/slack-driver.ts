import { createHmac, randomBytes } from 'node:crypto';
import { checkOptionsResponse, describeViolations, isObject } from './block-kit-rules.ts';
import type { FakeSlackApi, FakeView, Json, SubmissionOutcome } from './slack-api.ts';
import {
  type ActionValue,
  actionFor,
  findElement,
  missingRequiredInputs,
  stateEntryFor,
} from './slack-interaction.ts';

/**
 * Sends requests to the app's receiver exactly as Slack does: signed with the v0 HMAC-SHA256
 * scheme, slash commands and interactivity form-encoded, events as JSON. Trigger ids and
 * response URLs come from the fake Slack Web API, so the app's follow-up calls are checked
 * against them there.
 */

export interface SlackDriverOptions {
  /** The app's request URL, e.g. `http://127.0.0.1:PORT/slack/events`. */
  url: string;
  signingSecret: string;
  slack: FakeSlackApi;
  /** The user who acts unless a call names another. */
  userId?: string;
  /** The channel where commands and shortcuts run unless a call names another. */
  channelId?: string;
}

export interface SignOptions {
  /** Signs with a different secret, as a forged request would be. */
  wrongSignature?: boolean;
  /** The X-Slack-Request-Timestamp in seconds; defaults to now. */
  timestamp?: number;
}

export interface ActorOptions extends SignOptions {
  user?: string;
  team?: string;
}

export interface DriverResult {
  status: number;
  /** The ack body: parsed JSON, text, or undefined when empty. */
  body: unknown;
  triggerId?: string;
  responseUrl?: string;
}

export interface CommandOptions extends ActorOptions {
  channel?: string;
  channelName?: string;
}

export interface ShortcutMessage {
  ts?: string;
  text?: string;
  /** Absent for bot messages. */
  user?: string;
  botId?: string;
  threadTs?: string;
  blocks?: unknown[];
  files?: unknown[];
}

/** Where an element lives: an open view, or a message (posted through the fake or given as blocks). */
export type ElementSource =
  | { viewId: string }
  | { message: { channel: string; ts: string; blocks?: unknown[]; ephemeral?: boolean } };

export type ActionTarget = ElementSource & { actionId: string; blockId?: string; value?: ActionValue };

export type OptionsTarget = ElementSource & { actionId: string; blockId?: string; value: string };

export interface SubmitResult extends DriverResult, SubmissionOutcome {}

export interface OptionsResult extends DriverResult {
  /** Block Kit rules the ack body breaks. Slack would show no options at all. */
  violations: string[];
}

export interface EventOptions extends SignOptions {
  team?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface SlackDriver {
  command(command: string, text?: string, options?: CommandOptions): Promise<DriverResult>;
  globalShortcut(callbackId: string, options?: ActorOptions): Promise<DriverResult>;
  messageShortcut(
    callbackId: string,
    message: ShortcutMessage,
    options?: ActorOptions & { channel?: string },
  ): Promise<DriverResult>;
  blockAction(target: ActionTarget, options?: ActorOptions): Promise<DriverResult>;
  /** Submits an open view with the given values, keyed by action id or `blockId/actionId`. */
  submitView(
    viewId: string,
    values?: Record<string, ActionValue>,
    options?: SignOptions,
  ): Promise<SubmitResult>;
  /** Closes a view as the user would; sends `view_closed` only when the view asked for it. */
  closeView(viewId: string, options?: SignOptions): Promise<DriverResult | undefined>;
  options(target: OptionsTarget, options?: ActorOptions): Promise<OptionsResult>;
  event(event: Json, options?: EventOptions): Promise<DriverResult>;
  /** Sends a raw body, for requests no Slack helper here builds. */
  send(
    body: string,
    contentType: string,
    options?: SignOptions & { headers?: Record<string, string> },
  ): Promise<DriverResult>;
}

const FORM = 'application/x-www-form-urlencoded';
const VERIFICATION_TOKEN = 'fake-verification-token';

export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  const { slack, signingSecret } = options;
  const defaultUser = options.userId ?? 'U0TESTER01';
  const defaultChannel = options.channelId ?? 'C0GENERAL1';
  const teamOf = (team?: string) => ({
    id: team ?? slack.workspace.teamId,
    domain: slack.workspace.teamDomain,
  });
  const userOf = (user: string, team?: string) => ({
    id: user,
    username: `user.${user.toLowerCase()}`,
    name: `user.${user.toLowerCase()}`,
    team_id: team ?? slack.workspace.teamId,
  });
  const actionTs = () => `${(Date.now() / 1000).toFixed(6)}`;

  const send = async (
    body: string,
    contentType: string,
    sign: SignOptions & { headers?: Record<string, string> } = {},
  ): Promise<DriverResult> => {
    const timestamp = sign.timestamp ?? Math.floor(Date.now() / 1000);
    const secret = sign.wrongSignature ? `${signingSecret}-forged` : signingSecret;
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const response = await fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
        ...sign.headers,
      },
      body,
    });
    return {
      status: response.status,
      body: parseAck(await response.text(), response.headers.get('content-type')),
    };
  };

  const sendInteraction = (payload: Json, sign: SignOptions = {}) =>
    send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, sign);

  const openView = (viewId: string): FakeView => {
    const view = slack.findView(viewId);
    if (!view?.open) throw new Error(`view ${viewId} is not open; the user cannot act in it`);
    return view;
  };

  /** Container, view and message fields that every payload about an element carries. */
  const sourceFields = (
    source: ElementSource,
    user: string,
  ): { blocks: unknown; fields: Json; responseUrl?: string } => {
    if ('viewId' in source) {
      const view = openView(source.viewId);
      return {
        blocks: view.view.blocks,
        fields: { container: { type: 'view', view_id: view.id }, view: slack.viewPayload(view) },
      };
    }
    const { channel, ts, ephemeral = false } = source.message;
    const posted = slack.messages(channel).find((message) => message.ts === ts && !message.deleted);
    const blocks = source.message.blocks ?? posted?.blocks;
    if (!blocks)
      throw new Error(`message ${channel}/${ts} has no blocks; pass them in target.message.blocks`);
    const responseUrl = slack.issueResponseUrl({
      channelId: channel,
      userId: user,
      messageTs: ephemeral ? undefined : ts,
    });
    const fields: Json = {
      container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: ephemeral },
      channel: { id: channel, name: `channel-${channel.toLowerCase()}` },
      response_url: responseUrl,
    };
    // Slack sends the message itself only for messages visible to everyone.
    if (!ephemeral)
      fields.message = { type: 'message', ts, text: posted?.text ?? '', blocks, user: posted?.user };
    return { blocks, fields, responseUrl };
  };

  return {
    send,

    command: async (command, text = '', commandOptions = {}) => {
      const user = commandOptions.user ?? defaultUser;
      const team = teamOf(commandOptions.team);
      const channel = commandOptions.channel ?? defaultChannel;
      const triggerId = slack.issueTriggerId(user, 'command', team.id);
      const responseUrl = slack.issueResponseUrl({ channelId: channel, userId: user });
      const form = new URLSearchParams({
        token: VERIFICATION_TOKEN,
        team_id: team.id,
        team_domain: team.domain,
        channel_id: channel,
        channel_name: commandOptions.channelName ?? `channel-${channel.toLowerCase()}`,
        user_id: user,
        user_name: `user.${user.toLowerCase()}`,
        command,
        text,
        api_app_id: slack.workspace.appId,
        is_enterprise_install: 'false',
        response_url: responseUrl,
        trigger_id: triggerId,
      });
      const result = await send(form.toString(), FORM, commandOptions);
      return { ...result, triggerId, responseUrl };
    },

    globalShortcut: async (callbackId, actor = {}) => {
      const user = actor.user ?? defaultUser;
      const team = teamOf(actor.team);
      const triggerId = slack.issueTriggerId(user, 'shortcut', team.id);
      const result = await sendInteraction(
        {
          type: 'shortcut',
          token: VERIFICATION_TOKEN,
          action_ts: actionTs(),
          team,
          user: userOf(user, team.id),
          callback_id: callbackId,
          trigger_id: triggerId,
          is_enterprise_install: false,
          enterprise: null,
        },
        actor,
      );
      return { ...result, triggerId };
    },

    messageShortcut: async (callbackId, message, actor = {}) => {
      const user = actor.user ?? defaultUser;
      const team = teamOf(actor.team);
      const channel = actor.channel ?? defaultChannel;
      const ts = message.ts ?? `${Math.floor(Date.now() / 1000)}.000100`;
      const triggerId = slack.issueTriggerId(user, 'shortcut', team.id);
      const responseUrl = slack.issueResponseUrl({ channelId: channel, userId: user });
      const result = await sendInteraction(
        {
          type: 'message_action',
          token: VERIFICATION_TOKEN,
          action_ts: actionTs(),
          team,
          user: userOf(user, team.id),
          channel: { id: channel, name: `channel-${channel.toLowerCase()}` },
          is_enterprise_install: false,
          enterprise: null,
          callback_id: callbackId,
          trigger_id: triggerId,
          response_url: responseUrl,
          message_ts: ts,
          message: {
            type: 'message',
            ts,
            text: message.text ?? '',
            user: message.user,
            bot_id: message.botId,
            thread_ts: message.threadTs,
            blocks: message.blocks,
            files: message.files,
          },
        },
        actor,
      );
      return { ...result, triggerId, responseUrl };
    },

    blockAction: async (target, actor = {}) => {
      const user = actor.user ?? defaultUser;
      const team = teamOf(actor.team);
      const { blocks, fields, responseUrl } = sourceFields(target, user);
      const found = findElement(blocks, target.actionId, target.blockId);
      const action = actionFor(found, target.value, actionTs());

      // A changed input inside a view is part of the view's state from now on, as in Slack.
      if ('viewId' in target && found.block.type === 'input' && target.value !== undefined) {
        slack.setViewValue(
          target.viewId,
          found.blockId,
          found.actionId,
          stateEntryFor(found.element, target.value),
        );
        fields.view = slack.viewPayload(openView(target.viewId));
      }
      const triggerId = slack.issueTriggerId(user, 'block_actions', team.id);
      const result = await sendInteraction(
        {
          type: 'block_actions',
          token: VERIFICATION_TOKEN,
          api_app_id: slack.workspace.appId,
          team,
          user: userOf(user, team.id),
          enterprise: null,
          is_enterprise_install: false,
          trigger_id: triggerId,
          ...fields,
          actions: [action],
        },
        actor,
      );
      return { ...result, triggerId, responseUrl };
    },

    submitView: async (viewId, values = {}, sign = {}) => {
      const view = openView(viewId);
      for (const [key, value] of Object.entries(values)) {
        const [blockId, actionId] = key.includes('/') ? key.split('/', 2) : [undefined, key];
        const found = findElement(view.view.blocks, actionId ?? key, blockId);
        if (found.block.type !== 'input')
          throw new Error(`${key} is not in an input block; its value is not submitted`);
        slack.setViewValue(viewId, found.blockId, found.actionId, stateEntryFor(found.element, value));
      }
      const missing = missingRequiredInputs(view.view.blocks, view.state.values);
      if (missing.length > 0) {
        throw new Error(
          `required inputs ${missing.join(', ')} are empty; Slack would not let the user submit`,
        );
      }

      const triggerId = slack.issueTriggerId(view.userId, 'view_submission', view.teamId);
      const result = await sendInteraction(
        {
          type: 'view_submission',
          token: VERIFICATION_TOKEN,
          api_app_id: slack.workspace.appId,
          team: teamOf(view.teamId),
          user: userOf(view.userId, view.teamId),
          trigger_id: triggerId,
          view: slack.viewPayload(view),
          response_urls: [],
          is_enterprise_install: false,
          enterprise: null,
        },
        sign,
      );
      return { ...result, triggerId, ...slack.applySubmissionAck(viewId, result.status, result.body) };
    },

    closeView: async (viewId, sign = {}) => {
      const view = openView(viewId);
      const payload = slack.viewPayload(view);
      slack.closeView(viewId);
      if (view.view.notify_on_close !== true) return undefined;
      return sendInteraction(
        {
          type: 'view_closed',
          token: VERIFICATION_TOKEN,
          api_app_id: slack.workspace.appId,
          team: teamOf(view.teamId),
          user: userOf(view.userId, view.teamId),
          view: payload,
          is_cleared: false,
          is_enterprise_install: false,
          enterprise: null,
        },
        sign,
      );
    },

    options: async (target, actor = {}) => {
      const user = actor.user ?? defaultUser;
      const team = teamOf(actor.team);
      const { blocks, fields } = sourceFields(target, user);
      const found = findElement(blocks, target.actionId, target.blockId);
      if (found.element.type !== 'external_select' && found.element.type !== 'multi_external_select') {
        throw new Error(
          `${target.actionId} is a ${String(found.element.type)}; only external selects load options`,
        );
      }
      const { response_url: _responseUrl, ...suggestionFields } = fields;
      const result = await sendInteraction(
        {
          type: 'block_suggestion',
          token: VERIFICATION_TOKEN,
          api_app_id: slack.workspace.appId,
          team,
          user: userOf(user, team.id),
          enterprise: null,
          is_enterprise_install: false,
          action_id: found.actionId,
          block_id: found.blockId,
          value: target.value,
          ...suggestionFields,
        },
        actor,
      );
      const violations = result.status === 200 ? describeViolations(checkOptionsResponse(result.body)) : [];
      return { ...result, violations };
    },

    event: async (event, eventOptions = {}) => {
      const teamId = eventOptions.team ?? slack.workspace.teamId;
      const now = Math.floor(Date.now() / 1000);
      const envelope = {
        token: VERIFICATION_TOKEN,
        team_id: teamId,
        api_app_id: slack.workspace.appId,
        event: { event_ts: `${now}.000200`, ...event },
        type: 'event_callback',
        event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
        event_time: now,
        authorizations: [
          {
            enterprise_id: null,
            team_id: teamId,
            user_id: slack.workspace.botUserId,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        is_ext_shared_channel: false,
      };
      const headers: Record<string, string> = {};
      if (eventOptions.retryNum !== undefined) headers['x-slack-retry-num'] = String(eventOptions.retryNum);
      if (eventOptions.retryReason !== undefined) headers['x-slack-retry-reason'] = eventOptions.retryReason;
      return send(JSON.stringify(envelope), 'application/json', { ...eventOptions, headers });
    },
  };
}

function parseAck(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('application/json')) {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) || Array.isArray(parsed) ? parsed : text;
  }
  return text;
}
