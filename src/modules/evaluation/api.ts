/** JSON API of the indicators (issue 12). */
import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { ApiError, jsonResponse } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { policies } from '../../policy/policy.js';
import { computeDashboard } from './compute-indicators.js';
import { parisToday, readDashboardQuery } from './request.js';

const FigureJson = z
  .object({
    value: z
      .number()
      .nullable()
      .openapi({ description: 'null when suppressed (fewer than 5 people) or not computable' }),
    suppressed: z.boolean(),
  })
  .openapi('IndicatorFigure');

const DashboardJson = z
  .object({
    on: z.string(),
    period: z.object({ year: z.number().int(), from: z.string(), to: z.string() }),
    scope: z.object({ region: z.string().optional(), departement: z.string().optional() }),
    computedAt: z.string(),
    indicators: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        group: z.string(),
        unit: z.enum(['count', 'people', 'percent', 'days', 'euros']),
        definition: z.string(),
        figure: FigureJson,
        parts: z.array(z.object({ key: z.string(), label: z.string(), figure: FigureJson })).optional(),
      }),
    ),
    byRegion: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        connections: FigureJson,
        projects: FigureJson,
        youngPeople: FigureJson,
      }),
    ),
  })
  .openapi('EvaluationDashboard');

const dashboardRoute = createRoute({
  method: 'get',
  path: '/api/v1/evaluation/indicators',
  tags: ['Évaluation'],
  summary: 'Indicateurs du partenariat (art. 4) à une date, par région ou département (agrégats, seuil de 5)',
  request: {
    query: z.object({
      on: z.string().optional().openapi({ description: 'AAAA-MM-JJ, aujourd’hui par défaut' }),
      region: z.string().optional(),
      departement: z.string().optional(),
    }),
  },
  responses: {
    200: jsonResponse(DashboardJson, 'Les indicateurs'),
    422: { description: 'Paramètres invalides', content: { 'application/json': { schema: ApiError } } },
  },
});

export function registerEvaluationApi(r: Registrar, deps: Deps) {
  r.api(dashboardRoute, policies.networkAdmin, async (c) => {
    const now = deps.now();
    const q = readDashboardQuery(c.req.valid('query') as Record<string, string | undefined>, parisToday(now));
    if (!q.ok) throw new AppError('validation', undefined, q.errors);
    return c.json(await computeDashboard(deps.db, { ...q.value, now }), 200);
  });
}
