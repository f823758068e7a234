/** Every entity of the operational store. Add new ones here (one line each). */
import { BatchEntity } from './batch.entity';

export const OPERATIONAL_ENTITIES = [BatchEntity];
