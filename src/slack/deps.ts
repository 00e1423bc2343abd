import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

/**
 * The services listeners call. It is empty until the service layers are wired in: each adds
 * its field here, and main.ts supplies it.
 */
export type SlackServices = Record<never, never>;

/** Dependencies that every listener module receives at registration. */
export interface SlackDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  services: SlackServices;
}
