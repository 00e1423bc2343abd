import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  GlobalShortcut,
  MessageShortcut,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewClosedAction,
  ViewOutput,
  ViewResponseAction,
  ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import { buildNoticeModal } from '../../views/notice-modal.ts';
import type { Logger } from '../log.ts';
import { sendDirectMessage } from './dm.ts';
import { type FailureReply, reportListenerError } from './error-boundary.ts';

/**
 * The registration API of commands/ and views/. Each method wraps the listener in three ways.
 * Commands, actions, shortcuts and closed views are acked before the listener runs, because
 * Slack waits only 3 s. View submissions and options requests are acked by the listener,
 * which owns the response, and the wrapper acks for it when it fails first. Anything the
 * listener throws goes to the error boundary with the reply route that fits the surface.
 */

/** Listener arguments without `ack`, for surfaces the wrapper acknowledges before the listener runs. */
type AckedFirst<Args> = Omit<Args, 'ack'> & AllMiddlewareArgs;

export type CommandArgs = AckedFirst<SlackCommandMiddlewareArgs>;
export type ActionArgs = AckedFirst<SlackActionMiddlewareArgs<BlockAction>>;
export type ViewSubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type ViewClosedArgs = AckedFirst<SlackViewMiddlewareArgs<ViewClosedAction>>;
export type GlobalShortcutArgs = AckedFirst<SlackShortcutMiddlewareArgs<GlobalShortcut>>;
export type MessageShortcutArgs = AckedFirst<SlackShortcutMiddlewareArgs<MessageShortcut>>;
export type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;
export type EventArgs<EventName extends string> = SlackEventMiddlewareArgs<EventName> & AllMiddlewareArgs;

export type Listener<Args> = (args: Args) => Promise<void>;

export interface ListenerRegistry {
  command(name: string, listener: Listener<CommandArgs>): void;
  action(actionId: string | RegExp, listener: Listener<ActionArgs>): void;
  /** The listener must ack: empty to close, or with a `response_action`. */
  viewSubmission(callbackId: string, listener: Listener<ViewSubmissionArgs>): void;
  viewClosed(callbackId: string, listener: Listener<ViewClosedArgs>): void;
  globalShortcut(callbackId: string, listener: Listener<GlobalShortcutArgs>): void;
  messageShortcut(callbackId: string, listener: Listener<MessageShortcutArgs>): void;
  /** The listener must ack with `{ options }` or `{ option_groups }` from cached data. */
  options(actionId: string | RegExp, listener: Listener<OptionsArgs>): void;
  event<EventName extends string>(name: EventName, listener: Listener<EventArgs<EventName>>): void;
}

