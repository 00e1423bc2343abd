import { type CacheScope, LOOKUP_KINDS } from '../src/cache/index.ts';
import { CACHE_NAMESPACE, scopeKeys } from '../src/cache/stored.ts';
import type { SlackServices } from '../src/slack/deps.ts';

/**
 * Deletes the cached lists of one BMS user at logout: the account list and its stamp, and every
 * lookup list. Locations are keyed per account, so instead of deleting each one the user's
 * location generation changes, which makes every stored location list non-current.
 * NOTE: the cache has no delete operation of its own, so this writes its keys directly. The lists
 * of a BMS user are shared by every Slack user logged in as that BMS user, and those users load
 * them again from BMS on their next read. Stale location lists leave the store when their
 * retention ends.
 */
export async function forgetCachedLists(
  services: Pick<SlackServices, 'store' | 'cache'>,
  scope: CacheScope,
): Promise<void> {
  const keys = scopeKeys(scope);
  const keyv = services.store.keyv(CACHE_NAMESPACE);
  await keyv.deleteMany([
    keys.accounts,
    keys.accountsStamp,
    ...LOOKUP_KINDS.map((kind) => keys.lookup(kind)),
  ]);
  // No BMS call: refresh('locations') only replaces the generation, and the api is never asked for.
  await services.cache
    .forUser(scope, () => Promise.reject(new Error('logout loads nothing from BMS')))
    .refresh('locations');
}
