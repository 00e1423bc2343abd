import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { readFileIfExists, writeFileAtomic } from './atomic-file.ts';
import { failure } from './exit-codes.ts';

/**
 * The BMS session of the command line, kept between runs in BMS_TOKEN_FILE. It contains the
 * tokens and whose they are, never the password or an MFA code.
 */
export interface StoredSession {
  /** BMS_API_BASE as set (`sandbox` stays `sandbox`), so that tokens go back only to the host that issued them. */
  apiBase: string;
  tenant: string;
  userName: string;
  bmsUserId: number;
  bmsUserName: string;
  accessToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch. */
  accessTokenExpiresAt: number;
  refreshTokenExpiresAt: number;
}

/** Owner read and write only: the file contains bearer tokens. */
export const TOKEN_FILE_MODE = 0o600;

const TOKEN_FILE_VERSION = 1;

const isoDate = z.iso.datetime({ offset: true });

const tokenFileSchema = z.object({
  version: z.literal(TOKEN_FILE_VERSION),
  apiBase: z.string().min(1),
  tenant: z.string().min(1),
  userName: z.string().min(1),
  bmsUserId: z.number().int(),
  bmsUserName: z.string(),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  accessTokenExpiresAt: isoDate,
  refreshTokenExpiresAt: isoDate,
});

/**
 * Reads the stored session. A missing file, or one of another version or shape, counts as no
 * session: the next login overwrites it.
 */
export async function readTokenFile(path: string): Promise<StoredSession | undefined> {
  const text = await readFileIfExists(path);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = tokenFileSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { version: _version, ...session } = parsed.data;
  return {
    ...session,
    accessTokenExpiresAt: Date.parse(session.accessTokenExpiresAt),
    refreshTokenExpiresAt: Date.parse(session.refreshTokenExpiresAt),
  };
}

/** Writes the session; a file that cannot be written fails with a message that names BMS_TOKEN_FILE. */
export async function writeTokenFile(path: string, session: StoredSession): Promise<void> {
  const content = {
    version: TOKEN_FILE_VERSION,
    ...session,
    accessTokenExpiresAt: new Date(session.accessTokenExpiresAt).toISOString(),
    refreshTokenExpiresAt: new Date(session.refreshTokenExpiresAt).toISOString(),
  };
  try {
    await writeFileAtomic(path, `${JSON.stringify(content, null, 2)}\n`, TOKEN_FILE_MODE);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw failure(
      `Cannot write the token file ${path} (${reason}): set BMS_TOKEN_FILE to a file you may write.`,
    );
  }
}

/** Deletes the token file; returns whether there was one. */
export async function deleteTokenFile(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
