import { Presets, SingleBar } from 'cli-progress';
import type { Logger } from 'pino';

import type { DayProgress, DayResult } from '../reports/report-jobs';

/** A bar on a terminal; it redraws in place, so it goes to stderr and never into piped logs. */
function barProgress(stream: NodeJS.WriteStream): DayProgress {
  const bar = new SingleBar(
    {
      stream,
      format:
        'reports {bar} {value}/{total} days | {day} | {duration_formatted} | ETA {eta_formatted}',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  return {
    start: (total) => bar.start(total, 0, { day: '' }),
    dayDone: (result, done) => bar.update(done, { day: result.day }),
    stop: () => bar.stop(),
  };
}

/** One JSON log line per day when nobody watches a terminal (cron, CI, a pipe). */
function lineProgress(logger: Logger): DayProgress {
  let total = 0;
  return {
    start: (days) => {
      total = days;
      logger.info({ days }, 'report run started');
    },
    dayDone: ({ day, outcome, seconds }: DayResult, done) =>
      logger.info({ day, status: outcome.status, seconds, done, total }, 'day done'),
    stop: () => undefined,
  };
}

export function createDayProgress(logger: Logger, stream = process.stderr): DayProgress {
  return stream.isTTY ? barProgress(stream) : lineProgress(logger);
}
