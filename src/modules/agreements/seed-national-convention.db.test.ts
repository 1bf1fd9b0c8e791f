import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { aUser } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { tickSchedules } from '../../jobs/scheduler.js';
import { allSchedules } from '../../jobs/worker.js';
import { seedDemoNationalAgreement, seedNationalConvention } from './seed-national-convention.js';

/**
 * `passerelle seed national-convention` records the real convention only: its text, its two
 * parties, its signatories and its signature at Paris on 4 July 2025 — no invented roadmap,
 * no approval of one, so the real reminder to draw up year 2 goes out (art. 3 and 5).
 */
for (const kind of DB_KINDS) {
  describe(`the real national convention (${kind})`, () => {
    let app: TestApp;
    let id: string;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-05-20T08:00:00Z');
      const seeded = await seedNationalConvention(app.db, app.deps.now());
      expect(seeded.created).toBe(true);
      id = seeded.id;
    });
    afterAll(() => app?.close());

    it('records its text, its two parties, its signatories, at Paris on 4 July 2025; nothing else', async () => {
      const a = await app.db.one<any>(
        sql`SELECT title, signed_at_place, is_demo FROM agreements WHERE id = ${id}`,
      );
      expect(a).toEqual({
        title: 'Convention de partenariat UNML – Cités Unies France',
        signed_at_place: 'Paris',
        is_demo: false,
      });
      const parties = await app.db.many<{ code: string }>(sql`SELECT o.code FROM agreement_parties p
        JOIN organisations o ON o.id = p.organisation_id WHERE p.agreement_id = ${id} ORDER BY p.position`);
      expect(parties.map((p) => p.code)).toEqual(['UNML', 'CUF']);
      const signatures = await app.db.many<any>(sql`SELECT signer_name, signed_on::text AS signed_on
        FROM agreement_approvals WHERE agreement_id = ${id} ORDER BY signer_name DESC`);
      expect(signatures).toEqual([
        { signer_name: 'Stéphane Valli', signed_on: '2025-07-04' },
        { signer_name: 'Michaël Delafosse', signed_on: '2025-07-04' },
      ]);
      const text = (
        await app.db.one<{ body_text: string }>(
          sql`SELECT body_text FROM agreement_versions WHERE agreement_id = ${id} AND number = 1`,
        )
      ).body_text;
      // The convention's own words (art. 5 and 8), not a summary.
      expect(text).toContain(
        'La validité de la présente convention est fixée à 3 ans à compter de sa date de signature par les deux parties',
      );
      expect(text).toContain("notamment par la médiation ou l'arbitrage");
      expect(text).toContain('Fait à Paris, le 4 juillet 2025');
      expect(text).not.toContain('MILV');
      // Shipped in the repository: the seed never reads ../shared.
      const source = readFileSync(new URL('./seed-national-convention.ts', import.meta.url), 'utf8');
      expect(source).not.toMatch(/shared/);
      expect(await app.db.many(sql`SELECT 1 FROM agreement_roadmaps WHERE agreement_id = ${id}`)).toEqual([]);
      const events = await app.db.many<{ type: string }>(
        sql`SELECT type FROM agreement_events WHERE agreement_id = ${id} ORDER BY seq`,
      );
      expect(events.map((e) => e.type)).toEqual(['created', 'version_proposed', 'approved', 'approved']);
      expect((await seedNationalConvention(app.db, app.deps.now())).created).toBe(false);
    });

    it('the real reminder to draw up year 2 goes out (no invented roadmap switches it off)', async () => {
      const unml = (await app.db.one<{ id: string }>(sql`SELECT id FROM organisations WHERE code = 'UNML'`))
        .id;
      await aUser(app.db, {
        email: 'direction@unml.example',
        memberOf: [{ organisationId: unml, role: 'admin' }],
      });
      app.setNow('2026-06-04T08:00:00Z');
      await tickSchedules(app.db, allSchedules(), app.deps.now());
      await app.runJobs();
      const mails = await app.db.many<{ subject: string }>(
        sql`SELECT subject FROM mail_outbox WHERE to_address = 'direction@unml.example'`,
      );
      expect(
        mails.some((m) => m.subject.includes('feuille de route') && m.subject.includes('4 juillet 2026')),
      ).toBe(true);
    });

    it('demo roadmaps live on a separate agreement marked « (démo) »', async () => {
      const demo = await seedDemoNationalAgreement(app.db, app.deps.now());
      expect(demo.id).not.toBe(id);
      const row = await app.db.one<any>(sql`SELECT title, is_demo FROM agreements WHERE id = ${demo.id}`);
      expect(row).toEqual({
        title: 'Convention de partenariat UNML – Cités Unies France (démo)',
        is_demo: true,
      });
      const years = await app.db.many<{ year: number }>(
        sql`SELECT year FROM agreement_roadmaps WHERE agreement_id = ${demo.id} ORDER BY year`,
      );
      expect(years.map((y) => y.year)).toEqual([1, 2]);
      expect(await app.db.many(sql`SELECT 1 FROM agreement_roadmaps WHERE agreement_id = ${id}`)).toEqual([]);
    });
  });
}
