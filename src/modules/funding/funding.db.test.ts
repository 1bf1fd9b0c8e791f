import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { aUser } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { PROJECT_ROOT } from '../../paths.js';
import { DEFAULT_CATALOGUE, readCatalogue, seedFundingCatalogue } from './seed-catalogue.js';

const REAL = DEFAULT_CATALOGUE;

for (const kind of DB_KINDS) {
  describe(`funding catalogue (${kind})`, () => {
    let app: TestApp;
    let adminId: string;
    let userId: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-02-10T09:00:00Z');
      adminId = (await aUser(app.db, { globalRole: 'network_admin' })).id;
      userId = (await aUser(app.db)).id;
    });
    afterAll(() => app.close());

    it('seeds the real open-data schemes with their sources and year, idempotently', async () => {
      const first = await seedFundingCatalogue(app.db, REAL);
      expect(first.found).toBe(true);
      expect(first.created).toBe(13);
      expect(first.unread).toEqual([]);
      const again = await seedFundingCatalogue(app.db, REAL);
      expect(again).toMatchObject({ created: 0, updated: 13 });
      const ficol = await app.db.one<any>(sql`SELECT * FROM funding_programmes WHERE slug = 'afd-ficol'`);
      expect(ficol.funder).toContain('Agence française de développement');
      expect(ficol.facts_year).toBe('2017-2024');
      expect(ficol.sources.length).toBe(5);
      expect(Number(ficol.amount_min)).toBe(200000);
      const calls = await app.db.many(sql`SELECT * FROM funding_calls WHERE programme_id = ${ficol.id}`);
      expect(calls).toHaveLength(2);
      const missing = await seedFundingCatalogue(app.db, join(tmpdir(), 'absent', 'catalogue.json'));
      expect(missing).toMatchObject({ found: false, created: 0 });
    });

    it('the catalogue ships in the repository with source, licence and date; funders named as today (DCTCIV since 29 Dec 2023)', async () => {
      expect(DEFAULT_CATALOGUE.startsWith(join(PROJECT_ROOT, 'src'))).toBe(true);
      const cat = readCatalogue()!;
      expect(cat._meta).toMatchObject({ compiledOn: '2026-11', updatedOn: '2026-11-29' });
      expect(cat._meta.source).toMatch(/pages publiques/);
      expect(cat._meta.licence).toMatch(/licence/i);
      const meae = await app.db.many<{ slug: string; funder: string }>(
        sql`SELECT slug, funder FROM funding_programmes WHERE slug LIKE 'daect-%' ORDER BY slug`,
      );
      expect(meae).toHaveLength(4);
      for (const p of meae) {
        expect(p.funder).toContain(
          'Délégation pour les collectivités territoriales et la société civile (DCTCIV',
        );
        expect(p.funder).not.toMatch(/action extérieure des collectivités/);
      }
      for (const p of cat.programmes) expect(p.factsYear).toMatch(/^20[0-9]{2}/);
    });

    it('API lists and filters the catalogue (q, projectKind) → {items, total}; bad filter → 400 naming it', async () => {
      const anon = app.anonymous();
      const all = await (await anon.get('/api/v1/funding-programmes')).json();
      expect(all.total).toBe(13);
      // the words are searched in the name, the funder and the summary
      const erasmus = await (await anon.get('/api/v1/funding-programmes?q=erasmus')).json();
      expect(erasmus.items.map((p: any) => p.slug).sort()).toEqual([
        'corps-europeen-solidarite',
        'erasmus-jeunesse-echanges',
        'erasmus-jeunesse-renforcement-capacites',
      ]);
      const capacity = await (await anon.get('/api/v1/funding-programmes?q=renforcement%20capacites')).json();
      expect(capacity).toMatchObject({
        total: 1,
        items: [{ slug: 'erasmus-jeunesse-renforcement-capacites' }],
      });
      const ecsi = await (await anon.get('/api/v1/funding-programmes?projectKind=ecsi')).json();
      expect(ecsi.total).toBeGreaterThan(0);
      expect(ecsi.items.every((p: any) => p.projectKinds.includes('ecsi'))).toBe(true);
      expect(ecsi.total).toBeLessThan(13);
      // accents ignored
      const civique = await (await anon.get('/api/v1/funding-programmes?q=civique%20etranger')).json();
      expect(civique.items.map((p: any) => p.slug)).toEqual(['service-civique-international']);
      const bad = await anon.get('/api/v1/funding-programmes?projectKind=tourisme');
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.fields.projectKind).toContain('Type de projet inconnu');
    });

    it('pages: list with filters, detail with sources and year', async () => {
      const anon = app.anonymous();
      const list = await anon.page('/financements?projectKind=youth_mobility&applicantType=mission_locale');
      expect(list.res.status).toBe(200);
      expect(list.html).toContain('JSI et VVV-SI');
      expect(list.html).not.toContain('FICOL');
      const id = (
        await app.db.one<{ id: string }>(sql`SELECT id FROM funding_programmes WHERE slug = 'afd-ficol'`)
      ).id;
      const detail = await anon.page(`/financements/${id}`);
      expect(detail.html).toMatch(/200.000 € à 1.500.000 €/);
      expect(detail.html).toContain('2017-2024');
      expect(detail.html).toContain('Clos le 13 septembre 2024');
      // the latest past call is "dernier appel connu", with the year of the facts; the older one is not
      expect(detail.html).toMatch(
        /Dernier appel connu<\/span> FICOL 2024 — Clos le 13 septembre 2024 \(chiffres de 2017-2024\)/,
      );
      expect(detail.html).toMatch(/FICOL 2023 — Clos le 8 septembre 2023 \(chiffres de 2017-2024\)/);
      const jeunesse = await anon.page('/financements?q=jeunesse%20cooperation');
      expect(jeunesse.html).toMatch(/Dernier appel connu<\/span> Jeunesse X — Clos le 26 mars 2024/);
      expect((await anon.page('/financements/00000000-0000-4000-8000-000000000000')).res.status).toBe(404);
    });

    it('network admin creates and edits a programme and adds a call (audited); bad input changes nothing', async () => {
      const admin = await app.as(adminId);
      await admin.page('/financements/nouveau');
      const before = await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM funding_programmes`);
      const bad = await admin.postForm('/financements/nouveau', {
        name: 'Fonds régional jeunesse',
        funder: 'Région',
        amountMin: '-5',
        amountMax: '100',
        zones: 'world, ZZ',
      });
      expect(bad.status).toBe(422);
      const html = await bad.text();
      expect(html).toContain('Montant minimum : un montant ne peut pas être négatif.');
      expect(html).toContain('Zones : indiquez');
      const order = await admin.postForm('/financements/nouveau', {
        name: 'Fonds régional jeunesse',
        funder: 'Région',
        amountMin: '5000',
        amountMax: '100',
      });
      expect(await order.text()).toContain(
        'Montant maximum : il doit être supérieur ou égal au montant minimum.',
      );
      expect(
        (await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM funding_programmes`)).n,
      ).toBe(before.n);

      const ok = await admin.postForm('/financements/nouveau', {
        name: 'Fonds régional jeunesse',
        funder: 'Région Occitanie',
        applicantTypes: ['mission_locale', 'association'],
        projectKinds: 'youth_mobility',
        zones: 'sn, ma',
        amountMin: '2 000',
        amountMax: '15000',
        cofundingMaxPercent: '80',
        sources: 'https://exemple.fr/fonds',
      });
      expect(ok.status).toBe(303);
      const id = ok.headers.get('location')!.split('?')[0].split('/').at(-1)!;
      const row = await app.db.one<any>(sql`SELECT * FROM funding_programmes WHERE id = ${id}`);
      expect(row.zones).toEqual(['SN', 'MA']);
      expect(Number(row.amount_min)).toBe(2000);
      const badCall = await admin.postForm(`/financements/${id}/appels`, {
        title: 'Appel 2026',
        opensOn: '2026-03-31',
        closesOn: '2026-01-01',
      });
      expect(badCall.status).toBe(422);
      expect(await badCall.text()).toContain('Date de clôture : elle doit suivre la date d’ouverture.');
      const call = await admin.postForm(`/financements/${id}/appels`, {
        title: 'Appel 2026',
        opensOn: '2026-01-15',
        closesOn: '2026-03-31',
      });
      expect(call.status).toBe(303);
      const open = await (await app.anonymous().get('/api/v1/funding-programmes?open=1')).json();
      expect(open.items.map((p: any) => p.id)).toEqual([id]);
      await admin.page(`/financements/${id}/modifier`);
      const edit = await admin.postForm(`/financements/${id}/modifier`, {
        name: 'Fonds régional jeunesse et mobilité',
        funder: 'Région Occitanie',
        zones: 'world',
      });
      expect(edit.status).toBe(303);
      const audits = await app.db.many<{ action: string }>(
        sql`SELECT action FROM audit_log WHERE entity_id = ${id} ORDER BY id`,
      );
      expect(audits.map((a) => a.action)).toEqual([
        'funding.programme.create',
        'funding.call.create',
        'funding.programme.update',
      ]);
    });

    it('a signed-in user suggests a programme; a network admin accepts or rejects it', async () => {
      const u = await app.as(userId);
      await u.page('/financements/proposer');
      const bad = await u.postForm('/financements/proposer', { message: 'Il manque ce fonds.' });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('Indiquez le nom du programme.');
      const ok = await u.postForm('/financements/proposer', {
        name: 'Fonds franco-sénégalais',
        funder: 'MEAE et Sénégal',
        officialUrl: 'https://exemple.fr/fcs',
        message: 'Un fonds conjoint à ajouter.',
      });
      expect(ok.status).toBe(303);
      await u.postForm('/financements/proposer', { name: 'Doublon', funder: 'X', message: 'Doublon' });
      const pending = await app.db.many<{ id: string; name: string }>(
        sql`SELECT id, name FROM funding_suggestions WHERE status = 'pending' ORDER BY created_at`,
      );
      expect(pending.map((p) => p.name)).toEqual(['Fonds franco-sénégalais', 'Doublon']);
      const admin = await app.as(adminId);
      const queue = await admin.page('/financements/propositions');
      expect(queue.html).toContain('Fonds franco-sénégalais');
      expect((await admin.postForm(`/financements/propositions/${pending[0].id}/accepter`)).status).toBe(303);
      const created = await app.db.maybeOne(
        sql`SELECT 1 FROM funding_programmes WHERE name = 'Fonds franco-sénégalais'`,
      );
      expect(created).not.toBeNull();
      const noReason = await admin.postForm(`/financements/propositions/${pending[1].id}/refuser`, {
        reason: '',
      });
      expect(noReason.status).toBe(422);
      expect(
        (await admin.postForm(`/financements/propositions/${pending[1].id}/refuser`, { reason: 'Doublon.' }))
          .status,
      ).toBe(303);
      const again = await admin.postForm(`/financements/propositions/${pending[1].id}/refuser`, {
        reason: 'Encore.',
      });
      expect(again.status).toBe(409);
    });
  });
}

