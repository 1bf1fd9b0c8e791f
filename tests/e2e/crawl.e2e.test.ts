import { request } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, DEMO_ADMIN, type E2E, signIn, startE2E } from '../helpers/browser.js';

/**
 * Walks the site as a visitor would, following the links of each page (GET only), and
 * audits every HTML page reached with axe (WCAG 2.1 AA, zero violations). New pages that
 * other modules land are covered as soon as a link leads to them.
 */

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** Entry points of the modules, visited even before a link leads to them. */
const ENTRY_POINTS = ['/', '/annuaire', '/conventions', '/projets', '/admin', '/compte', '/connexion'];

/**
 * Links the layout already shows but whose module has not landed yet: reported, not
 * failed. Remove an entry as soon as its page exists.
 */
const PLANNED = new Set<string>([]);

const MAX_PAGES = 60;
/** At most this many pages per address shape (/annuaire/:id…): enough to catch a template. */
const PER_SHAPE = 2;
const PER_SHAPE_WITH_QUERY = 3;

interface Visit {
  url: string;
  status: number;
  violations: string[];
  /** document width in CSS px (horizontal scroll when wider than the viewport). */
  scrollWidth: number;
  /** First view, bytes on the wire: the HTML as sent plus its stylesheets and scripts (gzip). */
  weight: number;
  /** The page (answering 200) whose link led here; none for entry points. */
  from?: string;
}

function shape(pathname: string): string {
  return pathname
    .split('/')
    .map((s) => (/^\d+$|^[0-9a-f-]{8,}$|^[\w-]*\d[\w-]*$/i.test(s) ? ':id' : s))
    .join('/');
}

function followable(href: URL, base: URL): boolean {
  if (href.origin !== base.origin) return false;
  const p = href.pathname;
  if (p.startsWith('/static/') || p === '/deconnexion' || p.startsWith('/api/')) return false;
  if (/\.(csv|json|pdf|xlsx|zip|svg|png|txt|ics)$/i.test(p)) return false;
  if (href.searchParams.has('page') || href.searchParams.has('export')) return false;
  return true;
}

async function crawl(page: Page, seeds: string[]): Promise<Visit[]> {
  const base = new URL(e2e.url);
  const queue: { url: string; from?: string }[] = seeds.map((s) => ({ url: new URL(s, base).toString() }));
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const visits: Visit[] = [];
  while (queue.length > 0 && visits.length < MAX_PAGES) {
    const { url, from } = queue.shift() as { url: string; from?: string };
    const u = new URL(url);
    u.hash = '';
    const key = u.pathname + u.search;
    if (seen.has(key)) continue;
    seen.add(key);
    // Filters and views of one page (?departement=…, ?vue=carte…) share a template: a few suffice.
    const sh = shape(u.pathname) + (u.search ? '?' : '');
    if ((shapes.get(sh) ?? 0) >= (u.search ? PER_SHAPE_WITH_QUERY : PER_SHAPE)) continue;
    shapes.set(sh, (shapes.get(sh) ?? 0) + 1);
    const res = await page.goto(u.toString());
    const status = res?.status() ?? 0;
    const type = res?.headers()['content-type'] ?? '';
    if (!type.startsWith('text/html')) continue;
    const violations = await axeViolations(page);
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
    const sizes = res ? await res.request().sizes() : { responseHeadersSize: 0, responseBodySize: 0 };
    const assets = await page.$$eval('link[rel="stylesheet"][href], script[src]', (els) =>
      els.map((e) => (e as HTMLLinkElement).href || (e as HTMLScriptElement).src),
    );
    let weight = sizes.responseHeadersSize + sizes.responseBodySize;
    for (const a of assets) weight += await assetBytes(a);
    visits.push({ url: key, status, violations, scrollWidth, weight, from });
    // Links of error pages (the language switch of a 404…) prove nothing about the site.
    if (status !== 200) continue;
    const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const l of links) {
      const href = new URL(l);
      if (followable(href, base)) queue.push({ url: href.toString(), from: key });
    }
  }
  return visits;
}

