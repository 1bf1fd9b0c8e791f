import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../tests/helpers/app.js';
import { anOrganisation, aUser } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';
import { enqueue } from '../../jobs/queue.js';
import { queueMail } from '../../mail/mail.js';

let app: TestApp;
let platform: TestClient;
let network: TestClient;
let member: TestClient;

async function addAudit(at: string, fields: Partial<Record<string, unknown>> = {}) {
  await app.db.run(sql`INSERT INTO audit_log (at, actor_label, action, entity_type, entity_id, before, after)
    VALUES (${new Date(at)}, ${fields.actor ?? 'Alice Martin <alice@exemple.fr>'}, ${fields.action ?? 'organisation.updated'},
            ${fields.entity ?? 'organisation'}, ${fields.id ?? 'o-1'},
            ${fields.before === undefined ? null : JSON.stringify(fields.before)},
            ${fields.after === undefined ? null : JSON.stringify(fields.after)})`);
}

beforeAll(async () => {
  app = await createTestApp(); // no SMTP_URL: mails are kept in the outbox
  const ml = await anOrganisation(app.db, { kind: 'mission_locale' });
  await anOrganisation(app.db, { kind: 'mission_locale' });
  await anOrganisation(app.db, { kind: 'local_authority', level: 'commune' });
  const p = await aUser(app.db, { globalRole: 'platform_admin' });
  const n = await aUser(app.db, { globalRole: 'network_admin', network: 'cuf' });
  const m = await aUser(app.db, { memberOf: [{ organisationId: ml.id, role: 'admin' }] });
  platform = await app.as(p.id);
  network = await app.as(n.id);
  member = await app.as(m.id);
  // 55 entries by Alice on organisations (pagination), one by Bruno on a user, one old one.
  for (let i = 0; i < 55; i++) {
    await addAudit(`2026-03-10T10:${String(i).padStart(2, '0')}:00Z`, {
      before: { name: `Nom ${i}`, city: 'Lyon' },
      after: { name: `Nom ${i + 1}`, city: 'Lyon' },
    });
  }
  await addAudit('2026-03-11T08:00:00Z', {
    actor: 'Bruno Petit <bruno@exemple.fr>',
    action: 'user.disabled',
    entity: 'user',
    id: 'u-9',
    before: { disabled: false, note: '<script>alert(1)</script>' },
    after: { disabled: true, note: '<script>alert(1)</script>' },
  });
  await addAudit('2025-12-31T23:30:00Z', { action: 'organisation.created', after: { name: '=CMD()' } });
});

afterAll(async () => {
  await app.close();
});

describe('GET /admin (dashboard)', () => {
  it('shows the counts and, for a platform admin, links to jobs and outbox', async () => {
    await enqueue(app.db, 'dash.pending', {});
    const { res, html } = await platform.page('/admin');
    expect(res.status).toBe(200);
    expect(html).toContain('<title>Administration — Passerelle</title>');
    expect(html).toMatch(/<td>Missions Locales<\/td>\s*<td class="num">2<\/td>/);
    expect(html).toMatch(/<td>Collectivités territoriales<\/td>\s*<td class="num">1<\/td>/);
    expect(html).toContain('href="/admin/taches"');
    expect(html).toContain('href="/admin/outbox"');
    expect(html).toContain('href="/admin/journal"');
  });
  it('a network admin sees the journal link but not the platform tools', async () => {
    const { res, html } = await network.page('/admin');
    expect(res.status).toBe(200);
    expect(html).toContain('href="/admin/journal"');
    expect(html).not.toContain('href="/admin/taches"');
  });
  it('an organisation admin is refused', async () => {
    expect((await member.get('/admin')).status).toBe(403);
  });
});

