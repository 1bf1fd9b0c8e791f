import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../src/http/registry.js';
import { createTestApp, type TestApp } from './helpers/app.js';

/**
 * Issue 10, "Every action has its API": every page action (a page route with POST, PUT,
 * PATCH or DELETE) is listed here, either with the API route that does the same thing
 * (same schemas, same operation, same permission layer) or in an explicit list with a
 * reason. A new page action that is in none of the lists fails this test; so does an entry
 * whose page or API route no longer exists.
 */

/** Page action → its API counterpart. */
const PARITY: Record<string, string> = {
  // auth: members and invitations, account
  'POST /organisations/:id/invitations': 'POST /api/v1/organisations/:id/invitations',
  'POST /organisations/:id/membres/:userId/role': 'PUT /api/v1/organisations/:id/members/:userId/role',
  'POST /organisations/:id/membres/:userId/retirer': 'DELETE /api/v1/organisations/:id/members/:userId',
  'POST /compte/langue': 'PATCH /api/v1/me',
  // directory
  'POST /organisations/:id/modifier': 'PATCH /api/v1/organisations/:id',
  // agreements (art. 4 to 9 of the convention, roadmaps)
  'POST /conventions/nouvelle': 'POST /api/v1/agreements',
  'POST /conventions/:id/approbations': 'POST /api/v1/agreements/:id/approvals',
  'POST /conventions/:id/approbations/:approvalId/copie':
    'PUT /api/v1/agreements/:id/approvals/:approvalId/signed-copy',
  'POST /conventions/:id/versions': 'POST /api/v1/agreements/:id/versions',
  'POST /conventions/:id/denonciation': 'POST /api/v1/agreements/:id/withdrawals',
  'POST /conventions/:id/mises-en-demeure': 'POST /api/v1/agreements/:id/formal-notices',
  'POST /conventions/:id/mises-en-demeure/:noticeId/levee':
    'POST /api/v1/agreements/:id/formal-notices/:noticeId/remedy',
  'POST /conventions/:id/mises-en-demeure/:noticeId/resiliation':
    'POST /api/v1/agreements/:id/formal-notices/:noticeId/termination',
  'POST /conventions/:id/resiliation-de-plein-droit': 'POST /api/v1/agreements/:id/automatic-terminations',
  'POST /conventions/:id/litiges': 'POST /api/v1/agreements/:id/disputes',
  'POST /conventions/:id/litiges/:disputeId/etape': 'POST /api/v1/agreements/:id/disputes/:disputeId/stages',
  'POST /conventions/:id/reunions': 'POST /api/v1/agreements/:id/meetings',
  'POST /conventions/:id/feuilles-de-route': 'POST /api/v1/agreements/:id/roadmaps',
  'POST /conventions/:id/feuilles-de-route/:year/actions':
    'POST /api/v1/agreements/:id/roadmaps/:year/actions',
  'POST /conventions/:id/feuilles-de-route/:year/actions/:actionId':
    'PATCH /api/v1/agreements/:id/roadmaps/:year/actions/:actionId',
  'POST /conventions/:id/feuilles-de-route/:year/approbations':
    'POST /api/v1/agreements/:id/roadmaps/:year/approvals',
  'POST /conventions/:id/feuilles-de-route/:year/import':
    'POST /api/v1/agreements/:id/roadmaps/:year/actions/import',
  // evaluation: annual review (art. 4)
  'POST /conventions/:id/bilans/:year/partie': 'PUT /api/v1/agreements/:id/reviews/:year/sections',
  'POST /conventions/:id/bilans/:year/approuver': 'POST /api/v1/agreements/:id/reviews/:year/approvals',
  // connections and relays
  'POST /organisations/:id/mises-en-relation/nouvelle': 'POST /api/v1/connections',
  'POST /mises-en-relation/:id/accepter': 'POST /api/v1/connections/:id/accept',
  'POST /mises-en-relation/:id/decliner': 'POST /api/v1/connections/:id/decline',
  'POST /relais/:id/transmettre': 'POST /api/v1/connections/:id/forward',
  'POST /relais/:id/inviter': 'POST /api/v1/connections/:id/invite',
  // funding: saved searches
  'POST /financements/alertes': 'POST /api/v1/funding-searches',
  'POST /financements/alertes/:sid/supprimer': 'DELETE /api/v1/funding-searches/:sid',
  // projects
  'POST /projets/nouveau': 'POST /api/v1/projects',
  'POST /projets/:id/modifier': 'PATCH /api/v1/projects/:id',
  'POST /projets/:id/statut': 'POST /api/v1/projects/:id/transitions',
  'POST /projets/:id/partenaires': 'POST /api/v1/projects/:id/partners',
  'POST /projets/:id/jalons': 'POST /api/v1/projects/:id/milestones',
  'POST /projets/:id/budget': 'POST /api/v1/projects/:id/budget-lines',
  'POST /projets/:id/financements': 'POST /api/v1/projects/:id/funding-lines',
  'POST /projets/:id/financements/:lineId': 'PUT /api/v1/projects/:id/funding-lines/:lineId',
  'POST /projets/:id/participants': 'PUT /api/v1/projects/:id/participants',
  'POST /projets/:id/evaluation': 'PUT /api/v1/projects/:id/assessment',
  'POST /projets/:id/documents': 'POST /api/v1/projects/:id/documents',
  'POST /projets/:id/publication': 'POST /api/v1/projects/:id/publication-request',
  'POST /projets/:id/publier': 'POST /api/v1/projects/:id/publication',
  // events
  'POST /evenements/nouveau': 'POST /api/v1/events',
  'POST /evenements/:id/inscription': 'POST /api/v1/events/:id/registrations',
  'POST /evenements/:id/desinscription': 'DELETE /api/v1/events/:id/registrations/:rid',
  // ecsi
  'POST /ecsi/proposer': 'POST /api/v1/ecsi/resources',
};

