import type { Knex } from '@mikro-orm/knex';

import { isRowRejected } from '../db/database-errors';
import { problems } from '../http/problems';

/**
 * Natural batching of inserts into one table. At most one INSERT is in flight;
 * rows that arrive meanwhile wait and go together into the next multi-row
 * INSERT. With no load a row is written at once (no timer); under load the
 * batches grow by themselves. Each caller's promise settles only after the
 * INSERT holding its row has committed (or failed).
 */

interface Pending {
  values: readonly unknown[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface BatchTarget {
  table: string;
  columns: readonly string[];
}

// PostgreSQL takes at most 65,535 bind parameters in one statement.
const MAX_PARAMETERS = 65535;

export class BatchInserter {
  private waiting: Pending[] = [];
  private inFlight: Promise<void> | undefined;
  private readonly maxBatch: number;

  constructor(
    private readonly knex: Knex,
    private readonly target: BatchTarget,
    private readonly maxWaiting: number,
  ) {
    this.maxBatch = Math.min(1000, Math.floor(MAX_PARAMETERS / target.columns.length));
  }

  insert(values: readonly unknown[]): Promise<void> {
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(problems.queueFull());

    return new Promise((resolve, reject) => {
      this.waiting.push({ values, resolve, reject });
      this.flush();
    });
  }

  /** Resolves once every row handed in so far has been written or refused. */
  async drain(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  get queued(): number {
    return this.waiting.length;
  }

  private flush(): void {
    if (this.inFlight || this.waiting.length === 0) return;

    const batch = this.waiting.splice(0, this.maxBatch);
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
      await this.write(batch);
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

  private async write(batch: Pending[]): Promise<void> {
    const sql = insertSql(this.target, batch.length);
    await this.knex.raw(
      sql,
      batch.flatMap((pending) => pending.values as Knex.Value[]),
    );
  }
}

/** A multi-row INSERT with knex `?` placeholders for `rowCount` rows. */
export function insertSql(target: BatchTarget, rowCount: number): string {
  const placeholders = `(${target.columns.map(() => '?').join(', ')})`;
  const rows = new Array(rowCount).fill(placeholders).join(', ');
  return `insert into ${target.table} (${target.columns.join(', ')}) values ${rows}`;
}
