import { eventEntities } from '../events/entities';

/** Every entity the ORM knows; each feature folder exports its own list. */
export const entities = [...eventEntities];
