import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

import { createTestDatabase } from '../support/test-database';

/** The command line as an operator meets it (built output, as `npx search-analytics`). */

const cli = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

describe('search-analytics', () => {
  it('when asked for help, then it lists the commands', () => {
    const help = execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });

    expect(help).toContain('serve');
    expect(help).toContain('migrate');
  });

  it.each([
    ['PORT', 'eighty'],
    ['BASE_PATH', 'no-slash'],
    ['ALLOWED_ORIGINS', 'https://ok.example.org,not a url'],
    ['REPORT_TIMEZONE', 'Mars/Olympus'],
    ['DATABASE_URL', 'mysql://root@localhost/test'],
  ])('when %s is %s, then it stops with one line naming the variable', (variable, value) => {
    const run = spawnSync(process.execPath, [cli, 'serve'], {
      env: { PATH: process.env.PATH, [variable]: value },
      encoding: 'utf8',
    });

    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(variable);
  });
});

describe('search-analytics report and backfill ranges', () => {
  it.each([
    [['report', '--day', '9999-12-31'], 'has not happened yet'],
    [['report', '--day', '2000-01-01', '--to', '2026-01-01'], 'at most 3660 days'],
    [['backfill', '--since', '1026-01-01'], 'at most 3660 days'],
  ])('when run as %j, then it refuses before writing, in one line', (args, message) => {
    const run = spawnSync(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH, DATA_DIR: '/nonexistent/never-opened' },
      encoding: 'utf8',
    });

    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });
});

// Only a server database can be behind on migrations; the embedded one migrates itself.
const withServer = process.env.TEST_DATABASE_URL ? it : it.skip;

describe('search-analytics serve on a server database', () => {
  withServer(
    'when the database is not migrated, then serve and report stop saying to migrate',
    async () => {
      const testDatabase = await createTestDatabase();
      try {
        const run = spawnSync(process.execPath, [cli, 'serve'], {
          env: {
            PATH: process.env.PATH,
            PORT: '0',
            DATABASE_URL: testDatabase.settings.databaseUrl,
          },
          encoding: 'utf8',
          timeout: 30_000,
        });

        expect(run.status).toBe(1);
        expect(run.stderr).toContain("run 'search-analytics migrate' first");

        const report = spawnSync(process.execPath, [cli, 'report', '--day', '2026-12-01'], {
          env: { PATH: process.env.PATH, DATABASE_URL: testDatabase.settings.databaseUrl },
          encoding: 'utf8',
          timeout: 30_000,
        });
        expect(report.status).toBe(1);
        expect(report.stderr).toContain("run 'search-analytics migrate' first");
      } finally {
        await testDatabase.drop();
      }
    },
  );
});
