import type { PoolClient } from 'pg';

import type { components } from '../../generated/api';
import type { Database } from '../db/database';
import { BatchInserter } from './batch-inserter';
import { inTransaction, withPoolClient } from '../db/pool-client';
import { insertRows, tableTarget } from './row-writer';
import type { Row, TableTarget } from './row-writer';
import {
  DetailPageEventSchema,
  ResultClickedEventSchema,
  SearchEventSchema,
  SearchRatingEventSchema,
} from './entities';

type Schemas = components['schemas'];
export type BatchedEvent = Schemas['EventBatch']['events'][number];
export type EventKind = BatchedEvent['kind'];
type EventOf<Kind extends EventKind> = Omit<Extract<BatchedEvent, { kind: Kind }>, 'kind'>;

/** How one kind of event becomes a row: its entity, the properties written, their values. */
interface KindMapping<Kind extends EventKind> {
  /** The entity's class name in the ORM metadata. */
  entity: string;
  properties: string[];
  toRow(event: EventOf<Kind>): Row;
}

const lower = (uuid: string) => uuid.toLowerCase();

const mappings: { [Kind in EventKind]: KindMapping<Kind> } = {
  search_event: {
    entity: SearchEventSchema.meta.className,
    properties: ['query', 'sessionUuid', 'resultCount'],
    toRow: (event) => [event.query, lower(event.session_uuid), event.result_count ?? null],
  },
  search_rating_event: {
    entity: SearchRatingEventSchema.meta.className,
    properties: ['query', 'relevant'],
    toRow: (event) => [event.query, event.relevant],
  },
  result_click_event: {
    entity: ResultClickedEventSchema.meta.className,
    properties: ['query', 'sessionUuid', 'resultUuid', 'resultRank'],
    toRow: (event) => [
      event.query,
      lower(event.session_uuid),
      lower(event.result_uuid),
      event.result_rank,
    ],
  },
  detail_page_event: {
    entity: DetailPageEventSchema.meta.className,
    properties: ['eventType', 'resultUuid'],
    toRow: (event) => [event.event_type, lower(event.result_uuid)],
  },
};

const kinds = Object.keys(mappings) as EventKind[];

/**
 * Stores validated events. Single events go through one batching inserter
 * per table; a batch from `POST /events` is written in one transaction. The
 * tables and columns come from the entity metadata, so the hot path writes
 * plain multi-row INSERTs without building ORM entities.
 */
export class EventStore {
  private readonly targets: Record<EventKind, TableTarget>;
  private readonly inserters: Record<EventKind, BatchInserter>;

  constructor(
    private readonly database: Database,
    maxQueuedPerTable: number,
  ) {
    const metadata = database.orm.getMetadata();
    const targetOf = (kind: EventKind) =>
      tableTarget(metadata.get(mappings[kind].entity), mappings[kind].properties);

    this.targets = Object.fromEntries(kinds.map((kind) => [kind, targetOf(kind)])) as never;
    this.inserters = Object.fromEntries(
      kinds.map((kind) => [
        kind,
        new BatchInserter(
          (rows) =>
            withPoolClient(database.knex, (client) => insertRows(client, this.targets[kind], rows)),
          maxQueuedPerTable,
        ),
      ]),
    ) as never;
  }

  /** Resolves once the event's row is committed. */
  add<Kind extends EventKind>(kind: Kind, event: EventOf<Kind>): Promise<void> {
    return this.inserters[kind].insert(mappings[kind].toRow(event));
  }

  /** Stores every event of the batch, or none of them. */
  async addBatch(events: readonly BatchedEvent[]): Promise<void> {
    const rowsByKind = [...groupRows(events)];
    const writeAll = async (client: PoolClient) => {
      for (const [kind, rows] of rowsByKind) {
        await insertRows(client, this.targets[kind], rows);
      }
    };

    // One statement is atomic by itself; several need a transaction.
    if (rowsByKind.length === 1) await withPoolClient(this.database.knex, writeAll);
    else await inTransaction(this.database.knex, writeAll);
  }

  /** Waits until every event handed in so far is written or refused. */
  async drain(): Promise<void> {
    await Promise.all(kinds.map((kind) => this.inserters[kind].drain()));
  }
}

function groupRows(events: readonly BatchedEvent[]): Map<EventKind, Row[]> {
  const rowsByKind = new Map<EventKind, Row[]>();
  for (const { kind, ...event } of events) {
    const row = (mappings[kind] as KindMapping<EventKind>).toRow(event as never);
    const rows = rowsByKind.get(kind);
    if (rows) rows.push(row);
    else rowsByKind.set(kind, [row]);
  }
  return rowsByKind;
}
