import { Router, type RequestHandler } from 'express';

import type { operations } from '../../generated/api';
import { listOperations, type OpenApiDocument } from './contract';

/**
 * One handler per operation of the contract, keyed by operationId. The type
 * makes a missing or unknown handler a compile error; `createRoutes` makes a
 * contract and handler set that drifted apart (say, a stale `generated/`) a
 * start-up error.
 */
export type OperationHandlers = { [OperationId in keyof operations]: RequestHandler };

export function createRoutes(document: OpenApiDocument, handlers: OperationHandlers): Router {
  const router = Router();
  const operations = listOperations(document);
  const known = new Set(operations.map((operation) => operation.operationId));

  for (const { route, method, operationId } of operations) {
    const handler = (handlers as Record<string, RequestHandler | undefined>)[operationId];
    if (handler === undefined) throw new Error(`operation ${operationId} has no handler`);
    router[method](toExpressPath(route), handler);
  }

  const orphans = Object.keys(handlers).filter((operationId) => !known.has(operationId));
  if (orphans.length > 0) throw new Error(`handlers without an operation: ${orphans.join(', ')}`);
  return router;
}

function toExpressPath(route: string): string {
  return route.replace(/\{([^}]+)\}/g, ':$1');
}
