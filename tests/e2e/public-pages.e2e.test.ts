import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectAccessible, startE2E } from '../helpers/browser.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** Public pages every visitor meets; each must pass axe (WCAG 2.1 AA) with zero violations. */
const PUBLIC_PAGES: { path: string; title: RegExp; lang: 'fr' | 'en' }[] = [
  { path: '/', title: /^Accueil — Passerelle$/, lang: 'fr' },
  { path: '/?lang=en', title: /^Home — Passerelle$/, lang: 'en' },
  { path: '/accessibilite', title: /^Déclaration d’accessibilité — Passerelle$/, lang: 'fr' },
  { path: '/mentions-legales', title: /^Mentions légales — Passerelle$/, lang: 'fr' },
  { path: '/confidentialite', title: /^Données personnelles — Passerelle$/, lang: 'fr' },
  { path: '/api', title: / — Passerelle$/, lang: 'fr' },
];

describe('public pages', () => {
  for (const p of PUBLIC_PAGES) {
    it(`${p.path} answers 200, has its title, one h1, its language and no axe violation`, async () => {
      const page = await e2e.newPage();
      const res = await page.goto(e2e.url + p.path);
      expect(res?.status()).toBe(200);
      await expect(page.title()).resolves.toMatch(p.title);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.getAttribute('html', 'lang')).toBe(p.lang);
      await expectAccessible(page);
      expect(page.errors).toEqual([]);
    });
  }

  it('the home page in English really is in English, with a switch back to French', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/?lang=en`);
    await expect(page.locator('h1').innerText()).resolves.toMatch(/^Connecting Missions Locales/);
    const back = page.locator('a.lang-switch');
    await expect(back.innerText()).resolves.toBe('Français');
    await back.click();
    await page.waitForLoadState();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect(page.locator('h1').innerText()).resolves.toMatch(/^Relier les Missions Locales/);
  });

  it('the language switch keeps the query of the page (search, filters)', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/?q=lyon&page=2`);
    const href = await page.locator('a.lang-switch').getAttribute('href');
    const url = new URL(href as string, e2e.url);
    expect(url.pathname).toBe('/');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'lyon', page: '2', lang: 'en' });
  });

  it('an unknown address gives a French 404 page that passes axe and leads home', async () => {
    const page = await e2e.newPage();
    const res = await page.goto(`${e2e.url}/cette-page-n-existe-pas`);
    expect(res?.status()).toBe(404);
    await expect(page.title()).resolves.toBe('Page introuvable — Passerelle');
    await expect(page.locator('h1').innerText()).resolves.toBe('Page introuvable');
    await expect(page.locator('main a[href="/"]').count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page);
  });
});

