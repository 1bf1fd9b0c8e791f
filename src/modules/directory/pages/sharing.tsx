import type { Context } from 'hono';
import type { AppEnv } from '../../../http/context.js';
import { PageHeader } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { type Reader, SHARING_LEVELS, visibleLevels } from '../domain/sharing.js';

const ORG = 'organisation';
/** The readers of the page's table, each with the reader the code uses (the same rule decides). */
const READERS: { key: string; reader: Reader }[] = [
  { key: 'anonymous', reader: { kind: 'actor', actor: { kind: 'anonymous' } } },
  {
    key: 'signed_in',
    reader: {
      kind: 'actor',
      actor: {
        kind: 'user',
        user: { id: '', email: '', name: '', globalRole: 'network_admin', network: 'unml', locale: 'fr' },
        memberships: [],
        via: 'session',
        tokenScope: null,
      },
    },
  },
  { key: 'counterpart', reader: { kind: 'counterpart' } },
  {
    key: 'member',
    reader: {
      kind: 'actor',
      actor: {
        kind: 'user',
        user: { id: '', email: '', name: '', globalRole: null, network: null, locale: 'fr' },
        memberships: [
          { organisationId: ORG, organisationName: '', organisationKind: 'mission_locale', role: 'member' },
        ],
        via: 'session',
        tokenScope: null,
      },
    },
  },
];

/**
 * « Ce que voient les autres » (convention art. 4): the sharing rule explained to users. The
 * table is computed from `visibleLevels`, the function every reader goes through, so the
 * page cannot say something the code does not do.
 */
export function sharingPage(c: Context<AppEnv>) {
  const t = c.get('t');
  return renderPage(c, {
    title: t('directory.share.title'),
    bilingual: true,
    section: 'directory',
    breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: t('directory.share.title') }],
    children: (
      <>
        <PageHeader title={t('directory.share.title')}>
          <p class="lead">{t('directory.share.lead')}</p>
        </PageHeader>
        <section aria-labelledby="regle">
          <h2 id="regle">{t('directory.share.rule_title')}</h2>
          <ul>
            {SHARING_LEVELS.map((l) => (
              <li>
                <strong>{t(`directory.sharing.${l}`)}</strong> : {t(`directory.share.level_${l}`)}
              </li>
            ))}
          </ul>
          <div class="table-wrapper">
            <table>
              <caption>{t('directory.share.table_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('directory.share.col_level')}</th>
                  {READERS.map((r) => (
                    <th scope="col">{t(`directory.share.reader_${r.key}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {SHARING_LEVELS.map((l) => (
                  <tr>
                    <th scope="row">{t(`directory.sharing.${l}`)}</th>
                    {READERS.map((r) => (
                      <td>
                        {visibleLevels(r.reader, ORG).includes(l)
                          ? t('directory.share.sees')
                          : t('directory.share.does_not_see')}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section aria-labelledby="ou">
          <h2 id="ou">{t('directory.share.where_title')}</h2>
          <p>{t('directory.share.where')}</p>
          <ul>
            <li>{t('directory.share.where_profile')}</li>
            <li>{t('directory.share.where_connection')}</li>
            <li>{t('directory.share.where_exports')}</li>
            <li>{t('directory.share.where_mail')}</li>
            <li>{t('directory.share.where_documents')}</li>
          </ul>
        </section>
        <section aria-labelledby="marquer">
          <h2 id="marquer">{t('directory.share.how_title')}</h2>
          <p>{t('directory.share.how')}</p>
          <p>{t('directory.share.operators')}</p>
        </section>
      </>
    ),
  });
}
