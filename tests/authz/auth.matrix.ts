import { createApiToken } from '../../src/modules/auth/account.js';
import {
  INVITATION_TTL_MS,
  issueEmailToken,
  RESET_TOKEN_TTL_MS,
} from '../../src/modules/auth/email-tokens.js';
import { aUser } from '../helpers/fixtures.js';
import { ALL, type ModuleMatrix, ORG_ADMINS, SIGNED_IN } from './types.js';

/**
 * Sign-in, sign-out, password reset, invitations, members, account, API tokens, /api/v1/me.
 * Bodies are chosen so that no call changes who the callers are for later entries: wrong
 * credentials for /connexion, a too-short password for reset and invitation forms, the
 * current language for /compte/langue. Sign-out entries end the caller's session; the
 * matrix runner signs the caller in again afterwards.
 */
export const authMatrix: ModuleMatrix = {
  module: 'auth',
  async setup(w) {
    const db = w.app.db;
    const now = w.app.deps.now();
    const resetUser = await aUser(db, {});
    w.extra.authResetToken = (
      await issueEmailToken(db, {
        purpose: 'password_reset',
        email: resetUser.email,
        userId: resetUser.id,
        ttlMs: RESET_TOKEN_TTL_MS * 24 * 365,
        now,
      })
    ).token;
    w.extra.authInvitationToken = (
      await issueEmailToken(db, {
        purpose: 'invitation',
        email: 'invitation-matrice@exemple.fr',
        organisationId: w.orgA.id,
        role: 'member',
        createdBy: w.users.orgAdmin!.id,
        ttlMs: INVITATION_TTL_MS * 52,
        now,
      })
    ).token;
  },
  entries: [
    { method: 'GET', path: '/connexion', allow: ALL },
    {
      method: 'POST',
      path: '/connexion',
      body: () => ({ email: 'personne-inconnue@exemple.fr', password: 'pas-le-bon-mot-de-passe' }),
      allow: ALL,
    },
    { method: 'POST', path: '/deconnexion', allow: ALL },
    { method: 'POST', path: '/compte/deconnexion-partout', allow: SIGNED_IN },
    { method: 'GET', path: '/mot-de-passe-oublie', allow: ALL },
    {
      method: 'POST',
      path: '/mot-de-passe-oublie',
      body: () => ({ email: 'personne-inconnue@exemple.fr' }),
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/reinitialiser-mot-de-passe/:token',
      url: (w) => `/reinitialiser-mot-de-passe/${w.extra.authResetToken}`,
      allow: ALL,
    },
    {
      method: 'POST',
      path: '/reinitialiser-mot-de-passe/:token',
      url: (w) => `/reinitialiser-mot-de-passe/${w.extra.authResetToken}`,
      body: () => ({ password: 'court', confirm: 'court' }),
      allow: ALL,
    },
    {
      method: 'GET',
      path: '/organisations/:id/membres',
      url: (w) => `/organisations/${w.orgA.id}/membres`,
      allow: ORG_ADMINS,
    },
    {
      method: 'POST',
      path: '/organisations/:id/invitations',
      url: (w) => `/organisations/${w.orgA.id}/invitations`,
      body: () => ({ email: 'collegue-matrice@exemple.fr', role: 'member' }),
      allow: ORG_ADMINS,
    },
    {
      method: 'POST',
      path: '/organisations/:id/membres/:userId/role',
      url: (w) => `/organisations/${w.orgA.id}/membres/${w.users.member!.id}/role`,
      body: () => ({ role: 'member' }),
      allow: ORG_ADMINS,
    },
    {
      method: 'POST',
      path: '/organisations/:id/membres/:userId/retirer',
      url: (w) => `/organisations/${w.orgA.id}/membres/${w.extra.authRemovable}/retirer`,
      // Each call removes someone: a fresh colleague of organisation A every time.
      async fresh(w) {
        w.extra.authRemovable = (
          await aUser(w.app.db, { memberOf: [{ organisationId: w.orgA.id, role: 'member' }] })
        ).id;
      },
      allow: ORG_ADMINS,
    },
    {
      method: 'GET',
      path: '/api/v1/organisations/:id/members',
      url: (w) => `/api/v1/organisations/${w.orgA.id}/members`,
      allow: ORG_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/organisations/:id/invitations',
      url: (w) => `/api/v1/organisations/${w.orgA.id}/invitations`,
      body: () => ({ email: 'collegue-api-matrice@exemple.fr', role: 'member' }),
      allow: ORG_ADMINS,
    },
    {
      method: 'PUT',
      path: '/api/v1/organisations/:id/members/:userId/role',
      url: (w) => `/api/v1/organisations/${w.orgA.id}/members/${w.users.member!.id}/role`,
      body: () => ({ role: 'member' }),
      allow: ORG_ADMINS,
    },
    {
      method: 'DELETE',
      path: '/api/v1/organisations/:id/members/:userId',
      url: (w) => `/api/v1/organisations/${w.orgA.id}/members/${w.extra.authApiRemovable}`,
      // Each call removes someone: a fresh colleague of organisation A every time.
      async fresh(w) {
        w.extra.authApiRemovable = (
          await aUser(w.app.db, { memberOf: [{ organisationId: w.orgA.id, role: 'member' }] })
        ).id;
      },
      allow: ORG_ADMINS,
    },
    {
      method: 'GET',
      path: '/invitation/:token',
      url: (w) => `/invitation/${w.extra.authInvitationToken}`,
      allow: ALL,
    },
    {
      method: 'POST',
      path: '/invitation/:token',
      url: (w) => `/invitation/${w.extra.authInvitationToken}`,
      body: () => ({ name: '', password: 'court', confirm: 'court' }),
      allow: ALL,
    },
    { method: 'GET', path: '/compte', allow: SIGNED_IN },
    {
      method: 'POST',
      path: '/compte/jetons',
      body: () => ({ name: 'Jeton de la matrice', scope: 'read' }),
      allow: SIGNED_IN,
    },
    {
      method: 'POST',
      path: '/compte/jetons/:id/revoquer',
      url: (w) => `/compte/jetons/${w.extra.authTokenId}/revoquer`,
      // Each caller revokes a token of their own, made just before.
      async fresh(w, caller) {
        const u = w.users[caller];
        if (!u) {
          w.extra.authTokenId = '00000000-0000-4000-8000-000000000000';
          return;
        }
        const db = w.app.db;
        w.extra.authTokenId = (
          await db.transaction((tx) =>
            createApiToken(
              tx,
              { actor: { kind: 'system', label: 'matrice' } },
              {
                userId: u.id,
                name: 'À révoquer',
                scope: 'read',
                now: w.app.deps.now(),
              },
            ),
          )
        ).id;
      },
      allow: SIGNED_IN,
    },
    { method: 'POST', path: '/compte/langue', body: () => ({ locale: 'fr' }), allow: SIGNED_IN },
    {
      method: 'POST',
      path: '/compte/mot-de-passe',
      // A too-short new password: refused (422) before anything is checked or written.
      body: () => ({ current: 'pas-le-bon', password: 'court', confirm: 'court' }),
      allow: SIGNED_IN,
    },
    { method: 'GET', path: '/api/v1/me', allow: SIGNED_IN },
    { method: 'PATCH', path: '/api/v1/me', body: () => ({}), allow: SIGNED_IN },
  ],
};
