import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { Alert, CsrfField, ErrorSummary, Field, fieldId, PageHeader } from '../../http/layout/components.js';
import { renderPage } from '../../http/layout/Layout.js';
import { isHttps } from '../../http/middleware/auth.js';
import { parseForm } from '../../http/validation.js';
import { formatDateTime } from '../../i18n/i18n.js';
import { safeEqual } from '../../lib/crypto.js';
import { policies } from '../../policy/policy.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import type { Module } from '../index.js';
import type { ProConnectClaims } from './claims.js';
import {
  authorizationUrl,
  completeAuthorization,
  type FailureKind,
  newNonce,
  newState,
  newVerifier,
  ProConnectFailure,
} from './oidc.js';
import { clearPending, PENDING_TTL_MS, type Pending, readPending, writePending } from './pending.js';
import { canReviewRequests, decideRequest, organisationOrNotFound, pendingRequests } from './requests.js';
import { completeSignIn, type OrgRef, planSignIn, type SignInResult, searchOrganisations } from './signin.js';

/**
 * ProConnect sign-in (REFERENCE.md §4, ADR 0005). The routes always exist (the
 * authorisation matrix sees them); while PROCONNECT_ENABLED is false they answer 404
 * with a French message. They are public: they are how one signs in.
 *
 *   GET  /connexion/proconnect               → redirect to ProConnect (PKCE, state, nonce)
 *   GET  /connexion/proconnect/retour        → callback: code exchange, ID token, userinfo JWT
 *   GET  /connexion/proconnect/organisation  → "which organisation do you belong to?"
 *   POST /connexion/proconnect/organisation  → the answer; signs in
 */

const ensureEnabled = (c: Context<AppEnv>) => {
  if (!c.get('deps').config.PROCONNECT_ENABLED)
    throw new AppError('not_found', c.get('t')('proconnect.disabled'));
};

/** Only a local path may follow the sign-in (no open redirect). */
export function safeNext(raw: string | undefined | null): string {
  if (!raw || !/^\/(?![/\\])[^\s]*$/.test(raw) || raw.startsWith('/connexion')) return '/';
  return raw.slice(0, 500);
}

const FAILURE_STATUS: Record<FailureKind | 'expired' | 'state' | 'disabled_account', number> = {
  unavailable: 502,
  refused: 403,
  rejected: 502,
  expired: 400,
  state: 400,
  disabled_account: 403,
};

/** A French (or English) page explaining why the ProConnect sign-in stopped; nothing was written. */
function failurePage(c: Context<AppEnv>, kind: keyof typeof FAILURE_STATUS) {
  const t = c.get('t');
  return renderPage(
    c,
    {
      title: t(`proconnect.failure.${kind}.title`),
      bilingual: true,
      breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: t(`proconnect.failure.${kind}.title`) }],
      children: (
        <div class="error-page">
          <h1>{t(`proconnect.failure.${kind}.title`)}</h1>
          <p class="lead">{t(`proconnect.failure.${kind}.text`)}</p>
          <p class="button-group">
            {kind !== 'disabled_account' && (
              <a class="button" href="/connexion/proconnect">
                {t('proconnect.retry')}
              </a>
            )}
            <a class="button button-secondary" href="/connexion">
              {t('proconnect.use_email')}
            </a>
          </p>
        </div>
      ),
    },
    FAILURE_STATUS[kind],
  );
}

function startSession(c: Context<AppEnv>, result: SignInResult) {
  setCookie(c, SESSION_COOKIE, result.session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c.get('deps').config.BASE_URL),
    path: '/',
  });
  clearPending(c);
}

