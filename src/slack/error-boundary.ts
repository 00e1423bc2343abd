import { isBmsError } from '../bms/errors.ts';
import type { LogFields, Logger } from '../log.ts';
import { describeError } from './error-text.ts';
import { slackFailureOf } from './slack-errors.ts';

/**
 * The single error boundary of the Slack app. Every listener wrapper in registry.ts catches
 * what its listener throws and hands it here: the user gets one short sentence by the route
 * the wrapper chose, and the log gets one line with team, user, listener and error kind.
 */

/** The route by which the user is told of a failure. */
export type ReplyRoute = 'respond' | 'modal' | 'dm' | 'none';

export interface ListenerFailure {
  error: unknown;
  /** The listener, e.g. `command /bms ticket`, `view create_ticket`, `shortcut create_ticket`. */
  listener: string;
  teamId?: string;
  userId?: string;
}

export interface FailureReply {
  route: Exclude<ReplyRoute, 'none'>;
  send: (text: string) => Promise<void>;
}

/** Returns the BmsError kind for BMS errors, `slack` for Slack refusals and `unknown` for the rest. */
export function errorKindOf(error: unknown): string {
  if (isBmsError(error)) return error.kind;
  if (slackFailureOf(error)) return 'slack';
  return 'unknown';
}

const MAX_LOGGED_MESSAGE = 200;

/** Tells the user (when `reply` is given) and writes one log line. A failed reply is logged in that line, not thrown. */
export async function reportListenerError(
  failure: ListenerFailure,
  logger: Logger,
  reply: FailureReply | undefined,
): Promise<void> {
  let replyError: string | undefined;
  if (reply) {
    try {
      await reply.send(describeError(failure.error));
    } catch (error) {
      replyError = slackFailureOf(error)?.code ?? (error instanceof Error ? error.name : 'unknown');
    }
  }

  logger.error('listener failed', {
    team: failure.teamId,
    user: failure.userId,
    listener: failure.listener,
    kind: errorKindOf(failure.error),
    ...errorFields(failure.error),
    reply: reply?.route ?? 'none',
    reply_error: replyError,
  });
}

/** Collects the log fields of an error: codes and a shortened message, never a stack trace. */
function errorFields(error: unknown): LogFields {
  if (isBmsError(error)) {
    return {
      endpoint: error.endpoint,
      status: error.status,
      bms_code: error.bmsCode,
      message: shorten(error.message),
    };
  }
  const slackFailure = slackFailureOf(error);
  if (slackFailure) return { slack_error: slackFailure.code };
  if (error instanceof Error) return { error: error.name, message: shorten(error.message) };
  return { error: typeof error };
}

function shorten(text: string): string {
  return text.length > MAX_LOGGED_MESSAGE ? `${text.slice(0, MAX_LOGGED_MESSAGE - 1)}…` : text;
}
