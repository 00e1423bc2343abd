import { describe, expect, it } from 'vitest';
import { identityOf } from '../../src/slack/identity.ts';

describe('identityOf', () => {
  it('reads a slash command', () => {
    expect(identityOf({ team_id: 'T1', user_id: 'U1' })).toEqual({ teamId: 'T1', userId: 'U1' });
  });

  it('keeps the enterprise id', () => {
    expect(identityOf({ team_id: 'T1', user_id: 'U1', enterprise_id: 'E1' })).toEqual({
      enterpriseId: 'E1',
      teamId: 'T1',
      userId: 'U1',
    });
  });

  it('reads an interactive payload', () => {
    const body = { team: { id: 'T2' }, user: { id: 'U2', team_id: 'T2' }, enterprise: { id: 'E2' } };
    expect(identityOf(body)).toEqual({ enterpriseId: 'E2', teamId: 'T2', userId: 'U2' });
  });

  it('falls back to the user team', () => {
    expect(identityOf({ team: null, user: { id: 'U3', team_id: 'T3' }, enterprise: null })).toEqual({
      teamId: 'T3',
      userId: 'U3',
    });
  });

  it('reads an event user', () => {
    expect(identityOf({ team_id: 'T4', user: 'U4' })).toEqual({ teamId: 'T4', userId: 'U4' });
  });

  it('rejects a payload without a user', () => {
    expect(() => identityOf({ team_id: 'T5' })).toThrow(/no team or no user/);
  });
});
