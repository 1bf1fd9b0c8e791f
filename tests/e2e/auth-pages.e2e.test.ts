import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { type E2E, expectAccessible, signIn, startE2E } from '../helpers/browser.js';

/**
 * The auth module's pages in a real browser, each audited with axe: account page with a
 * new API token, members page, a colleague invited and accepting through the e-mailed
 * link, password reset through the e-mailed link.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const ML_ADMIN = { email: 'direction.ml@demo.passerelle.localhost', password: 'Passerelle-demo-2026' };

async function linkMailedTo(to: string, path: string): Promise<string> {
  const mail = await e2e.server.deps.db.one<{ text_body: string }>(
    sql`SELECT text_body FROM mail_outbox WHERE to_address = ${to} ORDER BY created_at DESC LIMIT 1`,
  );
  const m = new RegExp(`https?://[^\\s]+(${path}/[\\w-]+)`).exec(mail.text_body);
  expect(m, mail.text_body).not.toBeNull();
  return m![1];
}

describe('account, members, invitation and reset pages', () => {
  it('account page: creates an API token shown once; members page; invitation accepted by a new colleague', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.url, ML_ADMIN.email, ML_ADMIN.password);
    await page.goto(`${e2e.url}/compte`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Mon compte');
    await expectAccessible(page);

    await page.fill('#champ-name', 'Tableau de bord régional');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/compte/jetons"] button')]);
    await expect(page.locator('[data-new-token]').innerText()).resolves.toMatch(/^psl_[\w-]{43}$/);
    await expectAccessible(page);

    await Promise.all([page.waitForLoadState('load'), page.click('a:has-text("Gérer les membres")')]);
    await expect(page.locator('h1').innerText()).resolves.toContain('Membres de');
    await expectAccessible(page);
    await page.fill('#champ-email', 'nouvelle.recrue@exemple.fr');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Envoyer l’invitation")')]);
    await expect(page.locator('.alert-success').innerText()).resolves.toContain('nouvelle.recrue@exemple.fr');
    await expectAccessible(page);

    const path = await linkMailedTo('nouvelle.recrue@exemple.fr', '/invitation');
    const guest = await e2e.newPage();
    await guest.goto(`${e2e.url}${path}`);
    await expectAccessible(guest);
    await guest.fill('#champ-name', 'Nouvelle Recrue');
    await guest.fill('#champ-password', 'une longue phrase de passe');
    await guest.fill('#champ-confirm', 'une longue phrase de passe');
    await Promise.all([
      guest.waitForLoadState('load'),
      guest.click('button[type="submit"]:has-text("Créer mon compte")'),
    ]);
    expect(new URL(guest.url()).pathname).toBe('/compte');
    await expect(guest.locator('main').innerText()).resolves.toContain('Mission Locale de démonstration');
    await expectAccessible(guest);
    expect(page.errors).toEqual([]);
    expect(guest.errors).toEqual([]);
  });

  it('password reset through the e-mailed link, then sign-in with the new password', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/mot-de-passe-oublie`);
    await expectAccessible(page);
    await page.fill('#champ-email', 'conseiller.ml@demo.passerelle.localhost');
    await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Vérifiez votre messagerie');
    await expectAccessible(page);

    const path = await linkMailedTo('conseiller.ml@demo.passerelle.localhost', '/reinitialiser-mot-de-passe');
    await page.goto(`${e2e.url}${path}`);
    await expectAccessible(page);
    await page.fill('#champ-password', 'azertyuiop123');
    await page.fill('#champ-confirm', 'azertyuiop123');
    await page.locator('form:has(#champ-password)').evaluate((f) => {
      (f as HTMLFormElement).noValidate = true;
    });
    await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('trop courant');
    await expectAccessible(page);
    await page.fill('#champ-password', 'Une-phrase-pour-Hugo-2026');
    await page.fill('#champ-confirm', 'Une-phrase-pour-Hugo-2026');
    await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
    await page.waitForURL(/\/connexion\?reinitialise=1/);
    await expect(page.locator('.alert-success').innerText()).resolves.toContain('mot de passe a été modifié');

    await signIn(page, e2e.url, 'conseiller.ml@demo.passerelle.localhost', 'Une-phrase-pour-Hugo-2026');
    await expect(page.locator('.account-menu summary').innerText()).resolves.toBe(
      'Hugo Conseiller ML (démo)',
    );
    // The link served once.
    const again = await page.goto(`${e2e.url}${path}`);
    expect(again?.status()).toBe(410);
    await expectAccessible(page);
  });
});
