import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { aUser } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';

const news = {
  title: 'Dix jeunes de Lyon en mission à Dakar',
  body: 'La Mission Locale de Lyon et la Ville de Lyon ont accompagné dix jeunes.\n\nUn retour en images.',
  socialText: 'Dix jeunes accompagnés par la Mission Locale de Lyon partent à Dakar 🌍 #ECSI',
  imageAlt: 'Un groupe de jeunes devant la mairie de Dakar',
  link: 'https://exemple.fr/dakar',
};
const hashOf = (html: string) => /name="hash" value="([0-9a-f]{64})"/.exec(html)?.[1];

/** Art. 3 : joint communication — published only when UNML and CUF approved the same version. */
for (const kind of DB_KINDS) {
  describe(`joint news (${kind})`, () => {
    let app: TestApp;
    let unml: TestClient;
    let cuf: TestClient;
    let member: TestClient;

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow('2026-04-01T09:00:00Z');
      unml = await app.as(
        (await aUser(app.db, { globalRole: 'network_admin', network: 'unml', name: 'Ana UNML' })).id,
      );
      cuf = await app.as(
        (await aUser(app.db, { globalRole: 'network_admin', network: 'cuf', name: 'Chloé CUF' })).id,
      );
      member = await app.as((await aUser(app.db, {})).id);
    });
    afterAll(() => app?.close());

    const draft = async (extra: Record<string, string> = {}) => {
      await unml.page('/actualites/redaction');
      const res = await unml.postForm('/actualites/redaction', { ...news, ...extra });
      expect(res.status).toBe(303);
      return /\/actualites\/([0-9a-f-]{36})\/relecture/.exec(res.headers.get('location')!)![1];
    };

    it('art. 3 : refuses an incomplete draft, naming the fields, and an over-long social version', async () => {
      await unml.page('/actualites/redaction');
      const res = await unml.postForm('/actualites/redaction', {
        ...news,
        title: '',
        socialText: 'x'.repeat(281),
      });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('error-summary');
      expect(html).toContain('Indiquez le titre.');
      expect(html).toContain('Version courte : 280 caractères au plus.');
      expect((await app.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM news_items`)).n).toBe(0);
    });

    it('art. 3 : publishes only when UNML and CUF approved the same hash; a new version resets approvals', async () => {
      const id = await draft();
      const anon = app.anonymous();
      expect((await anon.get(`/actualites/${id}`)).status).toBe(404);
      // Members of organisations neither draft nor approve.
      await member.page('/actualites');
      expect((await member.postForm(`/actualites/${id}/approuver`, { hash: 'a'.repeat(64) })).status).toBe(
        403,
      );

      const v1 = hashOf((await unml.page(`/actualites/${id}/relecture`)).html)!;
      expect(v1).toMatch(/^[0-9a-f]{64}$/);
      expect((await unml.postForm(`/actualites/${id}/approuver`, { hash: v1 })).status).toBe(303);
      // Approving twice for the same network is refused.
      expect((await unml.postForm(`/actualites/${id}/approuver`, { hash: v1 })).status).toBe(409);

      // CUF edits the text: version 2; UNML's approval of version 1 no longer counts.
      const page = await cuf.page(`/actualites/${id}/relecture`);
      expect(page.html).toContain('Ana UNML');
      const revised = await cuf.postForm(`/actualites/${id}/versions`, {
        ...news,
        body: `${news.body}\n\nMerci aux partenaires.`,
      });
      expect(revised.status).toBe(303);
      // Approving the stale version is a conflict, nothing written.
      const stale = await cuf.postForm(`/actualites/${id}/approuver`, { hash: v1 });
      expect(stale.status).toBe(409);
      expect(await stale.text()).toContain('n’est plus la dernière');
      const v2 = hashOf((await cuf.page(`/actualites/${id}/relecture`)).html)!;
      expect(v2).not.toBe(v1);
      expect((await cuf.postForm(`/actualites/${id}/approuver`, { hash: v2 })).status).toBe(303);
      let row = await app.db.one<any>(sql`SELECT status, published_hash FROM news_items WHERE id = ${id}`);
      expect(row).toEqual({ status: 'draft', published_hash: null });
      expect((await anon.get('/actualites/rss.xml')).status).toBe(200);
      expect(await (await anon.get('/actualites/rss.xml')).text()).not.toContain(news.title);

      // UNML approves version 2: both networks approved the same hash → published.
      const res = await unml.postForm(`/actualites/${id}/approuver`, { hash: v2 });
      expect(res.headers.get('location')).toContain('publiee=1');
      row = await app.db.one<any>(sql`SELECT status, published_hash FROM news_items WHERE id = ${id}`);
      expect(row).toEqual({ status: 'published', published_hash: v2 });
      const publicPage = await (await anon.get(`/actualites/${id}`)).text();
      expect(publicPage).toContain('Merci aux partenaires.');
      expect(publicPage).toContain('Publiée le 1 avril 2026');
      // The channel kit is for network staff: social version with its count, alt text.
      expect(publicPage).not.toContain('kit-social');
      const kit = (await cuf.page(`/actualites/${id}`)).html;
      expect(kit).toContain(news.socialText);
      expect(kit).toContain(`${[...news.socialText].length} caractères sur 280`);
      expect(kit).toContain(news.imageAlt);
      // A published item is no longer edited or re-approved.
      expect((await cuf.postForm(`/actualites/${id}/versions`, { ...news, title: 'Autre' })).status).toBe(
        409,
      );

      const log = await app.db.many<{ action: string }>(
        sql`SELECT action FROM audit_log WHERE entity_id = ${id} ORDER BY id`,
      );
      expect(log.map((l) => l.action)).toEqual([
        'news.draft',
        'news.approve',
        'news.revise',
        'news.approve',
        'news.approve_and_publish',
      ]);
    });

    it('serves RSS and Atom feeds of published news only', async () => {
      const id = await draft({ title: 'Brouillon jamais publié' });
      const anon = app.anonymous();
      const rss = await anon.get('/actualites/rss.xml');
      expect(rss.headers.get('content-type')).toContain('application/rss+xml');
      const rssText = await rss.text();
      expect(rssText).toContain('<rss version="2.0"');
      expect(rssText).toContain(news.title);
      expect(rssText).not.toContain('Brouillon jamais publié');
      const atom = await anon.get('/actualites/atom.xml');
      expect(atom.headers.get('content-type')).toContain('application/atom+xml');
      const atomText = await atom.text();
      expect(atomText).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
      expect(atomText).toContain(news.title);
      expect(atomText).not.toContain(id);
      const list = await (await anon.get('/actualites')).text();
      expect(list).toContain(news.title);
      expect(list).not.toContain('Brouillon jamais publié');
    });
  });
}
