/**
 * What every operation of the OpenAPI document shares: ONE error body (component
 * `Error`), the bearer-token security scheme, operation names and the error answers
 * each operation can give. Modules describe their own success bodies; the registrar
 * fills in the rest from here so that the document stays one a client can rely on
 * (Redocly `recommended` rules, `npm run lint:openapi`).
 */
import { type OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { AppEnv } from './context.js';
import type { ErrorCode } from './errors.js';

const ERROR_CODES = [
  'bad_request',
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'gone',
  'payload_too_large',
  'rate_limited',
  'locked',
  'csrf',
  'internal',
] as const satisfies readonly ErrorCode[];

/** The body of every error answer of the API (rendered by app.ts#renderError). */
export const ApiError = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).meta({ description: 'Code stable, à tester par les clients' }),
      message: z.string().meta({ description: 'Message en français, à montrer tel quel' }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: 'Champ → message, pour les données invalides (422)' }),
      requestId: z.string().meta({ description: 'Identifiant de la requête, à citer au support' }),
    }),
  })
  .openapi('Error', { description: 'Réponse d’erreur de l’API' });

/** An error answer described with the shared body. */
export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ApiError } },
});

/** A JSON answer. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** The usual error answers of an operation; modules spread it and override where they know better. */
export const apiErrors = {
  401: errorResponse('Non connecté (jeton absent, invalide ou expiré)'),
  403: errorResponse('Non autorisé pour cet appelant'),
  404: errorResponse('Introuvable'),
  422: errorResponse('Données invalides (les champs sont nommés dans `error.fields`)'),
};

export const BEARER = 'bearerAuth';

/** `post /api/v1/agreements/{id}/formal-notices` → `postAgreementsIdFormalNotices` (when a route has no name). */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/(v\d+\/)?/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/**
 * Completes a route before it is registered: a name, the security requirement (none
 * for public routes) and every error answer the platform itself can give (auth,
 * permission, unknown id, invalid input, read-only token, rate limit).
 */
export function completeRoute<R extends RouteConfig>(route: R, isPublic: boolean): R {
  const responses: RouteConfig['responses'] = { ...route.responses };
  const add = (status: number, description: string) => {
    if (!(status in responses)) responses[status] = errorResponse(description);
  };
  const req = route.request;
  const hasInput = !!(req?.body || req?.query || req?.params || req?.headers);
  if (hasInput) add(422, 'Données invalides (les champs sont nommés dans `error.fields`)');
  if (route.path.includes('{')) add(404, 'Introuvable');
  if (!isPublic) {
    add(401, 'Non connecté (jeton absent, invalide ou expiré)');
    add(403, 'Non autorisé pour cet appelant (ou jeton en lecture seule pour une écriture)');
  }
  if (!Object.keys(responses).some((s) => s.startsWith('4')))
    add(400, 'Requête mal formée (paramètre inconnu ou illisible)');
  return {
    ...route,
    operationId: route.operationId ?? operationIdOf(route.method, route.path),
    ...(isPublic ? { security: [] } : { security: [{ [BEARER]: [] }] }),
    responses,
  };
}

export interface DocumentOptions {
  baseUrl: string;
}

/** Declares the bearer scheme once, when the app is built. */
export function registerSecurityScheme(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'psl_…',
    description:
      'Jeton personnel créé sur la page « Mon compte › Jetons d’API » : `Authorization: Bearer psl_…`. ' +
      'Un jeton en lecture seule ne permet que GET. Les pages du site utilisent la session (cookie) et le même contrôle des droits.',
  });
}

/** The OpenAPI 3.1 document of the app (info, licence, servers, security, tags). */
export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>, opts: DocumentOptions) {
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Passerelle API',
      version: '1.0.0',
      description:
        'API de Passerelle (Missions Locales × Cités Unies France). Tout ce que l’on fait dans les pages se fait aussi ici, ' +
        'avec les mêmes validations et les mêmes droits. Les erreurs ont toutes le corps `Error` ; ' +
        'les données invalides donnent 422 avec les champs nommés.',
      contact: { name: 'Équipe Passerelle', url: `${opts.baseUrl.replace(/\/$/, '')}/` },
      license: {
        name: 'Propriétaire — UNML × Cités Unies France (convention du 4 juillet 2025)',
        url: `${opts.baseUrl.replace(/\/$/, '')}/`,
      },
    },
    servers: [{ url: opts.baseUrl, description: 'Cette instance de Passerelle' }],
    security: [{ [BEARER]: [] }],
  });
  // A stable order of tags, with descriptions (Redocly: operation-tag-defined).
  const tags = new Set<string>();
  for (const item of Object.values(doc.paths ?? {}))
    for (const op of Object.values(item as Record<string, { tags?: string[] }>))
      for (const t of op?.tags ?? []) tags.add(t);
  doc.tags = [...tags].sort().map((name) => ({ name, description: `Opérations « ${name} »` }));
  return doc;
}
