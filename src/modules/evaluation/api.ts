/** JSON API of the indicators (issue 12). */
import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { ApiError, jsonResponse } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { policies } from '../../policy/policy.js';
import { agreementPolicies } from '../agreements/index.js';
import { approveReview } from './approve-review.js';
import { computeDashboard } from './compute-indicators.js';
import { evaluationOp } from './op-context.js';
import { parisToday, readDashboardQuery } from './request.js';
import { loadReview } from './review-store.js';
import { saveReviewSection } from './save-review-section.js';

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

const sectionRoute = createRoute({
  method: 'put',
  path: '/api/v1/agreements/{id}/reviews/{year}/sections',
  tags: ['Évaluation'],
  summary: 'Écrire la partie d’une partie dans le bilan annuel (art. 4)',
  request: {
    params: z.object({ id: z.string(), year: z.string() }),
    body: {
      content: { 'application/json': { schema: z.object({ organisationId: z.string(), body: z.string() }) } },
      required: true,
    },
  },
  responses: {
    200: jsonResponse(z.object({ hash: z.string() }), 'Enregistrée ; la nouvelle empreinte du bilan'),
    404: {
      description: 'Convention ou année inconnue',
      content: { 'application/json': { schema: ApiError } },
    },
    409: { description: 'Bilan déjà approuvé', content: { 'application/json': { schema: ApiError } } },
    422: { description: 'Données invalides', content: { 'application/json': { schema: ApiError } } },
  },
});
const approveRoute = createRoute({
  method: 'post',
  path: '/api/v1/agreements/{id}/reviews/{year}/approvals',
  tags: ['Évaluation'],
  summary: 'Approuver le bilan annuel au nom d’une partie, pour son empreinte exacte (art. 4)',
  request: {
    params: z.object({ id: z.string(), year: z.string() }),
    body: {
      content: { 'application/json': { schema: z.object({ organisationId: z.string(), hash: z.string() }) } },
      required: true,
    },
  },
  responses: {
    201: jsonResponse(z.object({ hash: z.string(), approved: z.boolean() }), 'Approbation enregistrée'),
    404: {
      description: 'Convention ou année inconnue',
      content: { 'application/json': { schema: ApiError } },
    },
    409: {
      description: 'Empreinte périmée ou déjà approuvée',
      content: { 'application/json': { schema: ApiError } },
    },
    422: { description: 'Données invalides', content: { 'application/json': { schema: ApiError } } },
  },
});

const yearOf = (year: string) => {
  const y = Number(year);
  if (!Number.isInteger(y) || y < 1 || y > 99)
    throw new AppError('not_found', 'Année de convention inconnue.');
  return y;
};

export function registerEvaluationApi(r: Registrar, deps: Deps) {
  const ap = agreementPolicies(deps.db);
  r.api(sectionRoute, ap.actingParty('organisationId'), async (c) => {
    const { id, year } = c.req.valid('param') as { id: string; year: string };
    const b = c.req.valid('json') as { organisationId: string; body: string };
    const y = yearOf(year);
    await deps.db.transaction((tx) => saveReviewSection(evaluationOp(c, deps, tx), id, y, b));
    return c.json({ hash: (await loadReview(deps.db, id, y, deps.now())).hash }, 200);
  });
  r.api(approveRoute, ap.actingParty('organisationId'), async (c) => {
    const { id, year } = c.req.valid('param') as { id: string; year: string };
    const b = c.req.valid('json') as { organisationId: string; hash: string };
    const out = await deps.db.transaction((tx) =>
      approveReview(evaluationOp(c, deps, tx), id, yearOf(year), b),
    );
    return c.json(out, 201);
  });
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
