import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { type Running, startServer } from '../../src/main.js';

/** Debian's Chromium (`npx playwright install` cannot download a browser on these machines). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The WCAG levels every page must meet with zero violations (RGAA 4.1 ≈ WCAG 2.1 AA). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const DEMO_ADMIN = { email: 'admin@demo.passerelle.localhost', password: 'Passerelle-demo-2026' };

export interface E2E {
  /** Base URL of the real server (http://127.0.0.1:<port>). */
  url: string;
  server: Running;
  browser: Browser;
  /** A fresh browser context (own cookies); closed by `close()`. */
  newContext(opts?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  /** A page in a fresh context, with JavaScript errors collected in `errors`. */
  newPage(opts?: Parameters<Browser['newContext']>[0]): Promise<Page & { errors: string[] }>;
  close(): Promise<void>;
}

/**
 * Starts the real server (embedded PGlite in a temporary DATA_DIR, demo data, no worker)
 * and one headless Chromium. Call once per test file (beforeAll) and `close()` afterwards.
 */
export async function startE2E(): Promise<E2E> {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-e2e-'));
  const server = await startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: 'true',
      LOG_LEVEL: 'silent',
      WORKER: 'false',
    }),
    { quiet: true },
  );
  // Playwright gives each launch a fresh temporary profile (its own --user-data-dir) and
  // removes it on close; it refuses a --user-data-dir argument on launch().
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (err) {
    await server.close();
    throw err;
  }
  const contexts: BrowserContext[] = [];
  const newContext = async (opts?: Parameters<Browser['newContext']>[0]) => {
    const ctx = await browser.newContext({ locale: 'fr-FR', ...opts });
    contexts.push(ctx);
    return ctx;
  };
  return {
    url: server.url,
    server,
    browser,
    newContext,
    async newPage(opts) {
      const ctx = await newContext(opts);
      const page = (await ctx.newPage()) as Page & { errors: string[] };
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') page.errors.push(m.text());
      });
      return page;
    },
    async close() {
      for (const ctx of contexts) await ctx.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One line per axe violation and node: rule, impact, target, message (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${page.url()} — ${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`,
    ),
  );
}

/** Fails with the list of violations, naming the page, rule and element. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(`Accessibility violations (axe, WCAG 2.1 AA):\n${violations.join('\n')}`);
  }
}

/**
 * Signs in through the real sign-in page (`/connexion`): fills the form that holds the
 * password field and submits it. Works with or without JavaScript.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  const form = page.locator('form:has(input[type="password"])').first();
  await form.locator('input[type="email"], input[name="email"]').first().fill(email);
  await form.locator('input[type="password"]').first().fill(password);
  await Promise.all([
    page.waitForLoadState('load'),
    form.locator('button[type="submit"], input[type="submit"]').first().click(),
  ]);
  await page.waitForLoadState('load');
}
