import { audit } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { AppError, invalid } from '../../http/errors.js';
import { createSession, destroySession, loadActor } from '../auth/sessions.js';
import { displayName, type ProConnectClaims } from './claims.js';
import { notifyReviewers } from './requests.js';

/**
 * What a verified ProConnect identity becomes in Passerelle (ADR 0005).
 *
 * Account: the user whose proconnect_sub is the `sub`; otherwise the user with that
 * e-mail (linked: its proconnect_sub is set); otherwise a new user named
 * "given_name usual_name", without a password.
 *
 * Organisation, only at the account's FIRST ProConnect sign-in (creation or linking), so
 * that a later removal by an organisation admin is not undone by the next sign-in:
 * - the SIRET matches an organisation (organisations.siret) → the user becomes a MEMBER
 *   of it (the SIRET is asserted by the public-sector identity provider);
 * - no match, and the user belongs to no organisation and has nothing pending → the
 *   question "which organisation do you belong to?"; the answer is only a REQUEST
 *   (proconnect_membership_requests) that an admin of that organisation or a network
 *   admin accepts; "continue without" records nothing.
 *
 * Everything — account, membership or request, audit entries, the session — is written
 * in ONE transaction, after the whole exchange with the provider succeeded: a failure
 * anywhere leaves nothing half-written.
 */

export interface OrgRef {
  id: string;
  name: string;
}

export interface SignInPlan {
  /** The account these claims designate, if it exists. */
  userId: string | null;
  disabled: boolean;
  /** True when this sign-in creates the account or links it to ProConnect. */
  first: boolean;
  siretOrganisation: OrgRef | null;
  /** Ask which organisation the person belongs to before signing in. */
  askOrganisation: boolean;
}

interface UserRow {
  id: string;
  proconnect_sub: string | null;
  disabled_at: Date | null;
}

async function findUser(db: Queryable, claims: ProConnectClaims): Promise<UserRow | null> {
  return (
    (await db.maybeOne<UserRow>(
      sql`SELECT id, proconnect_sub, disabled_at FROM users WHERE proconnect_sub = ${claims.sub}`,
    )) ??
    (await db.maybeOne<UserRow>(
      sql`SELECT id, proconnect_sub, disabled_at FROM users WHERE email = ${claims.email}`,
    ))
  );
}

async function organisationBySiret(db: Queryable, siret: string | null): Promise<OrgRef | null> {
  if (!siret) return null;
  return db.maybeOne<OrgRef>(sql`SELECT id, name FROM organisations WHERE siret = ${siret}`);
}

/** Reads only: who signs in and whether the organisation question is needed. */
export async function planSignIn(db: Queryable, claims: ProConnectClaims): Promise<SignInPlan> {
  const user = await findUser(db, claims);
  const first = !user || user.proconnect_sub !== claims.sub;
  const siretOrganisation = await organisationBySiret(db, claims.siret);
  let belongsSomewhere = false;
  if (user) {
    const r = await db.one<{ n: number }>(sql`SELECT
        (SELECT count(*) FROM memberships WHERE user_id = ${user.id})
      + (SELECT count(*) FROM proconnect_membership_requests WHERE user_id = ${user.id} AND status = 'pending') AS n`);
    belongsSomewhere = r.n > 0;
  }
  return {
    userId: user?.id ?? null,
    disabled: !!user?.disabled_at,
    first,
    siretOrganisation,
    askOrganisation: first && !siretOrganisation && !belongsSomewhere,
  };
}

export interface SignInResult {
  userId: string;
  created: boolean;
  linked: boolean;
  attachedTo: OrgRef | null;
  requested: OrgRef | null;
  session: { token: string; csrfToken: string };
}

/**
 * Signs the person in; `tx` must be a transaction. `requestOrganisationId` is the answer
 * to the organisation question (null: continue without; undefined: not asked).
 */
