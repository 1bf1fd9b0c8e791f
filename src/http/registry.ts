import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Context, Handler, MiddlewareHandler } from 'hono';
import { type Policy, tokenScopeAllows } from '../policy/policy.js';
import type { AppEnv } from './context.js';
import { AppError } from './errors.js';
import { completeRoute } from './openapi.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A route as the authorisation matrix sees it. */
export interface RouteEntry {
  method: Method;
  /** Hono path, with :params. */
  path: string;
  policy: Policy;
  kind: 'page' | 'api' | 'asset';
  /** The OpenAPI operation name (API routes only). */
  operationId?: string;
}

/** `/api/v1/x/{id}` → `/api/v1/x/:id` */
export const toHonoPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

/** Runs the route's policy; every route gets exactly one, through the registrar. */
export function authorize(policy: Policy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    if (!tokenScopeAllows(actor, c.req.method)) {
      throw new AppError('forbidden', c.get('t')('errors.token_read_only'));
    }
    const decision = await policy.decide(actor, c);
    if (decision === 'deny') throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
    await next();
  };
}

/**
 * The only way modules add routes. It records each route with its policy (for the
 * authorisation-matrix test and the docs) and puts the policy in front of the handler.
 */
export class Registrar {
  readonly routes: RouteEntry[] = [];

  constructor(readonly app: OpenAPIHono<AppEnv>) {}

  private record(entry: RouteEntry) {
    const dup = this.routes.find((r) => r.method === entry.method && r.path === entry.path);
    if (dup) throw new Error(`Route declared twice: ${entry.method} ${entry.path}`);
    this.routes.push(entry);
  }

  /** A server-rendered page or form handler (HTML). */
  page(
    method: Method,
    path: string,
    policy: Policy,
    ...handlers: (Handler<AppEnv> | MiddlewareHandler<AppEnv>)[]
  ) {
    this.record({ method, path, policy, kind: 'page' });
    this.app.on(method, path, authorize(policy), ...(handlers as Handler<AppEnv>[]));
  }

  /** A non-HTML download or asset that is not part of the JSON API (CSV export, static files). */
  asset(
    method: Method,
    path: string,
    policy: Policy,
    ...handlers: (Handler<AppEnv> | MiddlewareHandler<AppEnv>)[]
  ) {
    this.record({ method, path, policy, kind: 'asset' });
    this.app.on(method, path, authorize(policy), ...(handlers as Handler<AppEnv>[]));
  }

  /** A JSON API route described with zod (feeds validation, types and /api/openapi.json). */
  api<R extends RouteConfig>(
    route: R,
    policy: Policy,
    handler: (c: Context<AppEnv, any, any>) => Response | Promise<Response>,
  ) {
    const method = route.method.toUpperCase() as Method;
    // A name, the security requirement and the platform's error answers (src/http/openapi.ts).
    const complete = completeRoute(route, policy.name === 'public');
    const operationId = complete.operationId as string;
    if (this.routes.some((r) => r.operationId === operationId))
      throw new Error(`operationId declared twice: ${operationId}`);
    this.record({ method, path: toHonoPath(route.path), policy, kind: 'api', operationId });
    const middleware = [authorize(policy), ...(route.middleware ? [route.middleware].flat() : [])];
    this.app.openapi({ ...complete, middleware } as any, handler as any);
  }
}
