import type { RequestHandler } from 'express';

import type { OperationHandlers } from '../http/routes';
import type { EventStore } from './event-store';

type EventOperation =
  | 'createSearchEvent'
  | 'createSearchRatingEvent'
  | 'createResultClickEvent'
  | 'createDetailPageEvent';

const created = { status: 'created' } as const;

/**
 * The contract has already validated each body when these run; they only
 * hand it to the store and answer once its row is committed.
 */
export function createEventHandlers(store: EventStore): Pick<OperationHandlers, EventOperation> {
  const respondCreated = (store: (body: never) => Promise<void>): RequestHandler => {
    return async (req, res) => {
      await store(req.body as never);

      res.status(201).json(created);
    };
  };

  return {
    createSearchEvent: respondCreated((body) => store.addSearch(body)),
    createSearchRatingEvent: respondCreated((body) => store.addRating(body)),
    createResultClickEvent: respondCreated((body) => store.addResultClick(body)),
    createDetailPageEvent: respondCreated((body) => store.addDetailPageEvent(body)),
  };
}
