import { attributionEntities } from '../attribution/entities';
import { eventEntities } from '../events/entities';
import { reportEntities } from '../reports/entities';

/** Every entity the ORM knows; each feature folder exports its own list. */
export const entities = [...eventEntities, ...attributionEntities, ...reportEntities];
