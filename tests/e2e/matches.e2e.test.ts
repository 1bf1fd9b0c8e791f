import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { tinyCog } from '../../src/modules/directory/territory/fixtures/tiny-cog.js';
import { importGeography } from '../../src/modules/directory/territory/import-geography.js';
import { type E2E, expectAccessible, startE2E } from '../helpers/browser.js';

/**
 * The matching page in Chromium with axe (issue 9 §2): a Mission Locale's suggestions are
 * the authorities engaged internationally, best first, each reason a sentence; the
 * authorities without known international activity are in a collapsed group with their
 * count, opened without JavaScript (details/summary); readable at 320 px.
 */
let e2e: E2E;
let mlId: string;
beforeAll(async () => {
  e2e = await startE2E();
  const db = e2e.server.deps.db;
  const cog = tinyCog();
  const pop: Record<string, number> = { '01001': 1000, '01002': 3000, '01003': 500, '01004': 500 };
  cog.communes = cog.communes.map((c: any) => ({ ...c, population: pop[c.code] }));
  await importGeography(db, cog);
  mlId = (
    await db.one<{ id: string }>(
      sql`INSERT INTO organisations (kind, name, code) VALUES ('mission_locale', 'Mission Locale des Lettres', 'E2E-ML') RETURNING id`,
    )
  ).id;
  await db.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
    VALUES (${mlId}, '01001', 'declared'), (${mlId}, '01002', 'declared')`);
  await db.run(sql`UPDATE organisations SET cuf_member = true, open_to_partnership = true
    WHERE kind = 'local_authority' AND level = 'region' AND code = '84'`);
  await db.run(sql`INSERT INTO organisation_countries (organisation_id, country)
    SELECT id, 'SN' FROM organisations WHERE kind = 'local_authority' AND level = 'region' AND code = '84'`);
  await db.run(sql`UPDATE organisations SET open_to_partnership = true
    WHERE kind = 'local_authority' AND level = 'commune' AND code = '01001'`);
});
afterAll(async () => {
  await e2e?.close();
});

describe('matching page', () => {
  it('suggestions first, the quiet authorities collapsed with their count; axe clean open and closed', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/organisations/${mlId}/rapprochements`);
    const names = await page.locator('main > ol.match-list .match-name').allInnerTexts();
    expect(names).toEqual(['Région Auvergne-Rhône-Alpes', 'Alpha']);
    const first = await page.locator('main > ol.match-list > li').first().innerText();
    expect(first).toContain('Elle coopère déjà avec ce pays : Sénégal.');
    expect(first).toContain('Son territoire couvre 100 % de la population du vôtre.');
    const quiet = page.locator('details#sans-action-internationale');
    await expect(quiet.locator('summary').innerText()).resolves.toBe(
      'Collectivités de votre territoire sans action internationale connue (3)',
    );
    await expect(quiet.locator('.match-name').first().isVisible()).resolves.toBe(false);
    await expectAccessible(page);
    await quiet.locator('summary').click();
    await expect(quiet.locator('.match-name').allInnerTexts()).resolves.toEqual([
      'CC des Lettres',
      "Département de l'Ain",
      'Bêta',
    ]);
    await expectAccessible(page);
    expect(page.errors).toEqual([]);
  });

  it('readable at 320 px: no horizontal scrolling', async () => {
    const page = await e2e.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${e2e.url}/organisations/${mlId}/rapprochements`);
    await page.locator('details#sans-action-internationale summary').click();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
    await expectAccessible(page);
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/matches-320.png`, fullPage: true });
  });
});
