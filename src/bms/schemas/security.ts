import { z } from 'zod';
import { bmsId, optionalInteger, optionalString } from './common.ts';

/**
 * Parses a BMS date-time to ms since the epoch. A value without an offset is taken as UTC,
 * because `Date.parse` would read it in the server's local zone.
 * NOTE: BMS's own zone for offset-less values is not documented; UTC is an assumption.
 */
export function parseBmsDateTime(value: string): number {
  const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const isDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value);
  return Date.parse(isDateTime && !hasOffset ? `${value}Z` : value);
}

const bmsDateTime = z.string().refine((value) => Number.isFinite(parseBmsDateTime(value)), {
  message: 'expected an ISO 8601 date-time',
});

/** TokenOutputDto: the result of authenticate and refreshtoken. */
export const tokenSchema = z.looseObject({
  AccessToken: z.string().min(1),
  RefreshToken: z.string().min(1),
  AccessTokenExpireOn: bmsDateTime,
  RefreshTokenExpireOn: bmsDateTime,
});
export type TokenOutput = z.infer<typeof tokenSchema>;

/** UserInfoOutputDto: who the access token belongs to. */
export const userInfoSchema = z.looseObject({
  UserId: bmsId,
  FullName: optionalString,
  EmailAddress: optionalString,
  OlsonTimeZoneName: optionalString,
  TimeZoneName: optionalString,
  DateFormat: optionalString,
  TimeFormat: optionalString,
  TenantId: optionalInteger,
  BusinessName: optionalString,
});
export type UserInfo = z.infer<typeof userInfoSchema>;
