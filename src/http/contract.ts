import fs from 'node:fs';
import path from 'node:path';

import YAML from 'yaml';

/** The parts of an OpenAPI document this service reads. */
export interface OpenApiDocument {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Partial<Record<HttpMethod, { operationId?: string }>>>;
  [key: string]: unknown;
}

export const httpMethods = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof httpMethods)[number];

/** The folder holding package.json, from sources (src/…) or compiled output (dist/src/…). */
export function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export interface Contract {
  /** The document with `servers` pointing at BASE_PATH, as served and validated. */
  document: OpenApiDocument;
  yaml: string;
  json: string;
}

export function loadContract(basePath: string): Contract {
  const source = fs.readFileSync(path.join(packageRoot(), 'openapi', 'swagger.yaml'), 'utf8');
  const document = YAML.parse(source) as OpenApiDocument;
  document.servers = [{ url: basePath === '' ? '/' : basePath }];

  return { document, yaml: YAML.stringify(document), json: JSON.stringify(document) };
}

/** Every (path, method, operationId) of the document, in document order. */
export function listOperations(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([route, item]) =>
    httpMethods
      .filter((method) => item[method] !== undefined)
      .map((method) => ({ route, method, operationId: item[method]!.operationId ?? '' })),
  );
}
