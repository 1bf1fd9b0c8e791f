import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectAccessible, signIn, startE2E } from '../helpers/browser.js';

/**
 * The signed-in home page (issue 9 §5) in a real browser, audited with axe (WCAG 2.1 AA):
 * the demo Mission Locale and the demo commune each see what waits for them, and each item
 * leads to the page where it is done.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const PASSWORD = 'Passerelle-demo-2026';

describe('dashboard', () => {
  it('as the demo Mission Locale: its projects, deadlines and the menu link to its organisation', async () => {
    const page = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, e2e.url, 'direction.ml@demo.passerelle.localhost', PASSWORD);
    await page.goto(`${e2e.url}/`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Bonjour Inès Directrice ML (démo)');
    await expect(page.locator('#projets-title').count()).resolves.toBe(1);
    await expect(page.locator('#demandes-title').count()).resolves.toBe(1);
    await expectAccessible(page);
    // The summary links lead to the sections of the page.
    await page.locator('.dashboard-summary a[href="#projets"]').click();
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#projets');
    // A project item leads to the project page.
    const project = page.locator('#projets .dashboard-list > li > a').first();
    if ((await project.count()) > 0) {
      const title = await project.innerText();
      await Promise.all([page.waitForLoadState('load'), project.click()]);
      await expect(page.locator('h1').innerText()).resolves.toBe(title);
      await expect(page.locator('nav.page-toc a[href="#jalons"]').count()).resolves.toBe(1);
      await expectAccessible(page);
      await page.goto(`${e2e.url}/`);
    }
    // "Mon organisation" is one click from the user menu.
    await page.locator('.account-menu summary').click();
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('.account-menu a', { hasText: 'Mon organisation' }).click(),
    ]);
    await expect(page.locator('h1').innerText()).resolves.toContain('Mission Locale de démonstration');
    expect(page.errors).toEqual([]);
  }, 120_000);

  it('as the demo commune, on a 320 px screen: the request to answer leads to its answer page', async () => {
    const page = await e2e.newPage({ viewport: { width: 320, height: 800 } });
    await signIn(page, e2e.url, 'collectivite@demo.passerelle.localhost', PASSWORD);
    await page.goto(`${e2e.url}/`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Bonjour Sarah Chargée RI (démo)');
    await expectAccessible(page);
    const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
    expect(width).toBeLessThanOrEqual(320);
    const request = page.locator('#demandes .dashboard-list a').first();
    await expect(request.innerText()).resolves.toContain('Demande de Mission Locale de démonstration');
    await Promise.all([page.waitForLoadState('load'), request.click()]);
    await expect(page.locator('h1').innerText()).resolves.toContain('Mise en relation');
    await expect(page.locator('form[action$="/accepter"] button').count()).resolves.toBe(1);
    await expectAccessible(page);
    expect(page.errors).toEqual([]);
  }, 120_000);
});
