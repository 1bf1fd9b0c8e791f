import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../src/db/sql.js';
import { connectionsMessages } from '../src/modules/connections/messages.js';
import { directoryMessages } from '../src/modules/directory/messages.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { anOrganisation, aUser } from './helpers/fixtures.js';

/**
 * English pages for the directory and connections (issue 9 §5), and the language choice kept
 * for anonymous visitors (a cookie set by the language switch).
 */
describe('English directory and connections pages', () => {
  let app: TestApp;
  let userId: string;
  let orgId: string;
  let otherId: string;
  let connectionId: string;
  beforeAll(async () => {
    app = await createTestApp();
    const ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale du Val' });
    const au = await anOrganisation(app.db, { kind: 'local_authority', name: 'Commune de Valbourg' });
    orgId = ml.id;
    otherId = au.id;
    userId = (await aUser(app.db, { memberOf: [{ organisationId: ml.id, role: 'admin' }] })).id;
    connectionId = (
      await app.db.one<{ id: string }>(sql`INSERT INTO connections
        (requester_id, receiver_id, requested_by_name, requested_by_email, message, status, expires_at)
      VALUES (${au.id}, ${ml.id}, 'Sarah', 's@exemple.fr', 'Hello', 'pending', ${new Date(Date.now() + 14 * 864e5)})
      RETURNING id`)
    ).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('every page text of the two modules has an English version (e-mails stay French)', () => {
    for (const cat of [directoryMessages, connectionsMessages]) {
      const missing = Object.keys(cat.fr).filter(
        (k) => !(k in (cat.en ?? {})) && !/\.(mail|digest|reminder)\./.test(k),
      );
      expect(missing).toEqual([]);
    }
  });

  it('the directory in English, with the language switch back to French', async () => {
    const { res, html } = await app.anonymous().page('/annuaire?lang=en');
    expect(res.status).toBe(200);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Search for an organisation');
    expect(html).not.toContain('Rechercher une organisation');
    expect(html).toMatch(/<a class="lang-switch" href="\/annuaire\?lang=fr"/);
    const org = await app.anonymous().page(`/organisations/${otherId}?lang=en`);
    expect(org.html).toContain('International engagement');
    expect(org.html).toContain('Commune de Valbourg');
  });

  it('connections in English for a signed-in user', async () => {
    const client = await app.as(userId);
    const list = await client.page('/mises-en-relation?lang=en');
    expect(list.res.status).toBe(200);
    expect(list.html).toContain('Requests sent and received by your organisations.');
    expect(list.html).toContain('Pending');
    const detail = await client.page(`/mises-en-relation/${connectionId}?lang=en`);
    expect(detail.html).toContain('Accept the connection');
    expect(detail.html).toContain('Without an answer, the request expires on');
    const matches = await client.page(`/organisations/${orgId}/rapprochements?lang=en`);
    expect(matches.res.status).toBe(200);
    expect(matches.html).toContain('Suggested connections for Mission Locale du Val');
  });

  it('an anonymous visitor keeps the language chosen with the switch', async () => {
    const visitor = app.anonymous();
    const first = await visitor.get('/annuaire?lang=en');
    expect(first.headers.get('set-cookie')).toMatch(/lang=en;.*Path=\//);
    const next = await visitor.page('/');
    expect(next.html).toContain('<html lang="en">');
    expect(next.html).toContain('Connecting Missions Locales');
    // Back to French with the switch, kept too.
    await visitor.get('/?lang=fr');
    expect((await visitor.page('/annuaire')).html).toContain('<html lang="fr">');
  });
});
