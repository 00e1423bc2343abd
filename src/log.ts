/**
 * A logger with Bolt's method names, so that Bolt's own logger and ours are interchangeable.
 * Each call writes one line: the message, then `key=value` fields. Callers pass ids and
 * endpoints as fields; nothing secret is ever passed (the vault and client never hand
 * secrets to a logger, and a test greps all output for known secrets).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined | null>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogSink = (line: string) => void;

export function formatFields(fields: LogFields | undefined): string {
  if (!fields) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    const text = String(value);
    parts.push(/[\s"=]/.test(text) ? `${key}=${JSON.stringify(text)}` : `${key}=${text}`);
  }
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

export function createLogger(
  level: LogLevel = 'info',
  sink: LogSink = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const threshold = LEVEL_ORDER[level];
  const write = (lineLevel: LogLevel, message: string, fields?: LogFields) => {
    if (LEVEL_ORDER[lineLevel] < threshold) return;
    sink(`${new Date().toISOString()} ${lineLevel.toUpperCase()} ${message}${formatFields(fields)}`);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** A logger that keeps its lines in memory, for tests that read what was logged. */
export function createMemoryLogger(level: LogLevel = 'debug'): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger(level, (line) => lines.push(line)),
    { lines },
  );
}
