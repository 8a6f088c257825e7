import fs from 'node:fs';
import path from 'node:path';

import type { Database } from '../db/database';
import type { Contract } from './contract';
import { packageRoot } from './contract';
import { problems } from './problems';
import type { OperationHandlers } from './routes';

type ServiceOperation = 'getHealth' | 'getReadiness' | 'getDocs' | 'getSpecYaml' | 'getSpecJson';

// The docs page is self-contained; this header makes the browser refuse any
// request to another host should a future Redoc version try one.
const DOCS_POLICY =
  "default-src 'self' data: blob: 'unsafe-inline'; connect-src 'self'; img-src 'self' data:";

export function docsPath(): string {
  return path.join(packageRoot(), 'dist', 'docs', 'index.html');
}

export function createServiceHandlers(
  database: Database,
  contract: Contract,
): Pick<OperationHandlers, ServiceOperation> {
  const docs = withServers(readDocs(), contract);

  return {
    getHealth: (_req, res) => {
      res.json({ status: 'ok' });
    },

    getReadiness: async (_req, res, next) => {
      try {
        await database.knex.raw('select 1');
      } catch {
        return next(problems.databaseUnavailable());
      }
      res.json({ status: 'ok' });
    },

    getDocs: (_req, res) => {
      res.setHeader('Content-Security-Policy', DOCS_POLICY);
      res.type('text/html').send(docs);
    },

    getSpecYaml: (_req, res) => {
      res.type('application/yaml').send(contract.yaml);
    },

    getSpecJson: (_req, res) => {
      res.type('application/json').send(contract.json);
    },
  };
}

/**
 * The page is built once, from the contract with `servers: [{url: /}]`; the
 * service may run under BASE_PATH, so the page's copy is pointed there too.
 */
function withServers(html: string, contract: Contract): string {
  const built = JSON.stringify({ servers: [{ url: '/' }] }).slice(1, -1);
  const served = JSON.stringify({ servers: contract.document.servers }).slice(1, -1);
  return html.split(built).join(served);
}

function readDocs(): string {
  try {
    return fs.readFileSync(docsPath(), 'utf8');
  } catch {
    return '<!DOCTYPE html><title>Search Analytics</title><p>The docs are not built: run <code>make docs</code>.</p>';
  }
}