describe('GET /admin/journal', () => {
  it('lists newest first, 50 per page, with links to the next page that keep the filters', async () => {
    const { res, html } = await network.page('/admin/journal?acteur=alice');
    expect(res.status).toBe(200);
    expect(html).toContain('56 entrée(s) correspondent.');
    expect(html).toContain('page 1 sur 2');
    const first = html.indexOf('Nom 54');
    const later = html.indexOf('Nom 10');
    expect(first).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(first);
    expect(html).toContain('href="/admin/journal?acteur=alice&amp;page=2"');
    const page2 = await network.page('/admin/journal?acteur=alice&page=2');
    expect(page2.html).toContain('page 2 sur 2');
    expect(page2.html).toContain('organisation.created');
  });

  it('shows only the changed keys of before/after', async () => {
    const { html } = await network.page('/admin/journal?entite=user');
    expect(html).toContain('1 entrée(s) correspondent.');
    expect(html).toContain('<code>disabled</code>');
    // "note" did not change, so it is not shown (and never injected).
    expect(html).not.toContain('note');
    expect(html).not.toContain('<script>alert');
    const orgs = await network.page('/admin/journal?action=organisation.updated&acteur=alice');
    expect(orgs.html).toContain('<code>name</code>');
    expect(orgs.html).not.toContain('<code>city</code>');
  });

  it('filters by action, actor and Paris days', async () => {
    const a = await network.page('/admin/journal?action=user.disabled');
    expect(a.html).toContain('1 entrée(s) correspondent.');
    const b = await network.page('/admin/journal?acteur=BRUNO');
    expect(b.html).toContain('1 entrée(s) correspondent.');
    // 2025-12-31T23:30Z is 1 January 2026 at 00:30 in Paris.
    const c = await network.page('/admin/journal?du=2026-01-01&au=2026-01-01');
    expect(c.html).toContain('1 entrée(s) correspondent.');
    expect(c.html).toContain('organisation.created');
    const d = await network.page('/admin/journal?au=2025-12-31');
    expect(d.html).toContain('0 entrée(s) correspondent.');
    const e = await network.page('/admin/journal?du=2026-03-11');
    expect(e.html).toContain('1 entrée(s) correspondent.');
    expect(e.html).toContain('value="2026-03-11"');
  });

  it('a bad date is a 422 that names the field, in French', async () => {
    const { res, html } = await network.page('/admin/journal?du=2026-02-30');
    expect(res.status).toBe(422);
    expect(html).toContain('Du : cette date n&#39;existe pas dans le calendrier.');
  });

  it('exports the filtered journal as CSV', async () => {
    const res = await network.get('/admin/journal.csv?entite=user');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="journal-passerelle-.*\.csv"$/,
    );
    const text = await res.text();
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(';Bruno Petit <bruno@exemple.fr>;;user.disabled;user;u-9;');
    const all = await (await network.get('/admin/journal.csv')).text();
    expect(all.trim().split('\r\n')).toHaveLength(58);
    expect(all).toContain(`"{""name"":""=CMD()""}"`);
    expect((await network.get('/admin/journal.csv?au=nimporte')).status).toBe(422);
  });
});

