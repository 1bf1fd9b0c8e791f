import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/db/seed/demo.js';
import { sql } from '../src/db/sql.js';
import { createTestApp, type TestApp, type TestClient } from './helpers/app.js';

/**
 * Dates in French everywhere (issue 9 §5): no page text shows a raw ISO date ("2026-05-06")
 * or timestamp. Crawls the demo pages as an anonymous visitor and as each demo account,
 * following the links of each page (GET only), and checks the visible text — machine
 * attributes (datetime=, value=, href=…) are not text and are left out.
 */

const ISO = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b/g;
const MAX_PAGES = 70;
const PER_SHAPE = 2;

/** The text a person reads: tags, scripts, styles and attributes removed, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

const shape = (path: string) =>
  path
    .split('/')
    .map((s) => (/^[0-9a-f-]{8,}$|^\d+$|^[\w-]*\d[\w-]*$/i.test(s) ? ':id' : s))
    .join('/');

function followable(href: string): string | null {
  if (!href.startsWith('/') || href.startsWith('//')) return null;
  const u = new URL(href, 'http://passerelle.test');
  const p = u.pathname;
  if (p.startsWith('/static/') || p.startsWith('/api') || p === '/deconnexion') return null;
  if (/\.(csv|json|pdf|xlsx|zip|svg|png|txt|ics)$/i.test(p)) return null;
  if (u.searchParams.has('page') || u.searchParams.has('export')) return null;
  return p + u.search;
}

async function crawl(client: TestClient, seeds: string[]) {
  const queue = [...seeds];
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const found: string[] = [];
  let pages = 0;
  while (queue.length && pages < MAX_PAGES) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const sh = shape(url.split('?')[0]) + (url.includes('?') ? '?' : '');
    if ((shapes.get(sh) ?? 0) >= PER_SHAPE) continue;
    shapes.set(sh, (shapes.get(sh) ?? 0) + 1);
    const res = await client.get(url);
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    const html = await res.text();
    pages++;
    const text = visibleText(html);
    for (const m of text.matchAll(ISO)) {
      const at = m.index ?? 0;
      found.push(`${url}: …${text.slice(Math.max(0, at - 50), at + m[0].length + 20)}…`);
    }
    if (res.status !== 200) continue;
    for (const [, href] of html.matchAll(/<a [^>]*href="([^"]+)"/g)) {
      const next = followable(href.replace(/&amp;/g, '&'));
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  return { pages, found };
}

const SEEDS = [
  '/',
  '/annuaire',
  '/mises-en-relation',
  '/conventions',
  '/projets',
  '/financements',
  '/compte',
  '/admin',
];

describe('no raw ISO date in the text of the demo pages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ env: { DEMO: 'true' } });
    await seedDemo(app.deps);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('visibleText keeps text and drops machine attributes', () => {
    expect(
      visibleText('<p>Le <time datetime="2026-05-06">6 mai 2026</time><input value="2026-01-01"></p>').trim(),
    ).toBe('Le 6 mai 2026');
    expect(visibleText('<td>2026-05-06</td>').match(ISO)).toEqual(['2026-05-06']);
  });

  it('as an anonymous visitor', async () => {
    const { pages, found } = await crawl(app.anonymous(), SEEDS);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(found, found.join('\n')).toEqual([]);
  }, 120_000);

  for (const email of [
    'direction.ml@demo.passerelle.localhost',
    'collectivite@demo.passerelle.localhost',
    'unml@demo.passerelle.localhost',
    'admin@demo.passerelle.localhost',
  ]) {
    it(`as ${email}`, async () => {
      const u = await app.db.one<{ id: string }>(sql`SELECT id FROM users WHERE email = ${email}`);
      const { pages, found } = await crawl(await app.as(u.id), SEEDS);
      expect(pages).toBeGreaterThanOrEqual(10);
      expect(found, found.join('\n')).toEqual([]);
    }, 180_000);
  }
});
