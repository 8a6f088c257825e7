import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

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