for (const kind of DB_KINDS) {
  describe(`funding alerts (${kind})`, () => {
    let app: TestApp;
    let userId: string;
    let adminId: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-03-01T08:00:00Z');
      userId = (await aUser(app.db, { email: 'ml@exemple.fr' })).id;
      adminId = (await aUser(app.db, { globalRole: 'network_admin' })).id;
      await app.db.run(sql`INSERT INTO funding_programmes (name, funder, project_kinds)
        VALUES ('Fonds jeunesse Sahel', 'Région', ARRAY['youth_mobility']), ('Fonds patrimoine', 'État', ARRAY['ecsi'])`);
    });
    afterAll(() => app.close());

    const outbox = () =>
      app.db.many<{ to_address: string; subject: string; text_body: string }>(
        sql`SELECT to_address, subject, text_body FROM mail_outbox ORDER BY created_at`,
      );

    it('a saved search sends one e-mail for a new call and one when it closes within 7 days, each once', async () => {
      const u = await app.as(userId);
      await u.page('/financements?projectKind=youth_mobility');
      expect(
        (
          await u.postForm('/financements/alertes', {
            q: '',
            projectKind: 'youth_mobility',
            applicantType: '',
          })
        ).status,
      ).toBe(303);
      expect((await u.page('/financements/alertes')).html).toContain('Mobilité internationale de jeunes');

      app.setNow('2026-03-02T08:00:00Z');
      const admin = await app.as(adminId);
      const [sahel, patrimoine] = await app.db.many<{ id: string }>(
        sql`SELECT id FROM funding_programmes ORDER BY name`,
      );
      await admin.page(`/financements/${sahel.id}`);
      await admin.postForm(`/financements/${sahel.id}/appels`, {
        title: 'Appel 2026',
        opensOn: '2026-03-10',
        closesOn: '2026-04-30',
      });
      await admin.postForm(`/financements/${patrimoine.id}/appels`, {
        title: 'Appel patrimoine',
        opensOn: '2026-03-10',
        closesOn: '2026-04-30',
      });

      const { sendFundingAlerts } = await import('./alerts.js');
      expect(await sendFundingAlerts(app.deps)).toBe(1);
      let mails = (await outbox()).filter((m) => m.to_address === 'ml@exemple.fr');
      expect(mails).toHaveLength(1);
      expect(mails[0].text_body).toContain(
        'Nouvel appel : Fonds jeunesse Sahel — Appel 2026, du 10 mars 2026 au 30 avril 2026',
      );
      expect(mails[0].text_body).not.toContain('patrimoine');
      expect(mails[0].text_body).toContain('/financements/alertes/desabonner/');
      expect(await sendFundingAlerts(app.deps)).toBe(0);

      app.setNow('2026-04-24T08:00:00Z');
      expect(await sendFundingAlerts(app.deps)).toBe(1);
      mails = (await outbox()).filter((m) => m.to_address === 'ml@exemple.fr');
      expect(mails[1].text_body).toContain('Clôture proche : Fonds jeunesse Sahel — Appel 2026');
      expect(await sendFundingAlerts(app.deps)).toBe(0);

      // The unsubscribe link in the e-mail stops the alert.
      const link = /\/financements\/alertes\/desabonner\/[0-9a-f]{64}/.exec(mails[0].text_body)![0];
      const anon = app.anonymous();
      const ask = await anon.page(link);
      expect(ask.html).toContain('Arrêter cette alerte');
      const done = await anon.postForm(link);
      expect(await done.text()).toContain('vous ne recevrez plus cette alerte');
      expect(
        await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM funding_saved_searches`),
      ).toEqual({ n: 0 });
    });
  });
}
