/** Small builders of event rows for tests that need a handful of events, not the fixture. */
import type { FixtureRow } from './report-fixtures';

export const SESSION_A = 'aaaaaaaa-0000-4000-8000-000000000001';
export const SESSION_B = 'bbbbbbbb-0000-4000-8000-000000000002';
export const RESULT_1 = '11111111-0000-4000-8000-000000000001';

export function searchAt(timestamp: string, overrides: FixtureRow = {}): FixtureRow {
  return { timestamp, query: 'cat', session_uuid: SESSION_A, result_count: 10, ...overrides };
}

export function clickAt(timestamp: string, overrides: FixtureRow = {}): FixtureRow {
  return {
    timestamp,
    query: 'cat',
    session_uuid: SESSION_A,
    result_uuid: RESULT_1,
    result_rank: 0,
    ...overrides,
  };
}

export function ratingAt(timestamp: string, overrides: FixtureRow = {}): FixtureRow {
  return { timestamp, query: 'cat', relevant: true, ...overrides };
}

export function detailAt(timestamp: string, overrides: FixtureRow = {}): FixtureRow {
  return { timestamp, result_uuid: RESULT_1, event_type: 'SHARED_SOCIAL', ...overrides };
}

export function refererAt(timestamp: string, overrides: FixtureRow = {}): FixtureRow {
  return {
    timestamp,
    image_uuid: RESULT_1,
    full_referer: 'https://blog.example.net/post',
    referer_domain: 'blog.example.net',
    resource: '/static/img/cc-by.svg',
    ...overrides,
  };
}

/** One event of every kind at `timestamp`, keyed by table. */
export function oneOfEachAt(timestamp: string): Record<string, FixtureRow[]> {
  return {
    search_event: [searchAt(timestamp)],
    search_rating_event: [ratingAt(timestamp)],
    result_clicked_event: [clickAt(timestamp)],
    detail_page_event: [detailAt(timestamp)],
    attribution_referrer_event: [refererAt(timestamp)],
  };
}
