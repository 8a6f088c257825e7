import { EntitySchema } from '@mikro-orm/core';

/**
 * The four event tables keep the names and columns of the original service
 * so that its databases and dashboards keep working. Timestamps are set by
 * the database (`default now()`), never by a client.
 */

export interface SearchEvent {
  id: string;
  timestamp: Date;
  query: string;
  sessionUuid: string;
  resultCount: number | null;
}

export interface SearchRatingEvent {
  id: string;
  timestamp: Date;
  query: string;
  relevant: boolean;
}

export interface ResultClickedEvent {
  id: string;
  timestamp: Date;
  sessionUuid: string;
  resultUuid: string;
  query: string;
  resultRank: number;
}

export interface DetailPageEvent {
  id: string;
  timestamp: Date;
  resultUuid: string;
  eventType: string;
}

const id = { type: 'bigint', primary: true, autoincrement: true } as const;
const timestamp = { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' } as const;
// `type: 'uuid'` and not UuidType, which has produced varchar columns.
const uuid = { type: 'uuid', columnType: 'uuid' } as const;

export const SearchEventSchema = new EntitySchema<SearchEvent>({
  name: 'SearchEvent',
  tableName: 'search_event',
  properties: {
    id,
    timestamp,
    query: { type: 'text' },
    sessionUuid: { ...uuid, fieldName: 'session_uuid' },
    resultCount: { type: 'integer', fieldName: 'result_count', nullable: true },
  },
});

export const SearchRatingEventSchema = new EntitySchema<SearchRatingEvent>({
  name: 'SearchRatingEvent',
  tableName: 'search_rating_event',
  properties: {
    id,
    timestamp,
    query: { type: 'text' },
    relevant: { type: 'boolean' },
  },
});

export const ResultClickedEventSchema = new EntitySchema<ResultClickedEvent>({
  name: 'ResultClickedEvent',
  tableName: 'result_clicked_event',
  properties: {
    id,
    timestamp,
    sessionUuid: { ...uuid, fieldName: 'session_uuid' },
    resultUuid: { ...uuid, fieldName: 'result_uuid' },
    query: { type: 'text' },
    resultRank: { type: 'integer', fieldName: 'result_rank' },
  },
});

export const DetailPageEventSchema = new EntitySchema<DetailPageEvent>({
  name: 'DetailPageEvent',
  tableName: 'detail_page_event',
  properties: {
    id,
    timestamp,
    resultUuid: { ...uuid, fieldName: 'result_uuid' },
    eventType: { type: 'text', fieldName: 'event_type' },
  },
});

export const eventEntities = [
  SearchEventSchema,
  SearchRatingEventSchema,
  ResultClickedEventSchema,
  DetailPageEventSchema,
];
