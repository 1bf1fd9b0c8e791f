import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { DEMO_ADMIN, type E2E, expectAccessible, signIn, startE2E } from '../helpers/browser.js';

/**
 * Rapprochement pages in a real browser, each audited with axe (WCAG 2.1 AA): the demo
 * commune's admin sees the demo Mission Locale's request in the header count, answers it
 * (contacts revealed), the ML side sees the answer; the answer page reached from the
 * e-mail link; suggestions, request form, preferences; the network admins' tables.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const PASSWORD = 'Passerelle-demo-2026';
const COMMUNE_ADMIN = 'collectivite@demo.passerelle.localhost';
const ML_ADMIN = 'direction.ml@demo.passerelle.localhost';
const idOf = async (code: string) =>
  (await e2e.server.deps.db.one<{ id: string }>(sql`SELECT id FROM organisations WHERE code = ${code}`)).id;

describe('rapprochement pages', () => {
  it('the commune sees the demo request, answers it; contacts appear; the ML is notified', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.url, COMMUNE_ADMIN, PASSWORD);
    await expect(page.locator('.notifications-link').innerText()).resolves.toBe('Notifications (1)');
    await page.goto(`${e2e.url}/notifications`);
    await expectAccessible(page);
    await Promise.all([page.waitForLoadState('load'), page.locator('.notification-list a').first().click()]);
    await expect(page.locator('h1').innerText()).resolves.toContain('Mise en relation');
    await expect(page.locator('body').innerText()).resolves.toContain('seront visibles ici');
    await expectAccessible(page);
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('form[action$="/accepter"] button').click(),
    ]);
    await expect(page.locator('body').innerText()).resolves.toContain(
      'direction.ml@demo.passerelle.localhost',
    );
    await expectAccessible(page);

    const ml = await e2e.newPage();
    await signIn(ml, e2e.url, ML_ADMIN, PASSWORD);
    await expect(ml.locator('.notifications-link').innerText()).resolves.toBe('Notifications (1)');
    await ml.goto(`${e2e.url}/mises-en-relation`);
    await expectAccessible(ml);
    await ml.goto(`${e2e.url}/compte/notifications`);
    await expectAccessible(ml);
  });

  it('suggestions page, request form with errors, and the answer page from the e-mail', async () => {
    const mlId = await idOf('DEMO-ML');
    const unml = await idOf('UNML');
    const page = await e2e.newPage();
    await signIn(page, e2e.url, ML_ADMIN, PASSWORD);
    await page.goto(`${e2e.url}/organisations/${mlId}/rapprochements`);
    await expectAccessible(page);
    await page.goto(`${e2e.url}/organisations/${mlId}/mises-en-relation/nouvelle?vers=${unml}`);
    await expectAccessible(page);
    await page.fill('#champ-message', 'Court');
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('main form button[type="submit"]').click(),
    ]);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('au moins 10 caractères');
    await expectAccessible(page);
    await page.fill('#champ-message', 'Bonjour, nous aimerions présenter Passerelle à nos jeunes. (démo)');
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('main form button[type="submit"]').click(),
    ]);
    await expect(page.locator('.alert-success').innerText()).resolves.toContain(
      'Votre demande a été envoyée',
    );

    // UNML's member (the demo network admin) gets an e-mail with a personal answer link.
    const mail = await e2e.server.deps.db.one<{ text_body: string }>(
      sql`SELECT text_body FROM mail_outbox WHERE to_address = 'unml@demo.passerelle.localhost' ORDER BY created_at DESC LIMIT 1`,
    );
    const link = /\/mise-en-relation\/reponse\/[\w-]+/.exec(mail.text_body)![0];
    const visitor = await e2e.newPage();
    await visitor.goto(`${e2e.url}${link}`);
    await expectAccessible(visitor);
    await Promise.all([
      visitor.waitForLoadState('load'),
      visitor.locator('form[action*="action=decline"] button').click(),
    ]);
    await expect(visitor.locator('.error-summary').innerText()).resolves.toContain('raison');
    await expectAccessible(visitor);
  });

  it('network admins: pipeline and opportunities pages', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.goto(`${e2e.url}/admin/mises-en-relation`);
    await expect(page.locator('table').innerText()).resolves.toContain('France entière');
    await expectAccessible(page);
    await page.goto(`${e2e.url}/admin/opportunites`);
    await expectAccessible(page);
  });
});
