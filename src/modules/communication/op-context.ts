import type { AuditContext } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';

/** What every operation gets: the transaction it runs in, who acts, and the clock. */
export interface OpContext {
  tx: Queryable;
  audit: AuditContext;
  now: Date;
}
