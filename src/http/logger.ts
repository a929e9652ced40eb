import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** The levels LOG_LEVEL accepts: pino's, most severe first, and `silent` (nothing). */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One of `logLevels`. */
export type LogLevel = (typeof logLevels)[number];

/**
 * Paths pino censors wherever they appear in a log line. Nothing logs them on purpose (request
 * lines carry no headers, no variables, no body); this is the belt to those braces.
 */
export const redactedPaths: readonly string[] = [
  'authorization',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'variables',
  'headers.authorization',
  'headers.cookie',
  '*.authorization',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.variables',
  '*.headers.authorization',
  '*.headers.cookie',
];

/**
 * The server's logger: one JSON object per line, level names rather than numbers, ISO times.
 * Writes synchronously to stdout unless given a destination (tests pass an in-memory one), so the
 * last lines before `process.exit` are never lost.
 */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    {
      level,
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...redactedPaths], censor: '[redacted]' },
    },
    destination,
  );
}
