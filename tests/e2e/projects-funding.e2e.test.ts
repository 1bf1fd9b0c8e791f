import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { type E2E, expectAccessible, signIn, startE2E } from '../helpers/browser.js';

/**
 * Funding catalogue and project pages in a real browser, each audited with axe (WCAG 2.1 AA):
 * the public catalogue with filters and a programme page; the demo project (seeded in
 * preparation) seen by its Mission Locale, with eligibility, budget, participants and the
 * art. 2 self-assessment; a refused transition shows its reasons; the English version.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const PASSWORD = 'Passerelle-demo-2026';
const ML_ADMIN = 'direction.ml@demo.passerelle.localhost';

describe('funding and project pages', () => {
  it('the public catalogue, filtered, and a programme page', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/financements?projectKind=youth_mobility`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Financements');
    await expectAccessible(page);
    await Promise.all([page.waitForLoadState('load'), page.locator('.funding-list a').first().click()]);
    await expect(page.locator('body').innerText()).resolves.toContain('Sources');
    await expectAccessible(page);
  });

  it('the Mission Locale works on the demo project; a refused transition says why', async () => {
    const { id } = await e2e.server.deps.db.one<{ id: string }>(
      sql`SELECT id FROM projects WHERE title = 'Jeunes solidaires (démo)'`,
    );
    const page = await e2e.newPage();
    await signIn(page, e2e.url, ML_ADMIN, PASSWORD);
    await page.goto(`${e2e.url}/projets`);
    await expectAccessible(page);
    await page.goto(`${e2e.url}/projets/${id}`);
    await expect(page.locator('body').innerText()).resolves.toContain('Programmes qui correspondent');
    await expectAccessible(page);
    await page.selectOption('#champ-to', 'funded');
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('form[action$="/statut"] button').click(),
    ]);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain(
      'Enregistrez au moins un financement obtenu',
    );
    await expectAccessible(page);
    await page.goto(`${e2e.url}/projets/nouveau`);
    await expectAccessible(page);
    await page.goto(`${e2e.url}/projets/${id}?lang=en`);
    await expect(page.locator('body').innerText()).resolves.toContain('Funding plan');
    await expectAccessible(page);
  });
});
