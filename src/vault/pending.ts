import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Clock, systemClock } from '../clock.ts';
import type { Store } from '../store.ts';
import { identityKey, type SlackIdentity } from './identity.ts';

/**
 * Operations waiting for a login or an MFA code, kept in the shared store so that whichever
 * instance receives the code can finish them, and the MFA attempt limit. Payloads are plain JSON
 * and unencrypted, so they must never contain a password, code or token; `savePending` rejects
 * fields with such names.
 */

export const PENDING_NAMESPACE = 'pending';
export const DEFAULT_PENDING_TTL_MS = 10 * 60_000;
export const DEFAULT_MFA_MAX_FAILURES = 5;
export const DEFAULT_MFA_WINDOW_MS = 15 * 60_000;

/** Destination of the report once the operation has run. */
export interface RespondTo {
  responseUrl?: string;
  channelId?: string;
  threadTs?: string;
}

export interface PendingOperation {
  /** Name of the operation, such as `ticket.create`; the caller maps kinds to handlers. */
  kind: string;
  payload: unknown;
  respondTo: RespondTo;
}

const identitySchema = z.object({
  enterpriseId: z.string().optional(),
  teamId: z.string(),
  userId: z.string(),
});

const pendingRecordSchema = z.object({
  id: z.string(),
  identity: identitySchema,
  kind: z.string(),
  payload: z.unknown(),
  respondTo: z.object({
    responseUrl: z.string().optional(),
    channelId: z.string().optional(),
    threadTs: z.string().optional(),
  }),
  /** ms since the epoch */
  createdAt: z.number(),
  /** ms since the epoch */
  expiresAt: z.number(),
});
export type PendingRecord = z.infer<typeof pendingRecordSchema>;

export interface PendingOperations {
  /** Saves an operation for the identity; returns its id. */
  savePending(identity: SlackIdentity, operation: PendingOperation): Promise<string>;
  /** Removes and returns the operation; exactly one caller across all instances gets it. */
  takePending(id: string): Promise<PendingRecord | undefined>;
  /** The identity's unexpired operations, oldest first. */
  listPending(identity: SlackIdentity): Promise<PendingRecord[]>;
  /** Counts a wrong MFA code; returns when the user may try again if this failure paused them. */
  recordMfaFailure(identity: SlackIdentity): Promise<number | undefined>;
  /** When the user may try an MFA code again (ms since the epoch), or undefined when they may now. */
  mfaLocked(identity: SlackIdentity): Promise<number | undefined>;
  /** Forgets the wrong codes, after a successful login. */
  clearMfaFailures(identity: SlackIdentity): Promise<void>;
}

export interface PendingOptions {
  store: Pick<Store, 'keyv' | 'claim'>;
  clock?: Clock;
  /** Lifetime of a pending operation. Default 10 minutes. */
  ttlMs?: number;
  /** Wrong MFA codes allowed within `windowMs` before tries pause. Default 5 in 15 minutes. */
  mfa?: { maxFailures?: number; windowMs?: number };
}

/** Field names that would mean a secret in a payload, compared without case, `_` or `-`. */
const SECRET_FIELD_NAMES = new Set([
  'password',
  'mfacode',
  'code',
  'accesstoken',
  'refreshtoken',
  'token',
  'secret',
]);
const ID_PATTERN = /^[0-9a-f-]{36}$/;

