import type { Knex } from '@mikro-orm/knex';

import type { AttributionEvent } from './parse-record';

/** Stores a batch of events in one statement; resolves once the rows are committed. */
export type StoreEvents = (events: readonly AttributionEvent[]) => Promise<void>;

/**
 * One multi-row INSERT per batch. The rows travel as four arrays unnested by PostgreSQL rather
 * than as four parameters per row: the statement text and its parameter count stay the same
 * for any batch size (no 65,535-parameter ceiling), and the driver sends four values instead
 * of thousands, which is what lets ingest reach its throughput goal (see README).
 */
export function referrerEventStore(knex: Knex): StoreEvents {
  return async (events) => {
    if (events.length === 0) return;
    try {
      await knex.raw(INSERT_SQL, columnsOf(events));
    } catch (error) {
      throw withoutStatement(error);
    }
  };
}

/**
 * knex puts the statement before the database's message (`<sql> - <message>`); the operator
 * needs only the message. The statement holds no " - ", so the first one ends it.
 */
function withoutStatement(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const separator = error.message.indexOf(' - ');
  if (separator !== -1 && error.message.trimStart().startsWith('insert into')) {
    error.message = error.message.slice(separator + 3);
  }
  return error;
}

const INSERT_SQL = `
  insert into attribution_referrer_event (image_uuid, full_referer, referer_domain, resource)
  select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[])`;

function columnsOf(events: readonly AttributionEvent[]): Knex.Value[] {
  const imageUuids: (string | null)[] = [];
  const fullReferers: string[] = [];
  const refererDomains: string[] = [];
  const resources: string[] = [];
  for (const event of events) {
    imageUuids.push(event.imageUuid);
    fullReferers.push(event.fullReferer);
    refererDomains.push(event.refererDomain);
    resources.push(event.resource);
  }
  // knex's Value type knows no array with nulls; pg sends a null element as SQL NULL.
  return [imageUuids as string[], fullReferers, refererDomains, resources];
}
