import type { BmsApi, BmsClient } from '../../src/bms/index.ts';
import { createManualClock } from '../../src/clock.ts';
import {
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  type SandboxServer,
  type SandboxUser,
  startSandbox,
} from '../../src/sandbox/index.ts';

/** Sandbox time at start; token expiry is judged by this clock, so expiry times are exact. */
export const SANDBOX_START = Date.parse('2026-01-05T09:00:00Z');

export interface SandboxFixture {
  sandbox: SandboxServer;
  clock: ReturnType<typeof createManualClock>;
}

/** Starts a small sandbox (300 accounts) with a manual clock. */
export async function startTestSandbox(): Promise<SandboxFixture> {
  const clock = createManualClock(SANDBOX_START);
  const sandbox = await startSandbox({ accounts: 300, clock });
  return { sandbox, clock };
}

/** Sends a control request (`/__sandbox/...`) and fails the test unless it is accepted. */
export async function control(
  sandbox: SandboxServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<void> {
  const response = await fetch(`${sandbox.url}/__sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`control ${method} ${path} failed with ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

export interface FaultRequest {
  fault: 'http500' | 'html' | '429' | 'success-false' | 'malformed-json' | 'drop' | 'timeout' | 'latency';
  method?: string;
  path?: string;
  times?: number;
  retryAfterSeconds?: number;
  latencyMs?: number;
}

export function injectFault(sandbox: SandboxServer, fault: FaultRequest): Promise<void> {
  return control(sandbox, 'POST', 'faults', fault);
}

/** Logs a user in through the client and returns the API bound to the new access token. */
export async function loginAs(client: BmsClient, user: SandboxUser = SANDBOX_USERS.jane): Promise<BmsApi> {
  const tokens = await client.authenticate({
    tenant: SANDBOX_TENANT,
    userName: user.userName,
    password: SANDBOX_PASSWORD,
  });
  return client.withToken(tokens.accessToken);
}
