import type { RequestHandler } from 'express';

import type { components } from '../../generated/api';
import type { OperationHandlers } from '../http/routes';
import type { EventKind, EventStore } from './event-store';

type EventOperation =
  | 'createSearchEvent'
  | 'createSearchRatingEvent'
  | 'createResultClickEvent'
  | 'createDetailPageEvent'
  | 'createEvents';

const created = { status: 'created' } as const;

/**
 * The contract has already validated each body when these run; they only
 * hand it to the store and answer once its rows are committed.
 */
export function createEventHandlers(store: EventStore): Pick<OperationHandlers, EventOperation> {
  const single = (kind: EventKind): RequestHandler => {
    return async (req, res) => {
      await store.add(kind, req.body);

      res.status(201).json(created);
    };
  };

  const batch: RequestHandler = async (req, res) => {
    const { events } = req.body as components['schemas']['EventBatch'];

    await store.addBatch(events);

    res.status(201).json({ ...created, count: events.length });
  };

  return {
    createSearchEvent: single('search_event'),
    createSearchRatingEvent: single('search_rating_event'),
    createResultClickEvent: single('result_click_event'),
    createDetailPageEvent: single('detail_page_event'),
    createEvents: batch,
  };
}
