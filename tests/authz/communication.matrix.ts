import { sql } from '../../src/db/sql.js';
import { listUnsubscribeToken } from '../../src/modules/communication/newsletter-token.js';
import { ALL, type ModuleMatrix, NETWORK_ADMINS, type World } from './types.js';

const HASH = 'a'.repeat(64);
const aNews = async (w: World, status: 'draft' | 'published') => {
  const id = (
    await w.app.db.one<{
      id: string;
    }>(sql`INSERT INTO news_items (status, drafted_by_network, published_at, published_hash)
      VALUES (${status}, 'unml', ${status === 'published' ? new Date() : null}, ${status === 'published' ? HASH : null})
      RETURNING id`)
  ).id;
  await w.app.db.run(sql`INSERT INTO news_versions (news_id, number, title, body, social_text, hash, proposed_by_name, proposed_by_network)
    VALUES (${id}, 1, 'Actualité de la matrice', 'Texte.', 'Court.', ${HASH}, 'Test', 'unml')`);
  return id;
};
const news = { title: 'Titre', body: 'Texte.', socialText: 'Court.', imageAlt: '', link: '' };

/** Art. 3 : published news and feeds are public; network staff draft, revise and approve. */
export const communicationMatrix: ModuleMatrix = {
  module: 'communication',
  async setup(w) {
    w.extra.newsPublished = await aNews(w, 'published');
    w.extra.newsDraft = await aNews(w, 'draft');
  },
  entries: [
    { method: 'GET', path: '/lettres', allow: ALL },
    {
      method: 'POST',
      path: '/lettres',
      body: () => ({ email: 'lecteur@exemple.fr', lists: 'national' }),
      allow: ALL,
    },
    { method: 'GET', path: '/lettres/confirmer/:token', url: () => '/lettres/confirmer/inconnu', allow: ALL },
    {
      method: 'POST',
      path: '/lettres/confirmer/:token',
      url: () => '/lettres/confirmer/inconnu',
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/lettres/desabonnement/:token',
      url: (w) =>
        `/lettres/desabonnement/${listUnsubscribeToken(w.app.deps.config.SESSION_SECRET, 'lecteur@exemple.fr', 'national')}`,
      allow: ALL,
    },
    {
      method: 'POST',
      path: '/lettres/desabonnement/:token',
      url: (w) =>
        `/lettres/desabonnement/${listUnsubscribeToken(w.app.deps.config.SESSION_SECRET, 'lecteur@exemple.fr', 'national')}`,
      allow: ALL,
    },
    { method: 'GET', path: '/actualites', allow: ALL },
    { method: 'GET', path: '/actualites/rss.xml', allow: ALL },
    { method: 'GET', path: '/actualites/atom.xml', allow: ALL },
    { method: 'GET', path: '/actualites/redaction', allow: NETWORK_ADMINS },
    { method: 'POST', path: '/actualites/redaction', body: () => news, allow: NETWORK_ADMINS },
    {
      method: 'GET',
      path: '/actualites/:id',
      url: (w) => `/actualites/${w.extra.newsPublished}`,
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/actualites/:id/relecture',
      url: (w) => `/actualites/${w.extra.newsDraft}/relecture`,
      allow: NETWORK_ADMINS,
    },
    {
      method: 'POST',
      path: '/actualites/:id/versions',
      fresh: async (w) => {
        w.extra.newsFresh = await aNews(w, 'draft');
      },
      url: (w) => `/actualites/${w.extra.newsFresh}/versions`,
      body: () => ({ ...news, title: 'Nouveau titre' }),
      allow: NETWORK_ADMINS,
    },
    {
      method: 'POST',
      path: '/actualites/:id/approuver',
      fresh: async (w) => {
        w.extra.newsFresh = await aNews(w, 'draft');
      },
      url: (w) => `/actualites/${w.extra.newsFresh}/approuver`,
      body: () => ({ hash: HASH }),
      allow: NETWORK_ADMINS,
    },
  ],
};