export function createListenerRegistry(app: App, logger: Logger): ListenerRegistry {
  const report = (
    error: unknown,
    listener: string,
    ids: { teamId?: string; userId?: string },
    reply: FailureReply | undefined,
  ) => reportListenerError({ error, listener, ...ids }, logger, reply);

  /** Acks first, because the listener may outlast Slack's 3 s, then runs it and reports its failure. */
  const ackThenRun = async (
    ack: () => Promise<void>,
    run: () => Promise<void>,
    failure: { listener: string; ids: { teamId?: string; userId?: string }; reply: () => FailureReply },
  ): Promise<void> => {
    await ack();
    try {
      await run();
    } catch (error) {
      await report(error, failure.listener, failure.ids, failure.reply());
    }
  };

  return {
    command(name, listener) {
      app.command(name, ({ ack, ...args }) =>
        ackThenRun(ack, () => listener(args), {
          listener: `command ${name}${subcommandOf(args.command.text)}`,
          ids: { teamId: args.command.team_id, userId: args.command.user_id },
          reply: () => respondRoute(args.respond),
        }),
      );
    },

    action(actionId, listener) {
      app.action<BlockAction>({ type: 'block_actions', action_id: actionId }, ({ ack, ...args }) => {
        const userId = args.body.user.id;
        return ackThenRun(ack, () => listener(args), {
          listener: `action ${nameOf(actionId)}`,
          ids: { teamId: args.body.team?.id, userId },
          reply: () => (args.body.response_url ? respondRoute(args.respond) : dmRoute(args.client, userId)),
        });
      });
    },

    viewSubmission(callbackId, listener) {
      app.view<ViewSubmitAction>({ callback_id: callbackId, type: 'view_submission' }, async (args) => {
        const tracked = trackAck<ViewResponseAction | undefined>((response) => args.ack(response));
        const ack = (response?: ViewResponseAction) => tracked.ack(response);
        try {
          await listener({ ...args, ack });
        } catch (error) {
          const userId = args.body.user.id;
          const reply = tracked.acked() ? dmRoute(args.client, userId) : modalRoute(args.view, ack);
          await report(error, `view ${callbackId}`, { teamId: args.body.team?.id, userId }, reply);
        }
        // A listener that returned without acking would leave the modal spinning until Slack gives up.
        if (!tracked.acked()) await ack();
      });
    },

    viewClosed(callbackId, listener) {
      app.view<ViewClosedAction>({ callback_id: callbackId, type: 'view_closed' }, ({ ack, ...args }) =>
        ackThenRun(ack, () => listener(args), {
          listener: `view_closed ${callbackId}`,
          ids: { teamId: args.body.team?.id, userId: args.body.user.id },
          reply: () => dmRoute(args.client, args.body.user.id),
        }),
      );
    },

    globalShortcut(callbackId, listener) {
      app.shortcut<GlobalShortcut>({ type: 'shortcut', callback_id: callbackId }, ({ ack, ...args }) =>
        ackThenRun(ack, () => listener(args), {
          listener: `shortcut ${callbackId}`,
          ids: { teamId: args.body.team?.id, userId: args.body.user.id },
          reply: () => dmRoute(args.client, args.body.user.id),
        }),
      );
    },

    messageShortcut(callbackId, listener) {
      app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: callbackId }, ({ ack, ...args }) =>
        ackThenRun(ack, () => listener(args), {
          listener: `shortcut ${callbackId}`,
          ids: { teamId: args.body.team?.id, userId: args.body.user.id },
          reply: () => respondRoute(args.respond),
        }),
      );
    },

    options(actionId, listener) {
      app.options<'block_suggestion'>({ type: 'block_suggestion', action_id: actionId }, async (args) => {
        const tracked = trackAck<Parameters<typeof args.ack>[0]>((response) => args.ack(response));
        const ack: typeof args.ack = (response) => tracked.ack(response);
        try {
          await listener({ ...args, ack });
        } catch (error) {
          if (!tracked.acked()) await ack({ options: [] });
          // No message to the user: options requests arrive per keystroke, so a DM each time would flood them.
          await report(
            error,
            `options ${nameOf(actionId)}`,
            { teamId: args.body.team?.id, userId: args.body.user.id },
            undefined,
          );
        }
        if (!tracked.acked()) await ack({ options: [] });
      });
    },

    event(name, listener) {
      app.event(name, async (args) => {
        try {
          await listener(args);
        } catch (error) {
          const userId = userOfEvent(args.event);
          const reply = userId ? dmRoute(args.client, userId) : undefined;
          await report(error, `event ${name}`, { teamId: args.context.teamId, userId }, reply);
        }
      });
    },
  };
}

/** Wraps an ack so the wrapper can tell whether the listener acked before it returned or threw. */
function trackAck<Response>(ack: (response: Response) => Promise<void>): {
  ack: (response: Response) => Promise<void>;
  acked: () => boolean;
} {
  let acked = false;
  return {
    ack: async (response) => {
      acked = true;
      await ack(response);
    },
    acked: () => acked,
  };
}

function respondRoute(respond: RespondFn): FailureReply {
  return {
    route: 'respond',
    send: async (text) => {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    },
  };
}

function dmRoute(client: webApi.WebClient, userId: string): FailureReply {
  return { route: 'dm', send: (text) => sendDirectMessage(client, userId, text) };
}

/**
 * Shows the failure in the modal the user submitted: under its first input, which keeps
 * what the user typed so they can submit again, or as a notice view when it has no input.
 */
function modalRoute(view: ViewOutput, ack: (response?: ViewResponseAction) => Promise<void>): FailureReply {
  const firstInput = view.blocks.find((block) => block.type === 'input' && block.block_id);
  return {
    route: 'modal',
    send: async (text) => {
      if (firstInput?.block_id) {
        await ack({ response_action: 'errors', errors: { [firstInput.block_id]: toPlainText(text) } });
      } else {
        await ack({ response_action: 'update', view: buildNoticeModal({ title: 'Request failed', text }) });
      }
    },
  };
}

/** Field errors are plain text, so the mrkdwn entities and code marks of the sentence are undone. */
function toPlainText(mrkdwn: string): string {
  return mrkdwn.replaceAll('`', '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** ` help` for `/bms help 123`: the first word when it looks like a subcommand, so no user text reaches the log. */
function subcommandOf(text: string): string {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return /^[a-z][a-z-]{0,19}$/.test(first) ? ` ${first}` : '';
}

function nameOf(id: string | RegExp): string {
  return typeof id === 'string' ? id : `/${id.source}/`;
}

function userOfEvent(event: object): string | undefined {
  const user = (event as { user?: unknown }).user;
  if (typeof user === 'string') return user;
  // Some events carry the user as an object (`user_change`, `team_join`).
  if (typeof user === 'object' && user !== null && typeof (user as { id?: unknown }).id === 'string') {
    return (user as { id: string }).id;
  }
  return undefined;
}
