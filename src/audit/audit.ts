import type { Queryable } from '../db/client.js';
import { sql } from '../db/sql.js';
import type { Actor } from '../policy/actor.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  organisationId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditContext {
  actor: Actor | { kind: 'system'; label: string };
  requestId?: string | null;
}

/**
 * Appends one entry to the audit log. Call it with the transaction that makes the
 * change, so the change and its record commit together (or neither does).
 */
export async function audit(tx: Queryable, ctx: AuditContext, e: AuditEntry): Promise<void> {
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.user.id : null;
  const label =
    ctx.actor.kind === 'user'
      ? `${ctx.actor.user.name} <${ctx.actor.user.email}>`
      : ctx.actor.kind === 'system'
        ? ctx.actor.label
        : 'anonyme';
  await tx.run(sql`INSERT INTO audit_log (actor_user_id, actor_label, action, entity_type, entity_id, organisation_id, before, after, request_id)
    VALUES (${actorId}, ${label}, ${e.action}, ${e.entityType}, ${e.entityId ?? null}, ${e.organisationId ?? null},
            ${e.before === undefined ? null : JSON.stringify(e.before)}, ${e.after === undefined ? null : JSON.stringify(e.after)},
            ${ctx.requestId ?? null})`);
}
