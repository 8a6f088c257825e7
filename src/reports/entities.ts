import { EntitySchema } from '@mikro-orm/core';

/**
 * The report tables (SPEC §4, §6) as the ORM sees them. Reports are produced and read with
 * set-based SQL (report-engine.ts, read-reports.ts), so these schemas describe the tables for
 * the ORM and its migration snapshot rather than serve a write path. Names and columns are
 * the original service's; the DDL is in report-schema-sql.ts.
 */

interface ReportWindowColumns {
  id: string;
  startTime: Date;
  endTime: Date;
}

export interface UsageReport extends ReportWindowColumns {
  resultsClicked: number;
  attributionButtonclicks: number;
  surveyResponses: number;
  sourceClicked: number;
  creatorClicked: number;
  sharedSocial: number;
  sessions: number;
  searches: number;
  attributionRefererHits: number;
  avgRating: number | null;
  avgSearchesPerSession: number;
  eventsPurged: boolean;
  producedAt: Date;
}

export interface SourceReport extends ReportWindowColumns {
  sourceId: string | null;
  resultClicks: number;
}

export interface AttributionRefererReport extends ReportWindowColumns {
  domain: string | null;
  hits: number;
}

export interface TopSearchesReport extends ReportWindowColumns {
  rank: number | null;
  term: string;
  hits: number;
}

export interface TopResultsReport extends ReportWindowColumns {
  rank: number | null;
  resultUuid: string;
  hits: number;
  source: string | null;
  title: string | null;
}

export interface SearchQualityReport extends ReportWindowColumns {
  rank: number | null;
  term: string | null;
  searches: number;
  pairs: number;
  clickedPairs: number;
  clickThroughRate: number | null;
  meanReciprocalRank: number | null;
  avgClickRank: number | null;
  zeroClickRate: number | null;
  zeroResultRate: number | null;
  relevance: number | null;
}

const windowColumns = {
  id: { type: 'bigint', primary: true, autoincrement: true },
  startTime: { type: 'Date', columnType: 'timestamptz', fieldName: 'start_time' },
  endTime: { type: 'Date', columnType: 'timestamptz', fieldName: 'end_time' },
} as const;
const count = (fieldName: string) => ({ type: 'integer', fieldName }) as const;
const ratio = (fieldName: string) =>
  ({ type: 'double', columnType: 'double precision', fieldName, nullable: true }) as const;
const text = (fieldName: string) => ({ type: 'string', fieldName, nullable: true }) as const;
const rank = { type: 'integer', nullable: true } as const;

export const UsageReportSchema = new EntitySchema<UsageReport>({
  name: 'UsageReport',
  tableName: 'usage_reports',
  properties: {
    ...windowColumns,
    resultsClicked: count('results_clicked'),
    attributionButtonclicks: count('attribution_buttonclicks'),
    surveyResponses: count('survey_responses'),
    sourceClicked: count('source_clicked'),
    creatorClicked: count('creator_clicked'),
    sharedSocial: count('shared_social'),
    sessions: count('sessions'),
    searches: count('searches'),
    attributionRefererHits: count('attribution_referer_hits'),
    avgRating: ratio('avg_rating'),
    avgSearchesPerSession: { ...ratio('avg_searches_per_session'), nullable: false },
    eventsPurged: { type: 'boolean', fieldName: 'events_purged', default: false },
    producedAt: {
      type: 'Date',
      columnType: 'timestamptz',
      fieldName: 'produced_at',
      defaultRaw: 'now()',
    },
  },
});

export const SourceReportSchema = new EntitySchema<SourceReport>({
  name: 'SourceReport',
  tableName: 'source_report',
  properties: {
    ...windowColumns,
    sourceId: text('source_id'),
    resultClicks: count('result_clicks'),
  },
});

export const AttributionRefererReportSchema = new EntitySchema<AttributionRefererReport>({
  name: 'AttributionRefererReport',
  tableName: 'attribution_referer_report',
  properties: { ...windowColumns, domain: text('domain'), hits: count('hits') },
});

export const TopSearchesReportSchema = new EntitySchema<TopSearchesReport>({
  name: 'TopSearchesReport',
  tableName: 'top_searches',
  properties: {
    ...windowColumns,
    rank,
    term: { ...text('term'), nullable: false },
    hits: count('hits'),
  },
});

export const TopResultsReportSchema = new EntitySchema<TopResultsReport>({
  name: 'TopResultsReport',
  tableName: 'top_results',
  properties: {
    ...windowColumns,
    rank,
    resultUuid: { type: 'uuid', columnType: 'uuid', fieldName: 'result_uuid' },
    hits: count('hits'),
    source: text('source'),
    title: text('title'),
  },
});

export const SearchQualityReportSchema = new EntitySchema<SearchQualityReport>({
  name: 'SearchQualityReport',
  tableName: 'search_quality_report',
  properties: {
    ...windowColumns,
    rank,
    term: text('term'),
    searches: count('searches'),
    pairs: count('pairs'),
    clickedPairs: count('clicked_pairs'),
    clickThroughRate: ratio('click_through_rate'),
    meanReciprocalRank: ratio('mean_reciprocal_rank'),
    avgClickRank: ratio('avg_click_rank'),
    zeroClickRate: ratio('zero_click_rate'),
    zeroResultRate: ratio('zero_result_rate'),
    relevance: ratio('relevance'),
  },
});

export const reportEntities = [
  UsageReportSchema,
  SourceReportSchema,
  AttributionRefererReportSchema,
  TopSearchesReportSchema,
  TopResultsReportSchema,
  SearchQualityReportSchema,
];
