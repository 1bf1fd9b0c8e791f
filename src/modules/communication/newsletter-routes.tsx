import type { Context } from 'hono';
import { sql } from '../../db/sql.js';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { Registrar } from '../../http/registry.js';
import { fieldErrors, readForm } from '../../http/validation.js';
import { policies } from '../../policy/policy.js';
import { readListUnsubscribeToken } from './newsletter-token.js';
import type { OpContext } from './op-context.js';
import { type ListOption, subscribePage, tokenActionPage } from './pages/newsletters.js';
import { subscribeSchema } from './schemas.js';
import { confirmNewsletter, subscribeNewsletter, unsubscribeNewsletter } from './subscribe-newsletter.js';

type C = Context<AppEnv>;

/** Newsletters (art. 3): double opt-in subscription and per-list one-click unsubscribe. */
export function registerNewsletters(r: Registrar, deps: Deps) {
  const { db } = deps;
  const op = (c: C, tx: OpContext['tx']): OpContext => ({
    tx,
    audit: { actor: c.get('actor'), requestId: c.get('requestId') },
    now: deps.now(),
  });
  const options = async () => ({
    themes: (
      await db.many<{ code: string; name: string }>(
        sql`SELECT code, name FROM themes ORDER BY position, name`,
      )
    ).map((x): ListOption => ({ key: `theme:${x.code}`, label: x.name })),
    regions: (
      await db.many<{ code: string; name: string }>(sql`SELECT code, name FROM regions ORDER BY name`)
    ).map((x): ListOption => ({ key: `region:${x.code}`, label: x.name })),
  });

  r.page('GET', '/lettres', policies.public, async (c) =>
    subscribePage(c, { values: {}, errors: {}, ...(await options()), sent: !!c.req.query('envoyee') }),
  );
  r.page('POST', '/lettres', policies.public, async (c) => {
    const values = await readForm(c);
    const parsed = subscribeSchema.safeParse(values);
    if (!parsed.success)
      return subscribePage(c, { values, errors: fieldErrors(parsed.error), ...(await options()) }, 422);
    try {
      await db.transaction((tx) =>
        subscribeNewsletter(op(c, tx), deps.config, parsed.data.email, parsed.data.lists),
      );
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation' && e.fields)
        return subscribePage(c, { values, errors: e.fields, ...(await options()) }, 422);
      throw e;
    }
    return c.redirect('/lettres?envoyee=1', 303);
  });

  const t = (c: C) => c.get('t');
  r.page('GET', '/lettres/confirmer/:token', policies.public, (c) =>
    tokenActionPage(c, {
      title: t(c)('newsletter.confirm.title'),
      lead: t(c)('newsletter.confirm.lead'),
      action: `/lettres/confirmer/${encodeURIComponent(c.req.param('token') ?? '')}`,
      button: t(c)('newsletter.confirm.button'),
    }),
  );
  r.page('POST', '/lettres/confirmer/:token', policies.public, async (c) => {
    const done = await db.transaction((tx) => confirmNewsletter(op(c, tx), c.req.param('token') ?? ''));
    return tokenActionPage(c, {
      title: t(c)('newsletter.confirm.title'),
      lead: '',
      ...(done ? { done: t(c)('newsletter.confirm.done') } : { invalid: t(c)('newsletter.confirm.invalid') }),
    });
  });

  // GET is the link in the message (a button, changes nothing); POST is RFC 8058 one-click
  // (List-Unsubscribe-Post), accepted without cookie or CSRF token like /desabonnement/:token.
  r.page('GET', '/lettres/desabonnement/:token', policies.public, (c) => {
    const parsed = readListUnsubscribeToken(deps.config.SESSION_SECRET, c.req.param('token') ?? '');
    return tokenActionPage(c, {
      title: t(c)('newsletter.unsubscribe.title'),
      lead: t(c)('newsletter.unsubscribe.lead'),
      action: `/lettres/desabonnement/${encodeURIComponent(c.req.param('token') ?? '')}`,
      button: t(c)('newsletter.unsubscribe.button'),
      invalid: parsed ? undefined : t(c)('newsletter.unsubscribe.invalid'),
    });
  });
  r.page('POST', '/lettres/desabonnement/:token', policies.public, async (c) => {
    const parsed = readListUnsubscribeToken(deps.config.SESSION_SECRET, c.req.param('token') ?? '');
    if (parsed) await db.transaction((tx) => unsubscribeNewsletter(op(c, tx), parsed.email, parsed.listKey));
    return tokenActionPage(c, {
      title: t(c)('newsletter.unsubscribe.title'),
      lead: '',
      ...(parsed
        ? { done: t(c)('newsletter.unsubscribe.done') }
        : { invalid: t(c)('newsletter.unsubscribe.invalid') }),
    });
  });
}