async function signIn(
  c: Context<AppEnv>,
  claims: ProConnectClaims,
  idToken: string,
  requestOrganisationId?: string | null,
): Promise<SignInResult> {
  const deps = c.get('deps');
  const result = await deps.db.transaction((tx) =>
    completeSignIn(tx, deps, {
      claims,
      idToken,
      requestOrganisationId,
      requestId: c.get('requestId'),
      userAgent: c.req.header('user-agent') ?? null,
      previousSessionHash: c.get('session')?.idHash ?? null,
    }),
  );
  deps.logger.info(
    { requestId: c.get('requestId'), userId: result.userId, created: result.created, linked: result.linked },
    'ProConnect sign-in',
  );
  startSession(c, result);
  return result;
}

const organisationForm = z.object({
  organisation: z
    .string({ error: 'Choisissez votre organisation, ou « Continuer sans organisation ».' })
    .refine((v) => v === 'aucune' || z.uuid().safeParse(v).success, {
      message: 'Choisissez votre organisation, ou « Continuer sans organisation ».',
    }),
});

async function organisationPage(
  c: Context<AppEnv>,
  pending: Extract<Pending, { step: 'organisation' }>,
  opts: { query?: string; errors?: Record<string, string>; chosen?: string } = {},
  status = 200,
) {
  const t = c.get('t');
  const { claims } = pending;
  const query = (opts.query ?? claims.organization_label ?? '').trim().slice(0, 100);
  const results: OrgRef[] = await searchOrganisations(c.get('deps').db, query);
  const title = t('proconnect.org.title');
  return renderPage(
    c,
    {
      title,
      bilingual: true,
      breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: title }],
      children: (
        <>
          <ErrorSummary c={c} errors={opts.errors} />
          <PageHeader
            title={title}
            lead={t('proconnect.org.lead', {
              name: [claims.given_name, claims.usual_name].filter(Boolean).join(' ') || claims.email,
              email: claims.email,
            })}
          />
          <p>
            {claims.siret
              ? t('proconnect.org.no_match', { siret: claims.siret, label: claims.organization_label ?? '—' })
              : t('proconnect.org.no_siret')}
          </p>
          <search>
            <form method="get" action="/connexion/proconnect/organisation">
              <Field
                name="q"
                type="search"
                label={t('proconnect.org.search_label')}
                hint={t('proconnect.org.search_hint')}
                value={query}
                maxlength={100}
              />
              <p>
                <button type="submit" class="button button-secondary">
                  {t('proconnect.org.search_button')}
                </button>
              </p>
            </form>
          </search>
          <form method="post" action="/connexion/proconnect/organisation">
            <CsrfField c={c} />
            <fieldset
              id={fieldId('organisation')}
              class={opts.errors?.organisation ? 'field-error' : undefined}
              aria-describedby="organisation-hint"
            >
              <legend>{t('proconnect.org.choose_legend')}</legend>
              <p class="hint" id="organisation-hint">
                {t('proconnect.org.choose_hint')}
              </p>
              {opts.errors?.organisation && (
                <p class="error-message">
                  <span class="visually-hidden">{t('proconnect.org.error_prefix')}</span>
                  {opts.errors.organisation}
                </p>
              )}
              {query.length >= 2 && results.length === 0 && <p>{t('proconnect.org.no_result', { query })}</p>}
              {results.map((o) => (
                <div class="checkbox">
                  <input
                    type="radio"
                    id={`organisation-${o.id}`}
                    name="organisation"
                    value={o.id}
                    checked={opts.chosen === o.id}
                  />
                  <label for={`organisation-${o.id}`}>{o.name}</label>
                </div>
              ))}
              <div class="checkbox">
                <input
                  type="radio"
                  id="organisation-aucune"
                  name="organisation"
                  value="aucune"
                  checked={opts.chosen === 'aucune'}
                />
                <label for="organisation-aucune">{t('proconnect.org.none')}</label>
              </div>
            </fieldset>
            <p>
              <button type="submit" class="button">
                {t('proconnect.org.submit')}
              </button>
            </p>
          </form>
        </>
      ),
    },
    status,
  );
}

