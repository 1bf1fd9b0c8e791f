import type { Context } from 'hono';
import type { Queryable } from '../../db/client.js';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { EVENT_KINDS, type EventKind } from './domain/lifecycle.js';
import type { OpContext } from './op-context.js';
import type { EventFilter } from './store.js';

type C = Context<AppEnv>;

export const opContext = (c: C, deps: Deps, tx: Queryable): OpContext => ({
  tx,
  audit: { actor: c.get('actor'), requestId: c.get('requestId') },
  now: deps.now(),
  config: deps.config,
});

/** Calendar filters (page and API): from (date), region (code), theme (code), kind. */
export function filterOf(c: C): EventFilter {
  const from = c.req.query('from') ?? '';
  const region = c.req.query('region') ?? '';
  const theme = c.req.query('theme') ?? '';
  const kind = c.req.query('kind') ?? '';
  const errors: Record<string, string> = {};
  if (from && !/^\d{4}-\d{2}-\d{2}$/.test(from)) errors.from = 'Date de début : format AAAA-MM-JJ.';
  if (region && !/^[0-9]{2,3}$/.test(region)) errors.region = 'Code de région : deux ou trois chiffres.';
  if (theme && !/^[\w-]{1,60}$/.test(theme)) errors.theme = 'Thème inconnu.';
  if (kind && !(EVENT_KINDS as readonly string[]).includes(kind))
    errors.kind = `Type inconnu : choisissez ${EVENT_KINDS.join(', ')}.`;
  if (Object.keys(errors).length) throw new AppError('bad_request', Object.values(errors).join(' '), errors);
  return {
    from: from || undefined,
    region: region || undefined,
    theme: theme || undefined,
    kind: (kind || undefined) as EventKind | undefined,
    past: c.req.query('passes') === '1',
  };
}
