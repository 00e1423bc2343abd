import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for vault records. Each record carries the id of the key that sealed it, so a
 * key ring (the current key plus old ones) can open records written before a key change, and
 * `Vault.rotate()` can re-seal them under the current key.
 */

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
/** 96 bits is the IV length GCM is specified for; a random IV per record. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEYGEN_HINT = 'Run `npm run keygen` to create a key.';

export interface VaultKey {
  /** First 8 hex digits of the key's SHA-256: names the key without revealing it. */
  kid: string;
  key: Buffer;
}

export interface KeyRing {
  /** Seals every new record. */
  current: VaultKey;
  /** Opens records sealed with any of these keys (the current key included). */
  byKid: ReadonlyMap<string, VaultKey>;
}

/** A sealed record as stored: every field is text, so any keyv backend keeps it as JSON. */
export interface EncryptedRecord {
  kid: string;
  /** base64 */
  iv: string;
  /** base64 */
  tag: string;
  /** base64 */
  data: string;
}

export class VaultKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultKeyError';
  }
}

export type VaultDecryptFailure = 'unknown_key' | 'invalid';

/** A record that cannot be opened: its key is not in the ring, or it was altered or moved. */
export class VaultDecryptError extends Error {
  readonly reason: VaultDecryptFailure;
  readonly kid: string;

  constructor(reason: VaultDecryptFailure, kid: string, cause?: unknown) {
    super(
      reason === 'unknown_key'
        ? `Vault record was sealed with key ${kid}, which is neither BMS_VAULT_KEY nor in BMS_VAULT_OLD_KEYS.`
        : `Vault record sealed with key ${kid} failed authentication: it was altered or belongs to another identity.`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'VaultDecryptError';
    this.reason = reason;
    this.kid = kid;
  }
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * Decodes a base64 vault key. Unless the text is standard base64 of exactly 32 bytes, throws a
 * VaultKeyError that explains what is wrong without showing the value.
 */
export function parseVaultKey(text: string, setting = 'BMS_VAULT_KEY'): Buffer {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new VaultKeyError(`${setting} is empty. ${KEYGEN_HINT}`);
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) {
    throw new VaultKeyError(
      `${setting} is not valid base64 (A-Z, a-z, 0-9, +, / and = padding). ${KEYGEN_HINT}`,
    );
  }
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new VaultKeyError(
      `${setting} decodes to ${key.length} bytes, but a vault key is exactly ${KEY_BYTES} bytes. ${KEYGEN_HINT}`,
    );
  }
  return key;
}

/** Builds a key ring from the current key and the keys it replaced. */
export function createKeyRing(current: Buffer, oldKeys: readonly Buffer[] = []): KeyRing {
  for (const key of [current, ...oldKeys]) {
    if (key.length !== KEY_BYTES) {
      throw new VaultKeyError(
        `A vault key must be exactly ${KEY_BYTES} bytes, not ${key.length}. ${KEYGEN_HINT}`,
      );
    }
  }
  const currentKey: VaultKey = { kid: keyId(current), key: current };
  const byKid = new Map<string, VaultKey>();
  for (const key of oldKeys) byKid.set(keyId(key), { kid: keyId(key), key });
  byKid.set(currentKey.kid, currentKey);
  return { current: currentKey, byKid };
}

/** Reads BMS_VAULT_KEY and the optional comma-separated BMS_VAULT_OLD_KEYS. */
export function keyRingFromEnvironment(environment: NodeJS.ProcessEnv = process.env): KeyRing {
  const current = parseVaultKey(environment.BMS_VAULT_KEY ?? '');
  const oldKeys = (environment.BMS_VAULT_OLD_KEYS ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part, index) => parseVaultKey(part, `BMS_VAULT_OLD_KEYS entry ${index + 1}`));
  return createKeyRing(current, oldKeys);
}

/**
 * Seals `plaintext` under the ring's current key. `aad` (additional authenticated data) is not
 * stored; the same text must be given to decrypt, which ties the record to where it belongs.
 */
export function encrypt(ring: KeyRing, plaintext: string, aad: string): EncryptedRecord {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, ring.current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    kid: ring.current.kid,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Opens a sealed record; throws VaultDecryptError when the key is unknown or authentication fails. */
export function decrypt(ring: KeyRing, record: EncryptedRecord, aad: string): string {
  const vaultKey = ring.byKid.get(record.kid);
  if (!vaultKey) throw new VaultDecryptError('unknown_key', record.kid);

  const iv = Buffer.from(record.iv, 'base64');
  const tag = Buffer.from(record.tag, 'base64');
  // A short tag would weaken GCM's check, so only full-length tags and IVs are accepted.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new VaultDecryptError('invalid', record.kid);

  const decipher = createDecipheriv(ALGORITHM, vaultKey.key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(record.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch (error) {
    throw new VaultDecryptError('invalid', record.kid, error);
  }
}

/** Whether a stored value has the shape of an EncryptedRecord. */
export function isEncryptedRecord(value: unknown): value is EncryptedRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['kid', 'iv', 'tag', 'data'].every((field) => typeof record[field] === 'string');
}
