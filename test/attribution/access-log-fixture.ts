/** Builders for access-log records and the fixture pairs of test/fixtures/README.md. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ParseResult } from '../../src/attribution/parse-record';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** The value of ATTRIBUTION_IGNORED_DOMAINS the fixtures are written for. */
export const FIXTURE_IGNORED_DOMAINS = 'example.org';

interface ExpectedLine {
  name: string;
  kind: 'saved' | 'ignored' | 'malformed';
  image_uuid?: string | null;
  full_referer?: string;
  referer_domain?: string;
  resource?: string;
}

export interface FixtureCase {
  name: string;
  line: string;
  expected: ExpectedLine;
}

/** Each line of access-log.jsonl with the same line of access-log.expected.jsonl. */
export function accessLogFixtureCases(): FixtureCase[] {
  const lines = readLines('access-log.jsonl');
  const expected = readLines('access-log.expected.jsonl').map(
    (text) => JSON.parse(text) as ExpectedLine,
  );
  if (lines.length !== expected.length) {
    throw new Error(`fixture has ${lines.length} records but ${expected.length} expectations`);
  }
  return lines.map((line, i) => ({ name: expected[i].name, line, expected: expected[i] }));
}

function readLines(file: string): string[] {
  return readFileSync(join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

/** The parser result an expected line describes (reasons are not part of the fixture). */
export function expectedResult(expected: ExpectedLine): Partial<ParseResult> {
  if (expected.kind !== 'saved') return { kind: expected.kind };
  return {
    kind: 'saved',
    event: {
      imageUuid: expected.image_uuid ?? null,
      fullReferer: expected.full_referer ?? '',
      refererDomain: expected.referer_domain ?? '',
      resource: expected.resource ?? '',
    },
  };
}

export interface RecordFields {
  request?: unknown;
  http_referer?: unknown;
  [field: string]: unknown;
}

/** An unwrapped nginx JSON record with realistic neighbours around the fields under test. */
export function accessLogRecord(fields: RecordFields): string {
  return JSON.stringify({
    time_local: '03/Dec/2026:10:15:42 +0000',
    remote_addr: '203.0.113.7',
    status: 200,
    http_user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
    ...fields,
  });
}

/** The same record as a log shipper sends it. */
export function wrappedRecord(fields: RecordFields): string {
  return JSON.stringify({
    '@timestamp': '2026-12-03T10:15:42.000Z',
    message: accessLogRecord(fields),
    host: { name: 'web-1' },
  });
}

/** A badge hit from `referer`, as a request line and referer pair. */
export function badgeHit(referer: string, path = '/static/img/cc-by.svg'): RecordFields {
  return { request: `GET ${path} HTTP/1.1`, http_referer: referer };
}

/** The stored columns of a saved expectation, as the database returns them. */
export function expectedRow(expected: FixtureCase['expected']): Record<string, unknown> {
  return {
    image_uuid: expected.image_uuid ?? null,
    full_referer: expected.full_referer,
    referer_domain: expected.referer_domain,
    resource: expected.resource,
  };
}