describe('keyboard', () => {
  it('the skip link is the first focusable element and moves focus to main', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      cls: document.activeElement?.className,
      text: document.activeElement?.textContent?.trim(),
      href: document.activeElement?.getAttribute('href'),
    }));
    expect(first).toEqual({ cls: 'skip-link', text: 'Aller au contenu', href: '#contenu' });
    // Visible once focused (it sits off-screen otherwise).
    const box = await page.locator('.skip-link').boundingBox();
    expect(box && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('contenu');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('MAIN');
  });

  it('every interactive element shows a visible focus outline', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/`);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const s = getComputedStyle(el);
        return { tag: el.tagName, width: Number.parseFloat(s.outlineWidth), style: s.outlineStyle };
      });
      expect(outline.style, `${outline.tag} #${i + 1}`).not.toBe('none');
      expect(outline.width, `${outline.tag} #${i + 1}`).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('without JavaScript, small screens', () => {
  it('navigates and reads pages with JavaScript disabled', async () => {
    const page = await e2e.newPage({ javaScriptEnabled: false });
    await page.goto(`${e2e.url}/`);
    await page.getByRole('link', { name: 'Mentions légales' }).click();
    await page.waitForURL(/\/mentions-legales$/);
    await expect(page.locator('h1').innerText()).resolves.toBe('Mentions légales');
    // The navigation is a <details> open by default: reachable without the script.
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'API' })
      .click();
    await page.waitForURL(/\/api$/);
    await expect(page.locator('h1').count()).resolves.toBe(1);
  });

  it('searches the directory with JavaScript disabled (a GET form, shareable URL)', async () => {
    const page = await e2e.newPage({ javaScriptEnabled: false });
    await page.goto(`${e2e.url}/`);
    await page.locator('.main-nav a[href="/annuaire"]').click();
    await page.waitForURL(/\/annuaire$/);
    const form = page.locator('form:has(input[name="q"])').first();
    await form.locator('input[name="q"]').fill('demonstration');
    await form.locator('button[type="submit"]').first().click();
    await page.waitForURL(/[?&]q=demonstration/);
    // Accents ignored: "demonstration" finds the "(démo)" organisations of the demo data.
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Mission Locale de démonstration (démo)',
    );
    // (axe needs JavaScript in the page: the crawl audits the directory with it.)
  });

  it('the home page is readable at 320 px wide: no horizontal scroll', async () => {
    const page = await e2e.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${e2e.url}/`);
    const width = await page.evaluate(
      () => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
    );
    expect(width).toBeLessThanOrEqual(320);
    // The script collapses the menu into a disclosure on small screens; it opens on demand.
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await expect(nav.isVisible()).resolves.toBe(false);
    await page.locator('.nav-toggle').click();
    await expect(nav.isVisible()).resolves.toBe(true);
    await expectAccessible(page);
  });

  for (const path of ['/api', '/accessibilite', '/cette-page-n-existe-pas']) {
    it(`${path} at 320 px: no page-level horizontal scroll, wide tables scroll in a keyboard-reachable region, no axe violation`, async () => {
      const page = await e2e.newPage({ viewport: { width: 320, height: 640 } });
      await page.goto(e2e.url + path);
      const width = await page.evaluate(
        () => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
      );
      expect(width).toBeLessThanOrEqual(320);
      const wide = await page.$$eval('.table-wrapper', (ws) =>
        ws.filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => w.getAttribute('tabindex')),
      );
      for (const tabindex of wide) expect(tabindex).toBe('0');
      await expectAccessible(page);
    });
  }

  it('the home page is readable at 200 % zoom (640 px CSS width): no horizontal scroll', async () => {
    const page = await e2e.newPage({ viewport: { width: 640, height: 480 }, deviceScaleFactor: 2 });
    await page.goto(`${e2e.url}/`);
    const width = await page.evaluate(
      () => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
    );
    expect(width).toBeLessThanOrEqual(640);
  });
});

describe('page weight (DESIGN.md: first view < 60 KB of HTML + CSS + JS, compressed)', () => {
  it('the home page, its stylesheets and scripts weigh less than 60 KB gzip-compressed', async () => {
    const res = await fetch(`${e2e.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const assets = [
      ...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
      ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    const sizes: Record<string, number> = {};
    for (const path of ['/', ...assets]) {
      const got = await transferred(new URL(path, e2e.url).toString());
      // Text responses are compressed when the browser accepts it (hono/compress skips
      // bodies under 1 KB, where gzip would gain nothing).
      if (got.bodyBytes >= 1024 || got.encoding) expect(got.encoding, path).toBe('gzip');
      sizes[path] = got.bytes;
    }
    const total = Object.values(sizes).reduce((s, n) => s + n, 0);
    console.info(`first view of / : ${total} bytes transferred`, sizes);
    expect(total).toBeGreaterThan(1000);
    expect(total).toBeLessThan(60 * 1024);
  });
});

/**
 * Bytes on the wire (headers + body as sent) for one GET asking for gzip. Uses node:http
 * so the body is not decoded behind our back, as fetch would.
 */
function transferred(
  url: string,
): Promise<{ bytes: number; bodyBytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${url}: ${res.statusCode}`));
        const body = Buffer.concat(chunks);
        const headers = Object.entries(res.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\r\n');
        resolve({
          bytes: body.length + headers.length,
          bodyBytes: body.length,
          encoding: res.headers['content-encoding'],
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
