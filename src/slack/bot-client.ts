import { webApi } from '@slack/bolt';
import { toBoltLevel, toBoltLogger } from './bolt-logger.ts';
import type { SlackDeps } from './deps.ts';

/** Each Web API call gives up after this long, as the app's own client does. */
const WEB_API_TIMEOUT_MS = 10_000;

const clients = new WeakMap<SlackDeps['config'], webApi.WebClient>();

/**
 * Returns a Web API client with the bot token, for work that runs where no listener's client
 * is at hand (a pending operation finishing after a login, the user runner's DM prompt).
 * Retries are off for the same reason as in app.ts: the user is waiting, and a retried post
 * may post twice. One client per Config, so its connection pool is shared.
 */
export function botClient(deps: Pick<SlackDeps, 'config' | 'logger'>): webApi.WebClient {
  const known = clients.get(deps.config);
  if (known) return known;
  const { config, logger } = deps;
  const client = new webApi.WebClient(config.slack.botToken, {
    logger: toBoltLogger(logger, config.logLevel),
    logLevel: toBoltLevel(config.logLevel),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: WEB_API_TIMEOUT_MS,
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  });
  clients.set(config, client);
  return client;
}
