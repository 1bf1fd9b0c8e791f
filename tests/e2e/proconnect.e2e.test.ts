import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { sql } from '../../src/db/sql.js';
import { type Running, startServer } from '../../src/main.js';
import { CHROMIUM, expectAccessible } from '../helpers/browser.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';

/**
 * ProConnect in a real Chromium: the real server, a real OpenID Connect provider on
 * 127.0.0.1 (tests/helpers/oidc-provider.ts), the browser following every redirect.
 * Catches what a browser-less test cannot (cookies across origins, CSP form-action on the
 * sign-out redirect), and checks the ProConnect pages with axe.
 */
let op: TestOidcProvider;
let server: Running;
let browser: Browser;
let dataDir: string;
let base: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function newPage(): Promise<Page & { errors: string[] }> {
  const ctx = await browser.newContext({ locale: 'fr-FR' });
  const page = (await ctx.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  op = await startOidcProvider({ baseUrl: base });
  dataDir = mkdtempSync(join(tmpdir(), 'passerelle-e2e-pc-'));
  server = await startServer(
    loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: base,
      DATA_DIR: dataDir,
      DEMO: 'false',
      LOG_LEVEL: 'silent',
      WORKER: 'false',
      ...op.env(),
    }),
    { quiet: true },
  );
  await server.deps.db.run(sql`INSERT INTO organisations (kind, level, name, siret)
    VALUES ('local_authority', 'commune', 'Commune de Grenoble', '21380185500015'),
           ('mission_locale', NULL, 'Mission Locale de Grenoble', NULL)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  await server?.close();
  await op?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('ProConnect in a browser', () => {
  it('signs in from the sign-in page, lands in the commune of its SIRET, and signs out at the provider', async () => {
    op.signInAs({
      sub: 'e2e-grenoble',
      given_name: 'Camille',
      usual_name: 'Dupont',
      email: 'camille.dupont@grenoble.fr',
      uid: 'u1',
      siret: '21380185500015',
      organization_label: 'Commune de Grenoble',
      roles: ['agent_public_territorial'],
    });
    const page = await newPage();
    await page.goto(`${base}/connexion`);
    await page.click('a[href^="/connexion/proconnect"]');
    await page.waitForURL(`${base}/`);
    expect(await page.locator('summary', { hasText: 'Camille Dupont' }).count()).toBe(1);
    const member = await server.deps.db.one<{ name: string }>(sql`SELECT o.name FROM memberships m
      JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = m.organisation_id WHERE u.proconnect_sub = 'e2e-grenoble'`);
    expect(member.name).toBe('Commune de Grenoble');

    await page.locator('summary', { hasText: 'Camille Dupont' }).click();
    await page.locator('form[action="/deconnexion"] button').click();
    await page.waitForURL((url) => url.href.startsWith(`${op.issuer}/session/end`));
    expect(new URL(page.url()).searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(page.errors).toEqual([]);
  });

  it('asks an unknown SIRET which organisation it belongs to (accessible page), then signs in with a request', async () => {
    op.signInAs({
      sub: 'e2e-ml',
      given_name: 'Lou',
      usual_name: 'Martin',
      email: 'lou.martin@ml-grenoble.fr',
      uid: 'u2',
      siret: '77777777700017',
      organization_label: 'Mission Locale Grenoble',
    });
    const page = await newPage();
    await page.goto(`${base}/connexion/proconnect`);
    await page.waitForURL(`${base}/connexion/proconnect/organisation`);
    await expect(page.title()).resolves.toBe('À quelle organisation appartenez-vous ? — Passerelle');
    await expectAccessible(page);
    await page.check('label:has-text("Mission Locale de Grenoble")');
    await page.click('button:has-text("Valider et me connecter")');
    await expect(page.title()).resolves.toBe('Vous êtes connecté·e — Passerelle');
    expect(await page.locator('.alert-success').textContent()).toContain('Mission Locale de Grenoble');
    await expectAccessible(page);
    expect(page.errors).toEqual([]);
  });

  it('a refused consent ends on an accessible French page', async () => {
    op.refuseNext();
    const page = await newPage();
    await page.goto(`${base}/connexion/proconnect`);
    await page.waitForURL((url) => url.pathname === '/connexion/proconnect/retour');
    await expect(page.locator('h1').textContent()).resolves.toBe('Connexion ProConnect annulée');
    await expectAccessible(page);
  });
});
