import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type OrgFixture } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import type { SharingLevel } from './domain/sharing.js';

/**
 * Convention art. 4: "à l'exception de celles que l'une ou l'autre des parties aura
 * identifiées comme confidentielles". Every place a contact can appear, read by every kind of
 * reader, against the expected sharing levels. A contact's e-mail address is unique per level,
 * so its presence in an answer tells which levels leaked.
 */
const LEVELS: SharingLevel[] = ['public', 'partners', 'confidential'];
const mailOf = (org: string, level: SharingLevel) => `${level}.${org}@contacts.example`;
const PUB: SharingLevel[] = ['public'];
const PARTNERS: SharingLevel[] = ['public', 'partners'];
const ALL: SharingLevel[] = ['public', 'partners', 'confidential'];

for (const kind of DB_KINDS) {
  describe(`confidential contacts, every reader, every place (art. 4) (${kind})`, () => {
    let app: TestApp;
    let ml: OrgFixture;
    let commune: OrgFixture;
    let dept: OrgFixture;
    const readers: Record<string, () => Promise<TestClient>> = {};
    const ids: Record<string, string> = {};

    const levelsIn = (text: string, org: string) => LEVELS.filter((l) => text.includes(mailOf(org, l)));

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow(new Date('2026-03-02T09:00:00Z'));
      ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale du Test' });
      commune = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'commune',
        name: 'Commune Test',
      });
      dept = await anOrganisation(app.db, {
        kind: 'local_authority',
        level: 'departement',
        name: 'Département Test',
      });
      for (const [o, key] of [
        [ml, 'ml'],
        [commune, 'commune'],
        [dept, 'dept'],
      ] as const)
        for (const [i, l] of LEVELS.entries())
          await app.db.run(sql`INSERT INTO organisation_contacts (organisation_id, name, email, sharing_level, position)
            VALUES (${o.id}, ${`Contact ${l} ${key}`}, ${mailOf(key, l)}, ${l}, ${i})`);
      const mlMember = await aUser(app.db, { memberOf: [{ organisationId: ml.id, role: 'admin' }] });
      const communeAdmin = await aUser(app.db, { memberOf: [{ organisationId: commune.id, role: 'admin' }] });
      const unml = await aUser(app.db, { globalRole: 'network_admin', network: 'unml' });
      const cuf = await aUser(app.db, { globalRole: 'network_admin', network: 'cuf' });
      const platform = await aUser(app.db, { globalRole: 'platform_admin' });
      ids.mlMember = mlMember.id;
      ids.communeAdmin = communeAdmin.id;
      readers.anonymous = async () => app.anonymous();
      readers.member = () => app.as(mlMember.id);
      readers.otherOrganisation = () => app.as(communeAdmin.id);
      readers.unmlAdmin = () => app.as(unml.id);
      readers.cufAdmin = () => app.as(cuf.id);
      readers.platformAdmin = () => app.as(platform.id);
    }, 60_000);
    afterAll(() => app?.close());

    const profileExpect: Record<string, SharingLevel[]> = {
      anonymous: PUB,
      member: ALL,
      otherOrganisation: PARTNERS,
      unmlAdmin: PARTNERS,
      cufAdmin: PARTNERS,
      platformAdmin: PARTNERS,
    };

    it('the organisation page and GET /api/v1/organisations/{id}', async () => {
      for (const [reader, expected] of Object.entries(profileExpect)) {
        const client = await readers[reader]();
        const page = await client.page(`/organisations/${ml.id}`);
        expect(page.res.status).toBe(200);
        expect([reader, levelsIn(page.html, 'ml')]).toEqual([reader, expected]);
        const api = await client.get(`/api/v1/organisations/${ml.id}`);
        expect([reader, levelsIn(await api.text(), 'ml')]).toEqual([reader, expected]);
      }
    });

    it('the search API, the open-data exports (CSV, JSON) carry no contact at all', async () => {
      for (const reader of Object.keys(profileExpect)) {
        const client = await readers[reader]();
        for (const url of [
          '/api/v1/organisations?q=Mission%20Locale%20du%20Test',
          '/annuaire?q=Mission%20Locale%20du%20Test&vue=liste',
          '/annuaire/export.csv?kind=mission_locale',
          '/annuaire/export.json?kind=mission_locale',
        ]) {
          const res = await client.get(url);
          expect(res.status).toBe(200);
          expect([reader, url, levelsIn(await res.text(), 'ml')]).toEqual([reader, url, []]);
        }
      }
    });

    it('an accepted connection: each side sees the other as a partner (no confidential contact); its own side fully', async () => {
      const mlClient = await readers.member();
      const req = await mlClient.json('POST', '/api/v1/connections', {
        requesterId: ml.id,
        receiverId: commune.id,
        message: 'Bonjour, un projet de mobilité ?',
        projectKind: 'youth_mobility',
      });
      expect(req.status).toBe(201);
      const id = (await req.json()).id;
      const pending = await (await readers.otherOrganisation()).page(`/mises-en-relation/${id}`);
      expect(levelsIn(pending.html, 'ml')).toEqual([]);
      const communeClient = await readers.otherOrganisation();
      await communeClient.page(`/mises-en-relation/${id}`);
      expect((await communeClient.postForm(`/mises-en-relation/${id}/accepter`)).status).toBe(303);

      const seenByCommune = (await communeClient.page(`/mises-en-relation/${id}`)).html;
      expect(levelsIn(seenByCommune, 'ml')).toEqual(PARTNERS);
      expect(levelsIn(seenByCommune, 'commune')).toEqual(ALL);
      const seenByMl = (await mlClient.page(`/mises-en-relation/${id}`)).html;
      expect(levelsIn(seenByMl, 'commune')).toEqual(PARTNERS);
      expect(levelsIn(seenByMl, 'ml')).toEqual(ALL);
      for (const reader of ['unmlAdmin', 'cufAdmin']) {
        const html = (await (await readers[reader]()).page(`/mises-en-relation/${id}`)).html;
        expect([reader, levelsIn(html, 'ml'), levelsIn(html, 'commune')]).toEqual([
          reader,
          PARTNERS,
          PARTNERS,
        ]);
      }
    });

    it('the anonymous answer page and the e-mails: never a confidential contact', async () => {
      const mlClient = await readers.member();
      const req = await mlClient.json('POST', '/api/v1/connections', {
        requesterId: ml.id,
        receiverId: dept.id,
        message: 'Bonjour le Département',
        projectKind: 'ecsi',
      });
      expect(req.status).toBe(201);
      // The département has no member: the request is mailed to its contacts, never to a confidential one.
      const to = (
        await app.db.many<{ to_address: string }>(
          sql`SELECT to_address FROM mail_outbox WHERE to_address LIKE '%.dept@contacts.example' ORDER BY 1`,
        )
      ).map((r) => r.to_address);
      expect(to).toEqual([mailOf('dept', 'partners'), mailOf('dept', 'public')]);
      const mail = await app.db.one<{ text_body: string }>(
        sql`SELECT text_body FROM mail_outbox WHERE to_address = ${mailOf('dept', 'public')}`,
      );
      const link = /\/mise-en-relation\/reponse\/[\w-]+/.exec(mail.text_body)![0];
      const visitor = app.anonymous();
      const page = await visitor.page(link);
      expect(levelsIn(page.html, 'ml')).toEqual([]);
      const done = await (await visitor.postForm(`${link}?action=accept`, { name: 'Paul Accueil' })).text();
      expect(levelsIn(done, 'ml')).toEqual(PARTNERS);
      // No e-mail written by Passerelle carries a confidential contact's address in its body.
      const bodies = await app.db.many<{ text_body: string; to_address: string }>(
        sql`SELECT text_body, to_address FROM mail_outbox`,
      );
      for (const b of bodies)
        for (const org of ['ml', 'commune', 'dept'])
          expect(b.text_body).not.toContain(mailOf(org, 'confidential'));
    });

    it('« Ce que voient les autres » explains the same rule, computed from it', async () => {
      const page = await app.anonymous().page('/ce-que-voient-les-autres');
      expect(page.res.status).toBe(200);
      expect(page.html).toContain('art. 4');
      const rows = [...page.html.matchAll(/<tr><th scope="row">([^<]+)<\/th>(.*?)<\/tr>/g)].map((m) => [
        m[1],
        [...m[2].matchAll(/<td>([^<]+)<\/td>/g)].map((x) => x[1]),
      ]);
      expect(rows).toEqual([
        ['Public', ['Voit', 'Voit', 'Voit', 'Voit']],
        ['Partenaires connectés', ['Ne voit pas', 'Voit', 'Voit', 'Voit']],
        ['Confidentiel', ['Ne voit pas', 'Ne voit pas', 'Ne voit pas', 'Voit']],
      ]);
      // It promises nothing the code does not do: documents have no sharing level of their own.
      expect(page.html).not.toContain('documents d’un projet marqués');
      expect(page.html).not.toContain('celui de chaque document');
      expect(page.html).toContain('les documents d’un projet ne sont jamais publics');
      const org = await app.anonymous().page(`/organisations/${ml.id}`);
      expect(org.html).toContain('href="/ce-que-voient-les-autres"');
    });
  });
}
