import { invalidField, notFound, SandboxFailure } from './envelope.ts';
import { parseFaultRequest } from './faults.ts';
import { findUserByName, type SandboxState } from './state.ts';
import { isPlainObject } from './validation.ts';

/** Prefix of the control paths; they are not BMS paths and are never counted or faulted. */
export const CONTROL_PREFIX = '/__sandbox/';

export interface ControlReply {
  status: number;
  body: unknown;
}

function parseControlBody(text: string): unknown {
  // Control bodies are read as JSON whatever the Content-Type, so `curl -d '{...}'` works without -H.
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalidField('body', 'The body must be JSON.');
  }
}

function ok(body: Record<string, unknown> = {}): ControlReply {
  return { status: 200, body: { ok: true, ...body } };
}

/**
 * Control endpoints: stats, reset, faults, clock and token revocation. Throws SandboxFailure
 * for a bad request, which the server turns into the usual error envelope.
 */
export function handleControl(
  state: SandboxState,
  method: string,
  path: string,
  bodyText: string,
): ControlReply {
  const action = `${method} ${path.slice(CONTROL_PREFIX.length - 1).replace(/\/$/, '')}`;
  switch (action) {
    case 'GET /stats':
      return { status: 200, body: { total: state.stats.total(), requests: state.stats.snapshot() } };
    case 'POST /reset':
      state.reset();
      return ok();
    case 'GET /faults':
      return ok({ faults: state.faults.list() });
    case 'POST /faults':
      state.faults.add(parseFaultRequest(parseControlBody(bodyText)));
      return ok({ faults: state.faults.list() });
    case 'DELETE /faults':
      state.faults.clear();
      return ok();
    case 'GET /clock':
      return ok({ now: state.nowIso(), offsetSeconds: state.clockOffsetMs / 1000 });
    case 'POST /clock':
      return advanceClock(state, parseControlBody(bodyText));
    case 'POST /revoke':
      return revoke(state, parseControlBody(bodyText));
    default:
      throw notFound('Control endpoint', action);
  }
}

function advanceClock(state: SandboxState, body: unknown): ControlReply {
  const seconds = isPlainObject(body) ? body.advanceSeconds : undefined;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    throw invalidField(
      'advanceSeconds',
      'advanceSeconds must be a number of seconds, like {"advanceSeconds": 3600}.',
    );
  }
  state.clockOffsetMs += seconds * 1000;
  return ok({ now: state.nowIso(), offsetSeconds: state.clockOffsetMs / 1000 });
}

function revoke(state: SandboxState, body: unknown): ControlReply {
  const userName = isPlainObject(body) ? body.userName : undefined;
  if (typeof userName !== 'string' || userName.trim() === '') {
    throw invalidField('userName', 'userName is required, like {"userName": "jane.doe"}.');
  }
  const user = findUserByName(userName);
  if (!user) throw new SandboxFailure(404, 404, `User ${userName} was not found.`);
  return ok({ revokedTokens: state.tokens.revokeUser(user.userId) });
}
