import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/clock.ts';
import { isObject } from './block-kit-rules.ts';

/**
 * What the fake Slack workspace remembers between calls: issued trigger ids and response
 * URLs, posted messages, open views and their state, DM channels, users and channels.
 */

export type Json = Record<string, unknown>;

/** A trigger id lives this long and works once. */
export const TRIGGER_LIFETIME_MS = 3000;
/** A response URL takes this many posts ... */
export const RESPONSE_URL_MAX_USES = 5;
/** ... within this long after it was issued. */
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;
/** Slack keeps at most this many views in one modal stack. */
export const VIEW_STACK_LIMIT = 3;

/** Where a trigger id came from; a view submission's trigger cannot open a modal. */
export type TriggerSource = 'command' | 'shortcut' | 'block_actions' | 'view_submission';

export interface FakeTrigger {
  id: string;
  userId: string;
  teamId: string;
  source: TriggerSource;
  issuedAt: number;
  used: boolean;
}

export interface FakeResponsePost {
  body: Json;
  at: number;
  accepted: boolean;
  error?: string;
}

export interface FakeResponseUrl {
  id: string;
  url: string;
  channelId: string;
  userId: string;
  /** The message the URL belongs to (block actions on a message), for `replace_original`. */
  messageTs?: string;
  issuedAt: number;
  posts: FakeResponsePost[];
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  /** The author: the bot user for messages posted through the Web API. */
  user: string;
  /** Set for ephemeral messages: the only user who sees it. */
  ephemeralFor?: string;
  deleted: boolean;
}

export type ViewStateValues = Record<string, Record<string, Json>>;

export interface FakeView {
  id: string;
  hash: string;
  type: 'modal' | 'home';
  userId: string;
  teamId: string;
  /** The view as the app last sent it, with generated block ids filled in. */
  view: Json;
  state: { values: ViewStateValues };
  rootViewId: string;
  previousViewId: string | null;
  open: boolean;
  updates: number;
}

export interface FakeUser {
  id: string;
  name: string;
  realName: string;
  displayName: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  botIsMember: boolean;
}

export class FakeSlackState {
  readonly triggers = new Map<string, FakeTrigger>();
  readonly responseUrls = new Map<string, FakeResponseUrl>();
  readonly messages: FakeMessage[] = [];
  readonly views = new Map<string, FakeView>();
  /** Modal stacks by user id, root first. */
  readonly stacks = new Map<string, string[]>();
  /** Home tab view ids by user id. */
  readonly homes = new Map<string, string>();
  /** DM channel id to the user it talks to. */
  readonly dmChannels = new Map<string, string>();
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  /** Ids go on from `sequence`, so that a reset never hands out a view id again, as Slack never would. */
  private sequence: number;

  constructor(
    private readonly clock: Clock,
    sequence = 0,
  ) {
    this.sequence = sequence;
  }

  /** The last number handed out, for the state that replaces this one. */
  get lastSequence(): number {
    return this.sequence;
  }

  next(): number {
    this.sequence += 1;
    return this.sequence;
  }

  issueTriggerId(userId: string, teamId: string, source: TriggerSource): string {
    const id = `${this.next()}.${teamId}.${randomBytes(8).toString('hex')}`;
    this.triggers.set(id, { id, userId, teamId, source, issuedAt: this.clock(), used: false });
    return id;
  }

  /** Uses up a trigger id, or returns the Slack error code that `views.open` would return. */
  consumeTrigger(id: unknown): FakeTrigger | string {
    const trigger = typeof id === 'string' ? this.triggers.get(id) : undefined;
    if (!trigger) return 'invalid_trigger_id';
    if (trigger.used) return 'exchanged_trigger_id';
    if (this.clock() - trigger.issuedAt >= TRIGGER_LIFETIME_MS) return 'expired_trigger_id';
    trigger.used = true;
    return trigger;
  }

  issueResponseUrl(baseUrl: string, channelId: string, userId: string, messageTs?: string): string {
    const id = `${this.next()}${randomBytes(6).toString('hex')}`;
    const url = `${baseUrl}response/${id}`;
    this.responseUrls.set(id, { id, url, channelId, userId, messageTs, issuedAt: this.clock(), posts: [] });
    return url;
  }

  nextTs(): string {
    return `${Math.floor(this.clock() / 1000)}.${String(this.next()).padStart(6, '0')}`;
  }

  findMessage(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find(
      (message) => message.channel === channel && message.ts === ts && !message.deleted,
    );
  }

  userOf(id: string): FakeUser {
    const known = this.users.get(id);
    if (known) return known;
    const lower = id.toLowerCase();
    return { id, name: `user.${lower}`, realName: `User ${id}`, displayName: `user-${lower}` };
  }

