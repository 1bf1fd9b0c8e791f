/**
 * Issue 10, "Every action has its API": the project page's forms through /api/v1 with the
 * typed client — same schemas (French messages, 422 naming the field), same operations,
 * same policies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, personalToken, typedClient } from '../../../tests/helpers/api-client.js';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';

for (const kind of DB_KINDS) {
  describe(`project actions in the API (${kind})`, () => {
    let app: TestApp;
    let api: ApiClient;
    let outsider: ApiClient;
    let network: ApiClient;
    let token: string;
    let id: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      const ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Brest' });
      const city = await anOrganisation(app.db, { kind: 'local_authority', name: 'Ville de Brest' });
      const other = await anOrganisation(app.db, { kind: 'mission_locale' });
      const member = (await aUser(app.db, { memberOf: [{ organisationId: ml.id, role: 'member' }] })).id;
      token = await personalToken(app, member);
      api = typedClient(app, token);
      outsider = typedClient(
        app,
        await personalToken(app, (await aUser(app.db, { memberOf: [{ organisationId: other.id }] })).id),
      );
      network = typedClient(
        app,
        await personalToken(app, (await aUser(app.db, { globalRole: 'network_admin', network: 'unml' })).id),
      );
      const created = await api.POST('/api/v1/projects', {
        body: {
          title: 'Chantier jeunes Brest–Dakar',
          kind: 'youth_mobility',
          organisationIds: [ml.id, city.id],
          startsOn: '2027-03-01',
          endsOn: '2027-06-30',
          countries: ['SN'],
        },
      });
      expect(created.response.status).toBe(201);
      id = created.data!.id;
    });
    afterAll(() => app?.close());
    const path = () => ({ path: { id } });

    it('budget lines and funding plan: 422 naming the field, then totals computed', async () => {
      const bad = await api.POST('/api/v1/projects/{id}/budget-lines', {
        params: path(),
        body: { label: 'Transport', amount: -5 },
      });
      expect(bad.response.status).toBe(422);
      expect(bad.error!.error.fields!.amount).toContain('négatif');
      const ok = await api.POST('/api/v1/projects/{id}/budget-lines', {
        params: path(),
        body: { label: 'Transport', amount: 8500 },
      });
      expect(ok.response.status).toBe(200);
      expect(ok.data!.budget!.total).toBe(8500);
      const noSource = await api.POST('/api/v1/projects/{id}/funding-lines', {
        params: path(),
        body: { requested: 4000, status: 'requested' },
      });
      expect(noSource.response.status).toBe(422);
      expect(noSource.error!.error.fields).toHaveProperty('source');
      const fl = await api.POST('/api/v1/projects/{id}/funding-lines', {
        params: path(),
        body: { source: 'Région Bretagne', requested: 4000, status: 'requested' },
      });
      expect(fl.data!.budget!.requested).toBe(4000);
      const lineId = (
        await app.db.one<{ id: string }>(sql`SELECT id FROM project_funding_lines WHERE project_id = ${id}`)
      ).id;
      const updated = await api.PUT('/api/v1/projects/{id}/funding-lines/{lineId}', {
        params: { path: { id, lineId } },
        body: { source: 'Région Bretagne', requested: 4000, obtained: 3000, status: 'obtained' },
      });
      expect(updated.response.status).toBe(200);
      expect(updated.data!.budget!.obtained).toBe(3000);
    });

    it('milestones, partners, participants (aggregates), assessment, details', async () => {
      expect(
        (
          await api.POST('/api/v1/projects/{id}/milestones', {
            params: path(),
            body: { title: 'Départ', dueOn: '2027-02-30' },
          })
        ).error?.error.fields,
      ).toHaveProperty('dueOn');
      const m = await api.POST('/api/v1/projects/{id}/milestones', {
        params: path(),
        body: { title: 'Départ', dueOn: '2027-03-01' },
      });
      expect(m.response.status).toBe(200);
      const stored = await app.db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM project_milestones WHERE project_id = ${id}`,
      );
      expect(stored.n).toBe(1);

      const p = await api.POST('/api/v1/projects/{id}/partners', {
        params: path(),
        body: { foreignName: 'Commune de Dakar', country: 'sn', role: 'Accueil' },
      });
      expect(p.data!.partners.map((x) => x.name)).toContain('Commune de Dakar');

      const mismatch = await api.PUT('/api/v1/projects/{id}/participants', {
        params: path(),
        body: { 'young.age.18_25': 6, 'young.sex.female': 4 },
      });
      expect(mismatch.response.status).toBe(422);
      expect(mismatch.error!.error.fields!['young.sex']).toContain('doit égaler');
      const counts = await api.PUT('/api/v1/projects/{id}/participants', {
        params: path(),
        body: { 'young.age.18_25': 6, 'young.sex.female': 4, 'young.sex.male': 2, 'staff.age.over_30': 2 },
      });
      expect(counts.error).toBeUndefined();
      expect(counts.response.status).toBe(200);
      expect(counts.data!.participants.young.age['18_25']).toBe(6);

      const assess = await api.PUT('/api/v1/projects/{id}/assessment', {
        params: path(),
        body: { horizontalityLevel: 5 },
      });
      expect(assess.response.status).toBe(422);
      expect(assess.error!.error.fields).toHaveProperty('horizontalityLevel');
      const assessed = await api.PUT('/api/v1/projects/{id}/assessment', {
        params: path(),
        body: { horizontalityLevel: 2, horizontalityComment: 'Co-construit avec Dakar' },
      });
      expect(assessed.error).toBeUndefined();
      expect(assessed.response.status).toBe(200);

      const details = await api.PATCH('/api/v1/projects/{id}', {
        params: path(),
        body: { title: 'Chantier jeunes Brest–Dakar 2027', kind: 'youth_mobility', countries: ['SN', 'MA'] },
      });
      expect(details.data!.title).toBe('Chantier jeunes Brest–Dakar 2027');
      expect(details.data!.countries).toEqual(expect.arrayContaining(['SN', 'MA']));

      const denied = await outsider.POST('/api/v1/projects/{id}/milestones', {
        params: path(),
        body: { title: 'Intrus', dueOn: '2027-03-01' },
      });
      expect(denied.response.status).toBe(403);
    });

    it('documents (checked like the page) and publication: requested by a partner, published by the network', async () => {
      const upload = (name: string, body: string) =>
        app.app.request(
          `http://passerelle.test/api/v1/projects/${id}/documents?name=${encodeURIComponent(name)}`,
          {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
            body,
          },
        );
      expect((await upload('programme.exe', 'MZ')).status).toBe(422);
      expect((await upload('programme.pdf', '%PDF-1.4\n%%EOF\n')).status).toBe(201);
      const doc = await app.db.one<{ file_name: string }>(
        sql`SELECT file_name FROM project_documents WHERE project_id = ${id}`,
      );
      expect(doc.file_name).toBe('programme.pdf');

      const asked = await api.POST('/api/v1/projects/{id}/publication-request', { params: path() });
      expect(asked.data!.publication).toBe('requested');
      const selfPublish = await api.POST('/api/v1/projects/{id}/publication', {
        params: path(),
        body: { publish: true },
      });
      expect(selfPublish.response.status).toBe(403);
      const published = await network.POST('/api/v1/projects/{id}/publication', {
        params: path(),
        body: { publish: true },
      });
      expect(published.data!.publication).toBe('published');
    });
  });
}
