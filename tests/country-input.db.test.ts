import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../src/db/sql.js';
import { requestSchema } from '../src/modules/connections/schemas.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { anOrganisation, aUser } from './helpers/fixtures.js';

/** One country input everywhere (issue 9 §5): a name or an ISO code, with suggestions. */
describe('country input', () => {
  let app: TestApp;
  let userId: string;
  let mlId: string;
  let projectId: string;
  beforeAll(async () => {
    app = await createTestApp();
    mlId = (await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale du Val' })).id;
    userId = (await aUser(app.db, { memberOf: [{ organisationId: mlId, role: 'admin' }] })).id;
    projectId = (
      await app.db.one<{ id: string }>(
        sql`INSERT INTO projects (title, kind) VALUES ('Chantier à Thiès', 'youth_mobility') RETURNING id`,
      )
    ).id;
    await app.db.run(
      sql`INSERT INTO project_partners (project_id, organisation_id) VALUES (${projectId}, ${mlId})`,
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a connection request takes country names or codes', () => {
    const base = { requesterId: mlId, receiverId: mlId, message: 'Bonjour, travaillons ensemble.' };
    const ok = requestSchema.safeParse({ ...base, projectCountries: 'Sénégal, ma, Japan' });
    expect(ok.success && ok.data.projectCountries).toEqual(['SN', 'MA', 'JP']);
    const bad = requestSchema.safeParse({ ...base, projectCountries: 'Atlantide' });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('Pays inconnu');
  });

  it('the directory filter is the same country input: name shown, suggestions, unknown name named', async () => {
    const page = await app.anonymous().page('/annuaire?country=SN');
    expect(page.res.status).toBe(200);
    expect(page.html).toMatch(
      /<input[^>]*name="country"[^>]*value="Sénégal"|<input[^>]*value="Sénégal"[^>]*name="country"/,
    );
    expect(page.html).toMatch(/<datalist id="[^"]*-pays"><option value="Afghanistan">AF<\/option>/);
    const bad = await app.anonymous().page('/annuaire?country=Atlantide');
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain('Pays inconnu');
  });

  it('a project partner abroad: the country by its name, suggestions offered', async () => {
    const client = await app.as(userId);
    const page = await client.page(`/projets/${projectId}`);
    expect(page.html).toContain('list="champ-country-pays"');
    expect(page.html).toMatch(
      /<datalist id="champ-country-pays"><option value="Sénégal">SN<\/option>|<option value="Sénégal">SN<\/option>/,
    );
    const res = await client.postForm(`/projets/${projectId}/partenaires`, {
      foreignName: 'Ville de Thiès',
      country: 'Sénégal',
      role: '',
    });
    expect(res.status).toBeLessThan(400);
    const row = await app.db.one<{ country: string }>(
      sql`SELECT country FROM project_partners WHERE project_id = ${projectId} AND foreign_name = 'Ville de Thiès'`,
    );
    expect(row.country).toBe('SN');
    const bad = await client.postForm(`/projets/${projectId}/partenaires`, {
      foreignName: 'Ville inconnue',
      country: 'Atlantide',
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Pays : indiquez un nom de pays ou un code ISO');
  });

  it('the suggestions filter takes a name too; an unknown country is a 400 naming the field', async () => {
    const client = await app.as(userId);
    const ok = await client.page(
      `/organisations/${mlId}/rapprochements?country=${encodeURIComponent('sénégal')}`,
    );
    expect(ok.res.status).toBe(200);
    expect(ok.html).toContain('value="Sénégal"');
    const bad = await client.get(`/organisations/${mlId}/rapprochements?country=Atlantide`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Pays inconnu');
  });
});
