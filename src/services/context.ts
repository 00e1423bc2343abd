import type { BmsApi } from '../bms/index.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { AccountDirectory } from './account-directory.ts';

/**
 * What every use case needs: the BMS API as the calling user, a clock for defaults such as
 * "open date: now", a logger, and where accounts and locations come from (BMS directly, or the
 * cache, which implements the same interface).
 */
export interface ServiceContext {
  api: BmsApi;
  clock: Clock;
  logger: Logger;
  directory: AccountDirectory;
}
