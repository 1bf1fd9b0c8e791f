import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { anOrganisation, aUser, type UserFixture } from '../../../tests/helpers/fixtures.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { approveVersion } from '../agreements/approve-version.js';
import { createAgreement } from '../agreements/create-agreement.js';
import { createRoadmap } from '../agreements/create-roadmap.js';
import type { OpContext } from '../agreements/op-context.js';
import { addRoadmapAction } from '../agreements/save-roadmap-action.js';
import { seedNationalConvention } from '../agreements/seed-national-convention.js';

/**
 * The signed-in home page (issue 9 §5): per role, the items waiting for the user, each
 * linking to the page where it is done (and that page opens for that user).
 * Clock: 15 May 2026 (Paris).
 */
const T0 = new Date('2026-05-15T08:00:00Z');

/** The dashboard's sections: id → the text and links inside it. */
function sections(html: string) {
  const out = new Map<string, { text: string; links: string[] }>();
  const re =
    /<section class="dashboard-section card" aria-labelledby="[^"]+" id="([^"]+)">([\s\S]*?)<\/section>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const links = [...m[2].matchAll(/href="([^"]+)"/g)].map((x) => x[1].replace(/&amp;/g, '&'));
    const text = m[2]
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
    out.set(m[1], { text, links });
  }
  return out;
}

