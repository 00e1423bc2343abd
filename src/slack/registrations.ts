import type { App } from '@slack/bolt';

/**
 * Names of everything registered on a Bolt app, recorded as it happens, so a test can
 * compare the app with its manifest both ways.
 */
export interface Registrations {
  commands: Set<string>;
  /** Shortcut callback ids with their type; `any` when registered without a type. */
  shortcuts: Map<string, 'global' | 'message' | 'any'>;
  events: Set<string>;
  actions: Set<string>;
  views: Set<string>;
  options: Set<string>;
}

type RegisteringMethod = 'command' | 'shortcut' | 'event' | 'action' | 'view' | 'options';

/** Wraps the app's registering methods, so registrations made directly on the app are seen too. */
export function recordRegistrations(app: App): Registrations {
  const registrations: Registrations = {
    commands: new Set(),
    shortcuts: new Map(),
    events: new Set(),
    actions: new Set(),
    views: new Set(),
    options: new Set(),
  };
  wrap(app, 'command', (first) => registrations.commands.add(nameOf(first, 'command')));
  wrap(app, 'event', (first) => registrations.events.add(nameOf(first, 'event')));
  wrap(app, 'action', (first) => registrations.actions.add(nameOf(first, 'action_id')));
  wrap(app, 'view', (first) => registrations.views.add(nameOf(first, 'callback_id')));
  wrap(app, 'options', (first) => registrations.options.add(nameOf(first, 'action_id')));
  wrap(app, 'shortcut', (first) => {
    const type = typeof first === 'object' && first !== null && 'type' in first ? first.type : undefined;
    let kind: 'global' | 'message' | 'any' = 'any';
    if (type === 'shortcut') kind = 'global';
    if (type === 'message_action') kind = 'message';
    registrations.shortcuts.set(nameOf(first, 'callback_id'), kind);
  });
  return registrations;
}

function wrap(app: App, method: RegisteringMethod, record: (first: unknown) => void): void {
  // The methods are overloaded; the wrapper only looks at the first argument and passes all on.
  const methods = app as unknown as Record<RegisteringMethod, (...args: unknown[]) => unknown>;
  const original = methods[method].bind(app);
  methods[method] = (...args: unknown[]) => {
    record(args[0]);
    return original(...args);
  };
}

/** Returns the name in a registration's first argument: a string, a RegExp, or constraints containing either. */
function nameOf(first: unknown, key: string): string {
  const value =
    typeof first === 'object' && first !== null && !(first instanceof RegExp)
      ? (first as Record<string, unknown>)[key]
      : first;
  if (typeof value === 'string') return value;
  if (value instanceof RegExp) return `/${value.source}/`;
  return '(unnamed)';
}
