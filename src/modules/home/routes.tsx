import type { Context } from 'hono';
import type { AppEnv } from '../../http/context.js';
import { Alert, PageHeader } from '../../http/layout/components.js';
import { renderPage } from '../../http/layout/Layout.js';
import { policies } from '../../policy/policy.js';
import type { Module } from '../index.js';
import { loadDashboard } from './dashboard.js';
import { dashboardPage } from './dashboard-page.js';

function legalPage(c: Context<AppEnv>, titleKey: string, sections: [string | null, string][]) {
  const t = c.get('t');
  return renderPage(c, {
    title: t(titleKey),
    breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: t(titleKey) }],
    children: (
      <article class="prose">
        <h1>{t(titleKey)}</h1>
        {sections.map(([h, p]) => (
          <>
            {h && <h2>{t(h)}</h2>}
            <p>{t(p)}</p>
          </>
        ))}
      </article>
    ),
  });
}

export const homeModule: Module = {
  name: 'home',
  register(r, deps) {
    // Signed in: a dashboard of what to do (issue 9 §5); anonymous: the presentation page.
    r.page('GET', '/', policies.public, async (c) => {
      const t = c.get('t');
      const actor = c.get('actor');
      if (actor.kind === 'user')
        return dashboardPage(c, await loadDashboard(deps.db, actor, deps.now()), { demo: deps.config.DEMO });
      return renderPage(c, {
        title: t('home.title'),
        section: 'home',
        bilingual: true,
        children: (
          <>
            {deps.config.DEMO && (
              <Alert kind="info" title={t('home.demo_banner_title')}>
                <p>{t('home.demo_banner')}</p>
              </Alert>
            )}
            <PageHeader title={t('home.heading')} lead={t('home.lead')}>
              <p class="button-group">
                <a class="button" href="/annuaire">
                  {t('home.cta_directory')}
                </a>
                {c.get('actor').kind === 'anonymous' && (
                  <a class="button button-secondary" href="/connexion">
                    {t('home.cta_sign_in')}
                  </a>
                )}
              </p>
            </PageHeader>
            <section class="grid-3" aria-labelledby="what-title">
              <h2 id="what-title" class="grid-title">
                {t('home.what_title')}
              </h2>
              <div class="card">
                <p>{t('home.what_find')}</p>
              </div>
              <div class="card">
                <p>{t('home.what_connect')}</p>
              </div>
              <div class="card">
                <p>{t('home.what_fund')}</p>
              </div>
              <div class="card">
                <p>{t('home.what_agreements')}</p>
              </div>
            </section>
            <section aria-labelledby="who-title">
              <h2 id="who-title">{t('home.who_title')}</h2>
              <p>{t('home.who_text')}</p>
            </section>
            <section aria-labelledby="figures-title">
              <h2 id="figures-title">{t('home.figures_title')}</h2>
              <ul class="figures">
                <li>{t('home.figure_ml')}</li>
                <li>{t('home.figure_youth')}</li>
                <li>{t('home.figure_cuf')}</li>
              </ul>
            </section>
          </>
        ),
      });
    });

    r.page('GET', '/accessibilite', policies.public, (c) =>
      legalPage(c, 'legal.accessibility_title', [
        [null, 'legal.accessibility_p1'],
        ['legal.accessibility_status_title', 'legal.accessibility_status'],
        ['legal.accessibility_contact_title', 'legal.accessibility_contact'],
        ['legal.accessibility_recourse_title', 'legal.accessibility_recourse'],
      ]),
    );
    r.page('GET', '/mentions-legales', policies.public, (c) =>
      legalPage(c, 'legal.notice_title', [
        ['legal.notice_publisher_title', 'legal.notice_publisher'],
        ['legal.notice_hosting_title', 'legal.notice_hosting'],
        ['legal.notice_licence_title', 'legal.notice_licence'],
      ]),
    );
    r.page('GET', '/confidentialite', policies.public, (c) =>
      legalPage(c, 'legal.privacy_title', [
        [null, 'legal.privacy_p1'],
        [null, 'legal.privacy_p2'],
        [null, 'legal.privacy_p3'],
        [null, 'legal.privacy_rights'],
      ]),
    );
  },
};
