import { ALL, type ModuleMatrix, NETWORK_ADMINS, ORG_ADMINS } from './types.js';

/** Routes of the territory part of the directory (src/modules/directory/territory). */
export const territoryMatrix: ModuleMatrix = {
  module: 'directory/territory',
  entries: [
    {
      method: 'GET',
      path: '/api/v1/territories/communes/:insee',
      url: () => '/api/v1/territories/communes/75056',
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/api/v1/territories/communes',
      url: () => '/api/v1/territories/communes?q=par',
      allow: ALL,
    },
    { method: 'GET', path: '/admin/import/missions-locales', allow: NETWORK_ADMINS },
    // No file: the allowed callers get the form back with an error (422), nothing imported.
    {
      method: 'POST',
      path: '/admin/import/missions-locales',
      body: () => ({ format: 'imilo', simulation: '1' }),
      allow: NETWORK_ADMINS,
    },
    // The shipped list, as a dry run (without geography every row is rejected: 422, nothing written).
    {
      method: 'POST',
      path: '/admin/import/missions-locales/liste-livree',
      body: () => ({ simulation: '1' }),
      allow: NETWORK_ADMINS,
    },
    // Queues the background import (not run here: the matrix never runs jobs).
    { method: 'POST', path: '/admin/import/geographie', allow: NETWORK_ADMINS },
    {
      method: 'GET',
      path: '/organisations/:id/territoire',
      url: (w) => `/organisations/${w.orgA.id}/territoire`,
      allow: ORG_ADMINS,
    },
    // Nothing ticked: 422 for the allowed callers, nothing written.
    {
      method: 'POST',
      path: '/organisations/:id/territoire',
      url: (w) => `/organisations/${w.orgA.id}/territoire`,
      body: () => ({ action: 'retirer' }),
      allow: ORG_ADMINS,
    },
  ],
};
