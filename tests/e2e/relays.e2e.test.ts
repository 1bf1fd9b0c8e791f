import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { type E2E, expectAccessible, signIn, startE2E } from '../helpers/browser.js';
import { anOrganisation, aUser } from '../helpers/fixtures.js';

/**
 * No request is lost (issue 9 §3, convention art. 3), in a real browser with axe: the
 * Mission Locale asks a commune that has no account and is told truthfully that Cités
 * Unies France received it; the commune's page then shows the open request; CUF staff
 * find it on their relay page and forward it to a contact; a refused action leads back.
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
const STAFF_PASSWORD = 'Un-mot-de-passe-solide-42';

describe('relays to the networks', () => {
  it('the sender is told who received the request; CUF staff forward it from their relay page', async () => {
    const db = e2e.server.deps.db;
    const commune = await anOrganisation(db, {
      kind: 'local_authority',
      level: 'commune',
      name: 'Commune de Pérouges (e2e)',
    });
    const staff = await aUser(db, {
      email: 'claire.cuf@e2e.example',
      name: 'Claire Cuf',
      globalRole: 'network_admin',
      network: 'cuf',
      password: STAFF_PASSWORD,
    });

    // The sender.
    const page = await e2e.newPage();
    await signIn(page, e2e.url, ML_ADMIN, PASSWORD);
    await page.goto(`${e2e.url}/organisations/${commune.id}`);
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('a[href*="/mises-en-relation/nouvelle"]').click(),
    ]);
    await page.fill('#champ-message', 'Bonjour, un projet de mobilité des jeunes avec Pérouges ? (e2e)');
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('main form button[type="submit"]').click(),
    ]);
    await expect(page.locator('.alert-success').innerText()).resolves.toContain(
      'Commune de Pérouges (e2e) n’a pas encore de compte sur Passerelle : votre demande a été transmise à Cités Unies France',
    );
    await expect(page.locator('#delivered-to').innerText()).resolves.toBe('Qui a reçu la demande');
    await expectAccessible(page);
    const requestUrl = page.url().split('?')[0];
    const id = requestUrl.split('/').pop()!;

    // The commune's page shows the open request instead of offering a second one.
    await page.goto(`${e2e.url}/organisations/${commune.id}`);
    await expect(page.locator(`a[href="/mises-en-relation/${id}"]`).innerText()).resolves.toContain(
      'Demande de mise en relation en attente depuis le',
    );
    await expect(page.locator('a[href*="/mises-en-relation/nouvelle"]').count()).resolves.toBe(0);
    await expectAccessible(page);

    // CUF staff: the relay list, the relay page, a bad address, then forwarding.
    const cuf = await e2e.newPage();
    await signIn(cuf, e2e.url, staff.email, STAFF_PASSWORD);
    await cuf.goto(`${e2e.url}/relais`);
    await expect(cuf.locator('h1').innerText()).resolves.toBe('Demandes à relayer');
    await expectAccessible(cuf);
    await Promise.all([cuf.waitForLoadState('load'), cuf.locator(`a[href="/relais/${id}"]`).click()]);
    await expect(cuf.locator('body').innerText()).resolves.toContain(
      'Bonjour, un projet de mobilité des jeunes',
    );
    await expectAccessible(cuf);
    await cuf.fill('#champ-email', 'pas une adresse');
    await Promise.all([
      cuf.waitForLoadState('load'),
      cuf.locator('main form button[type="submit"]').first().click(),
    ]);
    await expect(cuf.locator('.error-summary').innerText()).resolves.toContain('adresse e-mail valide');
    await expectAccessible(cuf);
    await cuf.fill('#champ-email', 'mairie@perouges.example');
    await cuf.fill('#champ-name', 'Secrétariat de mairie');
    await Promise.all([
      cuf.waitForLoadState('load'),
      cuf.locator('main form button[type="submit"]').first().click(),
    ]);
    await expect(cuf.locator('.alert-success').innerText()).resolves.toContain(
      'La demande a été transmise à mairie@perouges.example.',
    );
    await expectAccessible(cuf);
    const mail = await db.one<{ text_body: string }>(
      sql`SELECT text_body FROM mail_outbox WHERE to_address = 'mairie@perouges.example'`,
    );
    expect(mail.text_body).toMatch(/\/mise-en-relation\/reponse\/[\w-]+/);

    // The sender sees who was reached since.
    await page.goto(requestUrl);
    await expect(page.locator('body').innerText()).resolves.toContain(
      'Un contact de Commune de Pérouges (e2e), par e-mail avec un lien pour répondre',
    );
    await expectAccessible(page);
  });

  it('a refused action offers a way back to the page the person was on', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.url, ML_ADMIN, PASSWORD);
    const open = await e2e.server.deps.db.one<{
      id: string;
      receiver_id: string;
    }>(sql`SELECT c.id, c.receiver_id
      FROM connections c JOIN organisations o ON o.id = c.receiver_id
      WHERE c.status = 'pending' AND o.name = 'Commune de Pérouges (e2e)'`);
    const ml = await e2e.server.deps.db.one<{ id: string }>(
      sql`SELECT id FROM organisations WHERE code = 'DEMO-ML'`,
    );
    // Another tab still shows the request form: the second request is refused, with its state.
    await page.goto(`${e2e.url}/organisations/${ml.id}/rapprochements`);
    await e2e.server.deps.db.run(sql`UPDATE connections SET status = 'expired' WHERE id = ${open.id}`);
    await page.goto(`${e2e.url}/organisations/${ml.id}/mises-en-relation/nouvelle?vers=${open.receiver_id}`);
    await e2e.server.deps.db.run(sql`UPDATE connections SET status = 'pending' WHERE id = ${open.id}`);
    await page.fill('#champ-message', 'Bonjour, une seconde demande ? (e2e)');
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('main form button[type="submit"]').click(),
    ]);
    await expect(page.locator('main').innerText()).resolves.toContain('est déjà en attente');
    await expect(page.locator(`main a[href="/mises-en-relation/${open.id}"]`).count()).resolves.toBe(1);
    await expectAccessible(page);
    // A refused action (the requester's side cannot answer: 403) leads back to the page it came from.
    await page.goto(`${e2e.url}/mises-en-relation/${open.id}`);
    const csrf = (await page.locator('input[name="_csrf"]').first().getAttribute('value')) ?? '';
    await page.goto(`${e2e.url}/mises-en-relation`);
    await Promise.all([
      page.waitForLoadState('load'),
      page.evaluate(
        ({ action, token }) => {
          const f = document.createElement('form');
          f.method = 'post';
          f.action = action;
          const i = document.createElement('input');
          i.type = 'hidden';
          i.name = '_csrf';
          i.value = token;
          f.appendChild(i);
          document.body.appendChild(f);
          f.submit();
        },
        { action: `/mises-en-relation/${open.id}/accepter`, token: csrf },
      ),
    ]);
    await page.waitForSelector('.error-page');
    await expect(page.locator('h1').innerText()).resolves.toBe('Accès refusé');
    await expect(page.locator('.error-page a.button').first().getAttribute('href')).resolves.toBe(
      '/mises-en-relation',
    );
    await expectAccessible(page);
    await Promise.all([page.waitForLoadState('load'), page.locator('.error-page a.button').first().click()]);
    expect(new URL(page.url()).pathname).toBe('/mises-en-relation');
  });
});
