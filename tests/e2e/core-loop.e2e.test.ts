import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import type { CogData } from '../../src/modules/directory/territory/domain/geography.js';
import { readCog } from '../../src/modules/directory/territory/import-geography.js';
import { runFirstStartImport } from '../../src/modules/directory/territory/jobs.js';
import { type E2E, expectAccessible, signIn, startE2E } from '../helpers/browser.js';

/**
 * Issue 9, the proof: the core loop (territory → matching → connection → project → funding →
 * agreement → roadmap) walked in Chromium as the demo Mission Locale and the demo commune,
 * clicking links and filling forms as a person would; axe (WCAG 2.1 AA) on every page visited.
 *
 * Setup, kept as small and honest as possible:
 * - The e2e server runs without worker, so the first-start national import stays queued. The
 *   same job's steps (runFirstStartImport: geography, shipped Missions Locales, demo placed in
 *   Grand Poitiers) run here on the real COG 2026 restricted to the Vienne (86), ~7 s, instead
 *   of the whole country (measured by `npm run bench`).
 * - The demo seeds a pending request from the demo Mission Locale to the demo commune (so a
 *   first visit has something to answer). This test sends that request itself, so it removes
 *   the seeded one first (a second open request between the same two is refused, art. 3).
 */
let e2e: E2E;
const PASSWORD = 'Passerelle-demo-2026';
const ML_ADMIN = 'direction.ml@demo.passerelle.localhost';
const COMMUNE_ADMIN = 'collectivite@demo.passerelle.localhost';
const ML = 'Mission Locale de démonstration (démo)';
const COMMUNE = 'Commune de démonstration (démo)';
const PROJECT = 'Jeunes de Poitiers à Saint-Louis (e2e)';

function oneDepartement(cog: CogData, dep: string): CogData {
  const communes = cog.communes.filter((c) => c.departement === dep);
  const codes = new Set(communes.filter((c) => c.type === 'commune-actuelle').map((c) => c.code));
  const epci = cog.epci
    .map((e) => ({ ...e, membres: e.membres.filter((m) => codes.has(m.code)) }))
    .filter((e) => e.membres.length > 0);
  return {
    communes,
    epci,
    ept: [],
    departements: cog.departements.filter((d) => d.code === dep),
    regions: cog.regions.filter((r) => communes.some((c) => c.region === r.code)),
  };
}

