import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createKeyRing,
  decrypt,
  encrypt,
  keyId,
  keyRingFromEnvironment,
  parseVaultKey,
  VaultDecryptError,
  VaultKeyError,
} from '../../src/vault/crypto.ts';

const AAD = 'vault:-|T0001|U0001';

function decryptFailure(run: () => unknown): VaultDecryptError {
  try {
    run();
  } catch (error) {
    if (error instanceof VaultDecryptError) return error;
    throw error;
  }
  throw new Error('decrypt succeeded');
}

describe('vault crypto', () => {
  it('round trip', () => {
    const ring = createKeyRing(randomBytes(32));
    const sealed = encrypt(ring, '{"accessToken":"abc"}', AAD);
    expect(decrypt(ring, sealed, AAD)).toBe('{"accessToken":"abc"}');
  });

  it('stores only base64 and the key id', () => {
    const key = randomBytes(32);
    const sealed = encrypt(createKeyRing(key), 'secret-value', AAD);
    expect(Object.keys(sealed).sort()).toEqual(['data', 'iv', 'kid', 'tag']);
    expect(sealed.kid).toBe(keyId(key));
    expect(sealed.kid).toMatch(/^[0-9a-f]{8}$/);
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(sealed)).not.toContain('secret-value');
  });

  it('fresh IV per record', () => {
    const ring = createKeyRing(randomBytes(32));
    const first = encrypt(ring, 'same', AAD);
    const second = encrypt(ring, 'same', AAD);
    expect(first.iv).not.toBe(second.iv);
    expect(first.data).not.toBe(second.data);
  });

  it('wrong key', () => {
    const sealed = encrypt(createKeyRing(randomBytes(32)), 'payload', AAD);
    const failure = decryptFailure(() => decrypt(createKeyRing(randomBytes(32)), sealed, AAD));
    expect(failure.reason).toBe('unknown_key');
    expect(failure.message).toContain(sealed.kid);
  });

  it('wrong key with forged key id', () => {
    const sealed = encrypt(createKeyRing(randomBytes(32)), 'payload', AAD);
    const other = createKeyRing(randomBytes(32));
    const failure = decryptFailure(() => decrypt(other, { ...sealed, kid: other.current.kid }, AAD));
    expect(failure.reason).toBe('invalid');
  });

  it('tampered data', () => {
    const ring = createKeyRing(randomBytes(32));
    const sealed = encrypt(ring, 'payload of some length', AAD);
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 0x01;
    const failure = decryptFailure(() => decrypt(ring, { ...sealed, data: data.toString('base64') }, AAD));
    expect(failure.reason).toBe('invalid');
  });

  it('tampered tag', () => {
    const ring = createKeyRing(randomBytes(32));
    const sealed = encrypt(ring, 'payload', AAD);
    const tag = Buffer.from(sealed.tag, 'base64');
    tag[15] = (tag[15] ?? 0) ^ 0x80;
    expect(decryptFailure(() => decrypt(ring, { ...sealed, tag: tag.toString('base64') }, AAD)).reason).toBe(
      'invalid',
    );
  });

  it('truncated tag rejected', () => {
    const ring = createKeyRing(randomBytes(32));
    const sealed = encrypt(ring, 'payload', AAD);
    const shortTag = Buffer.from(sealed.tag, 'base64').subarray(0, 4).toString('base64');
    expect(decryptFailure(() => decrypt(ring, { ...sealed, tag: shortTag }, AAD)).reason).toBe('invalid');
  });

  it('AAD mismatch', () => {
    const ring = createKeyRing(randomBytes(32));
    const sealed = encrypt(ring, 'payload', AAD);
    const failure = decryptFailure(() => decrypt(ring, sealed, 'vault:-|T0001|U0002'));
    expect(failure.reason).toBe('invalid');
  });

  it('rotation with old key', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const sealedBefore = encrypt(createKeyRing(oldKey), 'written before rotation', AAD);

    const ring = createKeyRing(newKey, [oldKey]);
    expect(decrypt(ring, sealedBefore, AAD)).toBe('written before rotation');

    const sealedAfter = encrypt(ring, 'written after rotation', AAD);
    expect(sealedAfter.kid).toBe(keyId(newKey));
    const newOnly = createKeyRing(newKey);
    expect(decrypt(newOnly, sealedAfter, AAD)).toBe('written after rotation');
    expect(decryptFailure(() => decrypt(newOnly, sealedBefore, AAD)).reason).toBe('unknown_key');
  });
});

describe('parseVaultKey', () => {
  it('accepts 32 bytes of base64', () => {
    const key = randomBytes(32);
    expect(parseVaultKey(` ${key.toString('base64')}\n`).equals(key)).toBe(true);
  });

  it.each([
    ['empty', '', /BMS_VAULT_KEY is empty/],
    ['not base64', 'not a key!', /not valid base64/],
    ['broken padding', `${randomBytes(32).toString('base64').slice(0, 43)}`, /not valid base64/],
    ['16 bytes', randomBytes(16).toString('base64'), /decodes to 16 bytes.*exactly 32 bytes/],
    ['33 bytes', randomBytes(33).toString('base64'), /decodes to 33 bytes/],
    ['hex', randomBytes(32).toString('hex'), /decodes to 48 bytes/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseVaultKey(text)).toThrow(VaultKeyError);
    expect(() => parseVaultKey(text)).toThrow(message);
    expect(() => parseVaultKey(text)).toThrow(/npm run keygen/);
  });

  it('error hides the value', () => {
    const text = randomBytes(16).toString('base64');
    expect(() => parseVaultKey(text)).not.toThrow(text);
  });
});

describe('keyRingFromEnvironment', () => {
  it('current and old keys', () => {
    const current = randomBytes(32);
    const old = [randomBytes(32), randomBytes(32)];
    const ring = keyRingFromEnvironment({
      BMS_VAULT_KEY: current.toString('base64'),
      BMS_VAULT_OLD_KEYS: ` ${old[0]?.toString('base64')} ,${old[1]?.toString('base64')},`,
    });
    expect(ring.current.kid).toBe(keyId(current));
    expect([...ring.byKid.keys()].sort()).toEqual([current, ...old].map(keyId).sort());
  });

  it('names the bad old key entry', () => {
    expect(() =>
      keyRingFromEnvironment({
        BMS_VAULT_KEY: randomBytes(32).toString('base64'),
        BMS_VAULT_OLD_KEYS: `${randomBytes(32).toString('base64')},short`,
      }),
    ).toThrow(/BMS_VAULT_OLD_KEYS entry 2/);
  });

  it('missing current key', () => {
    expect(() => keyRingFromEnvironment({})).toThrow(/BMS_VAULT_KEY is empty.*npm run keygen/);
  });
});
