/** Every migration of the operational store, in order. Add new ones at the end. */
import { BatchLedger1764400000000 } from './1764400000000-batch-ledger';
import { Registry1764500000000 } from './1764500000000-registry';
import { ApiToken1764500000001 } from './1764500000001-api-token';
import { AuditLog1764500000002 } from './1764500000002-audit-log';
import { PurgeLog1764600000000 } from './1764600000000-purge-log';
import { AuditChain1764900000000 } from './1764900000000-audit-chain';
import { ApiTokenExpiry1764900000001 } from './1764900000001-api-token-expiry';

export const OPERATIONAL_MIGRATIONS = [
  BatchLedger1764400000000,
  Registry1764500000000,
  ApiToken1764500000001,
  AuditLog1764500000002,
  PurgeLog1764600000000,
  AuditChain1764900000000,
  ApiTokenExpiry1764900000001,
];
