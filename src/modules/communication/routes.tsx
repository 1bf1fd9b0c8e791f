import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { Registrar } from '../../http/registry.js';
import { fieldErrors, readForm } from '../../http/validation.js';
import { isNetworkAdmin } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import type { Module } from '../index.js';
import { approveNews } from './approve-news.js';
import type { Network } from './domain/approval.js';
import { type Author, draftNews } from './draft-news.js';
import { buildFeed } from './feeds.js';
import { registerNewsletters } from './newsletter-routes.js';
import type { OpContext } from './op-context.js';
import { newsFormPage } from './pages/form.js';
import { newsItemPage, newsReviewPage } from './pages/item.js';
import { newsListPage } from './pages/list.js';
import { reviseNews } from './revise-news.js';
import { approveSchema, newsSchema } from './schemas.js';
import { draftNews as listDrafts, loadNews, publishedNews } from './store.js';

type C = Context<AppEnv>;

const op = (c: C, deps: Deps, tx: OpContext['tx']): OpContext => ({
  tx,
  audit: { actor: c.get('actor'), requestId: c.get('requestId') },
  now: deps.now(),
});

/** The network a staff member speaks for (platform admins without a network speak for none). */
const networkOf = (c: C): Network | null => {
  const a = c.get('actor');
  return a.kind === 'user' ? a.user.network : null;
};
const authorOf = (c: C): Author => {
  const a = c.get('actor');
  if (a.kind !== 'user') throw new AppError('unauthenticated');
  if (!a.user.network)
    throw new AppError(
      'validation',
      'Votre compte n’est rattaché ni à l’UNML ni à Cités Unies France : seules leurs équipes rédigent et approuvent les actualités.',
      { network: 'Votre compte n’est rattaché à aucun des deux réseaux.' },
    );
  return { id: a.user.id, name: a.user.name, network: a.user.network };
};

function register(r: Registrar, deps: Deps) {
  const { db } = deps;
  const t = (c: C) => c.get('t');
  const itemOr404 = async (c: C) => {
    const item = await loadNews(db, c.req.param('id') ?? '');
    if (!item) throw new AppError('not_found', 'Cette actualité n’existe pas.');
    return item;
  };

  registerNewsletters(r, deps);

  r.page('GET', '/actualites', policies.public, async (c) =>
    newsListPage(c, {
      items: await publishedNews(db),
      drafts: isNetworkAdmin(c.get('actor')) ? await listDrafts(db) : null,
    }),
  );

  const feed = (format: 'rss' | 'atom') => async (c: C) => {
    const f = buildFeed(deps.config.BASE_URL, await publishedNews(db), deps.now());
    return c.body(format === 'rss' ? f.rss2() : f.atom1(), 200, {
      'Content-Type': `application/${format === 'rss' ? 'rss' : 'atom'}+xml; charset=utf-8`,
    });
  };
  r.asset('GET', '/actualites/rss.xml', policies.public, feed('rss'));
  r.asset('GET', '/actualites/atom.xml', policies.public, feed('atom'));

  r.page('GET', '/actualites/redaction', policies.networkAdmin, (c) =>
    newsFormPage(c, { values: {}, errors: {} }),
  );
  r.page('POST', '/actualites/redaction', policies.networkAdmin, async (c) => {
    const values = await readForm(c);
    const parsed = newsSchema.safeParse(values);
    if (!parsed.success) return newsFormPage(c, { values, errors: fieldErrors(parsed.error) }, 422);
    const author = authorOf(c);
    const { id } = await db.transaction((tx) => draftNews(op(c, deps, tx), author, parsed.data));
    return c.redirect(`/actualites/${id}/relecture?enregistree=1`, 303);
  });

  r.page('GET', '/actualites/:id', policies.public, async (c) => {
    const item = await itemOr404(c);
    const staff = isNetworkAdmin(c.get('actor'));
    if (item.status !== 'published') {
      if (staff) return c.redirect(`/actualites/${item.id}/relecture`, 303);
      throw new AppError('not_found', 'Cette actualité n’existe pas ou n’est pas publiée.');
    }
    return newsItemPage(c, { item, staff });
  });

  r.page('GET', '/actualites/:id/relecture', policies.networkAdmin, async (c) => {
    const q = (k: string) => c.req.query(k);
    const flash = q('enregistree')
      ? t(c)('news.flash.saved')
      : q('approuvee')
        ? t(c)('news.flash.approved')
        : q('publiee')
          ? t(c)('news.flash.published')
          : undefined;
    return newsReviewPage(c, { item: await itemOr404(c), network: networkOf(c), flash });
  });

  r.page('POST', '/actualites/:id/versions', policies.networkAdmin, async (c) => {
    const item = await itemOr404(c);
    const values = await readForm(c);
    const parsed = newsSchema.safeParse(values);
    if (!parsed.success)
      return newsReviewPage(
        c,
        { item, network: networkOf(c), values, errors: fieldErrors(parsed.error) },
        422,
      );
    const author = authorOf(c);
    try {
      await db.transaction((tx) => reviseNews(op(c, deps, tx), author, item.id, parsed.data));
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation' && e.fields)
        return newsReviewPage(c, { item, network: networkOf(c), values, errors: e.fields }, 422);
      throw e;
    }
    return c.redirect(`/actualites/${item.id}/relecture?enregistree=1`, 303);
  });

  r.page('POST', '/actualites/:id/approuver', policies.networkAdmin, async (c) => {
    const item = await itemOr404(c);
    const parsed = approveSchema.safeParse(await readForm(c));
    if (!parsed.success)
      return newsReviewPage(c, { item, network: networkOf(c), errors: fieldErrors(parsed.error) }, 422);
    const approver = authorOf(c);
    const res = await db.transaction((tx) =>
      approveNews(op(c, deps, tx), approver, item.id, parsed.data.hash),
    );
    return c.redirect(`/actualites/${item.id}/relecture?${res.published ? 'publiee' : 'approuvee'}=1`, 303);
  });
}

export const communicationModule: Module = { name: 'communication', register };
