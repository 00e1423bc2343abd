import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger, LogLevel as OurLogLevel } from '../log.ts';

/**
 * Lets Bolt, its receivers and its WebClient write through our logger, one line per call.
 * Our logger filters by its own level, so the level Bolt sets here is only returned by `getLevel`.
 */
export function toBoltLogger(logger: Logger, level: OurLogLevel): BoltLogger {
  let current = toBoltLevel(level);
  return {
    debug: (...parts: unknown[]) => logger.debug(joinParts(parts), { source: 'bolt' }),
    info: (...parts: unknown[]) => logger.info(joinParts(parts), { source: 'bolt' }),
    warn: (...parts: unknown[]) => logger.warn(joinParts(parts), { source: 'bolt' }),
    error: (...parts: unknown[]) => logger.error(joinParts(parts), { source: 'bolt' }),
    setLevel: (next: LogLevel) => {
      current = next;
    },
    getLevel: () => current,
    setName: () => {},
  };
}

export function toBoltLevel(level: OurLogLevel): LogLevel {
  switch (level) {
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    case 'error':
      return LogLevel.ERROR;
  }
}

const MAX_PART_LENGTH = 500;

/** Joins what Bolt passes (strings, errors, objects) into one line. An error shows as its name and message, without the stack. */
function joinParts(parts: unknown[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part instanceof Error) return `${part.name}: ${part.message}`;
      try {
        return (JSON.stringify(part) ?? String(part)).slice(0, MAX_PART_LENGTH);
      } catch {
        return String(part);
      }
    })
    .join(' ');
}
