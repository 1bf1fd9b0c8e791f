import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { type E2E, expectAccessible, signIn, startE2E } from '../helpers/browser.js';

/**
 * Issue 9 §4 in a real browser: the demo Mission Locale creates a local agreement. Its own
 * organisation is preselected; the partner is found with the picker (directory autocomplete,
 * typed into the search field) and added with one click; the agreement page opens; the
 * same steps work without JavaScript ("Rechercher", tick, create). Every page is axe-audited.
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

/** The demo Mission Locale and a local authority it is not yet bound to (a real name of the demo territory). */
async function demoParties() {
  const db = e2e.server.deps.db;
  const ml = await db.one<{ id: string; name: string }>(sql`SELECT o.id, o.name FROM organisations o
    JOIN memberships m ON m.organisation_id = o.id JOIN users u ON u.id = m.user_id
    WHERE u.email = ${ML_ADMIN} AND m.role = 'admin' ORDER BY o.name LIMIT 1`);
  const partner = await db.one<{ id: string; name: string }>(sql`SELECT id, name FROM organisations
    WHERE kind = 'local_authority' AND id <> ${ml.id} ORDER BY length(name) DESC, name LIMIT 1`);
  return { ml, partner };
}

describe('creating a local agreement from the browser', () => {
  it('with the picker (JavaScript): own organisation preselected, partner added from suggestions', async () => {
    const { ml, partner } = await demoParties();
    const page = await e2e.newPage();
    await signIn(page, e2e.url, ML_ADMIN, PASSWORD);
    await page.goto(`${e2e.url}/conventions/nouvelle`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Créer une convention');
    await expect(page.locator(`#own-${ml.id}`).isChecked()).resolves.toBe(true);
    await expectAccessible(page);

    await page.fill('#champ-title', 'Convention locale de mobilité (e2e)');
    await page.locator('#champ-partnerQuery').pressSequentially(partner.name.slice(0, 40), { delay: 10 });
    const add = page.locator('#resultats-partenaires button', { hasText: partner.name }).first();
    await add.waitFor({ state: 'visible', timeout: 10_000 });
    await expectAccessible(page);
    await add.click();
    await expect(page.locator(`#party-${partner.id}`).isChecked()).resolves.toBe(true);
    await expect(page.locator('#resultats-partenaires').innerText()).resolves.toContain(
      'ajouté aux partenaires',
    );
    // Enter in the search field searches, it does not submit the form.
    await page.locator('#champ-partnerQuery').press('Enter');
    expect(page.url()).toBe(`${e2e.url}/conventions/nouvelle`);

    await page.fill('#champ-text', '# Convention\n\n## Article 1 — Objet\n\nLes parties **coopèrent**.\n');
    await Promise.all([
      page.waitForURL(/\/conventions\/[0-9a-f-]{36}\?fait=created/),
      page.locator('form.agreement-create button[type="submit"]:not([name])').click(),
    ]);
    const body = await page.locator('main').innerText();
    expect(body).toContain('Convention locale de mobilité (e2e)');
    expect(body).toContain(ml.name);
    expect(body).toContain(partner.name);
    await expectAccessible(page);

    const id = /conventions\/([0-9a-f-]{36})/.exec(page.url())![1];
    await page.goto(`${e2e.url}/conventions/${id}/impression`);
    await expect(page.locator('.agreement-text h4').innerText()).resolves.toBe('Article 1 — Objet');
    await expectAccessible(page);
    expect(page.errors).toEqual([]);
  });

  it('without JavaScript: search, tick, create', async () => {
    const { ml, partner } = await demoParties();
    const page = await e2e.newPage({ javaScriptEnabled: false });
    await signIn(page, e2e.url, ML_ADMIN, PASSWORD);
    await page.goto(`${e2e.url}/conventions/nouvelle`);
    await page.fill('#champ-title', 'Convention sans JavaScript (e2e)');
    await page.fill('#champ-partnerQuery', partner.name.slice(0, 40));
    await Promise.all([page.waitForLoadState('load'), page.locator('button[name="_action"]').click()]);
    await expect(page.locator('#champ-title').inputValue()).resolves.toBe('Convention sans JavaScript (e2e)');
    await page.locator(`#found-${partner.id}`).check();
    await page.fill('#champ-text', 'Article 1 : objet.');
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('form.agreement-create button[type="submit"]:not([name])').click(),
    ]);
    expect(page.url()).toMatch(/\/conventions\/[0-9a-f-]{36}\?fait=created/);
    const body = await page.locator('main').innerText();
    expect(body).toContain(ml.name);
    expect(body).toContain(partner.name);
  });
});
