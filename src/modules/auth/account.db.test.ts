import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type UserFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';

describe.each(DB_KINDS)('account page, personal API tokens and /api/v1/me (%s)', (kind) => {
  let app: TestApp;
  let user: UserFixture;
  let orgId: string;

  beforeAll(async () => {
    app = await createTestApp({ kind });
    const org = await anOrganisation(app.db, {
      kind: 'local_authority',
      level: 'commune',
      name: 'Ville de Rennes',
    });
    orgId = org.id;
    user = await aUser(app.db, {
      name: 'Sarah Leroy',
      memberOf: [{ organisationId: org.id, role: 'admin' }],
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function createToken(scope: 'read' | 'write', name = `Jeton ${scope}`) {
    const client = await app.as(user.id);
    await client.page('/compte');
    const res = await client.postForm('/compte/jetons', { name, scope });
    expect(res.status).toBe(201);
    const html = await res.text();
    const token = /data-new-token="?[^>]*>(psl_[\w-]+)</.exec(html)?.[1];
    expect(token, 'the token is shown on the resulting page').toBeDefined();
    return { token: token!, client, html };
  }
  const bearer = (token: string, init: RequestInit = {}) =>
    app.app.request('http://passerelle.test/api/v1/me', {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });

  it('shows identity, organisations and roles, language, sign out everywhere', async () => {
    const client = await app.as(user.id);
    const { res, html } = await client.page('/compte');
    expect(res.status).toBe(200);
    expect(html).toContain('Sarah Leroy');
    expect(html).toContain(user.email);
    expect(html).toContain('Ville de Rennes');
    expect(html).toContain('Administrateur');
    expect(html).toContain(`/organisations/${orgId}/membres`);
    expect(html).toContain('Se déconnecter partout');
    expect(html).toContain('name="locale"');
  });

  it('creates a token shown once, stored hashed, listed with its dates; revokes it', async () => {
    const { token, client, html } = await createToken('read', 'Tableau de bord');
    expect(token).toMatch(/^psl_[\w-]{43}$/);
    expect(html).toContain('il ne sera plus jamais affiché');
    const row = await app.db.one<{ id: string; token_hash: string; prefix: string; scope: string }>(
      sql`SELECT id, token_hash, prefix, scope FROM api_tokens WHERE user_id = ${user.id} AND name = 'Tableau de bord'`,
    );
    expect(row.token_hash).not.toContain(token.slice(4));
    expect(token.startsWith(row.prefix)).toBe(true);
    expect(row.scope).toBe('read');
    // Listed, never shown again.
    const again = await (await client.get('/compte')).text();
    expect(again).toContain('Tableau de bord');
    expect(again).toContain(`${row.prefix}…`);
    expect(again).not.toContain(token);
    expect(again).toContain('jamais');

    // Used: last_used_at recorded and shown.
    expect((await bearer(token)).status).toBe(200);
    const used = await app.db.one<{ last_used_at: Date | null }>(
      sql`SELECT last_used_at FROM api_tokens WHERE id = ${row.id}`,
    );
    expect(used.last_used_at).not.toBeNull();

    await client.page('/compte');
    const revoked = await client.postForm(`/compte/jetons/${row.id}/revoquer`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/compte?jeton=revoque');
    expect(await (await client.get('/compte?jeton=revoque')).text()).toContain('Révoqué le');
    const after = await bearer(token);
    expect(after.status).toBe(401);
    expect(((await after.json()) as any).error.code).toBe('unauthenticated');
    expect(
      await app.db.many(
        sql`SELECT action FROM audit_log WHERE entity_type = 'api_token' AND entity_id = ${row.id} ORDER BY id`,
      ),
    ).toEqual([{ action: 'api_token.create' }, { action: 'api_token.revoke' }]);
  });

  it('cannot revoke another person’s token (404, untouched)', async () => {
    const { token } = await createToken('read', 'À moi');
    const id = (await app.db.one<{ id: string }>(sql`SELECT id FROM api_tokens WHERE name = 'À moi'`)).id;
    const other = await app.as((await aUser(app.db, {})).id);
    await other.page('/compte');
    expect((await other.postForm(`/compte/jetons/${id}/revoquer`, {})).status).toBe(404);
    expect((await bearer(token)).status).toBe(200);
  });

  it('names the field when the token form is incomplete', async () => {
    const client = await app.as(user.id);
    await client.page('/compte');
    const res = await client.postForm('/compte/jetons', { name: '', scope: 'admin' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Indiquez un nom pour le jeton.');
    expect(html).toContain('Choisissez les droits du jeton');
  });

  it('GET /api/v1/me gives the user with memberships; a read token may not PATCH (403), a write token may', async () => {
    const read = (await createToken('read')).token;
    const me = await bearer(read);
    expect(me.status).toBe(200);
    const body = (await me.json()) as any;
    expect(body).toMatchObject({
      id: user.id,
      email: user.email,
      name: 'Sarah Leroy',
      locale: 'fr',
      globalRole: null,
      memberships: [
        {
          organisationId: orgId,
          organisationName: 'Ville de Rennes',
          organisationKind: 'local_authority',
          role: 'admin',
        },
      ],
    });
    const denied = await bearer(read, { method: 'PATCH', body: JSON.stringify({ name: 'Pirate' }) });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as any).error.message).toContain('lecture seule');

    const write = (await createToken('write')).token;
    const patched = await bearer(write, {
      method: 'PATCH',
      body: JSON.stringify({ name: 'Sarah Leroy-Martin', locale: 'en' }),
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: 'Sarah Leroy-Martin', locale: 'en' });
    const row = await app.db.one(sql`SELECT name, locale FROM users WHERE id = ${user.id}`);
    expect(row).toEqual({ name: 'Sarah Leroy-Martin', locale: 'en' });
    const audit = await app.db.one<{ before: any; after: any }>(
      sql`SELECT before, after FROM audit_log WHERE action = 'user.update' AND entity_id = ${user.id} ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.before).toEqual({ name: 'Sarah Leroy', locale: 'fr' });

    const bad = await bearer(write, { method: 'PATCH', body: JSON.stringify({ locale: 'de', name: '' }) });
    expect(bad.status).toBe(422);
    const err = ((await bad.json()) as any).error;
    expect(err.code).toBe('validation');
    expect(Object.keys(err.fields)).toEqual(expect.arrayContaining(['locale', 'name']));
    expect(err.fields.locale).toContain('« fr » ou « en »');
    expect(await app.db.one(sql`SELECT name, locale FROM users WHERE id = ${user.id}`)).toEqual(row);

    const unknownField = await bearer(write, { method: 'PATCH', body: JSON.stringify({ email: 'x@y.fr' }) });
    expect(unknownField.status).toBe(422);

    expect((await bearer('psl_pas-un-vrai-jeton')).status).toBe(401);
    expect((await app.app.request('http://passerelle.test/api/v1/me')).status).toBe(401);
    await app.db.run(sql`UPDATE users SET name = 'Sarah Leroy', locale = 'fr' WHERE id = ${user.id}`);
  });

  it('changes the password while signed in: current one required, policy applies, other sessions end', async () => {
    const me = await aUser(app.db, { email: 'change.mdp@exemple.fr' });
    const elsewhere = await app.as(me.id);
    const client = await app.as(me.id);
    const { html } = await client.page('/compte');
    expect(html).toContain('Changer le mot de passe');

    const wrong = await client.postForm('/compte/mot-de-passe', {
      current: 'Pas-le-bon-du-tout',
      password: 'Une-nouvelle-phrase-longue',
      confirm: 'Une-nouvelle-phrase-longue',
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('Le mot de passe actuel est incorrect.');
    const weak = await client.postForm('/compte/mot-de-passe', {
      current: me.password,
      password: 'changemdp-2026-abc',
      confirm: 'changemdp-2026-abc',
    });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('ne doit pas contenir votre adresse e-mail');
    expect((await elsewhere.get('/compte')).status).toBe(200);

    const ok = await client.postForm('/compte/mot-de-passe', {
      current: me.password,
      password: 'Une-nouvelle-phrase-longue',
      confirm: 'Une-nouvelle-phrase-longue',
    });
    expect(ok.status).toBe(303);
    expect(await (await client.get('/compte?motdepasse=1')).text()).toContain(
      'Votre mot de passe a été changé',
    );
    expect((await elsewhere.get('/compte')).status).toBe(302);
    const signIn = app.anonymous();
    await signIn.page('/connexion');
    expect(
      (await signIn.postForm('/connexion', { email: me.email, password: 'Une-nouvelle-phrase-longue' }))
        .status,
    ).toBe(303);
    expect(
      await app.db.many(
        sql`SELECT 1 FROM audit_log WHERE action = 'user.password_change' AND entity_id = ${me.id}`,
      ),
    ).toHaveLength(1);

    // At most 5 tries of the current password per 15 minutes.
    for (let i = 0; i < 3; i++) {
      const r = await client.postForm('/compte/mot-de-passe', {
        current: `Essai-${i}-incorrect`,
        password: 'Encore-une-autre-phrase',
        confirm: 'Encore-une-autre-phrase',
      });
      expect(r.status).toBe(422);
    }
    const limited = await client.postForm('/compte/mot-de-passe', {
      current: 'Une-nouvelle-phrase-longue',
      password: 'Encore-une-autre-phrase',
      confirm: 'Encore-une-autre-phrase',
    });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('Trop de tentatives');
  });

  it('stores the language preference and the next pages follow it', async () => {
    const client = await app.as(user.id);
    await client.page('/compte');
    const res = await client.postForm('/compte/langue', { locale: 'en' });
    expect(res.status).toBe(303);
    expect(
      (await app.db.one<{ locale: string }>(sql`SELECT locale FROM users WHERE id = ${user.id}`)).locale,
    ).toBe('en');
    const page = await (await client.get('/compte?langue=1')).text();
    expect(page).toContain('My account');
    expect(page).toContain('Your language preference has been saved.');
    await client.page('/compte');
    expect((await client.postForm('/compte/langue', { locale: 'de' })).status).toBe(422);
    await client.postForm('/compte/langue', { locale: 'fr' });
    expect(await (await client.get('/compte')).text()).toContain('Mon compte');
  });
});
