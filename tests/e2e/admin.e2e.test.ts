import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { enqueue } from '../../src/jobs/queue.js';
import { queueMail } from '../../src/mail/mail.js';
import { DEMO_ADMIN, type E2E, expectAccessible, signIn, startE2E } from '../helpers/browser.js';

/** The administration pages in a real browser: accessible (axe), and the retry button works. */
let e2e: E2E;
let failedJob: number;
let mailId: string;
beforeAll(async () => {
  e2e = await startE2E();
  const { db, config } = e2e.server.deps;
  failedJob = (await enqueue(db, 'e2e.broken', {}, { maxAttempts: 1 }))!;
  await db.run(
    sql`UPDATE jobs SET status = 'failed', attempts = 1, last_error = 'Serveur distant indisponible' WHERE id = ${failedJob}`,
  );
  mailId = await db.transaction((tx) =>
    queueMail(tx, config, {
      to: 'chloe@exemple.fr',
      subject: 'Votre lien de connexion',
      text: 'Bonjour,\nVotre lien : http://127.0.0.1/connexion/lien/abc',
      html: '<p>Bonjour</p><script>document.title = "injecté"</script>',
    }),
  );
}, 120_000);
afterAll(async () => {
  await e2e?.close();
});

describe('administration pages (platform admin, Chromium)', () => {
  it('every admin page is accessible; the outbox shows the HTML part as inert source', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    for (const path of [
      '/admin',
      '/admin/journal',
      '/admin/taches',
      '/admin/outbox',
      `/admin/outbox/${mailId}`,
    ]) {
      const res = await page.goto(`${e2e.url}${path}`);
      expect(res?.status(), path).toBe(200);
      await expectAccessible(page);
    }
    // The mail's <script> never ran: it is shown as text.
    expect(await page.title()).toBe('E-mail « Votre lien de connexion » — Passerelle');
    await expect(page.locator('pre.admin-mail-html').textContent()).resolves.toContain('<script>');
    expect(page.errors).toEqual([]);
  });

  it('the journal filters are a GET form: the URL can be shared', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.goto(`${e2e.url}/admin/journal`);
    await page.fill('#champ-acteur', 'personne-inconnue');
    await Promise.all([
      page.waitForLoadState('load'),
      page.click('form.admin-filters button[type="submit"]'),
    ]);
    expect(new URL(page.url()).searchParams.get('acteur')).toBe('personne-inconnue');
    await expect(page.locator('p[role="status"]').textContent()).resolves.toBe('0 entrée(s) correspondent.');
  });

  it('« Relancer » puts a failed job back in the queue and says so', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.goto(`${e2e.url}/admin/taches?statut=failed`);
    await expect(page.locator(`#tache-${failedJob}`).textContent()).resolves.toContain(
      'Serveur distant indisponible',
    );
    await Promise.all([
      page.waitForURL(/relancee=/),
      page.click(`#tache-${failedJob} button[type="submit"]`),
    ]);
    await expect(page.locator('.alert-success').textContent()).resolves.toContain(
      `La tâche n° ${failedJob} a été relancée`,
    );
    await expectAccessible(page);
    const job = await e2e.server.deps.db.one<{ status: string }>(
      sql`SELECT status FROM jobs WHERE id = ${failedJob}`,
    );
    expect(job.status).toBe('pending');
  });
});