  /** Returns the DM channel id of a user, the same id every time as in Slack. */
  openDm(userId: string): string {
    const id = `D${userId.slice(1)}`;
    this.dmChannels.set(id, userId);
    return id;
  }

  stackOf(userId: string): string[] {
    return this.stacks.get(userId) ?? [];
  }

  /** Stores a new view and returns it; the caller places it on a stack or the home tab. */
  createView(view: Json, userId: string, teamId: string, previous: FakeView | undefined): FakeView {
    const id = `V${String(this.next()).padStart(8, '0')}`;
    const stored = withBlockIds(view, () => this.generatedBlockId());
    const fakeView: FakeView = {
      id,
      hash: this.newHash(),
      type: view.type === 'home' ? 'home' : 'modal',
      userId,
      teamId,
      view: stored,
      state: { values: initialState(stored, {}) },
      rootViewId: previous?.rootViewId ?? id,
      previousViewId: previous?.id ?? null,
      open: true,
      updates: 0,
    };
    this.views.set(id, fakeView);
    return fakeView;
  }

  /**
   * Replaces a view's content. Inputs whose block_id and action_id stay the same keep the
   * user's values, as in Slack; new or renamed inputs start from their initial values.
   */
  replaceView(fakeView: FakeView, view: Json): void {
    const stored = withBlockIds(view, () => this.generatedBlockId());
    fakeView.view = stored;
    fakeView.state = { values: initialState(stored, fakeView.state.values) };
    fakeView.hash = this.newHash();
    fakeView.updates += 1;
  }

  /** Closes one view and everything stacked above it. */
  closeView(viewId: string): void {
    const view = this.views.get(viewId);
    if (!view) return;
    const stack = this.stackOf(view.userId);
    const index = stack.indexOf(viewId);
    const closing = index === -1 ? [viewId] : stack.splice(index);
    for (const id of closing) {
      const closed = this.views.get(id);
      if (closed) closed.open = false;
    }
  }

  findView(viewId: unknown, externalId: unknown): FakeView | undefined {
    if (typeof viewId === 'string' && viewId !== '') return this.views.get(viewId);
    if (typeof externalId === 'string' && externalId !== '') {
      return [...this.views.values()].reverse().find((view) => view.view.external_id === externalId);
    }
    return undefined;
  }

  private newHash(): string {
    return `${Math.floor(this.clock() / 1000)}.${randomBytes(6).toString('hex')}`;
  }

  private generatedBlockId(): string {
    // Slack generates a random block id for each block without one, on every update, so such
    // inputs lose the user's value when the view is updated.
    return randomBytes(3).toString('base64url');
  }
}

function withBlockIds(view: Json, generate: () => string): Json {
  if (!Array.isArray(view.blocks)) return { ...view };
  const blocks = view.blocks.map((block) =>
    isObject(block) && typeof block.block_id !== 'string' ? { ...block, block_id: generate() } : block,
  );
  return { ...view, blocks };
}

/** Builds the state of every input element: kept from `previous` where ids match, else its initial value. */
function initialState(view: Json, previous: ViewStateValues): ViewStateValues {
  const values: ViewStateValues = {};
  for (const block of Array.isArray(view.blocks) ? view.blocks : []) {
    if (!isObject(block) || block.type !== 'input' || !isObject(block.element)) continue;
    const blockId = String(block.block_id);
    const element = block.element;
    const actionId = typeof element.action_id === 'string' ? element.action_id : `${blockId}-action`;
    const kept = previous[blockId]?.[actionId];
    values[blockId] = { [actionId]: kept && kept.type === element.type ? kept : initialValue(element) };
  }
  return values;
}

/** Returns the state entry Slack reports for an element the user has not touched. */
export function initialValue(element: Json): Json {
  const type = String(element.type);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
    case 'rich_text_input':
      return { type, value: element.initial_value ?? null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: element.initial_option ?? null };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: element.initial_options ?? [] };
    case 'users_select':
      return { type, selected_user: element.initial_user ?? null };
    case 'multi_users_select':
      return { type, selected_users: element.initial_users ?? [] };
    case 'conversations_select':
      return { type, selected_conversation: element.initial_conversation ?? null };
    case 'channels_select':
      return { type, selected_channel: element.initial_channel ?? null };
    case 'datepicker':
      return { type, selected_date: element.initial_date ?? null };
    case 'timepicker':
      return { type, selected_time: element.initial_time ?? null };
    case 'datetimepicker':
      return { type, selected_date_time: element.initial_date_time ?? null };
    default:
      return { type };
  }
}
