import { createLogger, type Logger, type LogLevel } from '../../src/http/logger.js';

/** One parsed log line. */
export type LogLine = Record<string, unknown>;

/** A logger writing into memory, and what it wrote: raw (to search for secrets) and parsed. */
export interface LogCapture {
  readonly logger: Logger;
  /** Everything written so far, exactly as it would reach stdout. */
  text(): string;
  lines(): LogLine[];
}

/** The server's real logger (same format, same redaction) with an in-memory destination. */
export function captureLogs(level: LogLevel = 'info'): LogCapture {
  let text = '';
  const logger = createLogger(level, { write: (chunk: string) => void (text += chunk) });
  return {
    logger,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogLine),
  };
}
