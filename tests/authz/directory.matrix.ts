import { ALL, type ModuleMatrix, ORG_ADMINS } from './types.js';

/** Routes of the directory's profiles, search, map and export (src/modules/directory, outside territory/). */
export const directoryMatrix: ModuleMatrix = {
  module: 'directory',
  entries: [
    { method: 'GET', path: '/annuaire', url: () => '/annuaire?q=mission&vue=liste', allow: ALL },
    { method: 'GET', path: '/annuaire/schema.json', allow: ALL },
    {
      method: 'GET',
      path: '/annuaire/export.csv',
      url: () => '/annuaire/export.csv?kind=mission_locale',
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/annuaire/export.json',
      url: () => '/annuaire/export.json?kind=mission_locale',
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/api/v1/organisations/autocomplete',
      url: () => '/api/v1/organisations/autocomplete?q=missi',
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/api/v1/organisations',
      url: () => '/api/v1/organisations?q=commune',
      allow: ALL,
    },
    { method: 'GET', path: '/ce-que-voient-les-autres', allow: ALL },
    { method: 'GET', path: '/organisations/:id', url: (w) => `/organisations/${w.orgA.id}`, allow: ALL },
    {
      method: 'GET',
      path: '/organisations/:id/modifier',
      url: (w) => `/organisations/${w.orgA.id}/modifier`,
      allow: ORG_ADMINS,
    },
    {
      method: 'POST',
      path: '/organisations/:id/modifier',
      url: (w) => `/organisations/${w.orgA.id}/modifier`,
      body: () => ({ description: 'Profil mis à jour par la matrice', verified: 'on' }),
      allow: ORG_ADMINS,
    },
    {
      method: 'GET',
      path: '/api/v1/organisations/:id',
      url: (w) => `/api/v1/organisations/${w.orgA.id}`,
      allow: ALL,
    },
    {
      method: 'PATCH',
      path: '/api/v1/organisations/:id',
      url: (w) => `/api/v1/organisations/${w.orgA.id}`,
      body: () => ({ description: 'Profil mis à jour par l’API' }),
      allow: ORG_ADMINS,
    },
  ],
};
