import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { FaultQueue } from './faults.ts';
import { RESTRICTED_ACCOUNT_ID, SANDBOX_USER_LIST, type SandboxUser } from './fixtures.ts';
import { type AccountDirectory, buildAccountDirectory } from './seed-accounts.ts';
import { buildServiceDesk, type ServiceDesk } from './seed-tickets.ts';
import { RequestStats } from './stats.ts';
import { TokenStore } from './tokens.ts';

export interface SandboxConfig {
  accounts: number;
  tickets: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  latencyMs: number;
  clock: Clock;
  logger: Logger;
}

/**
 * Everything one sandbox holds. Accounts never change, so they are built once; tickets and notes
 * are built on first use after each reset, which keeps `reset()` itself instant.
 */
export class SandboxState {
  readonly config: SandboxConfig;
  readonly tokens: TokenStore;
  readonly faults = new FaultQueue();
  readonly stats = new RequestStats();
  /** Added to the injected clock by `POST /__sandbox/clock`. */
  clockOffsetMs = 0;

  private directoryCache: AccountDirectory | undefined;
  private deskCache: ServiceDesk | undefined;

  constructor(config: SandboxConfig) {
    this.config = config;
    this.tokens = new TokenStore(config.accessTokenTtlSeconds, config.refreshTokenTtlSeconds);
  }

  get directory(): AccountDirectory {
    this.directoryCache ??= buildAccountDirectory(this.config.accounts);
    return this.directoryCache;
  }

  get desk(): ServiceDesk {
    this.deskCache ??= buildServiceDesk(this.directory, this.config.tickets);
    return this.deskCache;
  }

  now(): number {
    return this.config.clock() + this.clockOffsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Reseeds tickets and notes and clears stats, faults, the clock offset and every token. */
  reset(): void {
    this.deskCache = undefined;
    this.tokens.clear();
    this.faults.clear();
    this.stats.clear();
    this.clockOffsetMs = 0;
  }
}

export function findUserById(userId: number): SandboxUser | undefined {
  return SANDBOX_USER_LIST.find((user) => user.userId === userId);
}

export function findUserByName(userName: string): SandboxUser | undefined {
  const normalized = userName.trim().toLowerCase();
  return SANDBOX_USER_LIST.find((user) => user.userName === normalized);
}

/** Denies every sandbox user the account "Restricted Holdings", so that 403 responses can be tested. */
export function canSeeAccount(_user: SandboxUser, accountId: number): boolean {
  return accountId !== RESTRICTED_ACCOUNT_ID;
}
