import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser } from '../../../tests/helpers/fixtures.js';
import {
  type ProConnectIdentity,
  startOidcProvider,
  type TestOidcProvider,
} from '../../../tests/helpers/oidc-provider.js';
import { sql } from '../../db/sql.js';
import { sha256 } from '../../lib/crypto.js';
import { proconnectEndSessionUrl } from './logout.js';

/**
 * ProConnect sign-in end to end, without a browser, against a REAL OpenID Connect
 * provider (oidc-provider on 127.0.0.1) that issues codes, RS256 ID tokens and RS256
 * userinfo JWTs with ProConnect claims. The test follows the redirects itself.
 */
const BASE = 'http://passerelle.test';
let op: TestOidcProvider;
let counter = 0;

function identity(overrides: Partial<ProConnectIdentity> = {}): ProConnectIdentity {
  counter++;
  return {
    sub: `sub-${counter}-${Date.now()}`,
    given_name: 'Camille',
    usual_name: 'Dupont',
    email: `camille.dupont.${counter}@grenoble.fr`,
    uid: `uid-${counter}`,
    idp_id: 'fia1v2',
    roles: ['agent_public_territorial'],
    organization_label: 'Commune de Grenoble',
    ...overrides,
  };
}

/** Starts a sign-in at Passerelle, lets the provider sign `who` in, returns to the callback. */
async function signIn(app: TestApp, who: ProConnectIdentity | null, client: TestClient = app.anonymous()) {
  if (who) op.signInAs(who);
  const start = await client.get('/connexion/proconnect');
  expect(start.status).toBe(302);
  const authUrl = new URL(start.headers.get('location') ?? '');
  const back = await op.browser().follow(authUrl.href, `${BASE}/`);
  const callbackPath = back.slice(BASE.length);
  const res = await client.get(callbackPath);
  return { client, start, authUrl, callbackPath, res };
}

const decodeJwtPart = (jwt: string, i: number) =>
  JSON.parse(Buffer.from(jwt.split('.')[i], 'base64url').toString());

async function sessionData(app: TestApp, client: TestClient) {
  const token = /passerelle_session=([^;]+)/.exec(client.cookieHeader())?.[1];
  if (!token) return null;
  const row = await app.db.maybeOne<{ data: any; user_id: string }>(
    sql`SELECT data, user_id FROM sessions WHERE id_hash = ${sha256(token)}`,
  );
  return row;
}

async function countRows(app: TestApp) {
  return app.db.one<{
    users: number;
    memberships: number;
    requests: number;
    sessions: number;
    audits: number;
  }>(sql`SELECT
    (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM memberships) AS memberships,
    (SELECT count(*) FROM proconnect_membership_requests) AS requests, (SELECT count(*) FROM sessions) AS sessions,
    (SELECT count(*) FROM audit_log) AS audits`);
}

beforeAll(async () => {
  op = await startOidcProvider({ baseUrl: BASE });
});

afterAll(async () => {
  await op?.close();
});