describe('GET /admin/taches and POST /admin/taches/:id/relancer', () => {
  it('shows a failed job with its last error; retrying it is audited and puts it back in the queue', async () => {
    const id = (await enqueue(app.db, 'test.broken', {}, { maxAttempts: 1 }))!;
    await app.runJobs(); // no handler: fails for good after its one attempt
    const list = await platform.page('/admin/taches?statut=failed');
    expect(list.res.status).toBe(200);
    expect(list.html).toContain(`id="tache-${id}"`);
    expect(list.html).toContain('Aucun traitement pour les tâches « test.broken »');
    expect(list.html).toContain(`action="/admin/taches/${id}/relancer"`);
    const res = await platform.postForm(`/admin/taches/${id}/relancer`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/taches?statut=pending&relancee=${id}`);
    const job = await app.db.one<any>(sql`SELECT status, attempts FROM jobs WHERE id = ${id}`);
    expect(job).toEqual({ status: 'pending', attempts: 0 });
    const entry = await app.db.one<any>(
      sql`SELECT action, entity_type, before, after FROM audit_log WHERE entity_id = ${String(id)}`,
    );
    expect(entry).toMatchObject({
      action: 'job.retried',
      entity_type: 'job',
      before: { status: 'failed' },
      after: { status: 'pending' },
    });
    const after = await platform.page(`/admin/taches?statut=pending&relancee=${id}`);
    expect(after.html).toContain(`La tâche n° ${id} a été relancée`);
    // Retrying again: the job is no longer failed.
    const again = await platform.postForm(`/admin/taches/${id}/relancer`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('n’est pas en échec');
  });

  it('an unknown job is a 404; a missing CSRF token is refused', async () => {
    await platform.page('/admin/taches');
    expect((await platform.postForm('/admin/taches/999999/relancer')).status).toBe(404);
    expect((await platform.postForm('/admin/taches/abc/relancer')).status).toBe(404);
    const id = (await enqueue(app.db, 'test.broken2', {}, { maxAttempts: 1 }))!;
    await app.db.run(sql`UPDATE jobs SET status = 'failed' WHERE id = ${id}`);
    expect((await platform.postForm(`/admin/taches/${id}/relancer`, {}, { csrf: null })).status).toBe(403);
    expect((await app.db.one<any>(sql`SELECT status FROM jobs WHERE id = ${id}`)).status).toBe('failed');
  });

  it('a bad status filter is a 422 naming the field', async () => {
    const { res, html } = await platform.page('/admin/taches?statut=perdu');
    expect(res.status).toBe(422);
    expect(html).toContain('Statut : choisissez');
  });

  it('a network admin may not see the jobs', async () => {
    expect((await network.get('/admin/taches')).status).toBe(403);
  });
});

describe('GET /admin/outbox', () => {
  it('without SMTP_URL the mail is kept in the outbox and shown, newest first', async () => {
    const id = await app.db.transaction((tx) =>
      queueMail(tx, app.deps.config, {
        to: 'chloe@exemple.fr',
        subject: 'Votre lien de connexion',
        text: 'Cliquez : http://passerelle.test/connexion/lien/abc',
        html: '<p>Cliquez <a href="x">ici</a></p><script>alert("x")</script><img src=x onerror=alert(1)>',
      }),
    );
    await app.runJobs();
    const row = await app.db.one<any>(sql`SELECT status, transport FROM mail_outbox WHERE id = ${id}`);
    expect(row).toEqual({ status: 'kept', transport: 'outbox' });
    const list = await platform.page('/admin/outbox');
    expect(list.res.status).toBe(200);
    expect(list.html).toContain(`href="/admin/outbox/${id}"`);
    expect(list.html).toContain('Conservé');
    expect(list.html).toContain('Aucun serveur SMTP n’est configuré');

    const one = await platform.page(`/admin/outbox/${id}`);
    expect(one.res.status).toBe(200);
    expect(one.html).toContain('http://passerelle.test/connexion/lien/abc');
    // The HTML part is shown as escaped source, never injected into the page.
    expect(one.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(one.html).not.toContain('<script>alert');
    expect(one.html).not.toContain('<img src=x');
  });

  it('lists the newest mail first', async () => {
    for (const [subject, at] of [
      ['Ancien message', '2026-01-01T10:00:00Z'],
      ['Message récent', '2026-06-01T10:00:00Z'],
    ]) {
      await app.db.run(sql`INSERT INTO mail_outbox (to_address, subject, text_body, transport, status, created_at)
        VALUES ('z@exemple.fr', ${subject}, 'texte', 'outbox', 'kept', ${new Date(at)})`);
    }
    const { html } = await platform.page('/admin/outbox');
    const recent = html.indexOf('Message récent');
    expect(recent).toBeGreaterThan(0);
    expect(html.indexOf('Ancien message')).toBeGreaterThan(recent);
  });

  it('an unknown or malformed id is a 404; network admins are refused (sign-in links)', async () => {
    expect((await platform.get('/admin/outbox/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await platform.get('/admin/outbox/pas-un-id')).status).toBe(404);
    expect((await network.get('/admin/outbox')).status).toBe(403);
  });
});
