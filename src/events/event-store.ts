import type { EntityMetadata } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';

import type { components } from '../../generated/api';
import type { Database } from '../db/database';
import { BatchInserter, insertSql, type BatchTarget } from './batch-inserter';
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
  toRow(event: EventOf<Kind>): unknown[];
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
  private readonly targets: Record<EventKind, BatchTarget>;
  private readonly inserters: Record<EventKind, BatchInserter>;

  constructor(
    private readonly database: Database,
    maxQueuedPerTable: number,
  ) {
    const metadata = database.orm.getMetadata();
    const targetOf = (kind: EventKind) =>
      batchTarget(metadata.get(mappings[kind].entity), mappings[kind].properties);

    this.targets = Object.fromEntries(kinds.map((kind) => [kind, targetOf(kind)])) as never;
    this.inserters = Object.fromEntries(
      kinds.map((kind) => [
        kind,
        new BatchInserter(database.knex, this.targets[kind], maxQueuedPerTable),
      ]),
    ) as never;
  }

  /** Resolves once the event's row is committed. */
  add<Kind extends EventKind>(kind: Kind, event: EventOf<Kind>): Promise<void> {
    return this.inserters[kind].insert(mappings[kind].toRow(event));
  }

  /** Stores every event of the batch, or none of them. */
  async addBatch(events: readonly BatchedEvent[]): Promise<void> {
    const rowsByKind = groupRows(events);

    await this.database.knex.transaction(async (trx) => {
      for (const kind of kinds) {
        const rows = rowsByKind.get(kind);
        if (rows) await insertChunked(trx, this.targets[kind], rows);
      }
    });
  }

  /** Waits until every event handed in so far is written or refused. */
  async drain(): Promise<void> {
    await Promise.all(kinds.map((kind) => this.inserters[kind].drain()));
  }
}

function groupRows(events: readonly BatchedEvent[]): Map<EventKind, unknown[][]> {
  const rowsByKind = new Map<EventKind, unknown[][]>();
  for (const { kind, ...event } of events) {
    const row = (mappings[kind] as KindMapping<EventKind>).toRow(event as never);
    rowsByKind.set(kind, [...(rowsByKind.get(kind) ?? []), row]);
  }
  return rowsByKind;
}

async function insertChunked(trx: Knex, target: BatchTarget, rows: unknown[][]): Promise<void> {
  const chunkSize = 1000;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await trx.raw(insertSql(target, chunk.length), chunk.flat() as Knex.Value[]);
  }
}

function batchTarget(meta: EntityMetadata, properties: string[]): BatchTarget {
  return {
    table: meta.tableName,
    columns: properties.map((name) => meta.properties[name].fieldNames[0]),
  };
}
