import type { EntityMetadata } from '@mikro-orm/core';

import type { components } from '../../generated/api';
import type { Database } from '../db/database';
import { BatchInserter, type BatchTarget } from './batch-inserter';
import {
  DetailPageEventSchema,
  ResultClickedEventSchema,
  SearchEventSchema,
  SearchRatingEventSchema,
} from './entities';

type Schemas = components['schemas'];

/**
 * Stores validated events. Each table has its own batching inserter; the
 * tables and columns come from the entity metadata so that the hot path
 * writes plain multi-row INSERTs without building ORM entities.
 */
export class EventStore {
  private readonly searches: BatchInserter;
  private readonly ratings: BatchInserter;
  private readonly clicks: BatchInserter;
  private readonly detailPageEvents: BatchInserter;

  constructor(database: Database, maxQueuedPerTable: number) {
    const inserter = (meta: EntityMetadata, properties: string[]) =>
      new BatchInserter(database.knex, batchTarget(meta, properties), maxQueuedPerTable);
    const metadata = database.orm.getMetadata();

    this.searches = inserter(metadata.get(SearchEventSchema.meta.className), [
      'query',
      'sessionUuid',
      'resultCount',
    ]);
    this.ratings = inserter(metadata.get(SearchRatingEventSchema.meta.className), [
      'query',
      'relevant',
    ]);
    this.clicks = inserter(metadata.get(ResultClickedEventSchema.meta.className), [
      'query',
      'sessionUuid',
      'resultUuid',
      'resultRank',
    ]);
    this.detailPageEvents = inserter(metadata.get(DetailPageEventSchema.meta.className), [
      'eventType',
      'resultUuid',
    ]);
  }

  addSearch(event: Schemas['SearchEvent']): Promise<void> {
    return this.searches.insert([
      event.query,
      event.session_uuid.toLowerCase(),
      event.result_count ?? null,
    ]);
  }

  addRating(event: Schemas['SearchRatingEvent']): Promise<void> {
    return this.ratings.insert([event.query, event.relevant]);
  }

  addResultClick(event: Schemas['ResultClickEvent']): Promise<void> {
    return this.clicks.insert([
      event.query,
      event.session_uuid.toLowerCase(),
      event.result_uuid.toLowerCase(),
      event.result_rank,
    ]);
  }

  addDetailPageEvent(event: Schemas['DetailPageEvent']): Promise<void> {
    return this.detailPageEvents.insert([event.event_type, event.result_uuid.toLowerCase()]);
  }

  /** Waits until every event handed in so far is written or refused. */
  async drain(): Promise<void> {
    const inserters = [this.searches, this.ratings, this.clicks, this.detailPageEvents];
    await Promise.all(inserters.map((inserter) => inserter.drain()));
  }
}

function batchTarget(meta: EntityMetadata, properties: string[]): BatchTarget {
  return {
    table: meta.tableName,
    columns: properties.map((name) => meta.properties[name].fieldNames[0]),
  };
}
