import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';

export interface SandboxOptions {
  /** Interface to listen on; 127.0.0.1 when absent. */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free port. */
  port?: number;
  /** Delay added to every BMS request, in milliseconds. */
  latencyMs?: number;
  /** Lifetime of access tokens in seconds (3600 when absent). */
  accessTokenTtlSeconds?: number;
  /** Lifetime of refresh tokens in seconds (86400 when absent). */
  refreshTokenTtlSeconds?: number;
  /** Number of seeded accounts (2000 when absent, at least 8). */
  accounts?: number;
  /** Number of seeded tickets, ids from 10001 (5000 when absent). */
  tickets?: number;
  /** Time source for token expiry; `POST /__sandbox/clock` moves it further. */
  clock?: Clock;
  logger?: Logger;
}

export interface SandboxServer {
  /** Base URL without a trailing slash, like http://127.0.0.1:4010. */
  url: string;
  /** Stops listening and destroys every open connection, held requests included. */
  close(): Promise<void>;
  /** Same as `POST /__sandbox/reset`. */
  reset(): void;
  /** Requests counted per `METHOD /path/template`, as `GET /__sandbox/stats` lists them. */
  stats(): Record<string, number>;
}
