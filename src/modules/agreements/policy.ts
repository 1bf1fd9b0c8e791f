/**
 * Who may see and act on a convention (issue 6): members of a party see it, and network
 * admins see the national convention; a party acts only for itself, through an admin of
 * that organisation; a platform admin may record a party's signature from a signed paper
 * copy (audited as such). Used by the routes as `policies.check(...)`.
 */
import type { Context } from 'hono';
import type { Db } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { AppEnv } from '../../http/context.js';
import { type Actor, isNetworkAdmin, isPlatformAdmin, membershipOf } from '../../policy/actor.js';
import { type Policy, policies } from '../../policy/policy.js';

export interface AgreementAccess {
  kind: string;
  partyIds: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cache = new WeakMap<Request, Map<string, AgreementAccess | null>>();

export async function accessOf(db: Db, id: string, req?: Request): Promise<AgreementAccess | null> {
  if (!UUID.test(id)) return null;
  const memo = req ? (cache.get(req) ?? new Map()) : new Map();
  if (req) cache.set(req, memo);
  if (memo.has(id)) return memo.get(id)!;
  const row = await db.maybeOne<{ kind: string; party_ids: string[] }>(sql`
    SELECT a.kind, array_agg(p.organisation_id::text ORDER BY p.position) AS party_ids
    FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.id
    WHERE a.id = ${id} GROUP BY a.kind`);
  const access = row ? { kind: row.kind, partyIds: row.party_ids } : null;
  memo.set(id, access);
  return access;
}

/** Rule: may this actor see this agreement? */
export function canView(actor: Actor, a: AgreementAccess): boolean {
  if (actor.kind !== 'user') return false;
  if (isPlatformAdmin(actor)) return true;
  if (a.kind === 'national_partnership' && isNetworkAdmin(actor)) return true;
  return a.partyIds.some((p) => !!membershipOf(actor, p));
}

/** Rule: may this actor act in the name of organisation `orgId` on this agreement? */
export function canActFor(
  actor: Actor,
  a: AgreementAccess,
  orgId: string,
  opts: { paperCopy?: boolean } = {},
) {
  if (actor.kind !== 'user') return false;
  if (membershipOf(actor, orgId)?.role === 'admin') return canView(actor, a);
  return !!opts.paperCopy && isPlatformAdmin(actor);
}

/** Rule: is the actor an admin of one of the parties (or, for paper copies, a platform admin)? */
export function isPartyAdmin(actor: Actor, a: AgreementAccess, opts: { paperCopy?: boolean } = {}) {
  return a.partyIds.some((p) => canActFor(actor, a, p, opts)) || (!!opts.paperCopy && isPlatformAdmin(actor));
}

/** The organisation a request acts for: a field of the JSON body or of the form. */
export async function bodyField(c: Context<AppEnv>, field: string): Promise<unknown> {
  try {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/json')) {
      const body = await c.req.json();
      return body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
    }
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody({ all: true });
      const v = body[field];
      return field === 'partyIds' || !Array.isArray(v) ? v : v[0];
    }
  } catch {
    return undefined;
  }
  return undefined;
}

const idParam = (c: Context<AppEnv>) => (c.req.param('id') ?? '').replace(/\.pdf$/, '');

export function agreementPolicies(db: Db) {
  const load = (c: Context<AppEnv>) => accessOf(db, idParam(c), c.req.raw);

  /** See the agreement (unknown ids go through to a 404 for signed-in users). */
  const viewer: Policy = policies.check('agreementViewer', async (actor, c) => {
    if (actor.kind !== 'user') return false;
    const a = await load(c);
    return a ? canView(actor, a) : true;
  });

  /** Act for the organisation named in the body's `field`; missing or malformed → the operation answers 422. */
  const actingParty = (field: string, opts: { paperCopy?: boolean } = {}): Policy =>
    policies.check(`agreementParty(${field}${opts.paperCopy ? ', paper copy' : ''})`, async (actor, c) => {
      if (actor.kind !== 'user') return false;
      const a = await load(c);
      if (!a) return true;
      const org = await bodyField(c, field);
      if (typeof org !== 'string' || !UUID.test(org)) return isPartyAdmin(actor, a, opts);
      return canActFor(actor, a, org, opts);
    });

  /** An admin of one of the parties (annual meeting, forms). */
  const partyAdmin = (opts: { paperCopy?: boolean } = {}): Policy =>
    policies.check('agreementPartyAdmin', async (actor, c) => {
      if (actor.kind !== 'user') return false;
      const a = await load(c);
      if (!a) return true;
      return isPartyAdmin(actor, a, opts);
    });

  /** Create an agreement: a platform admin, or an admin of one of the parties named. */
  const creator: Policy = policies.check('agreementCreator', async (actor, c) => {
    if (actor.kind !== 'user') return false;
    if (isPlatformAdmin(actor)) return true;
    const admins = actor.memberships.filter((m) => m.role === 'admin').map((m) => m.organisationId);
    if (admins.length === 0) return false;
    if (c.req.method === 'GET') return true;
    const ids = await bodyField(c, 'partyIds');
    // The creation form names the user's own organisation apart (ownOrganisationId).
    const own = await bodyField(c, 'ownOrganisationId');
    if (typeof own === 'string' && admins.includes(own)) return true;
    const list = Array.isArray(ids) ? ids : typeof ids === 'string' ? [ids] : null;
    if (!list || !list.every((x) => typeof x === 'string' && UUID.test(x))) return true; // 422 follows
    return list.some((x) => admins.includes(x as string));
  });

  /** Act on an approval (:approvalId): an admin of the party that signed it, or a platform admin. */
  const approvalParty: Policy = policies.check('agreementApprovalParty', async (actor, c) => {
    if (actor.kind !== 'user') return false;
    const a = await load(c);
    if (!a) return true;
    const approvalId = c.req.param('approvalId') ?? '';
    if (!UUID.test(approvalId)) return isPartyAdmin(actor, a, { paperCopy: true });
    const row = await db.maybeOne<{ organisation_id: string }>(
      sql`SELECT organisation_id FROM agreement_approvals WHERE id = ${approvalId} AND agreement_id = ${idParam(c)}`,
    );
    if (!row) return isPartyAdmin(actor, a, { paperCopy: true });
    return canActFor(actor, a, row.organisation_id, { paperCopy: true });
  });

  return { viewer, actingParty, partyAdmin, creator, approvalParty };
}
