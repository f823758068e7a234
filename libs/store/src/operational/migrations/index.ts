/** Every migration of the operational store, in order. Add new ones at the end. */
import { BatchLedger1764400000000 } from './1764400000000-batch-ledger';

export const OPERATIONAL_MIGRATIONS = [BatchLedger1764400000000];
