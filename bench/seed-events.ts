/**
 * Seeds a scratch database with a month of synthetic events in the shape of real traffic:
 * search terms follow a long-tailed distribution with variants in case and spacing, clicks
 * and ratings follow searches of the same session and term, click ranks fall off like a
 * results page, and a tenth of clicked results are missing from the catalog. Rows are
 * inserted in time order, as the service itself stores them.
 */
import type { Sql } from '../src/reports/sql-executor';

export interface SeedSizes {
  readonly days: number;
  readonly searches: number;
  readonly clicks: number;
  readonly detailEvents: number;
  readonly ratings: number;
  readonly refererHits: number;
  readonly catalogImages: number;
}

const DISTINCT_TERMS = 20_000;
const SEARCHES_PER_SESSION = 3;

/** A uniformly random instant in the seeded period, which ends at today's UTC midnight. */
const RANDOM_INSTANT = `(current_date::timestamptz - make_interval(days => $1::int)
  + random() * make_interval(days => $1::int))`;

async function seedCatalog(sql: Sql, { catalogImages }: SeedSizes): Promise<void> {
  await sql.query(`create table image (identifier uuid primary key, source varchar,
    provider varchar, title varchar)`);
  await sql.query(
    `insert into image
     select gen_random_uuid(), 'source ' || (i % 25), 'provider ' || (i % 25), 'Work ' || i
       from generate_series(1, $1::int) as i`,
    [catalogImages],
  );
  // The clicked results, numbered for random picks: catalog images, and one in ten that
  // the catalog does not have. A plain table: the pool may hand each statement another session.
  await sql.query(`create table result_pool as
    select row_number() over () as n, identifier from (
      select identifier from image
      union all
      select gen_random_uuid() from generate_series(1, (select count(*) / 9 from image))) as r`);
  await sql.query('create unique index on result_pool (n)');
}

async function seedSearches(sql: Sql, { days, searches }: SeedSizes): Promise<void> {
  // exp(random() * ln N) picks term k with probability ~ 1/k: a few head terms, a long tail.
  await sql.query(
    `insert into search_event ("timestamp", query, session_uuid, result_count)
     select at, case when random() < 0.1 then upper(term)
                     when random() < 0.05 then ' ' || replace(term, ' ', '  ') else term end,
            md5('session ' || floor(random() * $2::int / ${SEARCHES_PER_SESSION}))::uuid,
            case when random() < 0.3 then null
                 when random() < 0.1 then 0 else floor(random() * 5000)::int end
       from (select ${RANDOM_INSTANT} as at,
                    'term ' || floor(exp(random() * ln(${DISTINCT_TERMS}))) as term
               from generate_series(1, $2::int)) as s
      order by at`,
    [days, searches],
  );
}

/** Rows drawn from earlier searches, so clicks and ratings share their session and term. */
const RANDOM_SEARCH = `(select 1 + floor(random() * (select max(id) from search_event))::bigint
                          as search_id, 1 + floor(random() * (select count(*) from result_pool))::bigint
                          as result_n
                        from generate_series(1, $1::int) offset 0)`;

async function seedClicksAndRatings(sql: Sql, { clicks, ratings }: SeedSizes): Promise<void> {
  // -ln(1 - u) * 4 is exponential with mean 4: most clicks near the top of the page.
  await sql.query(
    `insert into result_clicked_event ("timestamp", session_uuid, result_uuid, query, result_rank)
     select s."timestamp" + random() * interval '2 minutes', s.session_uuid, p.identifier,
            s.query, floor(-ln(1 - random()) * 4)::int
       from ${RANDOM_SEARCH} as r
       join search_event as s on s.id = r.search_id
       join result_pool as p on p.n = r.result_n
      order by 1`,
    [clicks],
  );
  await sql.query(
    `insert into search_rating_event ("timestamp", query, relevant)
     select s."timestamp" + interval '1 minute', s.query, random() < 0.6
       from ${RANDOM_SEARCH} as r join search_event as s on s.id = r.search_id
      order by 1`,
    [ratings],
  );
}

async function seedDetailAndReferers(sql: Sql, sizes: SeedSizes): Promise<void> {
  await sql.query(
    `insert into detail_page_event ("timestamp", result_uuid, event_type)
     select ${RANDOM_INSTANT}, p.identifier,
            (array['ATTRIBUTION_CLICKED', 'REUSE_SURVEY', 'SOURCE_CLICKED', 'CREATOR_CLICKED',
                   'SHARED_SOCIAL'])[1 + floor(random() * 5)::int]
       from ${RANDOM_SEARCH.replace('$1', '$2')} as r join result_pool as p on p.n = r.result_n
      order by 1`,
    [sizes.days, sizes.detailEvents],
  );
  await sql.query(
    `insert into attribution_referrer_event ("timestamp", image_uuid, full_referer,
       referer_domain, resource)
     select at, p.identifier, 'https://' || domain || '/post', domain, '/static/img/cc-by.svg'
       from (select ${RANDOM_INSTANT} as at, r.result_n,
                    'site' || floor(exp(random() * ln(500))) || '.example' as domain
               from ${RANDOM_SEARCH.replace('$1', '$2')} as r) as hits
       join result_pool as p on p.n = hits.result_n
      order by 1`,
    [sizes.days, sizes.refererHits],
  );
}

export async function seedEvents(sql: Sql, sizes: SeedSizes): Promise<void> {
  await seedCatalog(sql, sizes);
  await seedSearches(sql, sizes);
  await seedClicksAndRatings(sql, sizes);
  await seedDetailAndReferers(sql, sizes);
  await sql.query('drop table result_pool');
  await sql.query('vacuum analyze');
}
