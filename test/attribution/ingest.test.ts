import { Writable } from 'node:stream';

import { parseIgnoredDomains } from '../../src/attribution/ignored-domains';
import { ingest, IngestStoppedError, type IngestOptions } from '../../src/attribution/ingest';
import { LINE_TOO_LONG, type InputLine } from '../../src/attribution/line-reader';
import type { AttributionEvent } from '../../src/attribution/parse-record';
import { createLogger } from '../../src/logger';
import { accessLogRecord, badgeHit } from './access-log-fixture';

/** A record saved as the event with referer https://site-<n>.example/. */
function savedLine(n: number): string {
  return accessLogRecord(badgeHit(`https://site-${n}.example/`));
}

function eventOf(n: number): AttributionEvent {
  return {
    imageUuid: null,
    fullReferer: `https://site-${n}.example/`,
    refererDomain: `site-${n}.example`,
    resource: '/static/img/cc-by.svg',
  };
}

const ignoredLine = accessLogRecord(badgeHit('-'));
const malformedLine = 'not json';

/** The batches handed to the store; `failOnCall` (1-based) makes that call reject. */
function recordingStore(failOnCall?: number) {
  const batches: AttributionEvent[][] = [];
  let calls = 0;
  const store = async (events: readonly AttributionEvent[]) => {
    calls += 1;
    if (calls === failOnCall) throw new Error('connection terminated');
    batches.push([...events]);
  };
  return { store, batches };
}

function logLines() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger('info', destination), lines };
}

function options(overrides: Partial<IngestOptions>): IngestOptions {
  return {
    ignoredDomains: parseIgnoredDomains('example.org'),
    store: recordingStore().store,
    logger: logLines().logger,
    batchSize: 3,
    maxBatchDelayMs: 60_000,
    progressIntervalMs: 60_000,
    skip: 0,
    ...overrides,
  };
}

async function* linesFrom(lines: InputLine[]): AsyncGenerator<InputLine> {
  yield* lines;
}

describe('ingest', () => {
  it('when records are saved, ignored and malformed, then each is counted and the saved stored', async () => {
    const { store, batches } = recordingStore();
    const input: InputLine[] = [
      savedLine(1),
      ignoredLine,
      malformedLine,
      savedLine(2),
      LINE_TOO_LONG,
    ];

    const counts = await ingest(linesFrom(input), options({ store }));

    expect(counts).toEqual({
      read: 5,
      skipped: 0,
      saved: 2,
      ignored: 1,
      malformed: 2,
      stored: 2,
      doneThrough: 5,
    });
    expect(batches.flat()).toEqual([eventOf(1), eventOf(2)]);
  });

  it('when more records come than a batch holds, then full batches are stored in input order', async () => {
    const { store, batches } = recordingStore();
    const numbers = Array.from({ length: 8 }, (_, i) => i + 1);

    await ingest(linesFrom(numbers.map(savedLine)), options({ store, batchSize: 3 }));

    expect(batches).toEqual([
      [eventOf(1), eventOf(2), eventOf(3)],
      [eventOf(4), eventOf(5), eventOf(6)],
      [eventOf(7), eventOf(8)],
    ]);
  });

  it('when the input pauses, then the rows read so far are stored without waiting for more', async () => {
    const { store, batches } = recordingStore();
    let resume = () => {};
    const paused = new Promise<void>((resolve) => (resume = resolve));
    async function* slowInput() {
      yield savedLine(1);
      yield savedLine(2);
      await paused;
      yield savedLine(3);
    }

    const done = ingest(slowInput(), options({ store, batchSize: 100, maxBatchDelayMs: 20 }));
    await waitFor(() => batches.length > 0);

    expect(batches).toEqual([[eventOf(1), eventOf(2)]]);
    resume();
    await done;
    expect(batches.flat()).toEqual([eventOf(1), eventOf(2), eventOf(3)]);
  });

  it('when --skip names records, then they are passed over unread', async () => {
    const { store, batches } = recordingStore();
    const input = [malformedLine, savedLine(1), savedLine(2), savedLine(3)];

    const counts = await ingest(linesFrom(input), options({ store, skip: 2 }));

    expect(batches.flat()).toEqual([eventOf(2), eventOf(3)]);
    expect(counts).toMatchObject({ read: 4, skipped: 2, saved: 2, malformed: 0, doneThrough: 4 });
  });

  it('when the signal aborts while the input waits, then what was read is stored', async () => {
    const { store, batches } = recordingStore();
    const controller = new AbortController();
    async function* endlessInput() {
      yield savedLine(1);
      await new Promise(() => {});
    }

    const done = ingest(
      endlessInput(),
      options({ store, batchSize: 100, signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 20);

    await expect(done).resolves.toMatchObject({ saved: 1, stored: 1 });
    expect(batches).toEqual([[eventOf(1)]]);
  });

  it('when the database fails, then ingest stops and says how far the input is stored', async () => {
    const { store } = recordingStore(3);
    // Batches of 3 saved records: the first ends on line 4, the second on line 8 (four records a
    // line, kept so by prettier-ignore, to show it).
    // prettier-ignore
    const input = [
      savedLine(1), ignoredLine, savedLine(2), savedLine(3),
      malformedLine, savedLine(4), savedLine(5), savedLine(6),
      savedLine(7), savedLine(8), savedLine(9), savedLine(10),
    ];

    const failure = await ingest(linesFrom(input), options({ store })).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(IngestStoppedError);
    expect((failure as IngestStoppedError).counts).toMatchObject({ stored: 6, doneThrough: 8 });
    expect((failure as Error).message).toContain('after 6 records stored');
    expect((failure as Error).message).toContain('--skip 8');
  });

  it('when reading the input fails, then what was read is stored and the resume point named', async () => {
    const { store, batches } = recordingStore();
    async function* brokenInput() {
      yield savedLine(1);
      yield ignoredLine;
      throw new Error('EIO: i/o error, read');
    }

    const failure = await ingest(brokenInput(), options({ store })).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(IngestStoppedError);
    expect((failure as IngestStoppedError).counts).toMatchObject({ stored: 1, doneThrough: 2 });
    expect((failure as Error).message).toMatch(
      /^reading the input failed \(EIO: i\/o error, read\)/,
    );
    expect(batches.flat()).toEqual([eventOf(1)]);
  });

  it('when ingest runs for a while, then counts are logged at intervals and at the end', async () => {
    const { logger, lines } = logLines();
    const progress = () => lines.filter((line) => line.msg === 'attribution ingest progress');
    async function* slowInput() {
      yield savedLine(1);
      yield ignoredLine;
      await waitFor(() => progress().length >= 2);
      yield malformedLine;
    }

    await ingest(slowInput(), options({ logger, progressIntervalMs: 20 }));

    expect(progress()[1]).toMatchObject({ saved: 1, ignored: 1, malformed: 0 });
    expect(lines[lines.length - 1]).toMatchObject({
      msg: 'attribution ingest finished',
      saved: 1,
      ignored: 1,
      malformed: 1,
      stored: 1,
    });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
