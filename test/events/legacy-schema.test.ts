import { migrate, openDatabase, type Database } from '../../src/db/database';
import { IN_MEMORY, startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import {
  createTestDatabase,
  silentLogger,
  withClient,
  type TestDatabase,
} from '../support/test-database';

/**
 * A database the original service made: its event tables (no result_count,
 * times as `timestamp without time zone` in UTC) already hold rows. The
 * migrations must keep those rows and bring the tables to this schema.
 */

const legacySchema = `
  create table search_event (
    id serial primary key,
    "timestamp" timestamp without time zone default now(),
    query varchar not null,
    session_uuid uuid
  );
  insert into search_event ("timestamp", query, session_uuid)
  values ('2026-11-30 23:30:00', 'old lake', '6a1c1d2e-8b3f-4c2a-9e4d-1f0a2b3c4d5e');
`;

describe(`a database of the original service (${process.env.TEST_DB_LABEL ?? 'embedded'})`, () => {
  let testDatabase: TestDatabase;
  let stopEmbedded: () => Promise<void> = async () => {};
  let url: string;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    if (testDatabase.settings.databaseUrl) {
      url = testDatabase.settings.databaseUrl;
    } else {
      const embedded = await startEmbeddedPostgres(IN_MEMORY);
      url = embedded.url;
      stopEmbedded = () => embedded.stop();
    }
    await withClient(url, (client) => client.query(legacySchema));

    const settings = { databaseUrl: url, dataDir: IN_MEMORY, dbConnectTimeoutMs: 2000 };
    database = await openDatabase({ ...settings, dbPoolMax: 1 }, silentLogger);
    await migrate(database, silentLogger);
  });

  afterAll(async () => {
    await database.close();
    await stopEmbedded();
    await testDatabase.drop();
  });

  it('when migrated, then the old rows are kept with their UTC times', async () => {
    const rows = await database.knex.raw(
      `select query, to_char("timestamp" at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as at,
              result_count from search_event`,
    );

    expect(rows.rows).toEqual([{ query: 'old lake', at: '2026-11-30 23:30', result_count: null }]);
  });

  it('when migrated, then the event time is timestamptz with a server default', async () => {
    const columns = await database.knex.raw(
      `select data_type, column_default from information_schema.columns
        where table_name = 'search_event' and column_name = 'timestamp'`,
    );

    expect(columns.rows[0].data_type).toBe('timestamp with time zone');
    expect(columns.rows[0].column_default).toBe('now()');
  });

  it('when migrated, then new events are stored beside the old ones', async () => {
    await database.knex.raw(
      `insert into search_event (query, session_uuid, result_count)
       values ('new lake', '6a1c1d2e-8b3f-4c2a-9e4d-1f0a2b3c4d5e', 3)`,
    );

    const count = await database.knex.raw('select count(*)::int as n from search_event');
    expect(count.rows[0].n).toBe(2);
  });
});