function welcomePage(c: Context<AppEnv>, result: SignInResult, next: string) {
  const t = c.get('t');
  const title = t('proconnect.welcome.title');
  return renderPage(c, {
    title,
    bilingual: true,
    children: (
      <>
        <PageHeader title={title} />
        {result.requested ? (
          <Alert kind="success" title={t('proconnect.welcome.requested_title')}>
            <p>{t('proconnect.welcome.requested', { organisation: result.requested.name })}</p>
          </Alert>
        ) : (
          <Alert kind="info">
            <p>{t('proconnect.welcome.without')}</p>
          </Alert>
        )}
        <p>
          <a class="button" href={next}>
            {t('proconnect.welcome.continue')}
          </a>
        </p>
      </>
    ),
  });
}

async function requestsPage(c: Context<AppEnv>) {
  const t = c.get('t');
  const { db } = c.get('deps');
  const org = await organisationOrNotFound(db, c.req.param('id') ?? '');
  const rows = await pendingRequests(db, org.id);
  const title = t('proconnect.requests.title', { organisation: org.name });
  const done = c.req.query('fait');
  return renderPage(c, {
    title,
    breadcrumbs: [
      { label: t('nav.home'), href: '/' },
      { label: org.name, href: `/organisations/${org.id}/membres` },
      { label: t('proconnect.requests.crumb') },
    ],
    children: (
      <>
        <PageHeader title={title} lead={t('proconnect.requests.lead')} />
        {done === 'acceptee' && (
          <Alert kind="success">
            <p>{t('proconnect.requests.accepted')}</p>
          </Alert>
        )}
        {done === 'refusee' && (
          <Alert kind="info">
            <p>{t('proconnect.requests.refused')}</p>
          </Alert>
        )}
        {rows.length === 0 ? (
          <p>{t('proconnect.requests.empty')}</p>
        ) : (
          <div class="table-wrapper">
            <table>
              <caption class="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('proconnect.requests.person')}</th>
                  <th scope="col">{t('proconnect.requests.declared')}</th>
                  <th scope="col">{t('proconnect.requests.date')}</th>
                  <th scope="col">{t('proconnect.requests.decision')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>
                      {r.name}
                      <br />
                      {r.email}
                    </td>
                    <td>
                      {r.organization_label ?? '—'}
                      {r.siret && (
                        <>
                          <br />
                          {t('proconnect.requests.siret', { siret: r.siret })}
                        </>
                      )}
                    </td>
                    <td>{formatDateTime(r.created_at, c.get('locale'))}</td>
                    <td>
                      <form
                        method="post"
                        action={`/organisations/${org.id}/demandes-adhesion/${r.id}`}
                        class="button-group"
                      >
                        <CsrfField c={c} />
                        <button type="submit" name="decision" value="accepter" class="button button-small">
                          {t('proconnect.requests.accept')}
                        </button>
                        <button
                          type="submit"
                          name="decision"
                          value="refuser"
                          class="button button-secondary button-small"
                        >
                          {t('proconnect.requests.refuse')}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
}

const decisionForm = z.object({
  decision: z.enum(['accepter', 'refuser'], { error: 'Choisissez « Accepter » ou « Refuser ».' }),
});

export const proconnectModule: Module = {
  name: 'proconnect',
  register(r) {
    r.page('GET', '/connexion/proconnect', policies.public, async (c) => {
      ensureEnabled(c);
      const { config, now, logger } = c.get('deps');
      const checks = { state: newState(), nonce: newNonce(), verifier: newVerifier() };
      let url: URL;
      try {
        url = await authorizationUrl(config, checks);
      } catch (err) {
        if (!(err instanceof ProConnectFailure)) throw err;
        logger.warn({ err, requestId: c.get('requestId') }, 'ProConnect unavailable (discovery)');
        return failurePage(c, 'unavailable');
      }
      writePending(c, {
        step: 'authorize',
        ...checks,
        next: safeNext(c.req.query('suite')),
        exp: now().getTime() + PENDING_TTL_MS.authorize,
      });
      return c.redirect(url.href, 302);
    });

    r.page('GET', '/connexion/proconnect/retour', policies.public, async (c) => {
      ensureEnabled(c);
      const { config, db, logger } = c.get('deps');
      const pending = readPending(c);
      if (pending?.step !== 'authorize') {
        clearPending(c);
        return failurePage(c, 'expired');
      }
      // Single use: whatever happens next, this attempt is over.
      clearPending(c);
      const state = c.req.query('state') ?? '';
      if (!safeEqual(state, pending.state)) {
        logger.warn(
          { requestId: c.get('requestId') },
          'ProConnect callback with a state that does not match',
        );
        return failurePage(c, 'state');
      }
      if (c.req.query('error') === 'access_denied') return failurePage(c, 'refused');
      let identity: { claims: ProConnectClaims; idToken: string };
      try {
        identity = await completeAuthorization(config, new URL(c.req.url).search, pending);
      } catch (err) {
        if (!(err instanceof ProConnectFailure)) throw err;
        logger.warn({ err, requestId: c.get('requestId'), kind: err.kind }, 'ProConnect callback failed');
        return failurePage(c, err.kind);
      }
      const plan = await planSignIn(db, identity.claims);
      if (plan.disabled) return failurePage(c, 'disabled_account');
      if (plan.askOrganisation) {
        writePending(c, {
          step: 'organisation',
          claims: identity.claims,
          idToken: identity.idToken,
          next: pending.next,
          exp: c.get('deps').now().getTime() + PENDING_TTL_MS.organisation,
        });
        return c.redirect('/connexion/proconnect/organisation', 303);
      }
      await signIn(c, identity.claims, identity.idToken);
      return c.redirect(pending.next, 303);
    });

    r.page('GET', '/connexion/proconnect/organisation', policies.public, async (c) => {
      ensureEnabled(c);
      const pending = readPending(c);
      if (pending?.step !== 'organisation') return failurePage(c, 'expired');
      return organisationPage(c, pending, { query: c.req.query('q') });
    });

    r.page('POST', '/connexion/proconnect/organisation', policies.public, async (c) => {
      ensureEnabled(c);
      const pending = readPending(c);
      if (pending?.step !== 'organisation') return failurePage(c, 'expired');
      const form = await parseForm(c, organisationForm);
      if (!form.ok) return organisationPage(c, pending, { errors: form.errors }, 422);
      const choice = form.data.organisation === 'aucune' ? null : form.data.organisation;
      let result: SignInResult;
      try {
        result = await signIn(c, pending.claims, pending.idToken, choice);
      } catch (err) {
        if (err instanceof AppError && err.code === 'validation' && err.fields) {
          return organisationPage(c, pending, { errors: err.fields }, 422);
        }
        if (err instanceof AppError && err.code === 'forbidden') return failurePage(c, 'disabled_account');
        throw err;
      }
      return welcomePage(c, result, pending.next);
    });
    r.page('GET', '/organisations/:id/demandes-adhesion', canReviewRequests, (c) => requestsPage(c));

    r.page('POST', '/organisations/:id/demandes-adhesion/:requestId', canReviewRequests, async (c) => {
      const form = await parseForm(c, decisionForm);
      if (!form.ok) throw new AppError('validation', undefined, form.errors);
      const orgId = c.req.param('id') ?? '';
      await decideRequest(
        c.get('deps'),
        { actor: c.get('actor'), requestId: c.get('requestId') },
        {
          organisationId: orgId,
          requestId: c.req.param('requestId') ?? '',
          accept: form.data.decision === 'accepter',
        },
      );
      const done = form.data.decision === 'accepter' ? 'acceptee' : 'refusee';
      return c.redirect(`/organisations/${orgId}/demandes-adhesion?fait=${done}`, 303);
    });
  },
};
