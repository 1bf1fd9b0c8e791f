/** JSON API of the indicators (issue 12). */
import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { ApiError, jsonResponse } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { policies } from '../../policy/policy.js';
import { agreementPolicies } from '../agreements/index.js';
import { computeDashboard } from './compute-indicators.js';
import { parisToday, readDashboardQuery } from './request.js';
import { loadReview } from './review-store.js';

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

const reviewRoute = createRoute({
  method: 'get',
  path: '/api/v1/agreements/{id}/reviews/{year}',
  tags: ['Évaluation'],
  summary: 'Bilan annuel d’une convention (art. 4) : état, empreinte, indicateurs, approbations',
  request: { params: z.object({ id: z.string(), year: z.string() }) },
  responses: {
    200: jsonResponse(
      z
        .object({
          agreementId: z.string(),
          year: z.number().int(),
          state: z.enum(['draft', 'approved']),
          hash: z.string(),
          approvedOn: z.string().nullable(),
          period: z.object({ from: z.string(), to: z.string() }),
          indicators: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
          approvals: z.array(
            z.object({
              organisationId: z.string(),
              hash: z.string(),
              approvedOn: z.string(),
              approvedByLabel: z.string(),
            }),
          ),
          pdf: z.string(),
        })
        .openapi('AgreementReview'),
      'Le bilan',
    ),
    404: {
      description: 'Convention ou année inconnue',
      content: { 'application/json': { schema: ApiError } },
    },
  },
});

export function registerEvaluationApi(r: Registrar, deps: Deps) {
  r.api(reviewRoute, agreementPolicies(deps.db).viewer, async (c) => {
    const { id, year } = c.req.valid('param') as { id: string; year: string };
    const y = Number(year);
    if (!Number.isInteger(y) || y < 1 || y > 99)
      throw new AppError('not_found', 'Année de convention inconnue.');
    const rv = await loadReview(deps.db, id, y, deps.now());
    return c.json(
      {
        agreementId: id,
        year: y,
        state: rv.frozen ? ('approved' as const) : ('draft' as const),
        hash: rv.hash,
        approvedOn: rv.frozenOn,
        period: rv.content.period,
        indicators: rv.content.indicators,
        approvals: rv.approvals,
        pdf: `/conventions/${id}/bilans/${y}/bilan.pdf`,
      },
      200,
    );
  });
  r.api(dashboardRoute, policies.networkAdmin, async (c) => {
    const now = deps.now();
    const q = readDashboardQuery(c.req.valid('query') as Record<string, string | undefined>, parisToday(now));
    if (!q.ok) throw new AppError('validation', undefined, q.errors);
    return c.json(await computeDashboard(deps.db, { ...q.value, now }), 200);
  });
}