/** Page actions that have no API counterpart on purpose, and why. */
const EXEMPT: Record<string, string> = {
  'POST /connexion': 'sign-in opens a browser session; the API authenticates with personal tokens',
  'POST /deconnexion': 'sign-out ends the browser session; a token is revoked instead',
  'POST /compte/deconnexion-partout': 'ends browser sessions; tokens are not sessions',
  'POST /connexion/proconnect/organisation': 'step of the ProConnect (OIDC) browser sign-in',
  'POST /mot-de-passe-oublie': 'password reset by e-mail link, for people who cannot sign in',
  'POST /reinitialiser-mot-de-passe/:token': 'password reset: the e-mail link is the proof',
  'POST /compte/mot-de-passe':
    'a password is changed in the browser with the current one; a token must not change it',
  'POST /compte/jetons': 'a token must not mint tokens: personal tokens are created in a signed-in browser',
  'POST /compte/jetons/:id/revoquer': 'tokens are managed in a signed-in browser, where they are created',
  'POST /invitation/:token':
    'accepting an invitation: the e-mail link proves the address and opens a session (possibly creating the account)',
  'POST /mise-en-relation/reponse/:token':
    'anonymous answer from an e-mail link (no account); members answer with POST /api/v1/connections/:id/accept|decline',
  'POST /desabonnement/:token': 'CSRF-less one-click unsubscribe from an e-mail (RFC 8058), no account',
  'POST /financements/alertes/desabonner/:token':
    'one-click unsubscribe from an alert e-mail, no account; signed in: DELETE /api/v1/funding-searches/:sid',
  'POST /evenements/inscription/confirmer/:token': 'confirms a registration from its e-mail link, no account',
  'POST /evenements/inscription/annuler/:token': 'cancels a registration from its e-mail link, no account',
  'POST /lettres/confirmer/:token':
    'confirms a newsletter subscription from its e-mail link (double opt-in), no account',
  'POST /lettres/desabonnement/:token': 'RFC 8058 one-click unsubscribe from one newsletter list, no account',
};

/**
 * Page actions whose API route is NOT written yet. Listed by name so that none is silently
 * missing; each moves to PARITY when its route lands.
 */
