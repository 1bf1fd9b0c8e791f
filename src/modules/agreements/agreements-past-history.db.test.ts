import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture } from '../../../tests/helpers/fixtures.js';

/**
 * Art. 5–6 : a paper agreement entered today with its history dated in the past — signatures,
 * a withdrawal whose notice has already ended, a formal notice and its termination — is
 * recorded with those dates; its state comes from the dated history, not from today's entry.
 */
for (const kind of DB_KINDS) {
  describe(`history entered after the fact (${kind})`, () => {
    let app: TestApp;
    let ml: OrgFixture;
    let city: OrgFixture;
    let mlAdmin: TestClient;
    let cityAdmin: TestClient;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-11-29T10:00:00Z');
      ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale de Nantes' });
      city = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'commune',
        name: 'Ville de Nantes',
      });
      mlAdmin = await app.as(
        (await aUser(app.db, { memberOf: [{ organisationId: ml.id, role: 'admin' }] })).id,
      );
      cityAdmin = await app.as(
        (await aUser(app.db, { memberOf: [{ organisationId: city.id, role: 'admin' }] })).id,
      );
    });
    afterAll(() => app.close());

    /** A two-party paper agreement entered today (no text date: the text is recorded today), signed on 4 July 2025. */
    async function paperAgreement(title: string) {
      const res = await mlAdmin.json('POST', '/api/v1/agreements', {
        title,
        kind: 'local_partnership',
        partyIds: [ml.id, city.id],
        text: '# Convention\n\nArt. 1 : objet.\n',
      });
      expect(res.status).toBe(201);
      const created = await res.json();
      for (const [client, org] of [
        [mlAdmin, ml],
        [cityAdmin, city],
      ] as const) {
        const a = await client.json('POST', `/api/v1/agreements/${created.id}/approvals`, {
          organisationId: org.id,
          hash: created.version.hash,
          signedOn: '2025-07-04',
          signerName: 'Signataire',
          signerRole: 'Président·e',
        });
        expect(a.status).toBe(201);
      }
      return created.id as string;
    }

    it('art. 5 : a withdrawal notified in the past whose notice has ended is recorded; the agreement is withdrawn since the day after', async () => {
      const id = await paperAgreement('Convention papier dénoncée');
      let view = await (await mlAdmin.get(`/api/v1/agreements/${id}`)).json();
      expect(view.state).toBe('in_force');
      expect(view.inForceFrom).toBe('2025-07-04');

      const w = await cityAdmin.json('POST', `/api/v1/agreements/${id}/withdrawals`, {
        organisationId: city.id,
        notifiedOn: '2026-01-31',
      });
      expect(w.status).toBe(201);
      // DOMAIN.md worked example: notified 31 January 2026 → in force through 28 February 2026.
      expect(await w.json()).toEqual({
        organisationId: city.id,
        notifiedOn: '2026-01-31',
        effectiveOn: '2026-02-28',
      });

      view = await (await mlAdmin.get(`/api/v1/agreements/${id}`)).json();
      expect(view.state).toBe('withdrawn');
      expect(view.lastDayInForce).toBe('2026-02-28');
      expect((await (await mlAdmin.get(`/api/v1/agreements/${id}?on=2026-02-28`)).json()).state).toBe(
        'in_force',
      );

      // The history is still checked: a second withdrawal after the end is refused.
      const late = await mlAdmin.json('POST', `/api/v1/agreements/${id}/withdrawals`, {
        organisationId: ml.id,
        notifiedOn: '2026-06-01',
      });
      expect(late.status).toBe(409);

      // The agreement page shows the past dates (French dates).
      const page = await mlAdmin.page(`/conventions/${id}`);
      expect(page.res.status).toBe(200);
      expect(page.html).toContain('31 janvier 2026');
      expect(page.html).toContain('28 février 2026');
    });

    it('art. 7 : a past formal notice and a termination requested after its delay, both dated in the past', async () => {
      const id = await paperAgreement('Convention papier résiliée');
      const n = await mlAdmin.json('POST', `/api/v1/agreements/${id}/formal-notices`, {
        fromOrganisationId: ml.id,
        toOrganisationId: city.id,
        sentOn: '2026-01-05',
        letterReference: 'LRAR 1A 234 567 8901 2',
      });
      expect(n.status).toBe(201);
      const notice = await n.json();
      const t = await mlAdmin.json(
        'POST',
        `/api/v1/agreements/${id}/formal-notices/${notice.id}/termination`,
        {
          organisationId: ml.id,
          requestedOn: '2026-03-01',
        },
      );
      expect(t.status).toBe(200);
      const view = await (await mlAdmin.get(`/api/v1/agreements/${id}`)).json();
      expect(view.state).toBe('terminated');
      expect((await (await mlAdmin.get(`/api/v1/agreements/${id}?on=2026-02-28`)).json()).state).toBe(
        'in_force',
      );
    });
  });
}
