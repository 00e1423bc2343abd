import type { Keyv } from 'keyv';
import { z } from 'zod';
import { type Clock, systemClock } from '../clock.ts';
import type { Store } from '../store.ts';
import {
  decrypt,
  type EncryptedRecord,
  encrypt,
  isEncryptedRecord,
  type KeyRing,
  VaultDecryptError,
} from './crypto.ts';
import { identityKey, type SlackIdentity } from './identity.ts';

/**
 * The per-user credential vault: one sealed record per Slack identity. The whole record is
 * encrypted, and the store receives only `{kid, iv, tag, data}`. The AAD names the record's kind and
 * identity key, so a record copied under another identity's key fails to open.
 */

export const VAULT_NAMESPACE = 'vault';
export const HELD_LOGIN_NAMESPACE = 'vault-logins';

const vaultRecordSchema = z.object({
  tenant: z.string(),
  userName: z.string(),
  bmsUserId: z.number(),
  bmsUserName: z.string(),
  accessToken: z.string(),
  /** ms since the epoch */
  accessTokenExpiresAt: z.number(),
  refreshToken: z.string(),
  /** ms since the epoch */
  refreshTokenExpiresAt: z.number(),
  /** Present only when the user chose to have it remembered. */
  password: z.string().optional(),
  /** ms since the epoch */
  updatedAt: z.number(),
});
export type VaultRecord = z.infer<typeof vaultRecordSchema>;

const heldLoginSchema = z.object({
  tenant: z.string(),
  userName: z.string(),
  password: z.string(),
  rememberPassword: z.boolean(),
  /** ms since the epoch */
  expiresAt: z.number(),
});
/** A login waiting for its MFA code: the password is kept, sealed, until the code arrives. */
export type HeldLogin = z.infer<typeof heldLoginSchema>;

export interface VaultRotation {
  /** Records re-sealed under the current key. */
  rotated: number;
  /** Records already sealed under the current key. */
  current: number;
  /** Identity keys whose records could not be opened (key not in the ring, or altered). */
  failed: string[];
}

export interface Vault {
  /** Throws VaultDecryptError when the record exists but cannot be opened. */
  get(identity: SlackIdentity): Promise<VaultRecord | undefined>;
  put(identity: SlackIdentity, record: VaultRecord): Promise<void>;
  /** True when a record was deleted. */
  delete(identity: SlackIdentity): Promise<boolean>;
  /**
   * Re-seals every record under the current key, so old keys can leave BMS_VAULT_OLD_KEYS. Held
   * logins are left alone: they expire within minutes and open with the old key meanwhile.
   */
  rotate(): Promise<VaultRotation>;
  /** Keeps a login that waits for its MFA code, for `ttlMs`. */
  holdLogin(identity: SlackIdentity, login: Omit<HeldLogin, 'expiresAt'>, ttlMs: number): Promise<void>;
  /** The held login of this identity, unless it expired or cannot be opened. */
  heldLogin(identity: SlackIdentity): Promise<HeldLogin | undefined>;
  dropHeldLogin(identity: SlackIdentity): Promise<void>;
}

export interface VaultOptions {
  store: Pick<Store, 'keyv'>;
  keyRing: KeyRing;
  clock?: Clock;
}

const recordAad = (key: string) => `bms-slack:vault-record:${key}`;
const heldLoginAad = (key: string) => `bms-slack:held-login:${key}`;

export function createVault(options: VaultOptions): Vault {
  const { keyRing } = options;
  const clock = options.clock ?? systemClock;
  const records: Keyv<EncryptedRecord> = options.store.keyv<EncryptedRecord>(VAULT_NAMESPACE);
  const heldLogins: Keyv<EncryptedRecord> = options.store.keyv<EncryptedRecord>(HELD_LOGIN_NAMESPACE);

  const open = (key: string, sealed: EncryptedRecord): VaultRecord =>
    vaultRecordSchema.parse(JSON.parse(decrypt(keyRing, sealed, recordAad(key))));

  return {
    async get(identity) {
      const key = identityKey(identity);
      const sealed = await records.get(key);
      if (sealed === undefined) return undefined;
      if (!isEncryptedRecord(sealed)) throw new VaultDecryptError('invalid', 'none');
      return open(key, sealed);
    },

    async put(identity, record) {
      const key = identityKey(identity);
      const checked = vaultRecordSchema.parse(record);
      await records.set(key, encrypt(keyRing, JSON.stringify(checked), recordAad(key)));
    },

    async delete(identity) {
      return records.delete(identityKey(identity));
    },

    async rotate() {
      const iterate = records.iterator;
      if (!iterate) {
        throw new Error(
          'This store cannot list its keys, so the vault cannot be rotated in one go. Each record is re-sealed under the current key when it is next written (at every token refresh).',
        );
      }

      // Read everything first: SQL adapters page with LIMIT/OFFSET, which writes during the walk can upset.
      const entries: Array<[string, unknown]> = [];
      for await (const [key, value] of iterate(undefined)) entries.push([String(key), value]);

      const rotation: VaultRotation = { rotated: 0, current: 0, failed: [] };
      for (const [key, sealed] of entries) {
        if (!isEncryptedRecord(sealed)) {
          rotation.failed.push(key);
          continue;
        }
        if (sealed.kid === keyRing.current.kid) {
          rotation.current += 1;
          continue;
        }
        try {
          const plaintext = decrypt(keyRing, sealed, recordAad(key));
          await records.set(key, encrypt(keyRing, plaintext, recordAad(key)));
          rotation.rotated += 1;
        } catch (error) {
          if (!(error instanceof VaultDecryptError)) throw error;
          rotation.failed.push(key);
        }
      }
      return rotation;
    },

    async holdLogin(identity, login, ttlMs) {
      const key = identityKey(identity);
      const held = heldLoginSchema.parse({ ...login, expiresAt: clock() + ttlMs });
      await heldLogins.set(key, encrypt(keyRing, JSON.stringify(held), heldLoginAad(key)), ttlMs);
    },

    async heldLogin(identity) {
      const key = identityKey(identity);
      const sealed = await heldLogins.get(key);
      if (sealed === undefined || !isEncryptedRecord(sealed)) return undefined;
      let held: HeldLogin;
      try {
        held = heldLoginSchema.parse(JSON.parse(decrypt(keyRing, sealed, heldLoginAad(key))));
      } catch (error) {
        // A held login that cannot be opened is as good as none: the user logs in again.
        if (error instanceof VaultDecryptError) return undefined;
        throw error;
      }
      // keyv judges its lifetime by the system clock; this check applies the injected clock.
      return held.expiresAt > clock() ? held : undefined;
    },

    async dropHeldLogin(identity) {
      await heldLogins.delete(identityKey(identity));
    },
  };
}
