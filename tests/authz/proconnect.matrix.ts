import { sql } from '../../src/db/sql.js';
import { aUser } from '../helpers/fixtures.js';
import { ALL, type Caller, type ModuleMatrix } from './types.js';

/** Admins of the organisation, and network admins (platform admins are network admins too). */
const REVIEWERS: Caller[] = ['orgAdmin', 'networkAdmin', 'platformAdmin'];

/**
 * ProConnect sign-in routes are public (they are how one signs in). The matrix app runs
 * with PROCONNECT_ENABLED=false, so each answers 404 "not enabled" — let through the
 * permission layer for every caller. The enabled flow is tested end to end against a
 * real OpenID Connect provider in src/modules/proconnect/proconnect.db.test.ts.
 * Membership requests (ADR 0005) are reviewed by the organisation's admins and the
 * network admins.
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
    {
      method: 'GET',
      path: '/organisations/:id/demandes-adhesion',
      url: (w) => `/organisations/${w.orgA.id}/demandes-adhesion`,
      allow: REVIEWERS,
    },
    {
      method: 'POST',
      path: '/organisations/:id/demandes-adhesion/:requestId',
      url: (w) => `/organisations/${w.orgA.id}/demandes-adhesion/${w.extra.proconnectRequestId}`,
      body: () => ({ decision: 'refuser' }),
      // Each call decides a request: a fresh pending one for every caller.
      fresh: async (w) => {
        const requester = await aUser(w.app.db);
        const row = await w.app.db.one<{ id: string }>(
          sql`INSERT INTO proconnect_membership_requests (user_id, organisation_id) VALUES (${requester.id}, ${w.orgA.id}) RETURNING id`,
        );
        w.extra.proconnectRequestId = row.id;
      },
      allow: REVIEWERS,
    },
  ],
};
