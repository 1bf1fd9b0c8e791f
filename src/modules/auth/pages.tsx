import type { Context } from 'hono';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed/demo.js';
import type { AppEnv } from '../../http/context.js';
import type { FieldErrors } from '../../http/errors.js';
import { Alert, CsrfField, ErrorSummary, Field, PageHeader, Select } from '../../http/layout/components.js';
import { renderPage } from '../../http/layout/Layout.js';
import { formatDateTime } from '../../i18n/i18n.js';
import type { ApiTokenRow } from './account.js';
import type { InvitationView, MemberRow } from './members.js';

type C = Context<AppEnv>;
type Values = Record<string, string | string[] | undefined>;
const v = (values: Values | undefined, k: string) => {
  const x = values?.[k];
  return typeof x === 'string' ? x : '';
};
/** Keeps the page's language on form submissions (`?lang=en`). */
const withLang = (c: C, path: string) => (c.get('locale') === 'en' ? `${path}?lang=en` : path);

export function signInPage(
  c: C,
  p: {
    values?: Values;
    errors?: FieldErrors;
    alert?: { kind: 'error' | 'success' | 'info' | 'warning'; text: string };
    suite?: string;
  },
  status = 200,
) {
  const t = c.get('t');
  const { config } = c.get('deps');
  const suite = p.suite ?? '';
  const labels = { email: t('auth.sign_in.email'), password: t('auth.sign_in.password') };
  return renderPage(
    c,
    {
      title: t('auth.sign_in.title'),
      bilingual: true,
      breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: t('auth.sign_in.title') }],
      children: (
        <div class="prose">
          <PageHeader title={t('auth.sign_in.title')} lead={t('auth.sign_in.lead')} />
          {p.alert && (
            <Alert kind={p.alert.kind}>
              <p>{p.alert.text}</p>
            </Alert>
          )}
          <ErrorSummary c={c} errors={p.errors} labels={labels} />
          <form method="post" action={withLang(c, '/connexion')} novalidate>
            <CsrfField c={c} />
            {suite && <input type="hidden" name="suite" value={suite} />}
            <Field
              name="email"
              type="email"
              label={labels.email}
              value={v(p.values, 'email')}
              error={p.errors?.email}
              autocomplete="username"
              required
            />
            <Field
              name="password"
              type="password"
              label={labels.password}
              error={p.errors?.password}
              autocomplete="current-password"
              required
            />
            <p class="button-group">
              <button type="submit">{t('auth.sign_in.submit')}</button>
              <a href={withLang(c, '/mot-de-passe-oublie')}>{t('auth.sign_in.forgot')}</a>
            </p>
          </form>
          {config.PROCONNECT_ENABLED && (
            <section aria-labelledby="proconnect-title">
              <h2 id="proconnect-title" class="visually-hidden">
                ProConnect
              </h2>
              <p>{t('auth.sign_in.or')}</p>
              <p>
                <a
                  class="button button-secondary"
                  href={`/connexion/proconnect${suite ? `?suite=${encodeURIComponent(suite)}` : ''}`}
                >
                  {t('auth.sign_in.proconnect')}
                </a>
              </p>
              <p class="hint">{t('auth.sign_in.proconnect_hint')}</p>
            </section>
          )}
          <p class="muted">{t('auth.sign_in.no_account')}</p>
          {config.DEMO && (
            <Alert kind="info" title={t('auth.sign_in.demo_title')}>
              <p>{t('auth.sign_in.demo_text', { password: DEMO_PASSWORD })}</p>
              <ul>
                {DEMO_ACCOUNTS.map((a) => (
                  <li>
                    <code>{a.email}</code> — {a.role}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
        </div>
      ),
    },
    status,
  );
}

export function forgotPage(
  c: C,
  p: { values?: Values; errors?: FieldErrors; sentTo?: string; alert?: string },
  status = 200,
) {
  const t = c.get('t');
  const labels = { email: t('auth.sign_in.email') };
  return renderPage(
    c,
    {
      title: p.sentTo ? t('auth.forgot.sent_title') : t('auth.forgot.title'),
      bilingual: true,
      breadcrumbs: [
        { label: t('nav.home'), href: '/' },
        { label: t('auth.sign_in.title'), href: withLang(c, '/connexion') },
        { label: t('auth.forgot.title') },
      ],
      children: (
        <div class="prose">
          {p.sentTo ? (
            <>
              <PageHeader title={t('auth.forgot.sent_title')} />
              <Alert kind="success">
                <p>{t('auth.forgot.sent', { email: p.sentTo })}</p>
              </Alert>
              <p>
                <a href={withLang(c, '/connexion')}>{t('auth.forgot.back')}</a>
              </p>
            </>
          ) : (
            <>
              <PageHeader title={t('auth.forgot.title')} lead={t('auth.forgot.lead')} />
              {p.alert && (
                <Alert kind="error">
                  <p>{p.alert}</p>
                </Alert>
              )}
              <ErrorSummary c={c} errors={p.errors} labels={labels} />
              <form method="post" action={withLang(c, '/mot-de-passe-oublie')} novalidate>
                <CsrfField c={c} />
                <Field
                  name="email"
                  type="email"
                  label={labels.email}
                  value={v(p.values, 'email')}
                  error={p.errors?.email}
                  autocomplete="username"
                  required
                />
                <button type="submit">{t('auth.forgot.submit')}</button>
              </form>
            </>
          )}
        </div>
      ),
    },
    status,
  );
}

export function linkGonePage(c: C, kind: 'reset' | 'invitation') {
  const t = c.get('t');
  return renderPage(
    c,
    {
      title: t('auth.link_gone.title'),
      bilingual: true,
      children: (
        <div class="prose">
          <PageHeader title={t('auth.link_gone.title')} lead={t('auth.link_gone.text')} />
          {kind === 'reset' ? (
            <p>
              <a class="button" href={withLang(c, '/mot-de-passe-oublie')}>
                {t('auth.link_gone.reset_again')}
              </a>
            </p>
          ) : (
            <p>{t('auth.link_gone.invitation')}</p>
          )}
        </div>
      ),
    },
    410,
  );
}

/** The two fields of a new password, with the policy as a hint. */
function NewPasswordFields({ c, errors }: { c: C; errors?: FieldErrors }) {
  const t = c.get('t');
  return (
    <>
      <Field
        name="password"
        type="password"
        label={t('auth.reset.password')}
        hint={t('auth.password.hint')}
        error={errors?.password}
        autocomplete="new-password"
        maxlength={128}
        required
      />
      <Field
        name="confirm"
        type="password"
        label={t('auth.reset.confirm')}
        error={errors?.confirm}
        autocomplete="new-password"
        maxlength={128}
        required
      />
    </>
  );
}

export function resetPage(c: C, p: { token: string; email: string; errors?: FieldErrors }, status = 200) {
  const t = c.get('t');
  const labels = { password: t('auth.reset.password'), confirm: t('auth.reset.confirm') };
  return renderPage(
    c,
    {
      title: t('auth.reset.title'),
      bilingual: true,
      children: (
        <div class="prose">
          <PageHeader title={t('auth.reset.title')} lead={t('auth.reset.lead', { email: p.email })} />
          <ErrorSummary c={c} errors={p.errors} labels={labels} />
          <form method="post" action={withLang(c, `/reinitialiser-mot-de-passe/${p.token}`)} novalidate>
            <CsrfField c={c} />
            <input type="hidden" name="username" value={p.email} autocomplete="username" />
            <NewPasswordFields c={c} errors={p.errors} />
            <button type="submit">{t('auth.reset.submit')}</button>
          </form>
        </div>
      ),
    },
    status,
  );
}

export function invitationPage(
  c: C,
  p: { token: string; inv: InvitationView; values?: Values; errors?: FieldErrors; problem?: string },
  status = 200,
) {
  const t = c.get('t');
  const actor = c.get('actor');
  const { inv } = p;
  const role = t(`auth.role.${inv.role}`);
  const title = t('auth.invitation.title', { organisation: inv.organisationName });
  const labels = {
    name: t('auth.invitation.name'),
    password: t('auth.reset.password'),
    confirm: t('auth.reset.confirm'),
  };
  const action = withLang(c, `/invitation/${p.token}`);
  let body: unknown;
  if (actor.kind === 'user') {
    body =
      actor.user.email === inv.email ? (
        <form method="post" action={action}>
          <CsrfField c={c} />
          <button type="submit">{t('auth.invitation.accept')}</button>
        </form>
      ) : (
        <Alert kind="warning">
          <p>{t('auth.invitation.wrong_account', { me: actor.user.email, email: inv.email })}</p>
        </Alert>
      );
  } else if (inv.accountExists) {
    body = (
      <>
        <p>{t('auth.invitation.sign_in_first', { email: inv.email })}</p>
        <p>
          <a class="button" href={`/connexion?suite=${encodeURIComponent(`/invitation/${p.token}`)}`}>
            {t('auth.invitation.sign_in')}
          </a>
        </p>
      </>
    );
  } else {
    body = (
      <>
        <h2>{t('auth.invitation.new_account')}</h2>
        <ErrorSummary c={c} errors={p.errors} labels={labels} />
        <form method="post" action={action} novalidate>
          <CsrfField c={c} />
          <input type="hidden" name="username" value={inv.email} autocomplete="username" />
          <Field
            name="name"
            label={labels.name}
            value={v(p.values, 'name')}
            error={p.errors?.name}
            autocomplete="name"
            maxlength={200}
            required
          />
          <NewPasswordFields c={c} errors={p.errors} />
          <button type="submit">{t('auth.invitation.create')}</button>
        </form>
      </>
    );
  }
  return renderPage(
    c,
    {
      title,
      bilingual: true,
      children: (
        <div class="prose">
          <PageHeader
            title={title}
            lead={
              inv.inviterName
                ? t('auth.invitation.lead', {
                    inviter: inv.inviterName,
                    organisation: inv.organisationName,
                    role,
                  })
                : t('auth.invitation.lead_no_inviter', { organisation: inv.organisationName, role })
            }
          />
          <p>
            {t('auth.invitation.expires', {
              email: inv.email,
              date: formatDateTime(inv.expiresAt, c.get('locale')),
            })}
          </p>
          {p.problem && (
            <Alert kind="error">
              <p>{p.problem}</p>
            </Alert>
          )}
          {body as any}
        </div>
      ),
    },
    status,
  );
}

export function membersPage(
  c: C,
  p: {
    orgId: string;
    orgName: string;
    members: MemberRow[];
    pending: { id: string; email: string; role: string; expires_at: Date; invited_by: string | null }[];
    values?: Values;
    errors?: FieldErrors;
    notice?: string;
  },
  status = 200,
) {
  const t = c.get('t');
  const locale = c.get('locale');
  const title = t('auth.members.title', { organisation: p.orgName });
  const roles = [
    { value: 'member', label: t('auth.role.member') },
    { value: 'admin', label: t('auth.role.admin') },
  ];
  const base = `/organisations/${p.orgId}`;
  return renderPage(
    c,
    {
      title,
      wide: true,
      breadcrumbs: [
        { label: t('nav.home'), href: '/' },
        { label: t('nav.account'), href: '/compte' },
        { label: title },
      ],
      children: (
        <>
          <PageHeader title={title} lead={t('auth.members.lead')} />
          {p.notice && (
            <Alert kind="success">
              <p>{p.notice}</p>
            </Alert>
          )}
          {p.members.length === 0 ? (
            <p>{t('auth.members.empty')}</p>
          ) : (
            <div class="table-wrapper">
              <table>
                <caption>{t('auth.members.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('auth.members.col_name')}</th>
                    <th scope="col">{t('auth.members.col_email')}</th>
                    <th scope="col">{t('auth.members.col_role')}</th>
                    <th scope="col">{t('auth.members.col_since')}</th>
                    <th scope="col">{t('auth.members.col_actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.members.map((m) => (
                    <tr>
                      <td>{m.name}</td>
                      <td>{m.email}</td>
                      <td>{t(`auth.role.${m.role}`)}</td>
                      <td>{formatDateTime(m.created_at, locale)}</td>
                      <td>
                        <form method="post" action={`${base}/membres/${m.user_id}/role`} class="button-group">
                          <CsrfField c={c} />
                          <label class="visually-hidden" for={`role-${m.user_id}`}>
                            {t('auth.members.new_role', { name: m.name })}
                          </label>
                          <select id={`role-${m.user_id}`} name="role">
                            {roles.map((r) => (
                              <option value={r.value} selected={r.value === m.role}>
                                {r.label}
                              </option>
                            ))}
                          </select>
                          <button type="submit" class="button-secondary button-small">
                            {t('auth.members.change_role')}
                          </button>
                        </form>
                        <form method="post" action={`${base}/membres/${m.user_id}/retirer`}>
                          <CsrfField c={c} />
                          <button type="submit" class="link-button">
                            {t('auth.members.remove', { name: m.name })}
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {p.pending.length > 0 && (
            <section aria-labelledby="pending-title">
              <h2 id="pending-title">{t('auth.members.pending_title')}</h2>
              <div class="table-wrapper">
                <table>
                  <caption class="visually-hidden">{t('auth.members.pending_caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('auth.members.col_email')}</th>
                      <th scope="col">{t('auth.members.col_role')}</th>
                      <th scope="col">{t('auth.members.col_invited_by')}</th>
                      <th scope="col">{t('auth.members.col_expires')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.pending.map((i) => (
                      <tr>
                        <td>{i.email}</td>
                        <td>{t(`auth.role.${i.role}`)}</td>
                        <td>{i.invited_by ?? ''}</td>
                        <td>{formatDateTime(i.expires_at, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          <section aria-labelledby="invite-title" class="prose">
            <h2 id="invite-title">{t('auth.members.invite_title')}</h2>
            <p class="hint">{t('auth.members.invite_hint')}</p>
            <ErrorSummary
              c={c}
              errors={p.errors}
              labels={{ email: t('auth.members.invite_email'), role: t('auth.members.invite_role') }}
            />
            <form method="post" action={`${base}/invitations`} novalidate>
              <CsrfField c={c} />
              <Field
                name="email"
                type="email"
                label={t('auth.members.invite_email')}
                value={v(p.values, 'email')}
                error={p.errors?.email}
                autocomplete="off"
                required
              />
              <Select
                name="role"
                label={t('auth.members.invite_role')}
                hint={t('auth.members.role_hint')}
                options={roles}
                value={v(p.values, 'role') || 'member'}
                error={p.errors?.role}
                required
              />
              <button type="submit">{t('auth.members.invite_submit')}</button>
            </form>
          </section>
        </>
      ),
    },
    status,
  );
}

export function accountPage(
  c: C,
  p: {
    tokens: ApiTokenRow[];
    notice?: string;
    created?: { name: string; token: string };
    values?: Values;
    /** Errors of the token form. */
    errors?: FieldErrors;
    /** Errors of the password form. */
    passwordErrors?: FieldErrors;
  },
  status = 200,
) {
  const t = c.get('t');
  const locale = c.get('locale');
  const actor = c.get('actor');
  if (actor.kind !== 'user') throw new Error('account page needs a user');
  const u = actor.user;
  const globalRole =
    u.globalRole === 'platform_admin'
      ? t('auth.role.platform_admin')
      : u.globalRole === 'network_admin'
        ? t('auth.role.network_admin', { network: (u.network ?? '').toUpperCase() })
        : null;
  return renderPage(
    c,
    {
      title: t('auth.account.title'),
      bilingual: true,
      wide: true,
      breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: t('auth.account.title') }],
      children: (
        <>
          <PageHeader title={t('auth.account.title')} />
          {p.notice && (
            <Alert kind="success">
              <p>{p.notice}</p>
            </Alert>
          )}
          {p.created && (
            <Alert kind="warning" title={t('auth.tokens.created_title', { name: p.created.name })}>
              <p>{t('auth.tokens.created_text')}</p>
              <pre>
                <code data-new-token>{p.created.token}</code>
              </pre>
            </Alert>
          )}
          <section aria-labelledby="identity-title">
            <h2 id="identity-title">{t('auth.account.identity')}</h2>
            <dl class="summary">
              <dt>{t('auth.account.name')}</dt>
              <dd>{u.name}</dd>
              <dt>{t('auth.account.email')}</dt>
              <dd>{u.email}</dd>
              {globalRole && (
                <>
                  <dt>{t('auth.account.global_role')}</dt>
                  <dd>{globalRole}</dd>
                </>
              )}
            </dl>
          </section>
          <section aria-labelledby="orgs-title">
            <h2 id="orgs-title">{t('auth.account.organisations')}</h2>
            {actor.memberships.length === 0 ? (
              <p>{t('auth.account.no_organisation')}</p>
            ) : (
              <div class="table-wrapper">
                <table>
                  <caption class="visually-hidden">{t('auth.account.organisations_caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('auth.account.col_organisation')}</th>
                      <th scope="col">{t('auth.account.col_role')}</th>
                      <th scope="col">{t('auth.members.col_actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {actor.memberships.map((m) => (
                      <tr>
                        <td>{m.organisationName}</td>
                        <td>{t(`auth.role.${m.role}`)}</td>
                        <td>
                          {(m.role === 'admin' || u.globalRole === 'platform_admin') && (
                            <a href={`/organisations/${m.organisationId}/membres`}>
                              {t('auth.account.manage_members')}
                              <span class="visually-hidden"> — {m.organisationName}</span>
                            </a>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="language-title" class="prose">
            <h2 id="language-title">{t('auth.account.language')}</h2>
            <form method="post" action="/compte/langue">
              <CsrfField c={c} />
              <Select
                name="locale"
                label={t('auth.account.language_label')}
                options={[
                  { value: 'fr', label: t('auth.account.language_fr') },
                  { value: 'en', label: t('auth.account.language_en') },
                ]}
                value={u.locale}
              />
              <button type="submit" class="button-secondary">
                {t('auth.account.language_submit')}
              </button>
            </form>
          </section>
          <section aria-labelledby="tokens-title">
            <h2 id="tokens-title">{t('auth.tokens.title')}</h2>
            <p class="prose">{t('auth.tokens.lead')}</p>
            {p.tokens.length === 0 ? (
              <p>{t('auth.tokens.empty')}</p>
            ) : (
              <div class="table-wrapper">
                <table>
                  <caption class="visually-hidden">{t('auth.tokens.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('auth.tokens.col_name')}</th>
                      <th scope="col">{t('auth.tokens.col_prefix')}</th>
                      <th scope="col">{t('auth.tokens.col_scope')}</th>
                      <th scope="col">{t('auth.tokens.col_created')}</th>
                      <th scope="col">{t('auth.tokens.col_last_used')}</th>
                      <th scope="col">{t('auth.tokens.col_actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.tokens.map((tok) => (
                      <tr>
                        <td>{tok.name}</td>
                        <td>
                          <code>{tok.prefix}…</code>
                        </td>
                        <td>
                          {tok.scope === 'write' ? t('auth.tokens.scope_write') : t('auth.tokens.scope_read')}
                        </td>
                        <td>{formatDateTime(tok.created_at, locale)}</td>
                        <td>
                          {tok.last_used_at
                            ? formatDateTime(tok.last_used_at, locale)
                            : t('auth.tokens.never_used')}
                        </td>
                        <td>
                          {tok.revoked_at ? (
                            t('auth.tokens.revoked', { date: formatDateTime(tok.revoked_at, locale) })
                          ) : (
                            <form method="post" action={`/compte/jetons/${tok.id}/revoquer`}>
                              <CsrfField c={c} />
                              <button type="submit" class="button-secondary button-small">
                                {t('auth.tokens.revoke', { name: tok.name })}
                              </button>
                            </form>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <div class="prose">
              <h3>{t('auth.tokens.create_title')}</h3>
              <ErrorSummary
                c={c}
                errors={p.errors}
                labels={{ name: t('auth.tokens.name'), scope: t('auth.tokens.scope') }}
              />
              <form method="post" action="/compte/jetons" novalidate>
                <CsrfField c={c} />
                <Field
                  name="name"
                  label={t('auth.tokens.name')}
                  hint={t('auth.tokens.name_hint')}
                  value={v(p.values, 'name')}
                  error={p.errors?.name}
                  maxlength={100}
                  required
                />
                <Select
                  name="scope"
                  label={t('auth.tokens.scope')}
                  options={[
                    { value: 'read', label: t('auth.tokens.scope_read') },
                    { value: 'write', label: t('auth.tokens.scope_write') },
                  ]}
                  value={v(p.values, 'scope') || 'read'}
                  error={p.errors?.scope}
                  required
                />
                <button type="submit">{t('auth.tokens.create')}</button>
              </form>
            </div>
          </section>
          <section aria-labelledby="password-title" class="prose">
            <h2 id="password-title">{t('auth.account.password')}</h2>
            <ErrorSummary
              c={c}
              errors={p.passwordErrors}
              labels={{
                current: t('auth.account.current_password'),
                password: t('auth.reset.password'),
                confirm: t('auth.reset.confirm'),
              }}
            />
            <form method="post" action="/compte/mot-de-passe" novalidate>
              <CsrfField c={c} />
              <input type="hidden" name="username" value={u.email} autocomplete="username" />
              <Field
                name="current"
                type="password"
                label={t('auth.account.current_password')}
                error={p.passwordErrors?.current}
                autocomplete="current-password"
                required
              />
              <NewPasswordFields c={c} errors={p.passwordErrors} />
              <button type="submit" class="button-secondary">
                {t('auth.account.change_password')}
              </button>
            </form>
          </section>
          <section aria-labelledby="sessions-title" class="prose">
            <h2 id="sessions-title">{t('auth.account.sessions')}</h2>
            <p>{t('auth.account.sessions_text')}</p>
            <form method="post" action="/compte/deconnexion-partout">
              <CsrfField c={c} />
              <button type="submit" class="button-danger">
                {t('auth.account.sign_out_everywhere')}
              </button>
            </form>
          </section>
        </>
      ),
    },
    status,
  );
}
