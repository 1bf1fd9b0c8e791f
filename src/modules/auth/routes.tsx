import type { Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import { audit } from '../../audit/audit.js';
import type { AppEnv } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { fields, parseForm, readForm } from '../../http/validation.js';
import { formatDateTime } from '../../i18n/i18n.js';
import { policies } from '../../policy/policy.js';
import type { Module } from '../index.js';
import { proconnectEndSessionUrl } from '../proconnect/logout.js';
import { changePassword, createApiToken, listApiTokens, revokeApiToken, updateProfile } from './account.js';
import { registerAuthApi } from './api.js';
import { registerMembersApi } from './api-members.js';
import { cleanupAuthData } from './cleanup.js';
import { safeNext } from './domain/redirect.js';
import { usableEmailToken } from './email-tokens.js';
import {
  acceptInvitationAsExistingUser,
  acceptInvitationAsNewUser,
  changeMemberRole,
  findInvitation,
  inviteColleague,
  listMembers,
  listPendingInvitations,
  organisationName,
  removeMember,
} from './members.js';
import {
  accountPage,
  forgotPage,
  invitationPage,
  linkGonePage,
  membersPage,
  resetPage,
  signInPage,
} from './pages.js';
import { requestPasswordReset, resetPassword } from './reset-password.js';
import { inviteForm, roleForm } from './schemas.js';
import { destroyAllSessions, destroySession } from './sessions.js';
import { signIn } from './sign-in.js';
import { clearSessionCookie, clientIp, isUuid, newPasswordErrors, noStore, setSessionCookie } from './web.js';

const signInForm = z.object({
  email: fields.email(),
  password: z
    .string({ error: 'Indiquez votre mot de passe.' })
    .min(1, 'Indiquez votre mot de passe.')
    .max(1024),
  suite: z.string().optional(),
});
const forgotForm = z.object({ email: fields.email() });
const tokenForm = z.object({
  name: fields.requiredText('un nom pour le jeton', 100),
  scope: z.enum(['read', 'write'], {
    error: 'Choisissez les droits du jeton : lecture seule ou lecture et écriture.',
  }),
});
const localeForm = z.object({
  locale: z.enum(['fr', 'en'], { error: 'Choisissez le français ou l’anglais.' }),
});

export const authModule: Module = {
  name: 'auth',

  jobs: (deps) => ({
    'auth.cleanup': async () => {
      await cleanupAuthData(deps);
    },
  }),
  schedules: [{ name: 'auth.cleanup', kind: 'auth.cleanup', intervalSeconds: 3600 }],

  register(r, deps) {
    // ── Sign-in ──────────────────────────────────────────────────────────────
    r.page('GET', '/connexion', policies.public, (c) => {
      const t = c.get('t');
      const suite = safeNext(c.req.query('suite'), '');
      if (c.get('actor').kind === 'user') return c.redirect(suite || '/', 302);
      const notice = c.req.query('deconnecte')
        ? t('auth.sign_in.signed_out_everywhere')
        : c.req.query('reinitialise')
          ? t('auth.sign_in.password_reset_done')
          : null;
      return signInPage(c, { suite, alert: notice ? { kind: 'success', text: notice } : undefined });
    });

    r.page('POST', '/connexion', policies.public, async (c) => {
      const t = c.get('t');
      const form = await parseForm(c, signInForm);
      const suite = safeNext(form.values.suite, '');
      if (!form.ok) return signInPage(c, { values: form.values, errors: form.errors, suite }, 422);
      const result = await signIn(deps, {
        email: form.data.email,
        password: form.data.password,
        ip: clientIp(c),
        userAgent: c.req.header('user-agent') ?? null,
        previousSessionIdHash: c.get('session')?.idHash ?? null,
        requestId: c.get('requestId'),
      });
      const locale = c.get('locale');
      const values = { email: form.data.email };
      if (!result.ok) {
        if (result.reason === 'rate_limited') {
          c.header(
            'Retry-After',
            String(Math.max(1, Math.ceil((result.retryAt.getTime() - deps.now().getTime()) / 1000))),
          );
          const text = t('auth.sign_in.rate_limited', { until: formatDateTime(result.retryAt, locale) });
          return signInPage(c, { values, suite, alert: { kind: 'error', text } }, 429);
        }
        if (result.reason === 'locked') {
          const text = t('auth.sign_in.locked', { until: formatDateTime(result.until, locale) });
          return signInPage(c, { values, suite, alert: { kind: 'error', text } }, 423);
        }
        return signInPage(
          c,
          { values, suite, alert: { kind: 'error', text: t('auth.sign_in.invalid') } },
          422,
        );
      }
      setSessionCookie(c, result.token);
      return c.redirect(suite || '/', 303);
    });

    // ── Sign-out ─────────────────────────────────────────────────────────────
    r.page('POST', '/deconnexion', policies.public, async (c) => {
      const session = c.get('session');
      clearSessionCookie(c);
      if (!session) return c.redirect('/', 303);
      await destroySession(deps.db, session.idHash);
      const endSession = await proconnectEndSessionUrl(deps, session);
      return c.redirect(endSession ?? '/', 303);
    });

    r.page('POST', '/compte/deconnexion-partout', policies.signedIn, async (c) => {
      const actor = c.get('actor');
      if (actor.kind !== 'user') throw new AppError('unauthenticated');
      await deps.db.transaction(async (tx) => {
        const n = await destroyAllSessions(tx, actor.user.id);
        await audit(
          tx,
          { actor, requestId: c.get('requestId') },
          {
            action: 'user.sign_out_everywhere',
            entityType: 'user',
            entityId: actor.user.id,
            after: { sessionsEnded: n },
          },
        );
      });
      clearSessionCookie(c);
      return c.redirect('/connexion?deconnecte=partout', 303);
    });

    // ── Password reset ───────────────────────────────────────────────────────
    r.page('GET', '/mot-de-passe-oublie', policies.public, (c) => forgotPage(c, {}));

    r.page('POST', '/mot-de-passe-oublie', policies.public, async (c) => {
      const form = await parseForm(c, forgotForm);
      if (!form.ok) return forgotPage(c, { values: form.values, errors: form.errors }, 422);
      const res = await requestPasswordReset(deps, {
        email: form.data.email,
        ip: clientIp(c),
        requestId: c.get('requestId'),
      });
      if (!res.ok) {
        const until = formatDateTime(res.retryAt, c.get('locale'));
        return forgotPage(
          c,
          { values: form.values, alert: c.get('t')('auth.forgot.rate_limited', { until }) },
          429,
        );
      }
      return forgotPage(c, { sentTo: form.data.email });
    });

    r.page('GET', '/reinitialiser-mot-de-passe/:token', policies.public, async (c) => {
      noStore(c);
      const row = await usableEmailToken(deps.db, 'password_reset', c.req.param('token') ?? '', deps.now());
      if (!row) return linkGonePage(c, 'reset');
      return resetPage(c, { token: c.req.param('token') ?? '', email: row.email });
    });

    r.page('POST', '/reinitialiser-mot-de-passe/:token', policies.public, async (c) => {
      noStore(c);
      const token = c.req.param('token') ?? '';
      const row = await usableEmailToken(deps.db, 'password_reset', token, deps.now());
      if (!row) return linkGonePage(c, 'reset');
      const { errors, password } = newPasswordErrors(c.get('t'), await readForm(c), row.email);
      if (Object.keys(errors).length) return resetPage(c, { token, email: row.email, errors }, 422);
      const done = await resetPassword(deps, { token, password, requestId: c.get('requestId') });
      if (!done.ok) return linkGonePage(c, 'reset');
      // Whoever was signed in on this browser is signed out too (all sessions ended).
      clearSessionCookie(c);
      return c.redirect(`/connexion?reinitialise=1${c.get('locale') === 'en' ? '&lang=en' : ''}`, 303);
    });

    // ── Members and invitations ──────────────────────────────────────────────
    const membersView = async (orgId: string) => ({
      orgId,
      orgName: await organisationName(deps.db, orgId),
      members: await listMembers(deps.db, orgId),
      pending: await listPendingInvitations(deps.db, orgId, deps.now()),
    });
    const uuidParam = (id: string | undefined) => {
      if (!isUuid(id)) throw new AppError('not_found');
      return id;
    };

    r.page('GET', '/organisations/:id/membres', policies.orgAdmin('id'), async (c) => {
      const t = c.get('t');
      const orgId = uuidParam(c.req.param('id'));
      const q = c.req.query();
      const notice = q.invitation
        ? t('auth.members.invited', { email: q.invitation })
        : q.role
          ? t('auth.members.role_changed')
          : q.retire
            ? t('auth.members.removed')
            : undefined;
      return membersPage(c, { ...(await membersView(orgId)), notice });
    });

    r.page('POST', '/organisations/:id/invitations', policies.orgAdmin('id'), async (c) => {
      const orgId = uuidParam(c.req.param('id'));
      const form = await parseForm(c, inviteForm);
      if (!form.ok) {
        return membersPage(
          c,
          { ...(await membersView(orgId)), values: form.values, errors: form.errors },
          422,
        );
      }
      try {
        await inviteColleague(
          deps,
          { actor: c.get('actor'), requestId: c.get('requestId') },
          { organisationId: orgId, email: form.data.email, role: form.data.role },
        );
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation' && e.fields) {
          return membersPage(
            c,
            { ...(await membersView(orgId)), values: form.values, errors: e.fields },
            422,
          );
        }
        throw e;
      }
      return c.redirect(
        `/organisations/${orgId}/membres?invitation=${encodeURIComponent(form.data.email)}`,
        303,
      );
    });

    r.page('POST', '/organisations/:id/membres/:userId/role', policies.orgAdmin('id'), async (c) => {
      const orgId = uuidParam(c.req.param('id'));
      const userId = uuidParam(c.req.param('userId'));
      const form = await parseForm(c, roleForm);
      if (!form.ok) throw new AppError('validation', undefined, form.errors);
      await changeMemberRole(
        deps,
        { actor: c.get('actor'), requestId: c.get('requestId') },
        {
          organisationId: orgId,
          userId,
          role: form.data.role,
        },
      );
      return c.redirect(`/organisations/${orgId}/membres?role=1`, 303);
    });

    r.page('POST', '/organisations/:id/membres/:userId/retirer', policies.orgAdmin('id'), async (c) => {
      const orgId = uuidParam(c.req.param('id'));
      const userId = uuidParam(c.req.param('userId'));
      await removeMember(
        deps,
        { actor: c.get('actor'), requestId: c.get('requestId') },
        {
          organisationId: orgId,
          userId,
        },
      );
      return c.redirect(`/organisations/${orgId}/membres?retire=1`, 303);
    });

    r.page('GET', '/invitation/:token', policies.public, async (c) => {
      noStore(c);
      const token = c.req.param('token') ?? '';
      const inv = await findInvitation(deps.db, token, deps.now());
      if (!inv) return linkGonePage(c, 'invitation');
      return invitationPage(c, { token, inv });
    });

    r.page('POST', '/invitation/:token', policies.public, async (c) => {
      noStore(c);
      const t = c.get('t');
      const token = c.req.param('token') ?? '';
      const actor = c.get('actor');
      const inv = await findInvitation(deps.db, token, deps.now());
      if (!inv) return linkGonePage(c, 'invitation');
      if (actor.kind === 'user') {
        if (actor.user.email !== inv.email) {
          const problem = t('auth.invitation.wrong_account', { me: actor.user.email, email: inv.email });
          return invitationPage(c, { token, inv, problem }, 409);
        }
        await acceptInvitationAsExistingUser(deps, { actor, requestId: c.get('requestId') }, token);
        return c.redirect('/compte?invitation=acceptee', 303);
      }
      if (inv.accountExists) {
        return invitationPage(
          c,
          { token, inv, problem: t('auth.invitation.sign_in_first', { email: inv.email }) },
          409,
        );
      }
      const values = await readForm(c);
      const { errors, password } = newPasswordErrors(t, values, inv.email);
      const name = typeof values.name === 'string' ? values.name.trim() : '';
      if (!name) errors.name = 'Indiquez votre nom et votre prénom.';
      else if (name.length > 200) errors.name = '200 caractères au plus.';
      if (Object.keys(errors).length) {
        const { name: n } = values;
        return invitationPage(
          c,
          { token, inv, values: { name: typeof n === 'string' ? n : '' }, errors },
          422,
        );
      }
      const done = await acceptInvitationAsNewUser(deps, {
        token,
        name,
        password,
        userAgent: c.req.header('user-agent') ?? null,
        requestId: c.get('requestId'),
      });
      setSessionCookie(c, done.sessionToken);
      return c.redirect('/compte?bienvenue=1', 303);
    });

    // ── Account ──────────────────────────────────────────────────────────────
    const userOf = (c: Context<AppEnv>) => {
      const a = c.get('actor');
      if (a.kind !== 'user') throw new AppError('unauthenticated');
      return a;
    };

    r.page('GET', '/compte', policies.signedIn, async (c) => {
      const t = c.get('t');
      const actor = userOf(c);
      noStore(c);
      const q = c.req.query();
      const notice = q.motdepasse
        ? t('auth.account.password_changed')
        : q.jeton
          ? t('auth.tokens.revoked_done')
          : q.langue
            ? t('auth.account.language_saved')
            : q.invitation
              ? t('auth.account.invitation_accepted')
              : q.bienvenue
                ? t('auth.account.welcome')
                : undefined;
      return accountPage(c, { tokens: await listApiTokens(deps.db, actor.user.id), notice });
    });

    r.page('POST', '/compte/jetons', policies.signedIn, async (c) => {
      const actor = userOf(c);
      noStore(c);
      const form = await parseForm(c, tokenForm);
      if (!form.ok) {
        const tokens = await listApiTokens(deps.db, actor.user.id);
        return accountPage(c, { tokens, values: form.values, errors: form.errors }, 422);
      }
      const created = await deps.db.transaction((tx) =>
        createApiToken(
          tx,
          { actor, requestId: c.get('requestId') },
          {
            userId: actor.user.id,
            name: form.data.name,
            scope: form.data.scope,
            now: deps.now(),
          },
        ),
      );
      const tokens = await listApiTokens(deps.db, actor.user.id);
      return accountPage(c, { tokens, created: { name: form.data.name, token: created.token } }, 201);
    });

    r.page('POST', '/compte/jetons/:id/revoquer', policies.signedIn, async (c) => {
      const actor = userOf(c);
      const id = c.req.param('id');
      if (!isUuid(id)) throw new AppError('not_found', 'Jeton introuvable ou déjà révoqué.');
      await revokeApiToken(deps, { actor, requestId: c.get('requestId') }, actor.user.id, id);
      return c.redirect('/compte?jeton=revoque', 303);
    });

    r.page('POST', '/compte/mot-de-passe', policies.signedIn, async (c) => {
      const t = c.get('t');
      const actor = userOf(c);
      const values = await readForm(c);
      const current = typeof values.current === 'string' ? values.current : '';
      const { errors, password } = newPasswordErrors(t, values, actor.user.email);
      if (!current) errors.current = t('auth.password.required');
      const again = async (passwordErrors: Record<string, string>, status: number) =>
        accountPage(c, { tokens: await listApiTokens(deps.db, actor.user.id), passwordErrors }, status);
      if (Object.keys(errors).length) return again(errors, 422);
      const res = await changePassword(
        deps,
        { actor, requestId: c.get('requestId') },
        {
          userId: actor.user.id,
          current,
          password,
          keepSessionIdHash: c.get('session')?.idHash ?? null,
        },
      );
      if (!res.ok && res.reason === 'rate_limited') {
        const until = formatDateTime(res.retryAt, c.get('locale'));
        return again({ current: t('auth.account.password_rate_limited', { until }) }, 429);
      }
      if (!res.ok) return again({ current: t('auth.account.current_wrong') }, 422);
      return c.redirect('/compte?motdepasse=1', 303);
    });

    r.page('POST', '/compte/langue', policies.signedIn, async (c) => {
      const actor = userOf(c);
      const form = await parseForm(c, localeForm);
      if (!form.ok) throw new AppError('validation', undefined, form.errors);
      await updateProfile(deps, { actor, requestId: c.get('requestId') }, actor.user.id, {
        locale: form.data.locale,
      });
      // The account's preference now decides; a language cookie would override it.
      deleteCookie(c, 'lang', { path: '/' });
      return c.redirect('/compte?langue=1', 303);
    });

    registerAuthApi(r, deps);
    registerMembersApi(r, deps);
  },
};
