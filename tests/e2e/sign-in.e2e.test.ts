import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, type E2E, expectAccessible, signIn, startE2E } from '../helpers/browser.js';

let e2e: E2E;
/** Whether the auth module's sign-in page has landed (it is being built in parallel). */
let landed = false;
beforeAll(async () => {
  e2e = await startE2E();
  landed = (await fetch(`${e2e.url}/connexion`)).status === 200;
});

/**
 * Until the sign-in page lands, each test checks what exists instead: /connexion is a
 * clean French 404 that passes axe, and the header's sign-in link points to it. Said out
 * loud in the output, never skipped silently.
 */
async function notLandedYet(): Promise<boolean> {
  if (landed) return false;
  const test = expect.getState().currentTestName;
  console.warn(
    `[sign-in e2e] /connexion answers 404 (auth module not landed): "${test}" checks the 404 instead`,
  );
  const page = await e2e.newPage();
  const res = await page.goto(`${e2e.url}/connexion`);
  expect(res?.status()).toBe(404);
  await expect(page.locator('h1').innerText()).resolves.toBe('Page introuvable');
  await page.goto(`${e2e.url}/`);
  await expect(page.locator('header a[href="/connexion"]').count()).resolves.toBe(1);
  await expectAccessible(page);
  return true;
}
afterAll(async () => {
  await e2e?.close();
});

const ADMIN_NAME = 'Camille Admin (démo)';

describe('sign-in page /connexion', () => {
  it('answers 200 in French with a labelled e-mail and password form, and no axe violation', async () => {
    if (await notLandedYet()) return;
    const page = await e2e.newPage();
    const res = await page.goto(`${e2e.url}/connexion`);
    expect(res?.status()).toBe(200);
    await expect(page.title()).resolves.toMatch(/ — Passerelle$/);
    expect(await page.locator('h1').count()).toBe(1);
    const form = page.locator('form:has(input[type="password"])');
    await expect(form.count()).resolves.toBeGreaterThan(0);
    // Each field has an accessible name (label), and the form carries its CSRF token.
    const password = form.first().locator('input[type="password"]').first();
    const id = await password.getAttribute('id');
    expect(id).toBeTruthy();
    await expect(page.locator(`label[for="${id}"]`).count()).resolves.toBe(1);
    await expect(form.first().locator('input[name="_csrf"]').count()).resolves.toBe(1);
    await expectAccessible(page);
  });

  it('in English too (foreign partners sign in)', async () => {
    if (await notLandedYet()) return;
    const page = await e2e.newPage();
    const res = await page.goto(`${e2e.url}/connexion?lang=en`);
    expect(res?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page);
  });

  it('a form with errors shows an error summary that gets focus and passes axe', async () => {
    if (await notLandedYet()) return;
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/connexion`);
    const form = page.locator('form:has(input[type="password"])').first();
    // Let the server judge (as with a browser that ignores `required`).
    await form.evaluate((f) => {
      (f as HTMLFormElement).noValidate = true;
    });
    await form.locator('input[type="email"], input[name="email"]').first().fill('pas-une-adresse');
    await Promise.all([page.waitForLoadState('load'), form.locator('button[type="submit"]').first().click()]);
    await page.waitForSelector('.error-summary');
    await expect(
      page.evaluate(() => document.activeElement?.classList.contains('error-summary')),
    ).resolves.toBe(true);
    await expect(page.locator('.error-summary').getAttribute('role')).resolves.toBe('alert');
    // The summary links to the faulty field.
    const href = await page.locator('.error-summary a').first().getAttribute('href');
    expect(href).toMatch(/^#/);
    await expect(page.locator(href as string).count()).resolves.toBe(1);
    await expectAccessible(page);
  });

  it('a wrong password is refused with a message, without signing in', async () => {
    if (await notLandedYet()) return;
    const page = await e2e.newPage();
    await signIn(page, e2e.url, DEMO_ADMIN.email, 'Pas-le-bon-mot-de-passe-2026');
    await expect(page.locator('.account-menu').count()).resolves.toBe(0);
    await expect(page.locator('main').innerText()).resolves.toMatch(/incorrect|invalide|erron|reconn/i);
    await expectAccessible(page);
  });

  it('signs in as the demo platform admin, shows the account menu, then signs out', async () => {
    if (await notLandedYet()) return;
    const page = await e2e.newPage();
    await signIn(page, e2e.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    expect(new URL(page.url()).pathname).not.toBe('/connexion');
    await expect(page.locator('.account-menu summary').innerText()).resolves.toBe(ADMIN_NAME);
    await expectAccessible(page);
    // Back on the home page, the administrator sees the administration entry.
    await page.goto(`${e2e.url}/`);
    await expect(page.locator('.main-nav a[href="/admin"]').count()).resolves.toBe(1);
    await expectAccessible(page);
    await page.locator('.account-menu summary').click();
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Se déconnecter' }).click(),
    ]);
    await page.goto(`${e2e.url}/`);
    await expect(page.locator('.account-menu').count()).resolves.toBe(0);
    await expect(page.locator('header a[href="/connexion"]').count()).resolves.toBe(1);
  });

  it('signed in, the header still fits a 320 px screen (account menu, navigation)', async () => {
    if (await notLandedYet()) return;
    const page = await e2e.newPage({ viewport: { width: 320, height: 640 } });
    await signIn(page, e2e.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    for (const path of ['/', '/admin']) {
      await page.goto(e2e.url + path);
      const width = await page.evaluate(
        () => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
      );
      expect(width, path).toBeLessThanOrEqual(320);
      await page.locator('.account-menu summary').click();
      await expect(page.getByRole('button', { name: 'Se déconnecter' }).isVisible()).resolves.toBe(true);
      await expectAccessible(page);
    }
  });

  it('signs in without JavaScript', async () => {
    if (await notLandedYet()) return;
    const page = await e2e.newPage({ javaScriptEnabled: false });
    await signIn(page, e2e.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await expect(page.locator('.account-menu summary').innerText()).resolves.toBe(ADMIN_NAME);
  });
});
