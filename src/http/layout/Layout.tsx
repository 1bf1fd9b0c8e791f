import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import { isNetworkAdmin, isPlatformAdmin } from '../../policy/actor.js';
import type { AppEnv } from '../context.js';

export interface Crumb {
  label: string;
  href?: string;
}

export interface LayoutProps {
  c: Context<AppEnv>;
  /** Page title (the `<title>` gets " — Passerelle"). */
  title: string;
  breadcrumbs?: Crumb[];
  /** Set when the page exists in English too: shows the language switch. */
  bilingual?: boolean;
  /** Where the main navigation highlights. */
  section?: string;
  children?: Child;
  /**
   * Kept for the pages that still pass it: every page now has one width and the same
   * margins (issue 9 §5); wide tables scroll inside their `.table-wrapper`.
   */
  wide?: boolean;
}

export const Layout: FC<LayoutProps> = ({ c, title, breadcrumbs, bilingual, section, children }) => {
  const t = c.get('t');
  const locale = c.get('locale');
  const actor = c.get('actor');
  const path = c.req.path;
  const nav: { href: string; label: string; key: string }[] = [
    { href: '/', label: t('nav.home'), key: 'home' },
    { href: '/annuaire', label: t('nav.directory'), key: 'directory' },
    ...(actor.kind === 'user'
      ? [{ href: '/mises-en-relation', label: t('nav.connections'), key: 'connections' }]
      : []),
    { href: '/projets', label: t('nav.projects'), key: 'projects' },
    { href: '/financements', label: t('nav.funding'), key: 'funding' },
    { href: '/conventions', label: t('nav.agreements'), key: 'agreements' },
    { href: '/evenements', label: t('nav.events'), key: 'events' },
    { href: '/ecsi', label: t('nav.ecsi'), key: 'ecsi' },
    { href: '/actualites', label: t('nav.news'), key: 'news' },
    { href: '/api', label: t('nav.api'), key: 'api' },
  ];
  if (isNetworkAdmin(actor)) nav.push({ href: '/admin', label: t('nav.admin'), key: 'admin' });
  const otherLocale = locale === 'fr' ? 'en' : 'fr';
  // The language switch keeps the page's own query (search, filters): only `lang` changes.
  const switchQuery = new URLSearchParams(new URL(c.req.url).search);
  switchQuery.set('lang', otherLocale);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — Passerelle`}</title>
        <link rel="stylesheet" href="/static/css/passerelle.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <script src="/static/js/passerelle.js" defer></script>
      </head>
      <body class={section ? `section-${section}` : undefined}>
        <a class="skip-link" href="#contenu">
          {t('layout.skip_to_content')}
        </a>
        <header class="site-header">
          <div class="container header-inner">
            <a class="brand" href="/" aria-label={t('layout.brand_home')}>
              <span class="brand-name">Passerelle</span>
              <span class="brand-partners">
                <span class="wordmark wordmark-ml">Missions Locales</span>
                <span aria-hidden="true" class="brand-x">
                  ×
                </span>
                <span class="wordmark wordmark-cuf">Cités Unies France</span>
              </span>
            </a>
            <div class="header-tools">
              {bilingual && (
                <a
                  class="lang-switch"
                  href={`${path}?${switchQuery}`}
                  hreflang={otherLocale}
                  lang={otherLocale}
                >
                  {otherLocale === 'en' ? 'English' : 'Français'}
                </a>
              )}
              {actor.kind === 'user' && (c.get('headerSlots') ?? []).map((Slot) => <Slot c={c} />)}
              {actor.kind === 'user' ? (
                <details class="account-menu">
                  <summary>{actor.user.name}</summary>
                  <ul>
                    {actor.memberships.map((m) => (
                      <li>
                        <a href={`/organisations/${m.organisationId}`}>
                          {actor.memberships.length === 1
                            ? t('nav.my_organisation')
                            : t('nav.my_organisation_named', { name: m.organisationName })}
                        </a>
                      </li>
                    ))}
                    <li>
                      <a href="/compte">{t('nav.account')}</a>
                    </li>
                    {isPlatformAdmin(actor) && (
                      <li>
                        <a href="/admin/outbox">{t('nav.outbox')}</a>
                      </li>
                    )}
                    <li>
                      <form method="post" action="/deconnexion">
                        <input type="hidden" name="_csrf" value={c.get('csrfToken')} />
                        <button type="submit" class="link-button">
                          {t('nav.sign_out')}
                        </button>
                      </form>
                    </li>
                  </ul>
                </details>
              ) : (
                <a class="button button-small" href="/connexion">
                  {t('nav.sign_in')}
                </a>
              )}
            </div>
          </div>
          <details class="nav-disclosure container" open>
            <summary class="nav-toggle">{t('layout.menu')}</summary>
            <nav aria-label={t('layout.main_nav')}>
              <ul class="main-nav">
                {nav.map((n) => (
                  <li>
                    <a href={n.href} aria-current={section === n.key ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </details>
        </header>
        <main id="contenu" tabindex={-1} class="container">
          {breadcrumbs && breadcrumbs.length > 0 && (
            <nav aria-label={t('layout.breadcrumbs')} class="breadcrumbs">
              <ol>
                {breadcrumbs.map((b, i) => (
                  <li>
                    {b.href && i < breadcrumbs.length - 1 ? (
                      <a href={b.href}>{b.label}</a>
                    ) : (
                      <span aria-current="page">{b.label}</span>
                    )}
                  </li>
                ))}
              </ol>
            </nav>
          )}
          {children}
        </main>
        <footer class="site-footer">
          <div class="container footer-inner">
            <p class="footer-about">{t('layout.footer_about')}</p>
            <ul class="footer-links">
              <li>
                <a href="/accessibilite">{t('layout.accessibility')}</a>
              </li>
              <li>
                <a href="/mentions-legales">{t('layout.legal')}</a>
              </li>
              <li>
                <a href="/confidentialite">{t('layout.privacy')}</a>
              </li>
              <li>
                <a href="/api">{t('nav.api')}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
};

/** Renders a full page with its doctype. */
export async function renderPage(c: Context<AppEnv>, props: Omit<LayoutProps, 'c'>, status = 200) {
  const body = await (<Layout c={c} {...props} />).toString();
  return c.html(`<!DOCTYPE html>${body}`, status as any);
}
