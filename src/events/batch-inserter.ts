import { isRowRejected } from '../db/database-errors';
import { problems } from '../http/problems';
import type { Row } from './row-writer';

/**
 * Natural batching of inserts into one table. At most one INSERT is in flight;
 * rows that arrive meanwhile wait and go together into the next multi-row
 * INSERT. With no load a row is written at once (no timer); under load the
 * batches grow by themselves. Each caller's promise settles only after the
 * INSERT holding its row has committed (or failed).
 */

interface Pending {
  row: Row;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Writes rows in one statement; they commit together or not at all. */
export type WriteRows = (rows: readonly Row[]) => Promise<void>;

const MAX_BATCH = 1000;

export class BatchInserter {
  private waiting: Pending[] = [];
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly write: WriteRows,
    private readonly maxWaiting: number,
  ) {}

  insert(row: Row): Promise<void> {
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(problems.queueFull());

    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.flush();
    });
  }

  /** Resolves once every row handed in so far has been written or refused. */
  async drain(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private flush(): void {
    if (this.inFlight || this.waiting.length === 0) return;

    const batch = this.waiting.splice(0, MAX_BATCH);
    this.inFlight = this.writeIsolatingBadRows(batch).finally(() => {
      this.inFlight = undefined;
      this.flush();
    });
  }

  /**
   * One bad row must not fail the others: when PostgreSQL refuses the batch
   * for its data, the halves are retried until the bad rows stand alone.
   */
  private async writeIsolatingBadRows(batch: Pending[]): Promise<void> {
    try {
      await this.write(batch.map((pending) => pending.row));
      for (const pending of batch) pending.resolve();
    } catch (error) {
      if (batch.length === 1 || !isRowRejected(error)) {
        for (const pending of batch) pending.reject(error);
        return;
      }
      const middle = Math.ceil(batch.length / 2);
      await this.writeIsolatingBadRows(batch.slice(0, middle));
      await this.writeIsolatingBadRows(batch.slice(middle));
    }
  }
}