const NOT_YET: Record<string, string> = {
  'POST /organisations/:id/demandes-adhesion/:requestId': 'membership requests (ProConnect): review',
  'POST /organisations/:id/territoire': 'directory: edit the territory (communes, EPCI)',
  'POST /admin/import/geographie': 'admin import (also CLI `passerelle import`)',
  'POST /admin/import/missions-locales/liste-livree': 'admin import of the shipped list (also CLI)',
  'POST /admin/import/missions-locales': 'admin import (also CLI)',
  'POST /admin/taches/:id/relancer': 'admin: retry a failed background job',
  'POST /notifications/lues': 'connections: mark all notifications read',
  'POST /notifications/:id/lue': 'connections: mark one notification read',
  'POST /compte/notifications': 'connections: e-mail notification preferences',
  'POST /financements/nouveau': 'funding catalogue: create a programme',
  'POST /financements/:id/modifier': 'funding catalogue: edit a programme',
  'POST /financements/:id/appels': 'funding catalogue: add a call',
  'POST /financements/proposer': 'funding catalogue: suggest a programme',
  'POST /financements/propositions/:sid/accepter': 'funding catalogue: accept a suggestion',
  'POST /financements/propositions/:sid/refuser': 'funding catalogue: reject a suggestion',
  'POST /evenements/:id/modifier': 'events: edit',
  'POST /evenements/:id/annuler': 'events: cancel',
  'POST /evenements/:id/bilan': 'events: report',
  'POST /ecsi/ressources/:id/publier': 'ECSI: publish a resource',
  'POST /ecsi/ressources/:id/refuser': 'ECSI: reject a resource',
  'POST /ecsi/ressources/:id/retirer': 'ECSI: withdraw a resource',
  'POST /ecsi/actions/nouvelle': 'ECSI: record an awareness action',
  'POST /actualites/redaction': 'communication: draft a news item',
  'POST /actualites/:id/versions': 'communication: revise a news item',
  'POST /actualites/:id/approuver': 'communication: approve a news item',
  'POST /lettres': 'communication: subscribe to newsletters (double opt-in)',
};

let app: TestApp;
let routes: RouteEntry[];
const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

beforeAll(async () => {
  app = await createTestApp();
  routes = app.routes;
});
afterAll(async () => {
  await app?.close();
});

describe('every page action has its API (issue 10)', () => {
  it('lists every page action of the app in exactly one table', () => {
    const actions = routes.filter((r) => r.kind === 'page' && r.method !== 'GET').map(key);
    expect(actions.length).toBeGreaterThan(50);
    const unlisted = actions.filter((k) => !(k in PARITY) && !(k in EXEMPT) && !(k in NOT_YET));
    expect(unlisted, 'page actions with no API counterpart listed (add the API route to PARITY)').toEqual([]);
    const twice = actions.filter((k) => [PARITY, EXEMPT, NOT_YET].filter((t) => k in t).length > 1);
    expect(twice, 'page actions listed in two tables').toEqual([]);
    const all = new Set(actions);
    const stale = [...Object.keys(PARITY), ...Object.keys(EXEMPT), ...Object.keys(NOT_YET)].filter(
      (k) => !all.has(k),
    );
    expect(stale, 'entries for page actions that do not exist').toEqual([]);
  });

  it('maps each page action to an API route that exists in the registrar', () => {
    const api = new Set(routes.filter((r) => r.kind === 'api').map(key));
    const missing = Object.entries(PARITY).filter(([, target]) => !api.has(target));
    expect(missing, 'API counterparts that are not registered').toEqual([]);
    for (const target of Object.values(PARITY))
      expect(target).toMatch(/^(POST|PUT|PATCH|DELETE) \/api\/v1\//);
  });

  it('gives the API counterpart the same permission rule as the page, where the page names it', () => {
    const policyOf = new Map(routes.map((r) => [key(r), r.policy.name]));
    // Same policy name, except where the API names the acting organisation in the body
    // instead of the path (the check is the same membership rule).
    const differ = Object.entries(PARITY)
      .filter(([page, target]) => policyOf.get(page) !== policyOf.get(target))
      .map(([page, target]) => `${page} (${policyOf.get(page)}) → ${target} (${policyOf.get(target)})`);
    expect(differ).toEqual([
      'POST /organisations/:id/mises-en-relation/nouvelle (memberOf(:id)) → POST /api/v1/connections (requesterMember(body.requesterId))',
      'POST /evenements/:id/inscription (public) → POST /api/v1/events/:id/registrations (signedIn)',
      'POST /evenements/:id/desinscription (signedIn) → DELETE /api/v1/events/:id/registrations/:rid (eventRegistrant)',
    ]);
  });

  it('every exemption and pending entry gives a reason', () => {
    for (const [k, why] of Object.entries({ ...EXEMPT, ...NOT_YET }))
      expect(why.length, k).toBeGreaterThan(10);
  });
});
