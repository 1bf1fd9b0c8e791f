import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { modules } from '../modules/index.js';
import { policies } from '../policy/policy.js';
import { countRequests } from './activity.js';
import type { AppEnv, Deps } from './context.js';
import { AppError } from './errors.js';
import { ErrorPage } from './layout/ErrorPage.js';
import { csrfProtection, identify, isHttps } from './middleware/auth.js';
import { baseContext, securityHeaders } from './middleware/request.js';
import { buildOpenApiDocument, registerSecurityScheme } from './openapi.js';
import { Registrar, type RouteEntry } from './registry.js';
import { fieldErrors } from './validation.js';

export interface App {
  app: OpenAPIHono<AppEnv>;
  routes: RouteEntry[];
}

const isApi = (c: Context<AppEnv>) => c.req.path.startsWith('/api/');

/** Builds the HTTP application: middleware, every module's routes, errors. */
export function createApp(deps: Deps): App {
  const app = new OpenAPIHono<AppEnv>({
    // Invalid API input → 422 with the fields named, in French; nothing is written.
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('validation', undefined, fieldErrors(result.error as any));
      }
    },
  });

  // gzip/deflate for text responses (HTML, CSS, JS, JSON) when the client accepts it:
  // keeps a page's first view well under the 60 KB budget (DESIGN.md).
  app.use('*', countRequests);
  app.use('*', compress());
  app.use('*', baseContext(deps));
  // Header items of the modules (notifications…): the layout renders them without importing a module.
  const headerSlots = modules.flatMap((m) => (m.headerSlot ? [m.headerSlot] : []));
  app.use('*', async (c, next) => {
    c.set('headerSlots', headerSlots);
    await next();
  });
  const { PROCONNECT_ENABLED, PROCONNECT_ISSUER } = deps.config;
  const proconnectOrigin = PROCONNECT_ENABLED && PROCONNECT_ISSUER ? [new URL(PROCONNECT_ISSUER).origin] : [];
  app.use('*', securityHeaders(isHttps(deps.config.BASE_URL), proconnectOrigin));
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.config.BODY_LIMIT_KB * 1024,
      onError: () => {
        throw new AppError('payload_too_large');
      },
    }),
  );
  app.use('*', identify());
  app.use('*', csrfProtection());

  registerSecurityScheme(app);
  const registrar = new Registrar(app);
  for (const m of modules) m.register(registrar, deps);

  // The OpenAPI document is built once, on first request (all routes are registered by
  // then), instead of on every request: it is the largest JSON the server sends.
  let openapiDocument: unknown = null;
  registrar.api(
    createRoute({
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'getOpenApiDocument',
      tags: ['Système'],
      summary: 'Description OpenAPI 3.1 de l’API',
      responses: {
        200: {
          description: 'Document OpenAPI 3.1',
          content: { 'application/json': { schema: z.looseObject({}) } },
        },
      },
    }),
    policies.public,
    (c) => {
      openapiDocument ??= buildOpenApiDocument(app, { baseUrl: deps.config.BASE_URL });
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(openapiDocument as object, 200);
    },
  );

  app.notFound(() => {
    throw new AppError('not_found');
  });

  app.onError((err, c) => renderError(err, c));

  return { app, routes: registrar.routes };
}

function renderError(err: Error, c: Context<AppEnv>) {
  const t = c.get('t') ?? ((k: string) => k);
  const requestId = c.get('requestId') ?? '';
  let appErr: AppError;
  if (err instanceof AppError) appErr = err;
  else if (err instanceof HTTPException && err.status < 500) {
    appErr = new AppError(err.status === 413 ? 'payload_too_large' : 'bad_request', err.message || undefined);
  } else {
    c.get('deps')?.logger.error(
      { err, requestId, path: c.req.path, method: c.req.method },
      'unexpected error',
    );
    appErr = new AppError('internal');
  }
  const message = appErr.hasMessage ? appErr.message : t(`errors.${appErr.code}`);
  // A refused body may still be arriving: close the connection after the answer, so the
  // client opens a new one for its next request instead of having it reset mid-body.
  if (appErr.code === 'payload_too_large') c.header('Connection', 'close');
  if (isApi(c)) {
    return c.json(
      {
        error: { code: appErr.code, message, ...(appErr.fields ? { fields: appErr.fields } : {}), requestId },
      },
      appErr.status,
    );
  }
  if (appErr.code === 'unauthenticated' && c.req.method === 'GET') {
    const next = c.req.path + (new URL(c.req.url).search || '');
    return c.redirect(`/connexion?suite=${encodeURIComponent(next)}`, 302);
  }
  return ErrorPage(c, appErr, message, requestId);
}
