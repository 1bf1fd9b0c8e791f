import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { type E2E, expectAccessible, signIn, startE2E } from '../helpers/browser.js';

/**
 * Events and ECSI pages in a real browser, each audited with axe (WCAG 2.1 AA): the public
 * calendar, an event page, a guest registration (failed, then sent), a member's
 * registration with its confirmation, the publishing form, the ECSI library and actions.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const PASSWORD = 'Passerelle-demo-2026';
const ADVISER = 'conseiller.ml@demo.passerelle.localhost';
const WEBINAR = 'Webinaire : monter un projet de mobilité internationale des jeunes (démo)';

describe('events and ECSI pages', () => {
  it('a guest finds the webinar in the calendar and registers (errors first, then the e-mail step)', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/evenements`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Événements et webinaires');
    await expectAccessible(page);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: WEBINAR }).click()]);
    await expect(page.locator('h1').innerText()).resolves.toBe(WEBINAR);
    const body = await page.locator('body').innerText();
    expect(body).toContain('heure de Paris');
    expect(body).not.toContain('visio.exemple.fr');
    await expectAccessible(page);
    // Nothing typed: the error summary names the fields.
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'M’inscrire' }).click(),
    ]);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('Indiquez votre nom');
    await expectAccessible(page);
    await page.fill('#champ-name', 'Awa Diallo');
    await page.fill('#champ-email', 'awa.diallo@exemple.fr');
    await page.fill('#champ-organisationName', 'Association Ailleurs');
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'M’inscrire' }).click(),
    ]);
    await expect(page.locator('.alert').first().innerText()).resolves.toContain('ouvrez le lien');
    await expectAccessible(page);
    const mail = await e2e.server.deps.db.one<{ text_body: string }>(
      sql`SELECT text_body FROM mail_outbox WHERE to_address = 'awa.diallo@exemple.fr'`,
    );
    const link = /https?:\/\/\S+\/evenements\/inscription\/confirmer\/[\w-]+/.exec(mail.text_body)![0];
    await page.goto(`${e2e.url}${new URL(link).pathname}`);
    await expectAccessible(page);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Confirmer mon inscription' }).click(),
    ]);
    await expect(page.locator('.alert').first().innerText()).resolves.toContain('inscription est confirmée');
  });

  it('a Mission Locale adviser registers with their organisation; the page reads at 320 px', async () => {
    const page = await e2e.newPage({ viewport: { width: 320, height: 800 } });
    await signIn(page, e2e.url, ADVISER, PASSWORD);
    await page.goto(`${e2e.url}/evenements`);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: WEBINAR }).click()]);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'M’inscrire' }).click(),
    ]);
    await expect(page.locator('.alert').first().innerText()).resolves.toContain('inscription est confirmée');
    await expect(page.locator('section[aria-labelledby="inscription"]').innerText()).resolves.toContain(
      'Vous êtes inscrit',
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(320);
    await expectAccessible(page);
    // The calendar file of the event downloads from the page's link.
    const ics = await page.request.get(`${page.url().split('?')[0]}.ics`);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VEVENT');
    await page.goto(`${e2e.url}/evenements/nouveau`);
    await expectAccessible(page);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Publier un événement' }).click(),
    ]);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('Indiquez le titre');
    await expectAccessible(page);
  });

  it('the ECSI library, the suggestion form and the awareness actions', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/ecsi`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Ressources ECSI');
    await expect(page.locator('body').innerText()).resolves.toContain('(démo)');
    await expectAccessible(page);
    await page.goto(`${e2e.url}/ecsi/actions`);
    await expect(page.locator('body').innerText()).resolves.toContain(
      'Missions Locales sensibilisées à l’ECSI : 1',
    );
    await expectAccessible(page);
    await signIn(page, e2e.url, ADVISER, PASSWORD);
    await page.goto(`${e2e.url}/ecsi/proposer`);
    await expectAccessible(page);
    await page.goto(`${e2e.url}/ecsi/actions/nouvelle`);
    await expectAccessible(page);
  });
});
