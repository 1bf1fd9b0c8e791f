/**
 * Issue 10, "Every action has its API": the members page through /api/v1 with the typed
 * client and a real personal token — same schema (French messages, 422 naming the field),
 * same operations (audit, invitation e-mail queued in the same transaction), same policy
 * (organisation admins only), same rule that the organisation keeps an admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, personalToken, typedClient } from '../../../tests/helpers/api-client.js';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture, type UserFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';

describe.each(DB_KINDS)('members and invitations in the API (%s)', (kind) => {
  let app: TestApp;
  let org: OrgFixture;
  let admin: UserFixture;
  let colleague: UserFixture;
  let api: ApiClient;
  let asMember: ApiClient;
  const path = () => ({ path: { id: org.id } });

  beforeAll(async () => {
    app = await createTestApp({ kind });
    org = await anOrganisation(app.db, { name: 'Mission Locale de Grenoble' });
    admin = await aUser(app.db, {
      name: 'Inès Directrice',
      memberOf: [{ organisationId: org.id, role: 'admin' }],
    });
    colleague = await aUser(app.db, {
      name: 'Paul Conseiller',
      memberOf: [{ organisationId: org.id, role: 'member' }],
    });
    api = typedClient(app, await personalToken(app, admin.id));
    asMember = typedClient(app, await personalToken(app, colleague.id));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists the members; a plain member is refused (403)', async () => {
    const list = await api.GET('/api/v1/organisations/{id}/members', { params: path() });
    expect(list.response.status).toBe(200);
    expect(list.data!.organisationName).toBe('Mission Locale de Grenoble');
    expect(list.data!.members.map((m) => [m.name, m.role]).sort()).toEqual([
      ['Inès Directrice', 'admin'],
      ['Paul Conseiller', 'member'],
    ]);
    const refused = await asMember.GET('/api/v1/organisations/{id}/members', { params: path() });
    expect(refused.response.status).toBe(403);
  });

  it('invites by e-mail like the page: 422 naming the field, then the invitation and its e-mail', async () => {
    const bad = await api.POST('/api/v1/organisations/{id}/invitations', {
      params: path(),
      body: { email: 'pas-une-adresse', role: 'member' },
    });
    expect(bad.response.status).toBe(422);
    expect(bad.error!.error.fields!.email).toBeTruthy();
    const badRole = await api.POST('/api/v1/organisations/{id}/invitations', {
      params: path(),
      body: { email: 'x@exemple.fr', role: 'owner' as 'admin' },
    });
    expect(badRole.response.status).toBe(422);
    expect(badRole.error!.error.fields!.role).toBe('Choisissez un rôle : membre ou administrateur.');

    const already = await api.POST('/api/v1/organisations/{id}/invitations', {
      params: path(),
      body: { email: colleague.email, role: 'member' },
    });
    expect(already.response.status).toBe(422);
    expect(already.error!.error.fields!.email).toBe('Cette personne est déjà membre de l’organisation.');

    const ok = await api.POST('/api/v1/organisations/{id}/invitations', {
      params: path(),
      body: { email: 'Nouvelle.API@Exemple.fr', role: 'admin' },
    });
    expect(ok.response.status).toBe(201);
    expect(ok.data).toMatchObject({
      email: 'nouvelle.api@exemple.fr',
      role: 'admin',
      invitedBy: 'Inès Directrice',
    });
    const mail = await app.db.one<{ subject: string; text_body: string }>(
      sql`SELECT subject, text_body FROM mail_outbox WHERE to_address = 'nouvelle.api@exemple.fr'`,
    );
    expect(mail.subject).toBe('Invitation à rejoindre Mission Locale de Grenoble sur Passerelle');
    expect(mail.text_body).toMatch(/http:\/\/passerelle\.test\/invitation\/[\w-]+/);
    const audited = await app.db.one<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'membership.invite' AND entity_id = ${ok.data!.id}`,
    );
    expect(audited.n).toBe(1);
    const list = await api.GET('/api/v1/organisations/{id}/members', { params: path() });
    expect(list.data!.pendingInvitations.map((i) => i.email)).toContain('nouvelle.api@exemple.fr');
  });

  it('changes a role, keeps the last admin, removes a member', async () => {
    const member = { path: { id: org.id, userId: colleague.id } };
    const promoted = await api.PUT('/api/v1/organisations/{id}/members/{userId}/role', {
      params: member,
      body: { role: 'admin' },
    });
    expect(promoted.response.status).toBe(200);
    expect(promoted.data).toMatchObject({ userId: colleague.id, role: 'admin' });

    const demoted = await api.PUT('/api/v1/organisations/{id}/members/{userId}/role', {
      params: member,
      body: { role: 'member' },
    });
    expect(demoted.data!.role).toBe('member');
    const last = await api.PUT('/api/v1/organisations/{id}/members/{userId}/role', {
      params: { path: { id: org.id, userId: admin.id } },
      body: { role: 'member' },
    });
    expect(last.response.status).toBe(409);
    expect(last.error!.error.message).toContain('au moins un administrateur');

    const removed = await api.DELETE('/api/v1/organisations/{id}/members/{userId}', { params: member });
    expect(removed.response.status).toBe(204);
    const gone = await app.db.maybeOne(
      sql`SELECT 1 FROM memberships WHERE organisation_id = ${org.id} AND user_id = ${colleague.id}`,
    );
    expect(gone).toBeNull();
    const again = await api.DELETE('/api/v1/organisations/{id}/members/{userId}', { params: member });
    expect(again.response.status).toBe(404);
    const lastAdmin = await api.DELETE('/api/v1/organisations/{id}/members/{userId}', {
      params: { path: { id: org.id, userId: admin.id } },
    });
    expect(lastAdmin.response.status).toBe(409);
  });

  it('a read-only token cannot change anything', async () => {
    const reader = typedClient(app, await personalToken(app, admin.id, 'read'));
    const res = await reader.POST('/api/v1/organisations/{id}/invitations', {
      params: path(),
      body: { email: 'lecture@exemple.fr', role: 'member' },
    });
    expect(res.response.status).toBe(403);
  });
});
