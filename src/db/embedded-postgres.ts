import fs from 'node:fs';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite (PostgreSQL compiled to WebAssembly) served on a loopback socket so
 * that the ordinary `pg` driver, and so MikroORM, can use it. PGlite is a
 * single-connection database: the pool that talks to it must have max 1,
 * since interleaved clients corrupt each other's statements.
 */
export interface EmbeddedPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

export const IN_MEMORY = 'memory://';

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const releaseLock = dataDir === IN_MEMORY ? () => {} : lockDataDir(dataDir);
  try {
    const location = dataDir === IN_MEMORY ? IN_MEMORY : path.resolve(dataDir, 'pgdata');
    const db = await PGlite.create(location);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();

    return {
      url: `postgresql://postgres@${server.getServerConn()}/postgres`,
      stop: async () => {
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * Two processes writing one PGlite directory would corrupt it, so the first
 * one takes a lock file holding its pid; a lock left by a dead process is
 * taken over.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'embedded.lock');

  const holder = readLockHolder(lockFile);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `the embedded database in ${dataDir} is in use by process ${holder}; ` +
        'stop it first, or set DATABASE_URL to use a PostgreSQL server',
    );
  }

  fs.writeFileSync(lockFile, String(process.pid));
  return () => fs.rmSync(lockFile, { force: true });
}

function readLockHolder(lockFile: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