export function createPendingOperations(options: PendingOptions): PendingOperations {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const ttlMs = options.ttlMs ?? DEFAULT_PENDING_TTL_MS;
  const maxFailures = options.mfa?.maxFailures ?? DEFAULT_MFA_MAX_FAILURES;
  const windowMs = options.mfa?.windowMs ?? DEFAULT_MFA_WINDOW_MS;
  const keyv = store.keyv<unknown>(PENDING_NAMESPACE);

  const operationKey = (id: string) => `operation:${id}`;
  const indexKey = (identity: SlackIdentity) => `by-identity:${identityKey(identity)}`;
  const failuresKey = (identity: SlackIdentity) => `mfa-failures:${identityKey(identity)}`;

  async function readOperation(id: string): Promise<PendingRecord | undefined> {
    const parsed = pendingRecordSchema.safeParse(await keyv.get(operationKey(id)));
    if (!parsed.success || parsed.data.expiresAt <= clock()) return undefined;
    return parsed.data;
  }

  async function readIndex(identity: SlackIdentity): Promise<string[]> {
    const parsed = z.array(z.string()).safeParse(await keyv.get(indexKey(identity)));
    return parsed.success ? parsed.data : [];
  }

  async function recentFailures(identity: SlackIdentity): Promise<number[]> {
    const parsed = z.array(z.number()).safeParse(await keyv.get(failuresKey(identity)));
    const since = clock() - windowMs;
    return parsed.success ? parsed.data.filter((time) => time > since) : [];
  }

  /** The time the oldest of the last `maxFailures` failures leaves the window, if that is still ahead. */
  function pausedUntil(failures: number[]): number | undefined {
    if (failures.length < maxFailures) return undefined;
    const sorted = [...failures].sort((a, b) => a - b);
    const until = (sorted[sorted.length - maxFailures] ?? 0) + windowMs;
    return until > clock() ? until : undefined;
  }

  return {
    async savePending(identity, operation) {
      checkPayload(operation.payload, 'payload');
      const now = clock();
      const record = pendingRecordSchema.parse({
        id: randomUUID(),
        identity: { ...identity },
        kind: operation.kind,
        // A JSON round trip keeps exactly what every backend would store.
        payload: JSON.parse(JSON.stringify(operation.payload ?? null)),
        respondTo: operation.respondTo,
        createdAt: now,
        expiresAt: now + ttlMs,
      });
      await keyv.set(operationKey(record.id), record, ttlMs);

      // NOTE: read-modify-write: two instances saving for one user at the same moment may drop an id
      // from the index. listPending then misses it; takePending by id still finds it.
      const live: string[] = [];
      for (const id of await readIndex(identity)) if (await readOperation(id)) live.push(id);
      await keyv.set(indexKey(identity), [...live, record.id], ttlMs);
      return record.id;
    },

    async takePending(id) {
      if (!ID_PATTERN.test(id)) return undefined;
      if (!(await store.claim(`pending-take:${id}`, ttlMs))) return undefined;
      const record = await readOperation(id);
      await keyv.delete(operationKey(id));
      if (!record) return undefined;

      const remaining = (await readIndex(record.identity)).filter((other) => other !== id);
      if (remaining.length > 0) await keyv.set(indexKey(record.identity), remaining, ttlMs);
      else await keyv.delete(indexKey(record.identity));
      return record;
    },

    async listPending(identity) {
      const records: PendingRecord[] = [];
      for (const id of await readIndex(identity)) {
        const record = await readOperation(id);
        if (record) records.push(record);
      }
      return records.sort((a, b) => a.createdAt - b.createdAt);
    },

    async recordMfaFailure(identity) {
      // NOTE: read-modify-write: failures recorded at the same moment on two instances may count once.
      const failures = [...(await recentFailures(identity)), clock()];
      await keyv.set(failuresKey(identity), failures, windowMs);
      return pausedUntil(failures);
    },

    async mfaLocked(identity) {
      return pausedUntil(await recentFailures(identity));
    },

    async clearMfaFailures(identity) {
      await keyv.delete(failuresKey(identity));
    },
  };
}

/** Throws when the payload is not JSON or has a field whose name means a secret. */
function checkPayload(value: unknown, path: string): void {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) return;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkPayload(item, `${path}[${index}]`);
    return;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new TypeError(`Pending operation ${path} is not plain JSON data.`);
  }
  for (const [name, field] of Object.entries(value)) {
    if (SECRET_FIELD_NAMES.has(name.toLowerCase().replace(/[-_]/g, ''))) {
      throw new TypeError(
        `Pending operation ${path}.${name} looks like a secret; payloads must not carry one.`,
      );
    }
    checkPayload(field, `${path}.${name}`);
  }
}
