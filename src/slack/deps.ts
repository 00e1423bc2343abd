import type { BmsApi, BmsClient } from '../bms/index.ts';
import type { BmsCache } from '../cache/index.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store.ts';
import type { PendingOperations } from '../vault/pending.ts';
import type { SessionManager } from '../vault/sessions.ts';

/** The layers below Slack that listeners call; src/runtime.ts builds them, tests build them against the sandbox. */
export interface SlackServices {
  store: Store;
  client: BmsClient;
  sessions: SessionManager<BmsApi>;
  pending: PendingOperations;
  cache: BmsCache;
}

/** Dependencies that every listener module receives at registration. */
export interface SlackDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Absent only in tests of the Slack shell itself, which need no BMS. */
  services?: SlackServices;
}
