import type { RequestHandler } from 'express';

import { loadContract } from '../../src/http/contract';
import { createRoutes, type OperationHandlers } from '../../src/http/routes';

/** The contract and the handler set must name the same operations, or start-up fails. */

const noop: RequestHandler = (_req, res) => {
  res.end();
};

function handlersFor(operationIds: string[]): OperationHandlers {
  return Object.fromEntries(operationIds.map((id) => [id, noop])) as OperationHandlers;
}

describe('createRoutes', () => {
  const { document } = loadContract('');
  const operationIds = Object.values(document.paths).flatMap((item) =>
    Object.values(item).map((operation) => operation!.operationId!),
  );

  it('when every operation has a handler, then the routes are built', () => {
    expect(() => createRoutes(document, handlersFor(operationIds))).not.toThrow();
  });

  it('when an operation has no handler, then start-up fails naming it', () => {
    const handlers = handlersFor(operationIds.filter((id) => id !== 'createSearchEvent'));

    expect(() => createRoutes(document, handlers)).toThrow(
      'operation createSearchEvent has no handler',
    );
  });

  it('when a handler has no operation, then start-up fails naming it', () => {
    const handlers = handlersFor([...operationIds, 'deleteEverything']);

    expect(() => createRoutes(document, handlers)).toThrow(
      'handlers without an operation: deleteEverything',
    );
  });
});
