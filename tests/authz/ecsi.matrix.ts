import { sql } from '../../src/db/sql.js';
import { ALL, type ModuleMatrix, NETWORK_ADMINS, SIGNED_IN, type World } from './types.js';

const aResource = async (w: World, status: 'suggested' | 'published', withFile = false) =>
  (
    await w.app.db.one<{
      id: string;
    }>(sql`INSERT INTO ecsi_resources (title, kind, summary, audience, licence, source,
      url, file, file_name, file_type, status, suggested_by_name, moderated_at)
    VALUES ('Guide de la matrice', 'guide', 'Un guide.', 'both', 'CC BY 4.0', 'Test', 'https://exemple.fr/guide',
      ${withFile ? new Uint8Array([37, 80, 68, 70]) : null}, ${withFile ? 'guide.pdf' : null},
      ${withFile ? 'application/pdf' : null}, ${status}, 'Test', ${status === 'suggested' ? null : new Date()})
    RETURNING id`)
  ).id;
const rid = (w: World) => w.extra.ecsiResourceId as string;

/** The library, its files and the awareness figures are public; members suggest and record; network staff moderate. */
export const ecsiMatrix: ModuleMatrix = {
  module: 'ecsi',
  async setup(w) {
    w.extra.ecsiResourceId = await aResource(w, 'published', true);
  },
  entries: [
    { method: 'GET', path: '/api/v1/ecsi/resources', allow: ALL },
    {
      method: 'POST',
      path: '/api/v1/ecsi/resources',
      body: () => ({
        title: 'Outil',
        kind: 'tool',
        summary: 'Un outil.',
        audience: 'both',
        licence: 'CC BY 4.0',
        source: 'Test',
        url: 'https://exemple.fr/outil',
      }),
      allow: SIGNED_IN,
    },
    {
      method: 'GET',
      path: '/api/v1/ecsi/awareness',
      url: () => '/api/v1/ecsi/awareness?from=2025-07-04&to=2026-07-03',
      allow: ALL,
    },
    { method: 'GET', path: '/ecsi', allow: ALL },
    { method: 'GET', path: '/ecsi/proposer', allow: SIGNED_IN },
    { method: 'POST', path: '/ecsi/proposer', body: () => ({ title: '' }), allow: SIGNED_IN },
    { method: 'GET', path: '/ecsi/moderation', allow: NETWORK_ADMINS },
    {
      method: 'POST',
      path: '/ecsi/ressources/:id/publier',
      fresh: async (w) => {
        w.extra.ecsiPending = await aResource(w, 'suggested');
      },
      url: (w) => `/ecsi/ressources/${w.extra.ecsiPending}/publier`,
      allow: NETWORK_ADMINS,
    },
    {
      method: 'POST',
      path: '/ecsi/ressources/:id/refuser',
      fresh: async (w) => {
        w.extra.ecsiPending = await aResource(w, 'suggested');
      },
      url: (w) => `/ecsi/ressources/${w.extra.ecsiPending}/refuser`,
      body: () => ({ reason: 'Hors sujet.' }),
      allow: NETWORK_ADMINS,
    },
    {
      method: 'POST',
      path: '/ecsi/ressources/:id/retirer',
      fresh: async (w) => {
        w.extra.ecsiPublished = await aResource(w, 'published');
      },
      url: (w) => `/ecsi/ressources/${w.extra.ecsiPublished}/retirer`,
      allow: NETWORK_ADMINS,
    },
    { method: 'GET', path: '/ecsi/ressources/:id', url: (w) => `/ecsi/ressources/${rid(w)}`, allow: ALL },
    {
      method: 'GET',
      path: '/ecsi/ressources/:id/fichier',
      url: (w) => `/ecsi/ressources/${rid(w)}/fichier`,
      allow: ALL,
    },
    { method: 'GET', path: '/ecsi/actions', allow: ALL },
    { method: 'GET', path: '/ecsi/actions/nouvelle', allow: SIGNED_IN },
    { method: 'POST', path: '/ecsi/actions/nouvelle', body: () => ({ title: '' }), allow: SIGNED_IN },
  ],
};