beforeAll(async () => {
  e2e = await startE2E();
  const db = e2e.server.deps.db;
  await runFirstStartImport(db, oneDepartement(readCog(), '86'));
  const seeded = await db.many<{ id: string }>(sql`DELETE FROM connections
    WHERE requester_id = (SELECT id FROM organisations WHERE code = 'DEMO-ML' AND is_demo)
      AND receiver_id = (SELECT id FROM organisations WHERE code = 'DEMO-COM' AND is_demo) RETURNING id`);
  for (const { id } of seeded) await db.run(sql`DELETE FROM notifications WHERE url LIKE ${`%${id}%`}`);
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

/** Clicks the first element matching `selector`, waits for the next page, and audits it with axe. */
async function follow(page: Page, selector: string): Promise<void> {
  const target = page.locator(selector).first();
  await Promise.all([page.waitForLoadState('load'), page.waitForURL(() => true), target.click()]);
  await page.waitForLoadState('load');
  await expectAccessible(page);
}
const h1 = (page: Page) => page.locator('h1').first().innerText();
const main = (page: Page) => page.locator('main').innerText();

describe('the core loop, as the demo Mission Locale and the demo commune', () => {
  it('territory → matching → connection → project → funding → agreement → roadmap', async () => {
    // 1. The demo Mission Locale: dashboard → its organisation → its matches → a request.
    const ml = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(ml, e2e.url, ML_ADMIN, PASSWORD);
    expect(await h1(ml)).toBe('Bonjour Inès Directrice ML (démo)');
    await expectAccessible(ml);
    await follow(ml, `main a[href^="/organisations/"]:has-text("${ML}")`);
    expect(await h1(ml)).toBe(ML);
    // Its territory is the real Grand Poitiers (40 communes of the Vienne).
    expect(await main(ml)).toContain('40 communes');
    expect(await main(ml)).toContain('Vienne (86)');
    await follow(ml, 'main a:has-text("Voir les rapprochements suggérés")');
    expect(await h1(ml)).toBe(`Rapprochements pour ${ML}`);
    const suggestion = ml.locator(`main ol.match-list > li:has-text("${COMMUNE}")`);
    const reasons = await suggestion.innerText();
    expect(reasons).toContain('Elle coopère déjà avec ces pays : Maroc, Sénégal.');
    expect(reasons).toContain('Elle est membre de Cités Unies France');
    expect(reasons).toMatch(/Son territoire couvre \d+ % de la population du vôtre\./);
    // The authorities without known international activity: one collapsed group, with its count.
    const quiet = ml.locator('details#sans-action-internationale');
    expect(await quiet.locator('summary').innerText()).toMatch(
      /^Collectivités de votre territoire sans action internationale connue \(\d+\)$/,
    );
    expect(await quiet.getAttribute('open')).toBeNull();
    expect(await quiet.locator('.match-name').first().isVisible()).toBe(false);
    await follow(
      ml,
      `main ol.match-list > li:has-text("${COMMUNE}") a:has-text("Demander une mise en relation")`,
    );
    expect(await main(ml)).toContain(`Destinataire : ${COMMUNE}`);
    await ml.fill(
      '#champ-message',
      'Bonjour, montons ensemble un projet de mobilité de jeunes au Sénégal en 2027. (démo)',
    );
    await follow(ml, 'main form button[type="submit"]');
    expect(await main(ml)).toContain(`Votre demande a été envoyée aux membres de ${COMMUNE}.`);
    expect(await main(ml)).toContain('En attente');

    // 2. The demo commune's member: the dashboard shows the request → accept.
    const com = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(com, e2e.url, COMMUNE_ADMIN, PASSWORD);
    expect(await h1(com)).toBe('Bonjour Sarah Chargée RI (démo)');
    await expectAccessible(com);
    const request = com.locator('#demandes .dashboard-list a').first();
    expect(await request.innerText()).toContain(`Demande de ${ML}`);
    await follow(com, '#demandes .dashboard-list a');
    expect(await main(com)).toContain('Bonjour, montons ensemble un projet');
    await follow(com, 'form[action$="/accepter"] button');
    expect(await main(com)).toContain('Votre réponse a été enregistrée.');
    expect(await main(com)).toContain('Acceptée');
    // Contacts are exchanged once accepted.
    expect(await main(com)).toContain('direction.ml@demo.passerelle.localhost');

    // 3. The demo Mission Locale: the accepted connection → a joint project, prefilled.
    await ml.goto(`${e2e.url}/`);
    await follow(ml, 'main a:has-text("Voir toutes vos mises en relation")');
    const row = ml.locator(`main table tr:has-text("${COMMUNE}")`);
    expect(await row.innerText()).toContain('Acceptée');
    await follow(ml, `main table tr:has-text("${COMMUNE}") a`);
    expect(await main(ml)).toContain('collectivite@demo.passerelle.localhost');
    await follow(ml, 'main a:has-text("Démarrer un projet commun")');
    expect(await h1(ml)).toBe('Créer un projet');
    expect(await ml.locator('#champ-organisationId option:checked').innerText()).toBe(ML);
    expect(await ml.locator('#champ-partnerIds option:checked').innerText()).toBe(COMMUNE);
    await ml.fill('#champ-title', PROJECT);
    await ml.selectOption('#champ-kind', 'youth_mobility');
    await ml.fill('#champ-countries', 'Sénégal');
    await follow(ml, 'main form button[type="submit"]');
    expect(await h1(ml)).toBe(PROJECT);
    expect(await ml.locator('#partenaires').locator('..').innerText()).toContain(COMMUNE);
    // Funding: a budget line, then a funding line on a catalogue programme the project is eligible for.
    const eligible = await ml.locator('#eligibilite').locator('..').innerText();
    expect(eligible).toContain('JSI et VVV-SI — projets de jeunes solidaires (FONJEP)');
    await ml.fill('form[action$="/budget"] #champ-label', 'Voyages et hébergement');
    await ml.fill('form[action$="/budget"] #champ-amount', '12000');
    await follow(ml, 'form[action$="/budget"] button[type="submit"]');
    await ml.selectOption('form[action$="/financements"] #champ-programmeId', {
      label: 'JSI et VVV-SI — projets de jeunes solidaires (FONJEP)',
    });
    await ml.fill('form[action$="/financements"] #champ-requested', '6000');
    await ml.selectOption('form[action$="/financements"] #champ-status', { label: 'Demandé' });
    await follow(ml, 'form[action$="/financements"] button[type="submit"]');
    const plan = await main(ml);
    expect(plan.replace(/\s/g, ' ')).toContain(
      'Demandé : 6 000 € — obtenu : 0 € — reste à financer : 12 000 €',
    );

    // From the project, the agreement: both parties prefilled → create → the agreement page.
    await follow(ml, 'main a:has-text("Établir la convention du projet")');
    expect(await h1(ml)).toBe('Créer une convention');
    expect(await ml.locator('#champ-title').inputValue()).toContain(PROJECT);
    expect(await ml.locator('input[name="ownOrganisationId"]:checked').count()).toBe(1);
    expect(await ml.locator('input[name="partyIds"]:checked').count()).toBe(1);
    expect(await ml.locator('form.agreement-create').innerText()).toContain(COMMUNE);
    await ml.fill(
      '#champ-text',
      '# Convention\n\n## Article 1 — Objet\n\nLes parties montent ensemble un projet de mobilité de jeunes.\n',
    );
    await follow(ml, 'form.agreement-create button[type="submit"]:not([name])');
    expect(ml.url()).toMatch(/\/conventions\/[0-9a-f-]{36}\?fait=created/);
    const agreementUrl = ml.url().replace(/\?.*$/, '');
    expect(await main(ml)).toContain('La convention a été créée.');
    expect(await main(ml)).toContain(ML);
    expect(await main(ml)).toContain(COMMUNE);
    // Each party approves version 1 (art. 5: in force at the last signature).
    await follow(ml, 'main a:has-text("Approuver la version 1")');
    await ml.fill('#champ-signerRole', 'Directrice');
    await follow(ml, '#action-form button[type="submit"]');
    expect(await main(ml)).toContain('L’approbation a été enregistrée.');
    expect(await main(ml)).toContain('En cours de signature');

    // The commune's member: the dashboard lists the version to approve → approve it.
    await com.goto(`${e2e.url}/`);
    await expectAccessible(com);
    expect(await com.locator('#approbations').innerText()).toContain('Approuver la version 1');
    await com.goto(agreementUrl);
    await follow(com, 'main a:has-text("Approuver la version 1")');
    await com.fill('#champ-signerRole', 'Adjointe aux relations internationales');
    await follow(com, '#action-form button[type="submit"]');

    // The agreement is in force; its roadmap for the first year opens from the agreement page (art. 3).
    await ml.goto(agreementUrl);
    await expectAccessible(ml);
    expect(await main(ml)).toContain('Version 1 en vigueur');
    await follow(ml, 'main a[href*="/feuilles-de-route/"]');
    expect(ml.url()).toContain(`/feuilles-de-route/${new Date().getFullYear()}`);
    expect(await h1(ml)).not.toMatch(/erreur|introuvable/i);
    expect(ml.errors).toEqual([]);
    expect(com.errors).toEqual([]);
  }, 240_000);
});
