import type Keyv from 'keyv';

/** The operations each store backend provides. `openStore` adds validation, memoizing and logging on top. */
export interface StoreBackend {
  readonly name: 'sqlite' | 'redis' | 'postgres';
  /** Creates a new Keyv for one namespace, over its own adapter instance. */
  createKeyv(namespace: string): Keyv<unknown>;
  /** Atomically creates `key` with `owner` unless a live claim exists; true when created. */
  claim(key: string, owner: string, ttlMs: number, now: number): Promise<boolean>;
  /** Deletes the claim on `key` when `owner` still owns it. */
  release(key: string, owner: string): Promise<void>;
  close(): Promise<void>;
}

/** Table (SQL) or key prefix (Redis) of the claims, apart from keyv's own data. */
export const CLAIMS_TABLE = 'bms_slack_claims';
export const REDIS_CLAIM_PREFIX = 'bms-slack:claim:';
