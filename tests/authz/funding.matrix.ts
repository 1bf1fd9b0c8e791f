import { randomBytes } from 'node:crypto';
import { sql } from '../../src/db/sql.js';
import { ALL, type ModuleMatrix, NETWORK_ADMINS, SIGNED_IN, type World } from './types.js';

const programme = {
  name: 'Programme du test',
  funder: 'Financeur',
  summary: 'Résumé',
  applicantTypes: ['local_authority'],
  projectKinds: ['youth_mobility'],
  zones: 'world',
  amountMin: '1000',
  amountMax: '5000',
  recurrence: 'Annuel',
  factsYear: '2025',
  sources: 'https://exemple.fr/programme',
};

const freshSuggestion = async (w: World) => {
  const row = await w.app.db.one<{ id: string }>(sql`INSERT INTO funding_suggestions
    (suggested_by_name, name, funder, message) VALUES ('Test', 'Nouveau', 'Financeur', 'À ajouter') RETURNING id`);
  w.extra.fundingSuggestionId = row.id;
};
const pid = (w: World) => w.extra.fundingProgrammeId as string;

/** The catalogue is public; network admins edit it; any signed-in user may suggest. */
export const fundingMatrix: ModuleMatrix = {
  module: 'funding',
  async setup(w) {
    const row = await w.app.db.one<{ id: string }>(sql`INSERT INTO funding_programmes (name, funder)
      VALUES ('Programme de la matrice', 'Financeur') RETURNING id`);
    w.extra.fundingProgrammeId = row.id;
    const search = await w.app.db.one<{
      id: string;
    }>(sql`INSERT INTO funding_saved_searches (user_id, unsubscribe_token)
      VALUES (${w.users.member!.id}, ${'a'.repeat(64)}) RETURNING id`);
    w.extra.fundingSearchId = search.id;
  },
  entries: [
    { method: 'GET', path: '/api/v1/funding-programmes', allow: ALL },
    {
      method: 'GET',
      path: '/api/v1/funding-programmes/:id',
      url: (w) => `/api/v1/funding-programmes/${pid(w)}`,
      allow: ALL,
    },
    { method: 'GET', path: '/financements', allow: ALL },
    { method: 'GET', path: '/financements/nouveau', allow: NETWORK_ADMINS },
    { method: 'POST', path: '/financements/nouveau', body: () => programme, allow: NETWORK_ADMINS },
    { method: 'GET', path: '/financements/alertes', allow: SIGNED_IN },
    {
      method: 'POST',
      path: '/financements/alertes',
      body: () => ({ q: 'jeunes', projectKind: 'ecsi' }),
      allow: SIGNED_IN,
    },
    {
      method: 'POST',
      path: '/financements/alertes/:sid/supprimer',
      fresh: async (w) => {
        const s = await w.app.db.one<{
          id: string;
        }>(sql`INSERT INTO funding_saved_searches (user_id, unsubscribe_token)
          VALUES (${w.users.member!.id}, ${randomBytes(32).toString('hex')}) RETURNING id`);
        w.extra.fundingSearchId = s.id;
      },
      url: (w) => `/financements/alertes/${w.extra.fundingSearchId}/supprimer`,
      allow: ['member'],
    },
    { method: 'GET', path: '/api/v1/funding-searches', allow: SIGNED_IN },
    {
      method: 'POST',
      path: '/api/v1/funding-searches',
      body: () => ({ q: 'jeunes', projectKind: 'ecsi' }),
      allow: SIGNED_IN,
    },
    {
      method: 'DELETE',
      path: '/api/v1/funding-searches/:sid',
      // Each call deletes one: a fresh saved search of the member every time.
      fresh: async (w) => {
        const s = await w.app.db.one<{
          id: string;
        }>(sql`INSERT INTO funding_saved_searches (user_id, unsubscribe_token)
          VALUES (${w.users.member!.id}, ${randomBytes(32).toString('hex')}) RETURNING id`);
        w.extra.fundingApiSearchId = s.id;
      },
      url: (w) => `/api/v1/funding-searches/${w.extra.fundingApiSearchId}`,
      allow: ['member'],
    },
    {
      method: 'GET',
      path: '/financements/alertes/desabonner/:token',
      url: () => `/financements/alertes/desabonner/${'b'.repeat(64)}`,
      allow: ALL,
    },
    {
      method: 'POST',
      path: '/financements/alertes/desabonner/:token',
      url: () => `/financements/alertes/desabonner/${'b'.repeat(64)}`,
      allow: ALL,
    },
    { method: 'GET', path: '/financements/proposer', allow: SIGNED_IN },
    {
      method: 'POST',
      path: '/financements/proposer',
      body: (w) => ({ programme: pid(w), message: 'Le montant a changé.' }),
      allow: SIGNED_IN,
    },
    { method: 'GET', path: '/financements/propositions', allow: NETWORK_ADMINS },
    {
      method: 'POST',
      path: '/financements/propositions/:sid/accepter',
      fresh: freshSuggestion,
      url: (w) => `/financements/propositions/${w.extra.fundingSuggestionId}/accepter`,
      allow: NETWORK_ADMINS,
    },
    {
      method: 'POST',
      path: '/financements/propositions/:sid/refuser',
      fresh: freshSuggestion,
      url: (w) => `/financements/propositions/${w.extra.fundingSuggestionId}/refuser`,
      body: () => ({ reason: 'Déjà au catalogue.' }),
      allow: NETWORK_ADMINS,
    },
    { method: 'GET', path: '/financements/:id', url: (w) => `/financements/${pid(w)}`, allow: ALL },
    {
      method: 'GET',
      path: '/financements/:id/modifier',
      url: (w) => `/financements/${pid(w)}/modifier`,
      allow: NETWORK_ADMINS,
    },
    {
      method: 'POST',
      path: '/financements/:id/modifier',
      url: (w) => `/financements/${pid(w)}/modifier`,
      body: () => programme,
      allow: NETWORK_ADMINS,
    },
    {
      method: 'POST',
      path: '/financements/:id/appels',
      url: (w) => `/financements/${pid(w)}/appels`,
      body: () => ({ title: 'Appel 2026', opensOn: '2026-01-01', closesOn: '2026-03-31' }),
      allow: NETWORK_ADMINS,
    },
  ],
};