for (const kind of DB_KINDS) {
  describe(`signed-in home page (${kind})`, () => {
    let app: TestApp;
    const org: Record<string, { id: string; name: string }> = {};
    const user: Record<string, UserFixture> = {};
    const ids: Record<string, string> = {};

    const op = (tx: Queryable): OpContext => ({
      tx,
      audit: { actor: { kind: 'system', label: 'test' } },
      now: T0,
    });

    async function dashboard(who: string): Promise<{ html: string; client: TestClient }> {
      const client = await app.as(user[who].id);
      const { res, html } = await client.page('/');
      expect(res.status).toBe(200);
      return { html, client };
    }

    /** Every link of a section opens (200) for the same user: the item leads where it is done. */
    async function linksOpen(client: TestClient, links: string[]) {
      for (const href of links) {
        const res = await client.get(href.replace(/#.*$/, ''));
        expect(res.status, href).toBe(200);
      }
    }

    beforeAll(async () => {
      app = await createTestApp({ kind });
      app.setNow(T0);
      org.ml = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale du Val' });
      org.au = await anOrganisation(app.db, { kind: 'local_authority', name: 'Commune de Valbourg' });
      org.ml2 = await anOrganisation(app.db, { kind: 'mission_locale', name: 'Mission Locale des Monts' });
      ids.national = (await seedNationalConvention(app.db, T0)).id;
      const unml = await app.db.one<{ id: string }>(sql`SELECT id FROM organisations WHERE kind = 'unml'`);
      const cuf = await app.db.one<{ id: string }>(sql`SELECT id FROM organisations WHERE kind = 'cuf'`);
      user.mlMember = await aUser(app.db, {
        name: 'Hugo Conseiller',
        memberOf: [{ organisationId: org.ml.id, role: 'member' }],
      });
      user.mlAdmin = await aUser(app.db, {
        name: 'Inès Directrice',
        memberOf: [{ organisationId: org.ml.id, role: 'admin' }],
      });
      user.auAdmin = await aUser(app.db, {
        name: 'Sarah Chargée RI',
        memberOf: [{ organisationId: org.au.id, role: 'admin' }],
      });
      user.unml = await aUser(app.db, {
        name: 'Nadia UNML',
        globalRole: 'network_admin',
        network: 'unml',
        memberOf: [{ organisationId: unml.id, role: 'admin' }],
      });
      user.cuf = await aUser(app.db, {
        name: 'Louis CUF',
        globalRole: 'network_admin',
        network: 'cuf',
        memberOf: [{ organisationId: cuf.id, role: 'admin' }],
      });
      user.platform = await aUser(app.db, { name: 'Camille Admin', globalRole: 'platform_admin' });

      // Connection requests, one each way, waiting for an answer.
      const request = async (from: string, to: string, name: string) =>
        (
          await app.db.one<{ id: string }>(sql`INSERT INTO connections
            (requester_id, receiver_id, requested_by_name, requested_by_email, message, project_kind, status, created_at, expires_at)
          VALUES (${from}, ${to}, ${name}, 'x@exemple.fr', 'Bonjour, travaillons ensemble.', 'youth_mobility', 'pending',
            ${new Date('2026-05-10T08:00:00Z')}, ${new Date('2026-05-24T08:00:00Z')}) RETURNING id`)
        ).id;
      ids.toMl = await request(org.au.id, org.ml.id, user.auAdmin.name);
      ids.toAu = await request(org.ml2.id, org.au.id, 'Paul Monts');
      // Sent by the ML: not to answer by the ML.
      await request(org.ml.id, org.ml2.id, user.mlAdmin.name);
      // An answered one is not to do any more.
      await app.db.run(sql`INSERT INTO connections
          (requester_id, receiver_id, requested_by_name, requested_by_email, message, status, expires_at, answered_at)
        VALUES (${org.au.id}, ${org.ml.id}, 'Ancienne', 'x@exemple.fr', 'Ancienne demande', 'accepted', ${T0}, ${T0})`);

      await app.db.transaction(async (tx) => {
        // Agreement A: version 1 signed by the Mission Locale only → the authority approves.
        ids.draft = (
          await createAgreement(op(tx), {
            title: 'Convention locale jeunesse',
            kind: 'local_partnership',
            partyIds: [org.ml.id, org.au.id],
            body: { format: 'markdown', text: '# Convention locale\n\nArticle 1.' },
          })
        ).id;
        const va = await tx.one<{ hash: string }>(
          sql`SELECT hash FROM agreement_versions WHERE agreement_id = ${ids.draft}`,
        );
        await approveVersion(op(tx), ids.draft, {
          organisationId: org.ml.id,
          hash: va.hash,
          signedOn: '2026-05-14',
          signerName: 'Inès Directrice',
          signerRole: 'Directrice',
        });
        // Agreement B: in force since 20 July 2025; roadmap of year 1 with an action of the ML.
        ids.inForce = (
          await createAgreement(op(tx), {
            title: 'Convention Val–Valbourg',
            kind: 'local_partnership',
            partyIds: [org.ml.id, org.au.id],
            body: { format: 'markdown', text: '# Convention Val–Valbourg\n\nArticle 1.' },
          })
        ).id;
        const vb = await tx.one<{ hash: string }>(
          sql`SELECT hash FROM agreement_versions WHERE agreement_id = ${ids.inForce}`,
        );
        for (const [o, who] of [
          [org.ml.id, 'Inès Directrice'],
          [org.au.id, 'Sarah Chargée RI'],
        ])
          await approveVersion(op(tx), ids.inForce, {
            organisationId: o,
            hash: vb.hash,
            signedOn: '2025-07-20',
            signerName: who,
            signerRole: 'Signataire',
          });
        await createRoadmap(op(tx), ids.inForce, 1);
        const action = {
          description: '',
          engagement: 'exchange_events' as const,
          coOwnerIds: [],
          indicator: '',
          targetValue: null,
          status: 'planned' as const,
          progress: 0,
          weight: 1,
        };
        await addRoadmapAction(op(tx), ids.inForce, 1, {
          ...action,
          title: 'Réunion d’information des conseillers',
          ownerOrganisationId: org.ml.id,
          dueOn: '2026-06-01',
        });
        await addRoadmapAction(op(tx), ids.inForce, 1, {
          ...action,
          title: 'Action lointaine',
          ownerOrganisationId: org.ml.id,
          dueOn: '2026-12-01',
        });
        await addRoadmapAction(op(tx), ids.inForce, 1, {
          ...action,
          title: 'Accueil en mairie',
          ownerOrganisationId: org.au.id,
          dueOn: '2026-04-30',
        });
      });

      // A joint project with a milestone ahead, and a finished one that stays off the page.
      const project = async (title: string, status: string) => {
        const p = await app.db.one<{ id: string }>(
          sql`INSERT INTO projects (title, kind, status) VALUES (${title}, 'youth_mobility', ${status}) RETURNING id`,
        );
        for (const o of [org.ml.id, org.au.id])
          await app.db.run(
            sql`INSERT INTO project_partners (project_id, organisation_id) VALUES (${p.id}, ${o})`,
          );
        return p.id;
      };
      ids.project = await project('Chantier de jeunes à Saint-Louis', 'in_preparation');
      await app.db.run(sql`INSERT INTO project_milestones (project_id, title, due_on, done_on) VALUES
        (${ids.project}, 'Dépôt du dossier', '2026-06-10', null),
        (${ids.project}, 'Réunion de lancement', '2026-04-01', '2026-04-01')`);
      await project('Projet évalué', 'evaluated');

      // Funding: a call added last week to a programme matching the ML member's saved search; an old one.
      const prog = await app.db.one<{ id: string }>(sql`INSERT INTO funding_programmes
          (name, funder, summary, applicant_types, project_kinds)
        VALUES ('Jeunesse solidaire internationale', 'Ministère', 'Mobilité des jeunes', '{mission_locale}', '{youth_mobility}')
        RETURNING id`);
      ids.programme = prog.id;
      await app.db.run(sql`INSERT INTO funding_calls (programme_id, title, opens_on, closes_on, created_at) VALUES
        (${prog.id}, 'Appel 2026', '2026-05-01', '2026-07-15', ${new Date('2026-05-08T10:00:00Z')}),
        (${prog.id}, 'Appel 2025', '2025-05-01', '2026-09-15', ${new Date('2025-04-01T10:00:00Z')})`);
      await app.db.run(sql`INSERT INTO funding_saved_searches (user_id, q, unsubscribe_token, created_at)
        VALUES (${user.mlMember.id}, 'jeunesse', ${'a'.repeat(64)}, ${new Date('2026-01-01T00:00:00Z')})`);
    }, 60_000);

    afterAll(async () => {
      await app?.close();
    });

    it('anonymous: the presentation page, not a dashboard', async () => {
      const { res, html } = await app.anonymous().page('/');
      expect(res.status).toBe(200);
      expect(html).toContain('Relier les Missions Locales et les collectivités');
      expect(html).not.toContain('dashboard-section');
    });

    it('Mission Locale member: the request to answer, the roadmap action due, deadlines, project, new call', async () => {
      const { html, client } = await dashboard('mlMember');
      expect(html).toContain('Bonjour Hugo Conseiller');
      const s = sections(html);
      // Requests: the one received, not the one sent nor the answered one.
      expect(s.get('demandes')?.text).toContain('Demande de Commune de Valbourg');
      expect(s.get('demandes')?.text).toContain('24 mai 2026');
      expect(s.get('demandes')?.links).toEqual([`/mises-en-relation/${ids.toMl}`]);
      // A member does not approve for the organisation: nothing to approve.
      expect(s.get('approbations')?.links).toEqual([]);
      // Actions of the ML due within 60 days; the far one and the authority's are not listed.
      expect(s.get('actions')?.text).toContain('Réunion d’information des conseillers');
      expect(s.get('actions')?.text).toContain('1 juin 2026');
      expect(s.get('actions')?.text).not.toContain('Action lointaine');
      expect(s.get('actions')?.text).not.toContain('Accueil en mairie');
      expect(s.get('actions')?.links).toEqual([`/conventions/${ids.inForce}/feuilles-de-route/2025`]);
      // Art. 3 and 4 : the next roadmap and the annual meeting fall due on 20 July 2026.
      expect(s.get('echeances')?.text).toContain('20 juillet 2026');
      expect(s.get('echeances')?.text).toContain('Feuille de route de l’année suivante à valider (art. 3)');
      expect(s.get('echeances')?.text).toContain('Réunion annuelle à tenir (art. 4)');
      expect(s.get('echeances')?.links).toContain(`/conventions/${ids.inForce}`);
      // Projects: the open one with its next milestone (not the done one); the evaluated one is off.
      expect(s.get('projets')?.text).toContain('Chantier de jeunes à Saint-Louis');
      expect(s.get('projets')?.text).toContain('Dépôt du dossier, le 10 juin 2026');
      expect(s.get('projets')?.text).not.toContain('Projet évalué');
      expect(s.get('projets')?.links).toContain(`/projets/${ids.project}`);
      // Funding: the call added last week, not the old one.
      expect(s.get('financements')?.text).toContain('Jeunesse solidaire internationale — Appel 2026');
      expect(s.get('financements')?.text).toContain('15 juillet 2026');
      expect(s.get('financements')?.text).not.toContain('Appel 2025');
      expect(s.get('financements')?.links).toEqual([`/financements/${ids.programme}`]);
      expect(s.has('opportunites')).toBe(false);
      expect(s.has('relais')).toBe(false);
      for (const sec of s.values()) await linksOpen(client, sec.links);
    });

    it('Mission Locale admin: nothing to approve once the ML signed; the roadmap to approve', async () => {
      const { html, client } = await dashboard('mlAdmin');
      const s = sections(html);
      expect(s.get('approbations')?.text).not.toContain('Approuver la version');
      expect(s.get('approbations')?.text).toContain(
        'Approuver la feuille de route de l’année 1 de « Convention Val–Valbourg »',
      );
      expect(s.get('approbations')?.links).toEqual([`/conventions/${ids.inForce}/feuilles-de-route/2025`]);
      // No saved search: the funding section says what to do.
      expect(s.get('financements')?.text).toContain('Enregistrez une recherche');
      await linksOpen(client, s.get('approbations')?.links ?? []);
    });

    it('authority admin: the request received, the version and the roadmap to approve, its overdue action', async () => {
      const { html, client } = await dashboard('auAdmin');
      const s = sections(html);
      expect(s.get('demandes')?.text).toContain('Demande de Mission Locale des Monts');
      expect(s.get('demandes')?.links).toEqual([`/mises-en-relation/${ids.toAu}`]);
      expect(s.get('approbations')?.text).toContain(
        'Approuver la version 1 de « Convention locale jeunesse »',
      );
      expect(s.get('approbations')?.text).toContain('au nom de Commune de Valbourg');
      expect(s.get('approbations')?.links).toEqual([
        `/conventions/${ids.draft}?action=approve#action-form`,
        `/conventions/${ids.inForce}/feuilles-de-route/2025`,
      ]);
      expect(s.get('actions')?.text).toContain('Accueil en mairie');
      expect(s.get('actions')?.text).toContain('en retard depuis le 30 avril 2026');
      expect(s.get('actions')?.text).not.toContain('Réunion d’information');
      // Four things to do: one request, two approvals, one action.
      expect(html).toContain('4 choses vous attendent');
      for (const sec of s.values()) await linksOpen(client, sec.links);
      // The approval form is where the link points.
      const page = await client.page(`/conventions/${ids.draft}?action=approve`);
      expect(page.html).toContain('id="action-form"');
      expect(page.html).toContain('name="signerRole"');
    });

    for (const who of ['unml', 'cuf'] as const) {
      it(`network admin ${who.toUpperCase()}: the national convention's deadlines and the opportunities of France`, async () => {
        const { html, client } = await dashboard(who);
        const s = sections(html);
        // Art. 3 and 4 : in force from 4 July 2025, year 2 starts on 4 July 2026.
        expect(s.get('echeances')?.text).toContain('4 juillet 2026');
        expect(s.get('echeances')?.links).toContain(`/conventions/${ids.national}`);
        expect(s.get('echeances')?.text).not.toContain('Convention Val–Valbourg');
        expect(s.get('demandes')?.text).toContain('Aucune demande n’attend votre réponse.');
        expect(s.has('opportunites')).toBe(true);
        expect(s.get('opportunites')?.links).toContain('/admin/opportunites');
        // The requests their network relays (art. 3), with the way to the relay page.
        expect(s.get('relais')?.links).toContain('/relais');
        for (const sec of s.values()) await linksOpen(client, sec.links);
      });
    }

    it('platform admin: a dashboard without organisation, with the opportunities', async () => {
      const { html, client } = await dashboard('platform');
      expect(html).toContain('Votre compte n’est rattaché à aucune organisation');
      const s = sections(html);
      expect(s.has('opportunites')).toBe(true);
      expect(s.get('demandes')?.links).toEqual(['/mises-en-relation']);
      for (const sec of s.values()) await linksOpen(client, sec.links);
    });

    it('the user menu leads to "Mon organisation" in one click, the navigation to the connections', async () => {
      const { html } = await dashboard('mlMember');
      expect(html).toContain(`<a href="/organisations/${org.ml.id}">Mon organisation</a>`);
      expect(html).toMatch(/<a href="\/mises-en-relation"[^>]*>Mises en relation<\/a>/);
      const anon = await app.anonymous().page('/annuaire');
      expect(anon.html).not.toContain('href="/mises-en-relation"');
    });

    it('the long project page has an in-page navigation whose every link has its section', async () => {
      const client = await app.as(user.mlMember.id);
      const { html } = await client.page(`/projets/${ids.project}`);
      const toc = /<nav class="page-toc"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
      const anchors = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
      expect(anchors).toEqual(
        expect.arrayContaining(['partenaires', 'jalons', 'budget', 'participants', 'historique']),
      );
      for (const a of anchors) expect(html, a).toContain(`id="${a}"`);
    });

    it('English dashboard', async () => {
      const client = await app.as(user.auAdmin.id);
      const { html } = await client.page('/?lang=en');
      expect(html).toContain('Hello Sarah Chargée RI');
      expect(html).toContain('Approve version 1 of “Convention locale jeunesse”');
      expect(html).toContain('overdue since 30 April 2026');
    });
  });
}
