import type { Queryable } from '../../src/db/client.js';
import { sql } from '../../src/db/sql.js';
import { hashPassword } from '../../src/modules/auth/password.js';
import type { GlobalRole, MembershipRole, OrgKind } from '../../src/policy/actor.js';

let counter = 0;
const next = () => `${Date.now().toString(36)}${(++counter).toString(36)}`;

export interface OrgFixture {
  id: string;
  name: string;
  kind: OrgKind;
}

/** An organisation with sensible defaults; override any field. */
export async function anOrganisation(
  db: Queryable,
  o: Partial<{
    kind: OrgKind;
    level: string | null;
    name: string;
    siret: string | null;
    code: string | null;
  }> = {},
): Promise<OrgFixture> {
  const kind = o.kind ?? 'mission_locale';
  const level = o.level !== undefined ? o.level : kind === 'local_authority' ? 'commune' : null;
  const name = o.name ?? `Organisation ${next()}`;
  const row = await db.one<{ id: string }>(sql`INSERT INTO organisations (kind, level, name, siret, code)
    VALUES (${kind}, ${level}, ${name}, ${o.siret ?? null}, ${o.code ?? null}) RETURNING id`);
  return { id: row.id, name, kind };
}

export interface UserFixture {
  id: string;
  email: string;
  name: string;
  password: string;
}

const passwordHashCache = new Map<string, string>();

/** A user (password "Un-mot-de-passe-solide-42" unless given), optionally member of organisations. */
export async function aUser(
  db: Queryable,
  u: Partial<{
    email: string;
    name: string;
    password: string;
    globalRole: GlobalRole | null;
    network: 'unml' | 'cuf' | null;
    memberOf: { organisationId: string; role?: MembershipRole }[];
  }> = {},
): Promise<UserFixture> {
  const password = u.password ?? 'Un-mot-de-passe-solide-42';
  let hash = passwordHashCache.get(password);
  if (!hash) {
    hash = await hashPassword(password);
    passwordHashCache.set(password, hash);
  }
  const email = (u.email ?? `user-${next()}@exemple.fr`).toLowerCase();
  const name = u.name ?? `Utilisateur ${next()}`;
  const network = u.network !== undefined ? u.network : u.globalRole === 'network_admin' ? 'unml' : null;
  const row = await db.one<{
    id: string;
  }>(sql`INSERT INTO users (email, name, password_hash, global_role, network)
    VALUES (${email}, ${name}, ${hash}, ${u.globalRole ?? null}, ${network}) RETURNING id`);
  for (const m of u.memberOf ?? []) {
    await db.run(
      sql`INSERT INTO memberships (user_id, organisation_id, role) VALUES (${row.id}, ${m.organisationId}, ${m.role ?? 'member'})`,
    );
  }
  return { id: row.id, email, name, password };
}
