import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { type E2E, expectAccessible, signIn, startE2E } from '../helpers/browser.js';
import { aUser } from '../helpers/fixtures.js';

/**
 * Art. 3 (communication conjointe) in a real browser, audited with axe: UNML staff draft a
 * news item (errors first), approve it, CUF staff approve the same version, and the news is
 * public, in the list and the RSS feed.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const TITLE = 'Dix jeunes de Lyon en mission à Dakar';

describe('joint news approval', () => {
  it('UNML drafts and approves, CUF approves the same version, the news is published', async () => {
    const db = e2e.server.deps.db;
    const unml = await aUser(db, { globalRole: 'network_admin', network: 'unml', name: 'Ana UNML' });
    const cuf = await aUser(db, { globalRole: 'network_admin', network: 'cuf', name: 'Chloé CUF' });

    const page = await e2e.newPage();
    await signIn(page, e2e.url, unml.email, unml.password);
    await page.goto(`${e2e.url}/actualites`);
    await expectAccessible(page);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('link', { name: 'Rédiger une actualité' }).click(),
    ]);
    await expectAccessible(page);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Enregistrer le brouillon' }).click(),
    ]);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('Indiquez le titre');
    await expectAccessible(page);
    await page.fill('#champ-title', TITLE);
    await page.fill(
      '#champ-body',
      'La Mission Locale de Lyon et la Ville de Lyon ont accompagné dix jeunes.',
    );
    await page.fill('#champ-socialText', 'Dix jeunes de Lyon partent à Dakar 🌍');
    await page.fill('#champ-imageAlt', 'Un groupe de jeunes devant la mairie de Dakar');
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Enregistrer le brouillon' }).click(),
    ]);
    await expect(page.locator('h1').innerText()).resolves.toContain(TITLE);
    await expect(page.locator('#kit-social-count').innerText()).resolves.toBe('36 caractères sur 280');
    await expectAccessible(page);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Approuver la version 1 au nom de UNML' }).click(),
    ]);
    await expect(page.locator('.alert').first().innerText()).resolves.toContain(
      'L’autre réseau doit approuver',
    );
    const reviewUrl = page.url().split('?')[0];

    const other = await e2e.newPage({ viewport: { width: 320, height: 800 } });
    await signIn(other, e2e.url, cuf.email, cuf.password);
    await other.goto(reviewUrl);
    await expectAccessible(other);
    expect(await other.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await Promise.all([
      other.waitForLoadState('load'),
      other.getByRole('button', { name: 'Approuver la version 1 au nom de Cités Unies France' }).click(),
    ]);
    await expect(other.locator('.alert').first().innerText()).resolves.toContain('l’actualité est publiée');
    await expectAccessible(other);

    const anon = await e2e.newPage();
    await anon.goto(`${e2e.url}/actualites`);
    await Promise.all([anon.waitForLoadState('load'), anon.getByRole('link', { name: TITLE }).click()]);
    await expect(anon.locator('h1').innerText()).resolves.toBe(TITLE);
    await expectAccessible(anon);
    const rss = await anon.request.get(`${e2e.url}/actualites/rss.xml`);
    expect(await rss.text()).toContain(TITLE);
    const row = await db.one<{ status: string }>(sql`SELECT status FROM news_items`);
    expect(row.status).toBe('published');
    // The only console message is the 422 of the deliberately empty form.
    expect([...page.errors, ...other.errors, ...anon.errors].filter((e) => !e.includes('422'))).toEqual([]);
  });
});
