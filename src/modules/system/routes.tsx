import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { createRoute, z } from '@hono/zod-openapi';
import { migrationsApplied } from '../../db/migrate.js';
import { sql } from '../../db/sql.js';
import { PageHeader } from '../../http/layout/components.js';
import { renderPage } from '../../http/layout/Layout.js';
import { PROJECT_ROOT } from '../../paths.js';
import { policies } from '../../policy/policy.js';
import type { Module } from '../index.js';

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Système'],
  summary: 'Le processus répond',
  responses: {
    200: {
      description: 'OK',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['Système'],
  summary: 'La base répond et les migrations sont appliquées',
  responses: {
    200: {
      description: 'Prêt',
      content: {
        'application/json': {
          schema: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgresql']),
            migrations: z.literal('applied'),
          }),
        },
      },
    },
    503: { description: 'Pas prêt' },
  },
});

export const systemModule: Module = {
  name: 'system',
  register(r, deps) {
    r.api(healthz, policies.public, (c) => c.json({ status: 'ok' as const }, 200));

    r.api(readyz, policies.public, async (c) => {
      try {
        await deps.db.one(sql`SELECT 1 AS ok`);
        if (!(await migrationsApplied(deps.db))) {
          return c.json({ status: 'unavailable', database: deps.db.kind, migrations: 'pending' }, 503);
        }
        return c.json({ status: 'ok' as const, database: deps.db.kind, migrations: 'applied' as const }, 200);
      } catch {
        return c.json({ status: 'unavailable', database: deps.db.kind, migrations: 'unknown' }, 503);
      }
    });

    // Static files: CSS, the small enhancement script, icons, self-hosted fonts.
    const root = join(PROJECT_ROOT, 'public');
    r.asset(
      'GET',
      '/static/*',
      policies.public,
      async (c, next) => {
        await next();
        if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=3600');
      },
      serveStatic({ root, rewriteRequestPath: (p) => p.replace(/^\/static/, '') }),
    );

    // Human-readable API documentation, generated from the same OpenAPI document.
    r.page('GET', '/api', policies.public, async (c) => {
      const res = await r.app.request('/api/openapi.json', {}, c.env);
      const doc = (await res.json()) as {
        paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
      };
      const t = c.get('t');
      const rows = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          summary: op.summary ?? '',
          tag: op.tags?.[0] ?? '',
        })),
      );
      return renderPage(c, {
        title: t('api.title'),
        section: 'api',
        wide: true,
        breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: t('api.title') }],
        children: (
          <>
            <PageHeader title={t('api.title')} lead={t('api.lead')} />
            <p>
              {t('api.openapi')} <a href="/api/openapi.json">/api/openapi.json</a>
            </p>
            <h2>{t('api.auth_title')}</h2>
            <p>{t('api.auth_text')}</p>
            <pre>
              <code>curl -H "Authorization: Bearer psl_…" {deps.config.BASE_URL}/api/v1/…</code>
            </pre>
            <h2>{t('api.endpoints')}</h2>
            <div class="table-wrapper">
              <table>
                <caption class="visually-hidden">{t('api.endpoints')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('api.col_method')}</th>
                    <th scope="col">{t('api.col_path')}</th>
                    <th scope="col">{t('api.col_summary')}</th>
                    <th scope="col">{t('api.col_tag')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr>
                      <td>
                        <code>{row.method}</code>
                      </td>
                      <td>
                        <code>{row.path}</code>
                      </td>
                      <td>{row.summary}</td>
                      <td>{row.tag}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ),
      });
    });
  },
};

export const packageVersion = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'))
  .version as string;
