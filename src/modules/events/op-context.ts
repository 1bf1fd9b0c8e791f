import type { AuditContext } from '../../audit/audit.js';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/client.js';

/** What every operation gets: the transaction it runs in, who acts, the clock, and the mail settings. */
export interface OpContext {
  tx: Queryable;
  audit: AuditContext;
  now: Date;
  config: Pick<Config, 'SMTP_URL' | 'BASE_URL'>;
}

/** Label of who acts, for the event history. */
export function actorLabel(op: OpContext): string {
  const a = op.audit.actor;
  return a.kind === 'user' ? a.user.name : a.kind === 'system' ? a.label : 'visiteur';
}
