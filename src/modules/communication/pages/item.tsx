import type { FieldErrors } from '../../../http/errors.js';
import { Alert, CsrfField, ErrorSummary, PageHeader, Tag } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { formatDate, formatDateTime } from '../../../i18n/i18n.js';
import { charCount, missingApprovals, NETWORK_NAMES, type Network, SOCIAL_MAX } from '../domain/approval.js';
import type { NewsItem, NewsVersion } from '../store.js';
import { NewsFields } from './form.js';
import { type C, crumbs, Paragraphs, type Values } from './shared.js';

/** Art. 3 : what each network pastes into its own channels. */
const ChannelKit = ({ c, v }: { c: C; v: NewsVersion }) => {
  const t = c.get('t');
  const newsletter = `${v.title}\n\n${v.body}${v.link ? `\n\n${v.link}` : ''}`;
  const count = charCount(v.socialText);
  return (
    <section aria-labelledby="kit" class="card">
      <h2 id="kit">{t('news.kit.title')}</h2>
      <p>{t('news.kit.lead')}</p>
      <div class="field">
        <label for="kit-newsletter">{t('news.kit.newsletter')}</label>
        <textarea id="kit-newsletter" rows={8} readonly>
          {newsletter}
        </textarea>
      </div>
      <div class="field">
        <label for="kit-social">{t('news.kit.social')}</label>
        <p class="hint" id="kit-social-count">
          {t('news.kit.count', { count, max: SOCIAL_MAX })}
        </p>
        <textarea id="kit-social" rows={3} readonly aria-describedby="kit-social-count">
          {v.socialText}
        </textarea>
      </div>
      <div class="field">
        <label for="kit-alt">{t('news.kit.alt')}</label>
        <textarea id="kit-alt" rows={2} readonly>
          {v.imageAlt || t('news.kit.no_alt')}
        </textarea>
      </div>
    </section>
  );
};

export function newsItemPage(c: C, p: { item: NewsItem; staff: boolean }) {
  const t = c.get('t');
  const locale = c.get('locale');
  const v = p.item.current;
  return renderPage(c, {
    title: v.title,
    section: 'news',
    breadcrumbs: [...crumbs(c), { label: v.title }],
    children: (
      <>
        <PageHeader title={v.title} />
        <p class="muted">
          {t('news.published_on', { date: formatDate(p.item.publishedAt, locale) })} — {t('news.joint')}
        </p>
        <Paragraphs text={v.body} />
        {v.link && (
          <p>
            <a href={v.link}>{t('news.more')}</a>
          </p>
        )}
        {p.staff && <ChannelKit c={c} v={v} />}
      </>
    ),
  });
}

export function newsReviewPage(
  c: C,
  p: { item: NewsItem; network: Network | null; values?: Values; errors?: FieldErrors; flash?: string },
  status = 200,
) {
  const t = c.get('t');
  const locale = c.get('locale');
  const { item } = p;
  const v = item.current;
  const current = item.approvals.filter((a) => a.hash === v.hash);
  const missing = missingApprovals(item.approvals, v.hash);
  const canApprove = item.status === 'draft' && p.network !== null && missing.includes(p.network);
  const values: Values = p.values ?? {
    title: v.title,
    body: v.body,
    socialText: v.socialText,
    imageAlt: v.imageAlt,
    link: v.link ?? '',
  };
  return renderPage(
    c,
    {
      title: t('news.review.title', { title: v.title }),
      section: 'news',
      breadcrumbs: [...crumbs(c), { label: v.title }],
      children: (
        <>
          <PageHeader title={t('news.review.title', { title: v.title })} />
          <ErrorSummary c={c} errors={p.errors} />
          {p.flash && <Alert kind="success">{p.flash}</Alert>}
          {item.status === 'published' ? (
            <Alert kind="success">
              {t('news.review.published', { date: formatDate(item.publishedAt, locale) })}{' '}
              <a href={`/actualites/${item.id}`}>{t('news.review.see_public')}</a>
            </Alert>
          ) : (
            <Alert kind="info">{t('news.review.rule')}</Alert>
          )}
          <section aria-labelledby="version" class="card">
            <h2 id="version">{t('news.version', { number: v.number })}</h2>
            <p class="muted">
              {t('news.proposed_by', {
                name: v.proposedByName,
                network: NETWORK_NAMES[v.proposedByNetwork],
                date: formatDateTime(v.createdAt, locale),
              })}
            </p>
            <p>
              {t('news.hash')} <code>{v.hash}</code>
            </p>
            <h3>{v.title}</h3>
            <Paragraphs text={v.body} />
            {v.link && (
              <p>
                <a href={v.link}>{v.link}</a>
              </p>
            )}
          </section>
          <section aria-labelledby="approbations" class="card">
            <h2 id="approbations">{t('news.approvals.title')}</h2>
            <ul>
              {(['unml', 'cuf'] as const).map((n) => {
                const a = current.find((x) => x.network === n);
                return (
                  <li>
                    {NETWORK_NAMES[n]} :{' '}
                    {a ? (
                      <Tag kind="success">
                        {t('news.approvals.done', {
                          name: a.approvedByName,
                          date: formatDateTime(a.approvedAt, locale),
                        })}
                      </Tag>
                    ) : (
                      <Tag kind="warning">{t('news.approvals.waiting')}</Tag>
                    )}
                  </li>
                );
              })}
            </ul>
            {canApprove && (
              <form method="post" action={`/actualites/${item.id}/approuver`}>
                <CsrfField c={c} />
                <input type="hidden" name="hash" value={v.hash} />
                <button type="submit">
                  {t('news.approve', { network: NETWORK_NAMES[p.network as Network], number: v.number })}
                </button>
              </form>
            )}
            {item.status === 'draft' && p.network === null && <p>{t('news.approvals.no_network')}</p>}
          </section>
          <ChannelKit c={c} v={v} />
          {item.status === 'draft' && (
            <section aria-labelledby="modifier" class="card">
              <h2 id="modifier">{t('news.revise.title')}</h2>
              <p>{t('news.revise.lead')}</p>
              <form method="post" action={`/actualites/${item.id}/versions`} novalidate>
                <CsrfField c={c} />
                <NewsFields c={c} values={values} errors={p.errors ?? {}} />
                <button type="submit">{t('news.revise.submit')}</button>
              </form>
            </section>
          )}
          {item.versions.length > 1 && (
            <section aria-labelledby="historique">
              <h2 id="historique">{t('news.history')}</h2>
              <table>
                <caption>{t('news.history')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('news.col.version')}</th>
                    <th scope="col">{t('news.col.by')}</th>
                    <th scope="col">{t('news.col.approved')}</th>
                  </tr>
                </thead>
                <tbody>
                  {item.versions.map((x) => (
                    <tr>
                      <th scope="row">{x.number}</th>
                      <td>
                        {x.proposedByName} ({NETWORK_NAMES[x.proposedByNetwork]}),{' '}
                        {formatDateTime(x.createdAt, locale)}
                      </td>
                      <td>
                        {item.approvals
                          .filter((a) => a.versionNumber === x.number)
                          .map((a) => NETWORK_NAMES[a.network])
                          .join(', ') || '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      ),
    },
    status,
  );
}