describe.each(DB_KINDS)('ProConnect sign-in (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ kind, env: op.env() });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts with PKCE, and state and nonce of at least 32 characters, in a sealed HttpOnly cookie', async () => {
    const client = app.anonymous();
    const start = await client.get('/connexion/proconnect?suite=/annuaire');
    expect(start.status).toBe(302);
    const url = new URL(start.headers.get('location') ?? '');
    expect(url.origin).toBe(op.issuer);
    const p = url.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe(op.clientId);
    expect(p.get('redirect_uri')).toBe(`${BASE}/connexion/proconnect/retour`);
    expect(p.get('state')?.length).toBeGreaterThanOrEqual(32);
    expect(p.get('nonce')?.length).toBeGreaterThanOrEqual(32);
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')?.length).toBeGreaterThanOrEqual(43);
    expect(p.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining([
        'openid',
        'given_name',
        'usual_name',
        'email',
        'uid',
        'siret',
        'idp_id',
        'organization_label',
      ]),
    );
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith('passerelle_proconnect='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/connexion\/proconnect/);
    // Nothing readable in it: neither the state nor the nonce appear in clear.
    expect(cookie).not.toContain(p.get('state') ?? '');
    expect(cookie).not.toContain(p.get('nonce') ?? '');
  });

  it('first sign-in creates the account and attaches it to the organisation whose SIRET matches; the second reuses it', async () => {
    const org = await anOrganisation(app.db, {
      kind: 'local_authority',
      level: 'commune',
      name: 'Commune de Grenoble',
      siret: '21380185500015',
    });
    const who = identity({ siret: '21380185500015' });
    const { res, client } = await signIn(app, who);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const sessionCookie = res.headers.getSetCookie().find((c) => c.startsWith('passerelle_session='));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(sessionCookie).not.toMatch(/Secure/i); // http BASE_URL in tests

    const user = await app.db.one<{
      id: string;
      name: string;
      email: string;
      proconnect_sub: string;
      password_hash: string | null;
    }>(
      sql`SELECT id, name, email, proconnect_sub, password_hash FROM users WHERE proconnect_sub = ${who.sub}`,
    );
    expect(user.name).toBe('Camille Dupont');
    expect(user.email).toBe(who.email);
    expect(user.password_hash).toBeNull();
    const memberships = await app.db.many<{ organisation_id: string; role: string }>(
      sql`SELECT organisation_id, role FROM memberships WHERE user_id = ${user.id}`,
    );
    expect(memberships).toEqual([{ organisation_id: org.id, role: 'member' }]);
    const audits = await app.db.many<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE actor_user_id = ${user.id} ORDER BY id`,
    );
    expect(audits.map((a) => a.action)).toEqual([
      'proconnect.account_created',
      'proconnect.membership_added',
    ]);

    // The session keeps the RS256 ID token (for the logout) and the user is signed in.
    const s = await sessionData(app, client);
    expect(s?.user_id).toBe(user.id);
    const idToken: string = s?.data.proconnect.idToken;
    expect(decodeJwtPart(idToken, 0).alg).toBe('RS256');
    expect(decodeJwtPart(idToken, 1).sub).toBe(who.sub);
    const home = await client.page('/');
    expect(home.html).toContain('Camille Dupont');

    // Second sign-in, fresh browser: same account, nothing new but a session.
    const before = await countRows(app);
    const again = await signIn(app, who);
    expect(again.res.status).toBe(303);
    const after = await countRows(app);
    expect(after).toEqual({ ...before, sessions: before.sessions + 1 });
    expect((await sessionData(app, again.client))?.user_id).toBe(user.id);
  });

  it('links an existing e-mail/password account instead of creating a second one', async () => {
    const existing = await aUser(app.db, { email: 'louise.martin@isere.fr', name: 'Louise Martin' });
    const who = identity({ email: 'Louise.Martin@isere.fr', given_name: 'Louise', usual_name: 'Martin' });
    const org = await anOrganisation(app.db, {
      kind: 'local_authority',
      level: 'departement',
      siret: '22380001800013',
    });
    const { res, client } = await signIn(app, { ...who, siret: '22380001800013' });
    expect(res.status).toBe(303);
    expect((await sessionData(app, client))?.user_id).toBe(existing.id);
    const u = await app.db.one<{ proconnect_sub: string }>(
      sql`SELECT proconnect_sub FROM users WHERE id = ${existing.id}`,
    );
    expect(u.proconnect_sub).toBe(who.sub);
    const audit = await app.db.one<{ action: string; before: any; after: any }>(
      sql`SELECT action, before, after FROM audit_log WHERE entity_id = ${existing.id} AND action LIKE 'proconnect.%'`,
    );
    expect(audit.action).toBe('proconnect.account_linked');
    expect(audit.before).toEqual({ proconnect_sub: null });
    expect(audit.after.proconnect_sub).toBe(who.sub);
    expect(
      await app.db.maybeOne(
        sql`SELECT 1 FROM memberships WHERE user_id = ${existing.id} AND organisation_id = ${org.id}`,
      ),
    ).not.toBeNull();
  });

  it('an unknown SIRET leads to the organisation question; nothing is written until it is answered', async () => {
    const ml = await anOrganisation(app.db, {
      kind: 'mission_locale',
      name: 'Mission Locale du Grésivaudan',
    });
    const who = identity({ siret: '99999999900017', organization_label: 'Mission Locale Grésivaudan' });
    const before = await countRows(app);
    const { res, client } = await signIn(app, who);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/connexion/proconnect/organisation');
    expect(await countRows(app)).toEqual(before);

    // The question, pre-searched with the organisation label ProConnect gave.
    const page = await client.page('/connexion/proconnect/organisation');
    expect(page.res.status).toBe(200);
    expect(page.html).toContain('À quelle organisation appartenez-vous ?');
    expect(page.html).toContain('99999999900017');
    expect(page.html).toContain(`value="${ml.id}"`);
    const searched = await client.page('/connexion/proconnect/organisation?q=gresivaudan');
    expect(searched.html).toContain('Mission Locale du Grésivaudan');

    // Bad answers: 422 with a French message naming the field, nothing written.
    const empty = await client.postForm('/connexion/proconnect/organisation', {});
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Choisissez votre organisation');
    const unknown = await client.postForm('/connexion/proconnect/organisation', {
      organisation: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('Cette organisation n’existe pas');
    expect(await countRows(app)).toEqual(before);

    // The answer: a pending request (not a membership), the account, a session.
    const done = await client.postForm('/connexion/proconnect/organisation', { organisation: ml.id });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Mission Locale du Grésivaudan');
    const user = await app.db.one<{ id: string }>(
      sql`SELECT id FROM users WHERE proconnect_sub = ${who.sub}`,
    );
    expect(await app.db.many(sql`SELECT 1 FROM memberships WHERE user_id = ${user.id}`)).toEqual([]);
    const request = await app.db.one<{
      organisation_id: string;
      status: string;
      siret: string;
      organization_label: string;
    }>(
      sql`SELECT organisation_id, status, siret, organization_label FROM proconnect_membership_requests WHERE user_id = ${user.id}`,
    );
    expect(request).toEqual({
      organisation_id: ml.id,
      status: 'pending',
      siret: '99999999900017',
      organization_label: 'Mission Locale Grésivaudan',
    });
    const actions = await app.db.many<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE actor_user_id = ${user.id} ORDER BY id`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'proconnect.account_created',
      'proconnect.membership_requested',
    ]);
    expect((await sessionData(app, client))?.user_id).toBe(user.id);
    // The pending sign-in is over: the question cannot be answered twice.
    expect((await client.get('/connexion/proconnect/organisation')).status).toBe(400);

    // Next time: no question (a request is pending).
    const again = await signIn(app, who);
    expect(again.res.status).toBe(303);
    expect(again.res.headers.get('location')).toBe('/');
  });

  it('"continue without an organisation" signs in without membership nor request, and is not asked again', async () => {
    const who = identity({ siret: undefined });
    const { res, client } = await signIn(app, who);
    expect(res.headers.get('location')).toBe('/connexion/proconnect/organisation');
    const page = await client.page('/connexion/proconnect/organisation');
    expect(page.html).toContain('ProConnect n’a pas indiqué le SIRET');
    const done = await client.postForm('/connexion/proconnect/organisation', { organisation: 'aucune' });
    expect(done.status).toBe(200);
    const user = await app.db.one<{ id: string }>(
      sql`SELECT id FROM users WHERE proconnect_sub = ${who.sub}`,
    );
    expect(
      await app.db.one<{ n: number }>(
        sql`SELECT (SELECT count(*) FROM memberships WHERE user_id = ${user.id}) + (SELECT count(*) FROM proconnect_membership_requests WHERE user_id = ${user.id}) AS n`,
      ),
    ).toEqual({ n: 0 });
    const again = await signIn(app, who);
    expect(again.res.headers.get('location')).toBe('/');
  });

  it('the sign-in goes back to the page asked for (local paths only)', async () => {
    const who = identity({ siret: '21380185500015' });
    op.signInAs(who);
    const client = app.anonymous();
    const start = await client.get('/connexion/proconnect?suite=%2Fannuaire%3Fq%3Dlyon');
    const back = await op.browser().follow(start.headers.get('location') ?? '', `${BASE}/`);
    const res = await client.get(back.slice(BASE.length));
    expect(res.headers.get('location')).toBe('/annuaire?q=lyon');
    const evil = await client.get('/connexion/proconnect?suite=%2F%2Fevil.example');
    const back2 = await op.browser().follow(evil.headers.get('location') ?? '', `${BASE}/`);
    expect((await client.get(back2.slice(BASE.length))).headers.get('location')).toBe('/');
  });

  it('refused consent (error=access_denied) shows a French page and writes nothing', async () => {
    const before = await countRows(app);
    op.refuseNext();
    const { res, callbackPath } = await signIn(app, identity({ siret: '21380185500015' }));
    expect(callbackPath).toContain('error=access_denied');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Connexion ProConnect annulée');
    expect(await countRows(app)).toEqual(before);
  });

  it('a state that does not match, or no sign-in in progress, is refused and writes nothing', async () => {
    const before = await countRows(app);
    const who = identity({ siret: '21380185500015' });
    op.signInAs(who);
    const client = app.anonymous();
    const start = await client.get('/connexion/proconnect');
    const back = await op.browser().follow(start.headers.get('location') ?? '', `${BASE}/`);
    const tampered = new URL(back);
    tampered.searchParams.set('state', 'x'.repeat(43));
    const res = await client.get(`${tampered.pathname}${tampered.search}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('paramètre « state » différent');
    // The real callback after that is refused too: the attempt was single-use.
    const replay = await client.get(back.slice(BASE.length));
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('Connexion ProConnect expirée');
    // A callback in another browser (no pending cookie) is refused.
    expect((await app.anonymous().get(back.slice(BASE.length))).status).toBe(400);
    expect(await countRows(app)).toEqual(before);
  });

  it('a disabled account is not signed in', async () => {
    const who = identity({ siret: '21380185500015' });
    await signIn(app, who);
    await app.db.run(sql`UPDATE users SET disabled_at = now() WHERE proconnect_sub = ${who.sub}`);
    const before = await countRows(app);
    const { res } = await signIn(app, who);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Compte désactivé');
    expect(await countRows(app)).toEqual(before);
  });

  it('a request is mailed to the organisation admins; an admin accepts it (membership), a network admin refuses another; decided twice → 409', async () => {
    const ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale Sud Isère' });
    const admin = await aUser(app.db, { memberOf: [{ organisationId: ml.id, role: 'admin' }] });
    const outsider = await aUser(app.db);
    const who = identity({ siret: '88888888800015', organization_label: 'ML Sud Isère' });
    const { client } = await signIn(app, who);
    await client.page('/connexion/proconnect/organisation?q=sud isere');
    expect(
      (await client.postForm('/connexion/proconnect/organisation', { organisation: ml.id })).status,
    ).toBe(200);
    const mail = await app.db.one<{ to_address: string; text_body: string }>(
      sql`SELECT to_address, text_body FROM mail_outbox WHERE subject LIKE ${'%Mission Locale Sud Isère%'}`,
    );
    expect(mail.to_address).toBe(admin.email);
    expect(mail.text_body).toContain(`/organisations/${ml.id}/demandes-adhesion`);

    const adminClient = await app.as(admin.id);
    const list = await adminClient.page(`/organisations/${ml.id}/demandes-adhesion`);
    expect(list.res.status).toBe(200);
    expect(list.html).toContain(who.email);
    expect(list.html).toContain('88888888800015');
    const request = await app.db.one<{ id: string; user_id: string }>(
      sql`SELECT id, user_id FROM proconnect_membership_requests WHERE organisation_id = ${ml.id}`,
    );
    // A user who is no admin of the organisation is refused by the permission layer.
    const outsiderClient = await app.as(outsider.id);
    expect((await outsiderClient.get(`/organisations/${ml.id}/demandes-adhesion`)).status).toBe(403);
    // Bad decision value: 422 naming the field, nothing written.
    const bad = await adminClient.postForm(`/organisations/${ml.id}/demandes-adhesion/${request.id}`, {
      decision: 'peut-etre',
    });
    expect(bad.status).toBe(422);
    const accepted = await adminClient.postForm(`/organisations/${ml.id}/demandes-adhesion/${request.id}`, {
      decision: 'accepter',
    });
    expect(accepted.status).toBe(303);
    expect(
      await app.db.one(
        sql`SELECT role FROM memberships WHERE user_id = ${request.user_id} AND organisation_id = ${ml.id}`,
      ),
    ).toEqual({ role: 'member' });
    expect(
      await app.db.one(
        sql`SELECT status, decided_by FROM proconnect_membership_requests WHERE id = ${request.id}`,
      ),
    ).toEqual({ status: 'accepted', decided_by: admin.id });
    expect(
      (
        await app.db.many<{ action: string }>(
          sql`SELECT action FROM audit_log WHERE entity_id = ${request.id} ORDER BY id`,
        )
      ).map((a) => a.action),
    ).toEqual(['proconnect.membership_requested', 'proconnect.membership_request_accepted']);
    const again = await adminClient.postForm(`/organisations/${ml.id}/demandes-adhesion/${request.id}`, {
      decision: 'refuser',
    });
    expect(again.status).toBe(409);

    // A network admin refuses another request: no membership.
    const network = await aUser(app.db, { globalRole: 'network_admin', network: 'cuf' });
    const other = await aUser(app.db);
    const row = await app.db.one<{ id: string }>(
      sql`INSERT INTO proconnect_membership_requests (user_id, organisation_id) VALUES (${other.id}, ${ml.id}) RETURNING id`,
    );
    const networkClient = await app.as(network.id);
    await networkClient.page(`/organisations/${ml.id}/demandes-adhesion`);
    const refused = await networkClient.postForm(`/organisations/${ml.id}/demandes-adhesion/${row.id}`, {
      decision: 'refuser',
    });
    expect(refused.status).toBe(303);
    expect(await app.db.maybeOne(sql`SELECT 1 FROM memberships WHERE user_id = ${other.id}`)).toBeNull();
    expect(
      await app.db.one(sql`SELECT status FROM proconnect_membership_requests WHERE id = ${row.id}`),
    ).toEqual({
      status: 'refused',
    });
    // An unknown request → 404.
    const missing = await networkClient.postForm(
      `/organisations/${ml.id}/demandes-adhesion/00000000-0000-4000-8000-000000000000`,
      { decision: 'refuser' },
    );
    expect(missing.status).toBe(404);
  });

  it('signing out of a ProConnect session ends it locally, then sends the browser to the provider with id_token_hint', async () => {
    const who = identity({ siret: '21380185500015' });
    const { client } = await signIn(app, who);
    const s = await sessionData(app, client);
    await client.page('/compte');
    const res = await client.postForm('/deconnexion', {});
    expect(res.status).toBe(303);
    const url = new URL(res.headers.get('location') ?? '');
    expect(url.origin).toBe(op.issuer);
    expect(url.searchParams.get('id_token_hint')).toBe(s?.data.proconnect.idToken);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${BASE}/`);
    expect(await app.db.maybeOne(sql`SELECT 1 FROM sessions WHERE user_id = ${s?.user_id}`)).toBeNull();
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(200);
    // Browsers apply CSP form-action to the redirect that follows a form: the provider's
    // origin must be allowed, or Chromium blocks the sign-out (seen in a real browser).
    expect(res.headers.get('content-security-policy')).toContain(`form-action 'self' ${op.issuer};`);
  });

  it('logout: the end-session URL carries id_token_hint, state and post_logout_redirect_uri, and the provider accepts it', async () => {
    const who = identity({ siret: '21380185500015' });
    const { client } = await signIn(app, who);
    const s = await sessionData(app, client);
    const session = { idHash: 'x', csrfToken: 'y', data: s?.data };
    const url = new URL((await proconnectEndSessionUrl(app.deps, session)) ?? '');
    expect(url.origin).toBe(op.issuer);
    expect(url.searchParams.get('id_token_hint')).toBe(s?.data.proconnect.idToken);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${BASE}/`);
    expect(url.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    // The real provider validates the hint and the redirect URI: it answers its logout page.
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(200);
    // A password session has no ProConnect logout.
    expect(await proconnectEndSessionUrl(app.deps, { idHash: 'x', csrfToken: 'y', data: {} })).toBeNull();
  });
});

describe('ProConnect failures', () => {
  it('answers 404 with a French message when ProConnect is not enabled', async () => {
    const app = await createTestApp();
    try {
      for (const path of [
        '/connexion/proconnect',
        '/connexion/proconnect/retour',
        '/connexion/proconnect/organisation',
      ]) {
        const res = await app.anonymous().get(path);
        expect(res.status).toBe(404);
        expect(await res.text()).toContain('La connexion avec ProConnect n’est pas activée');
      }
    } finally {
      await app.close();
    }
  });

  it('a provider that does not answer gives a French page (502)', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const app = await createTestApp({ env: op.env({ PROCONNECT_ISSUER: `http://127.0.0.1:${port}` }) });
    try {
      const res = await app.anonymous().get('/connexion/proconnect');
      expect(res.status).toBe(502);
      expect(await res.text()).toContain('ProConnect ne répond pas');
      expect(res.headers.getSetCookie().some((c) => c.startsWith('passerelle_proconnect='))).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('a userinfo answer that is not a signed JWT is refused; nothing is written', async () => {
    const app = await createTestApp({ env: op.env({ PROCONNECT_CLIENT_ID: op.unsignedUserinfoClientId }) });
    try {
      const before = await countRows(app);
      const { res } = await signIn(app, identity({ siret: '21380185500015' }));
      expect(res.status).toBe(502);
      expect(await res.text()).toContain('Connexion ProConnect refusée');
      expect(await countRows(app)).toEqual(before);
    } finally {
      await app.close();
    }
  });
});
