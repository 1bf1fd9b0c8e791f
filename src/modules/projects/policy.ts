import type { Context } from 'hono';
import { sql } from '../../db/sql.js';
import type { AppEnv } from '../../http/context.js';
import { type Actor, isNetworkAdmin, membershipOf } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import { UUID } from './store.js';

async function projectOf(c: Context<AppEnv>) {
  const id = c.req.param('id') ?? '';
  if (!UUID.test(id)) return null;
  const db = c.get('deps').db;
  const p = await db.maybeOne<{ publication: string }>(
    sql`SELECT publication FROM projects WHERE id = ${id}`,
  );
  if (!p) return null;
  const orgs = await db.many<{ organisation_id: string }>(
    sql`SELECT organisation_id FROM project_partners WHERE project_id = ${id} AND organisation_id IS NOT NULL`,
  );
  return { publication: p.publication, orgIds: orgs.map((o) => o.organisation_id) };
}

const isPartner = (a: Actor, orgIds: string[]) => orgIds.some((o) => !!membershipOf(a, o));

/** Who may do what with a project. Unknown ids are let through to the handler (404). */
export const projectPolicies = {
  /** Published projects are public; others are seen by partner members and network admins. */
  viewer: policies.check('projectViewer', async (a, c) => {
    const p = await projectOf(c);
    return p === null || p.publication === 'published' || isNetworkAdmin(a) || isPartner(a, p.orgIds);
  }),
  /** Members of a partner organisation edit (network admins only read). */
  editor: policies.check('projectPartnerMember', async (a, c) => {
    if (a.kind !== 'user') return false;
    const p = await projectOf(c);
    return p === null || isPartner(a, p.orgIds);
  }),
  /** Private parts (documents, funding eligibility): partner members and network admins only, never public. */
  documentViewer: policies.check('projectPartnerMemberOrNetworkAdmin', async (a, c) => {
    if (a.kind !== 'user') return false;
    const p = await projectOf(c);
    return p === null || isNetworkAdmin(a) || isPartner(a, p.orgIds);
  }),
  /** Creating a project: a member of the organisation named `organisationId` (form) or in `organisationIds` (JSON). */
  creator: policies.check('projectCreator(body)', async (a, c) => {
    if (a.kind !== 'user') return false;
    let ids: unknown;
    try {
      if ((c.req.header('content-type') ?? '').includes('json')) ids = (await c.req.json())?.organisationIds;
      else ids = (await c.req.parseBody({ all: true })).organisationId;
    } catch {
      return true; // malformed body: the validation answers
    }
    const list = (Array.isArray(ids) ? ids : [ids]).filter(
      (x): x is string => typeof x === 'string' && UUID.test(x),
    );
    if (list.length === 0) return true; // the validation names the field
    return list.some((o) => !!membershipOf(a, o));
  }),
};
