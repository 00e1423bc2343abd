import type { AddressInfo } from 'node:net';
import { App, type Context as BoltContext, HTTPReceiver, webApi } from '@slack/bolt';
import { registerListeners } from '../../commands/index.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { toBoltLevel, toBoltLogger } from './bolt-logger.ts';
import type { SlackDeps, SlackServices } from './deps.ts';
import { reportListenerError } from './error-boundary.ts';
import { type Registrations, recordRegistrations } from './registrations.ts';
import { createListenerRegistry, type ListenerRegistry } from './registry.ts';
import { slackFailureOf } from './slack-errors.ts';

/**
 * Builds the Bolt app: Socket Mode when an app-level token is configured, otherwise an HTTP
 * receiver with `POST /slack/events` for commands, interactivity, options and events, and
 * `GET /healthz`. Every listener of commands/ and views/ is registered through the error
 * boundary of registry.ts.
 */

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

/** Each Web API call gives up after this long, so a hung call cannot hold a user's request. */
const WEB_API_TIMEOUT_MS = 10_000;

export interface CreateSlackAppOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  services?: SlackServices;
}

export type SlackMode = 'http' | 'socket';

export interface StartedSlackApp {
  mode: SlackMode;
  /** The bound HTTP port (HTTP mode only); the real one when port 0 was requested. */
  port?: number;
}

export interface SlackApp {
  readonly app: App;
  readonly mode: SlackMode;
  /** Registers more listeners through the same error boundary (tests use it too). */
  readonly registry: ListenerRegistry;
  /** Everything registered on the app so far, by name. */
  readonly registrations: Registrations;
  readonly deps: SlackDeps;
  /** Checks the bot token with `auth.test`, then listens; `port` overrides `config.slack.port`. */
  start(port?: number): Promise<StartedSlackApp>;
  stop(): Promise<void>;
}

export function createSlackApp(options: CreateSlackAppOptions): SlackApp {
  const { config, logger } = options;
  const deps: SlackDeps = {
    config,
    logger,
    clock: options.clock ?? systemClock,
    services: options.services,
  };
  const boltLogger = toBoltLogger(logger, config.logLevel);
  const mode: SlackMode = config.slack.appToken ? 'socket' : 'http';

  const clientOptions: webApi.WebClientOptions = {
    // Retries are off for every call, because each call serves a user who is waiting. The
    // SDK's default of 10 retries over about 30 minutes leaves that user without a response.
    // A trigger id expires after 3 s, so retrying a call that carries one can only fail. And
    // retrying a post whose first attempt reached Slack posts it twice. A failure goes to the
    // error boundary, which tells the user to try again, and a rate limit rejects at once
    // with its wait time.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: WEB_API_TIMEOUT_MS,
  };
  if (config.slack.apiUrl) clientOptions.slackApiUrl = config.slack.apiUrl;

  // NOTE: Socket Mode opens no HTTP port, so there is no GET /healthz to probe in that mode.
  const receiver = mode === 'http' ? createHttpReceiver(config, boltLogger) : undefined;
  const app = new App({
    token: config.slack.botToken,
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.slack.appToken }),
    logger: boltLogger,
    logLevel: toBoltLevel(config.logLevel),
    clientOptions,
    // auth.test runs in start(), where a refused token becomes a clear start-up error.
    deferInitialization: true,
    extendedErrorHandler: true,
  });

  const registrations = recordRegistrations(app);
  const registry = createListenerRegistry(app, logger);

  // Listener wrappers catch their own errors, so this handler receives only the rest (authorization, middleware).
  app.error(
    async ({
      error,
      context,
    }: {
      error: Error & { code?: string; original?: unknown };
      context: BoltContext;
    }) => {
      await reportListenerError(
        { error: unwrapBoltError(error), listener: 'bolt', teamId: context.teamId, userId: context.userId },
        logger,
        undefined,
      );
    },
  );

  registerListeners(registry, deps);

  let started = false;
  return {
    app,
    mode,
    registry,
    registrations,
    deps,

    async start(port) {
      await verifyBotToken(app, config);
      if (receiver) {
        const server = await receiver.start(port ?? config.slack.port);
        started = true;
        return { mode, port: (server.address() as AddressInfo).port };
      }
      await verifyAppToken(config);
      await app.start();
      started = true;
      return { mode };
    },

    async stop() {
      if (!started) return;
      started = false;
      await app.stop();
    },
  };
}

function createHttpReceiver(config: Config, boltLogger: ReturnType<typeof toBoltLogger>): HTTPReceiver {
  const { signingSecret } = config.slack;
  if (!signingSecret) {
    throw new Error(
      'SLACK_SIGNING_SECRET is missing: HTTP mode needs it to verify requests; or set SLACK_APP_TOKEN for Socket Mode',
    );
  }
  return new HTTPReceiver({
    signingSecret,
    endpoints: EVENTS_PATH,
    logger: boltLogger,
    // Ack at once and keep working after it: the listeners ack first and then call BMS.
    processBeforeResponse: false,
    signatureVerification: true,
    customRoutes: [
      {
        path: HEALTH_PATH,
        method: ['GET'],
        handler: (_request, response) => {
          response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          response.end('ok');
        },
      },
    ],
  });
}

/** Runs Bolt's deferred initialization (auth.test) and turns a refusal into one clear message. */
/**
 * Opens one Socket Mode connection URL with the app-level token before Bolt starts, because
 * Bolt's Socket Mode client retries a rejected token forever and only logs it.
 */
async function verifyAppToken(config: Config): Promise<void> {
  const client = new webApi.WebClient(config.slack.appToken, {
    retryConfig: { retries: 0 },
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  });
  try {
    await client.apps.connections.open();
  } catch (error) {
    const failure = slackFailureOf(error);
    throw new Error(
      `Slack rejected SLACK_APP_TOKEN (apps.connections.open returned ${failure?.code ?? 'no response'}): create an app-level token with the connections:write scope under Basic Information > App-Level Tokens, or unset SLACK_APP_TOKEN to use HTTP mode`,
      { cause: error },
    );
  }
}

async function verifyBotToken(app: App, config: Config): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    const failure = slackFailureOf(error);
    if (failure?.code === 'request_failed' || failure?.code.startsWith('http_')) {
      throw new Error(
        `Could not reach the Slack Web API at ${config.slack.apiUrl ?? 'https://slack.com/api/'}`,
        {
          cause: error,
        },
      );
    }
    if (failure) {
      throw new Error(
        `Slack rejected SLACK_BOT_TOKEN (auth.test returned ${failure.code}): copy the Bot User OAuth Token again`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** Bolt wraps errors that have no `code` in an UnknownError whose `original` is what was thrown. */
function unwrapBoltError(error: Error & { code?: string; original?: unknown }): unknown {
  return error.code === 'slack_bolt_unknown_error' && error.original !== undefined ? error.original : error;
}
