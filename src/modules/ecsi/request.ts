import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import {
  RESOURCE_AUDIENCES,
  RESOURCE_KINDS,
  type ResourceAudience,
  type ResourceKind,
} from './domain/moderation.js';
import type { OpContext } from './op-context.js';
import type { ResourceFilter } from './store.js';

type C = Context<AppEnv>;

export const ecsiOp = (c: C, deps: Deps, tx: OpContext['tx']): OpContext => ({
  tx,
  audit: { actor: c.get('actor'), requestId: c.get('requestId') },
  now: deps.now(),
});

export function resourceFilterOf(c: C): ResourceFilter {
  const q = (c.req.query('q') ?? '').trim().slice(0, 200);
  const kind = c.req.query('kind') ?? '';
  const audience = c.req.query('audience') ?? '';
  const theme = c.req.query('theme') ?? '';
  const language = c.req.query('language') ?? '';
  const errors: Record<string, string> = {};
  if (kind && !(RESOURCE_KINDS as readonly string[]).includes(kind))
    errors.kind = `Type inconnu : choisissez ${RESOURCE_KINDS.join(', ')}.`;
  if (audience && !(RESOURCE_AUDIENCES as readonly string[]).includes(audience))
    errors.audience = `Public inconnu : choisissez ${RESOURCE_AUDIENCES.join(', ')}.`;
  if (language && !/^[a-z]{2}$/.test(language)) errors.language = 'Langue : un code de deux lettres.';
  if (theme && !/^[\w-]{1,60}$/.test(theme)) errors.theme = 'Thème inconnu.';
  if (Object.keys(errors).length) throw new AppError('bad_request', Object.values(errors).join(' '), errors);
  return {
    q: q || undefined,
    kind: (kind || undefined) as ResourceKind | undefined,
    audience: (audience || undefined) as ResourceAudience | undefined,
    theme: theme || undefined,
    language: language || undefined,
  };
}
