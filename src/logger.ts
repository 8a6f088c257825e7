import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * JSON lines on standard output. Nothing that could identify a person is
 * logged: no bodies (search terms are user text), no client addresses, no
 * user agents; the redaction below is a second line of defence.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'search-analytics' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['body', 'req.body', 'headers', 'req.headers', 'ip'], remove: true },
    },
    destination,
  );
}