export async function completeSignIn(
  tx: Queryable,
  deps: Deps,
  input: {
    claims: ProConnectClaims;
    idToken: string;
    requestOrganisationId?: string | null;
    requestId: string;
    userAgent: string | null;
    /** The session this browser had, ended at sign-in (a new session id every time). */
    previousSessionHash: string | null;
  },
): Promise<SignInResult> {
  const { claims } = input;
  const now = deps.now();
  let user = await findUser(tx, claims);
  if (user?.disabled_at) throw new AppError('forbidden', 'Ce compte est désactivé.');
  let created = false;
  let linked = false;
  if (!user) {
    user = await tx.one<UserRow>(sql`INSERT INTO users (email, name, proconnect_sub, last_login_at)
      VALUES (${claims.email}, ${displayName(claims)}, ${claims.sub}, ${now})
      RETURNING id, proconnect_sub, disabled_at`);
    created = true;
  } else if (user.proconnect_sub !== claims.sub) {
    await tx.run(
      sql`UPDATE users SET proconnect_sub = ${claims.sub}, last_login_at = ${now}, updated_at = ${now} WHERE id = ${user.id}`,
    );
    linked = true;
  } else {
    await tx.run(sql`UPDATE users SET last_login_at = ${now} WHERE id = ${user.id}`);
  }
  const actor = await loadActor(tx, user.id, 'session');
  if (!actor) throw new AppError('forbidden', 'Ce compte est désactivé.');
  const ctx = { actor, requestId: input.requestId };
  const identity = {
    email: claims.email,
    siret: claims.siret,
    organization_label: claims.organization_label,
    idp_id: claims.idp_id,
    roles: claims.roles,
  };
  if (created) {
    await audit(tx, ctx, {
      action: 'proconnect.account_created',
      entityType: 'user',
      entityId: user.id,
      after: { name: displayName(claims), ...identity },
    });
  } else if (linked) {
    await audit(tx, ctx, {
      action: 'proconnect.account_linked',
      entityType: 'user',
      entityId: user.id,
      before: { proconnect_sub: user.proconnect_sub },
      after: { proconnect_sub: claims.sub, ...identity },
    });
  }

  let attachedTo: OrgRef | null = null;
  if (created || linked) {
    const org = await organisationBySiret(tx, claims.siret);
    if (org) {
      const inserted = await tx.run(sql`INSERT INTO memberships (user_id, organisation_id, role, created_at)
        VALUES (${user.id}, ${org.id}, 'member', ${now}) ON CONFLICT DO NOTHING`);
      if (inserted > 0) {
        attachedTo = org;
        await audit(tx, ctx, {
          action: 'proconnect.membership_added',
          entityType: 'membership',
          entityId: `${user.id}:${org.id}`,
          organisationId: org.id,
          after: { role: 'member', siret: claims.siret },
        });
      }
    }
  }

  let requested: OrgRef | null = null;
  if (input.requestOrganisationId) {
    const org = await tx.maybeOne<OrgRef>(
      sql`SELECT id, name FROM organisations WHERE id = ${input.requestOrganisationId}`,
    );
    if (!org)
      throw invalid({ organisation: 'Cette organisation n’existe pas ; choisissez-en une dans la liste.' });
    const already = await tx.maybeOne(
      sql`SELECT 1 FROM memberships WHERE user_id = ${user.id} AND organisation_id = ${org.id}`,
    );
    if (!already) {
      const row = await tx.maybeOne<{ id: string }>(sql`INSERT INTO proconnect_membership_requests
          (user_id, organisation_id, siret, organization_label, created_at)
        VALUES (${user.id}, ${org.id}, ${claims.siret}, ${claims.organization_label}, ${now})
        ON CONFLICT DO NOTHING RETURNING id`);
      if (row) {
        requested = org;
        await audit(tx, ctx, {
          action: 'proconnect.membership_requested',
          entityType: 'proconnect_membership_request',
          entityId: row.id,
          organisationId: org.id,
          after: { user_id: user.id, siret: claims.siret, organization_label: claims.organization_label },
        });
        await notifyReviewers(tx, deps, {
          organisationId: org.id,
          organisationName: org.name,
          requesterName: displayName(claims),
          requesterEmail: claims.email,
        });
      }
    }
  }

  if (input.previousSessionHash) await destroySession(tx, input.previousSessionHash);
  const session = await createSession(
    tx,
    user.id,
    {
      idleMinutes: deps.config.SESSION_IDLE_MINUTES,
      absoluteHours: deps.config.SESSION_ABSOLUTE_HOURS,
    },
    now,
    { userAgent: input.userAgent, data: { proconnect: { idToken: input.idToken } } },
  );
  return {
    userId: user.id,
    created,
    linked,
    attachedTo,
    requested,
    session: { token: session.token, csrfToken: session.csrfToken },
  };
}

/**
 * Organisations whose name contains every word of the search (accents and case ignored;
 * words of one or two letters such as "de" or "du" are skipped), best match first.
 */
export async function searchOrganisations(db: Queryable, query: string, limit = 20): Promise<OrgRef[]> {
  const q = query.trim().toLowerCase().slice(0, 100);
  const words = [...new Set(q.split(/[\s'’,.-]+/).filter((w) => w.length >= 3))].slice(0, 8);
  if (words.length === 0) return [];
  const likePattern = (w: string) => `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const haystack = sql`f_unaccent(lower(name || ' ' || coalesce(short_name, '')))`;
  const conditions = words.map((w) => sql`${haystack} LIKE f_unaccent(${likePattern(w)})`);
  return db.many<OrgRef>(sql`SELECT id, name FROM organisations
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY similarity(f_unaccent(lower(name)), f_unaccent(${q})) DESC, name
    LIMIT ${limit}`);
}
