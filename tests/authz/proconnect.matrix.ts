import { ALL, type ModuleMatrix } from './types.js';

/**
 * ProConnect routes are public (they are how one signs in). The matrix app runs with
 * PROCONNECT_ENABLED=false, so each answers 404 "not enabled" — let through the
 * permission layer for every caller. The enabled flow is tested end to end against a
 * real OpenID Connect provider in src/modules/proconnect/proconnect.db.test.ts.
 */
export const proconnectMatrix: ModuleMatrix = {
  module: 'proconnect',
  entries: [
    { method: 'GET', path: '/connexion/proconnect', allow: ALL },
    { method: 'GET', path: '/connexion/proconnect/retour', allow: ALL },
    { method: 'GET', path: '/connexion/proconnect/organisation', allow: ALL },
    {
      method: 'POST',
      path: '/connexion/proconnect/organisation',
      body: () => ({ organisation: 'aucune' }),
      allow: ALL,
    },
  ],
};
