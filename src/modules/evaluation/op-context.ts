import type { Context } from 'hono';
import type { AuditContext } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import type { AppEnv, Deps } from '../../http/context.js';

/** What every operation gets: the transaction it runs in, who acts, and the clock. */
export interface OpContext {
  tx: Queryable;
  audit: AuditContext;
  now: Date;
}

export const evaluationOp = (c: Context<AppEnv>, deps: Deps, tx: Queryable): OpContext => ({
  tx,
  audit: { actor: c.get('actor'), requestId: c.get('requestId') },
  now: deps.now(),
});
