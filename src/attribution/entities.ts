import { EntitySchema } from '@mikro-orm/core';

/**
 * One load of a license badge image from a page on another site (SPEC §4, §7). The
 * timestamp is set by the database when the row is stored, as for the other event tables.
 */
export interface AttributionReferrerEvent {
  id: string;
  timestamp: Date;
  imageUuid: string | null;
  fullReferer: string;
  refererDomain: string;
  resource: string;
}

export const AttributionReferrerEventSchema = new EntitySchema<AttributionReferrerEvent>({
  name: 'AttributionReferrerEvent',
  tableName: 'attribution_referrer_event',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    timestamp: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
    // `type: 'uuid'` and not UuidType, which has produced varchar columns.
    imageUuid: { type: 'uuid', columnType: 'uuid', fieldName: 'image_uuid', nullable: true },
    fullReferer: { type: 'text', fieldName: 'full_referer' },
    refererDomain: { type: 'text', fieldName: 'referer_domain' },
    resource: { type: 'text' },
  },
});

export const attributionEntities = [AttributionReferrerEventSchema];
