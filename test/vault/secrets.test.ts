import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SANDBOX_MFA_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_TENANT,
  SANDBOX_USERS,
  SANDBOX_WRONG_MFA_CODE,
} from '../../src/sandbox/index.ts';
import type { SlackIdentity } from '../../src/vault/identity.ts';
import { createPendingOperations } from '../../src/vault/pending.ts';
import { type Instance, type SessionHarness, startSessionHarness } from './harness.ts';

const JANE: SlackIdentity = { teamId: 'T0001', userId: 'U0JANE' };
const MAX: SlackIdentity = { teamId: 'T0001', userId: 'U0MAX' };

describe('vault secrets', () => {
  let harness: SessionHarness;
  let app: Instance;

  beforeEach(async () => {
    harness = await startSessionHarness();
    app = await harness.openInstance();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('no secret in logs, errors or store file', async () => {
    const secrets = new Set<string>([SANDBOX_PASSWORD, SANDBOX_MFA_CODE, SANDBOX_WRONG_MFA_CODE]);
    const errors: string[] = [];
    const collectTokens = async () => {
      for (const identity of [JANE, MAX]) {
        const record = await app.vault.get(identity);
        if (record) {
          secrets.add(record.accessToken);
          secrets.add(record.refreshToken);
        }
      }
    };
    const keepError = async (promise: Promise<unknown>) => {
      await promise.catch((error: unknown) => {
        errors.push(
          error instanceof Error ? `${error.name}: ${error.message} ${JSON.stringify(error)}` : String(error),
        );
      });
    };
    const maxLogin = {
      tenant: SANDBOX_TENANT,
      userName: SANDBOX_USERS.mfa.userName,
      password: SANDBOX_PASSWORD,
      rememberPassword: true,
    };

    // Logins: plain, failed, and with MFA (wrong code, then the right one).
    await app.sessions.login(JANE, { ...maxLogin, userName: SANDBOX_USERS.jane.userName });
    await keepError(
      app.sessions.login(JANE, {
        ...maxLogin,
        userName: SANDBOX_USERS.jane.userName,
        password: 'Wr0ng-Secret!',
      }),
    );
    secrets.add('Wr0ng-Secret!');
    await app.sessions.login(JANE, { ...maxLogin, userName: SANDBOX_USERS.jane.userName });
    await keepError(app.sessions.login(MAX, maxLogin));
    await keepError(app.sessions.completeMfa(MAX, SANDBOX_WRONG_MFA_CODE));
    await app.sessions.completeMfa(MAX, SANDBOX_MFA_CODE);
    await collectTokens();

    // A refresh, a re-login that needs a code, and a pending operation.
    await harness.advance(3600 - 30);
    await app.sessions.accessToken(JANE);
    await collectTokens();
    await harness.advance(86_400);
    await keepError(app.sessions.accessToken(MAX));
    await createPendingOperations({ store: app.store, clock: harness.clock }).savePending(MAX, {
      kind: 'ticket.create',
      payload: { Title: 'Printer jammed' },
      respondTo: { channelId: 'C0001' },
    });
    await app.sessions.accessToken(JANE);
    await collectTokens();
    secrets.add(harness.keyRing.current.key.toString('base64'));

    expect(errors.length).toBe(4);
    expect(secrets.size).toBeGreaterThan(8);

    const files = [harness.storePath, `${harness.storePath}-wal`].filter((path) => existsSync(path));
    const stored = files.map((path) => readFileSync(path).toString('latin1')).join('\n');
    expect(stored).toContain('ticket.create');
    const logs = harness.logger.lines.join('\n');
    expect(logs).toContain('BMS access token refreshed');

    // Booleans, so that a failure does not print the secret or a binary file.
    const errorText = errors.join('\n');
    for (const [index, secret] of [...secrets].entries()) {
      expect(logs.includes(secret), `secret ${index} in the logs`).toBe(false);
      expect(errorText.includes(secret), `secret ${index} in an error`).toBe(false);
      expect(stored.includes(secret), `secret ${index} in the store file`).toBe(false);
    }
  });
});