const assetCache = new Map<string, Promise<number>>();
/** Bytes on the wire (headers + gzip body) of a stylesheet or script, fetched once, cold. */
function assetBytes(url: string): Promise<number> {
  let got = assetCache.get(url);
  if (!got) {
    got = new Promise((resolve, reject) => {
      const req = request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => {
          n += c.length;
        });
        res.on('end', () => {
          const headers = Object.entries(res.headers)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join('');
          resolve(n + headers.length);
        });
      });
      req.on('error', reject);
      req.end();
    });
    assetCache.set(url, got);
  }
  return got;
}

/** DESIGN.md: every page's first view under 60 KB (HTML + CSS + JS, compressed). */
const WEIGHT_BUDGET = 60 * 1024;

function report(label: string, visits: Visit[]) {
  const lines = visits.map(
    (v) =>
      `  ${v.status} ${v.url} (${(v.weight / 1024).toFixed(1)} KB)${v.violations.length ? ` — ${v.violations.length} violation(s)` : ''}`,
  );
  console.info(`${label}: ${visits.length} page(s) visited\n${lines.join('\n')}`);
}

function check(visits: Visit[], viewportWidth: number) {
  const violations = visits.flatMap((v) => v.violations);
  expect(violations, violations.join('\n')).toEqual([]);
  // Readable without horizontal scrolling of the page (WCAG 1.4.10 reflow).
  const tooWide = visits
    .filter((v) => v.scrollWidth > viewportWidth)
    .map((v) => `${v.url}: ${v.scrollWidth} px`);
  expect(tooWide, `pages wider than ${viewportWidth} px:\n${tooWide.join('\n')}`).toEqual([]);
  const heavy = visits.filter((v) => v.weight >= WEIGHT_BUDGET).map((v) => `${v.url}: ${v.weight} bytes`);
  expect(heavy, `first view over 60 KB compressed:\n${heavy.join('\n')}`).toEqual([]);
  const serverErrors = visits
    .filter((v) => v.status >= 500)
    .map((v) => `${v.status} ${v.url} (from ${v.from})`);
  expect(serverErrors).toEqual([]);
  // A link found on a page must lead somewhere (planned module pages excepted, see above).
  const broken = visits
    .filter((v) => v.status === 404 && v.from && !PLANNED.has(v.url.split('?')[0]))
    .map((v) => `${v.url} (linked from ${v.from})`);
  expect(broken, `broken links:\n${broken.join('\n')}`).toEqual([]);
  const planned = visits
    .filter((v) => v.status === 404 && PLANNED.has(v.url.split('?')[0]))
    .map((v) => v.url);
  if (planned.length) console.warn(`planned pages not landed yet (404): ${planned.join(', ')}`);
}

describe('every page reached passes axe', () => {
  // On a small phone (360 px): the anonymous walk also checks reflow.
  it('as an anonymous visitor, on a 360 px wide screen', async () => {
    const page = await e2e.newPage({ viewport: { width: 360, height: 740 } });
    const visits = await crawl(page, ENTRY_POINTS);
    report('anonymous', visits);
    expect(visits.filter((v) => v.status === 200).length).toBeGreaterThanOrEqual(5);
    check(visits, 360);
  }, 240_000);

  it('as the demo platform administrator, on a 1280 px wide screen', async () => {
    const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } });
    const signin = await page.goto(`${e2e.url}/connexion`);
    if (signin?.status() !== 200) {
      // The sign-in module has not landed: nothing more to see than anonymously.
      expect(signin?.status()).toBe(404);
      console.warn('/connexion answers 404: the signed-in walk needs the auth module');
      return;
    }
    await signIn(page, e2e.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await expect(page.locator('.account-menu').count()).resolves.toBe(1);
    const visits = await crawl(
      page,
      ENTRY_POINTS.filter((p) => p !== '/connexion'),
    );
    report('platform admin', visits);
    // Still signed in at the end: the walk followed no sign-out link.
    await expect(page.locator('.account-menu').count()).resolves.toBe(1);
    check(visits, 1280);
  }, 240_000);
});
