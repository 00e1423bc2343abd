import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeKeys } from '../../src/cache/stored.ts';
import { SAMPLE_TICKET_ID, SANDBOX_TENANT, SANDBOX_USERS } from '../../src/sandbox/index.ts';
import { LOGIN_PROMPT_ACTION } from '../../views/login-prompt.ts';
import { MFA_PROMPT_ACTION } from '../../views/mfa-prompt.ts';
import { type AppHarness, startAppHarness } from '../support/app-harness.ts';
import { bms, buttonActionIds, directMessages, ENDPOINTS, messageText, servedSince } from './flow-helpers.ts';

const DAY_MS = 24 * 3600 * 1000;
let harness: AppHarness;

beforeAll(async () => {
  harness = await startAppHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('auth commands', () => {
  it('shows the session in whoami', async () => {
    await harness.loginAs('U0WHO', SANDBOX_USERS.jane, true);
    const before = await harness.bmsStats();
    for (const line of ['whoami', 'auth status']) {
      const { reply } = await bms(harness, line, { user: 'U0WHO' });
      const text = messageText(reply);
      expect(text).toContain(SANDBOX_TENANT);
      expect(text).toContain(SANDBOX_USERS.jane.fullName);
      expect(text).toContain(SANDBOX_USERS.jane.userName);
      expect(text).toContain('Yes (encrypted)');
      expect(text).toMatch(/<!date\^\d+\^/);
    }
    expect(await harness.bmsStats()).toEqual(before);
  });

  it('offers a login in whoami when signed out', async () => {
    const { reply } = await bms(harness, 'whoami', { user: 'U0NOSESSION' });
    expect(buttonActionIds(reply.blocks)).toEqual([LOGIN_PROMPT_ACTION]);
  });

  it('refreshes on request', async () => {
    await harness.loginAs('U0REFRESH');
    const before = await harness.bmsStats();
    const identity = harness.identity('U0REFRESH');
    const old = await harness.runtime.services.sessions.status(identity);
    await harness.advance(60_000);

    const { reply } = await bms(harness, 'auth refresh', { user: 'U0REFRESH' });
    expect(messageText(reply)).toContain('Your BMS session was renewed.');
    expect(await servedSince(harness, before, ENDPOINTS.refresh)).toBe(1);
    const renewed = await harness.runtime.services.sessions.status(identity);
    expect(renewed?.accessTokenExpiresAt).toBeGreaterThan(old?.accessTokenExpiresAt ?? 0);
    expect(messageText(reply)).toContain(
      `<!date^${Math.floor((renewed?.accessTokenExpiresAt ?? 0) / 1000)}^`,
    );
  });

  it('asks for the code when a refresh needs one', async () => {
    await harness.loginAs('U0REFRESHMFA', SANDBOX_USERS.mfa, true);
    await harness.advance(DAY_MS + 1000);
    await bms(harness, 'auth refresh', { user: 'U0REFRESHMFA' });
    const [prompt] = directMessages(harness, 'U0REFRESHMFA');
    expect(buttonActionIds(prompt?.args.blocks)).toEqual([MFA_PROMPT_ACTION]);
  });

  it('logs out and forgets everything', async () => {
    const user = 'U0LEAVER';
    const identity = harness.identity(user);
    const { sessions, pending, cache, store } = harness.runtime.services;
    await harness.loginAs(user, SANDBOX_USERS.jane, true);
    const scope = { tenant: SANDBOX_TENANT, bmsUserId: SANDBOX_USERS.jane.userId };
    await cache.forUser(scope, () => sessions.api(identity)).accounts();
    const cached = store.keyv('cache');
    expect(await cached.get(scopeKeys(scope).accounts)).toBeDefined();
    await pending.savePending(identity, { kind: 'ticket.show', payload: {}, respondTo: {} });

    const { reply } = await bms(harness, 'logout', { user });
    expect(String(reply.text)).toContain('You are logged out of BMS');
    expect(String(reply.text)).toContain('1 request(s) waiting for a login were cancelled');
    expect(await sessions.status(identity)).toBeUndefined();
    expect(await pending.listPending(identity)).toEqual([]);
    expect(await cached.get(scopeKeys(scope).accounts)).toBeUndefined();

    const after = await bms(harness, `ticket ${SAMPLE_TICKET_ID}`, { user });
    expect(buttonActionIds(after.reply.blocks)).toEqual([LOGIN_PROMPT_ACTION]);
  });

  it('accepts auth logout when signed out', async () => {
    const { reply } = await bms(harness, 'auth logout', { user: 'U0NEVER' });
    expect(String(reply.text)).toContain('You were not logged in to BMS');
  });
});
