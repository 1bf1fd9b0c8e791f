import type { Context } from 'hono';
import type { AppEnv } from '../../http/context.js';
import type { FieldErrors } from '../../http/errors.js';
import { Alert, CsrfField, ErrorSummary, Field, PageHeader, TextArea } from '../../http/layout/components.js';
import { renderPage } from '../../http/layout/Layout.js';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/i18n.js';
import type { ConnectionRow } from './answer-connection.js';
import type { DeliveryRow, RelayItem } from './read-relays.js';

type C = Context<AppEnv>;

/** One sentence per delivery: who was notified, said truthfully to the sender (issue 9 §3). */
export function deliverySentences(c: C, rows: DeliveryRow[], receiver: string): string[] {
  const t = c.get('t');
  const out: string[] = [];
  const seen = new Set<string>();
  for (const d of rows) {
    const key = `${d.kind}:${d.via}:${d.organisation_id}`;
    if (seen.has(key)) continue; // several addresses of one kind: one sentence
    seen.add(key);
    const organisation = d.organisation_name;
    if (d.kind === 'member')
      out.push(
        d.recipients === 1
          ? t('connections.delivery.member_one', { organisation })
          : t('connections.delivery.member', { organisation, count: formatNumber(d.recipients) }),
      );
    else if (d.kind === 'network_staff')
      out.push(
        d.recipients > 0
          ? t('connections.delivery.relay', {
              network: organisation,
              organisation: receiver,
              count: formatNumber(d.recipients),
            })
          : t('connections.delivery.relay_nobody', { network: organisation, organisation: receiver }),
      );
    else out.push(t(`connections.delivery.${d.via}`, { organisation }));
  }
  return out;
}

export const DeliveredTo = ({ c, x, rows }: { c: C; x: ConnectionRow; rows: DeliveryRow[] }) => {
  const t = c.get('t');
  const sentences = deliverySentences(c, rows, x.receiver_name);
  if (sentences.length === 0) return null;
  return (
    <section aria-labelledby="delivered-to">
      <h2 id="delivered-to">{t('connections.delivery.title')}</h2>
      <ul>
        {sentences.map((s) => (
          <li>{s}</li>
        ))}
      </ul>
    </section>
  );
};

export function relayListPage(c: C, items: RelayItem[]) {
  const t = c.get('t');
  return renderPage(c, {
    title: t('connections.relay.list_title'),
    wide: true,
    children: (
      <>
        <PageHeader title={t('connections.relay.list_title')} lead={t('connections.relay.list_lead')} />
        {items.length === 0 ? (
          <p class="empty-state">{t('connections.relay.empty')}</p>
        ) : (
          <div class="table-wrapper">
            <table>
              <caption>{t('connections.relay.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('connections.relay.date')}</th>
                  <th scope="col">{t('connections.relay.from')}</th>
                  <th scope="col">{t('connections.relay.to')}</th>
                  <th scope="col">{t('connections.relay.network')}</th>
                  <th scope="col">{t('connections.relay.state')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr>
                    <td>
                      <a href={`/relais/${i.id}`}>{formatDate(i.created_at.toISOString())}</a>
                    </td>
                    <td>{i.requester_name}</td>
                    <td>
                      <a href={`/organisations/${i.receiver_id}`}>{i.receiver_name}</a>
                    </td>
                    <td>{i.network_name}</td>
                    <td>
                      {i.contacts === 0
                        ? t('connections.relay.todo')
                        : t('connections.relay.done', { count: formatNumber(i.contacts) })}
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

export function relayPage(
  c: C,
  p: {
    x: ConnectionRow;
    deliveries: DeliveryRow[];
    notice?: string;
    errors?: FieldErrors;
    values?: Record<string, string | string[]>;
  },
  status = 200,
) {
  const t = c.get('t');
  const title = t('connections.relay.title', { requester: p.x.requester_name, receiver: p.x.receiver_name });
  const v = (k: string) => (typeof p.values?.[k] === 'string' ? (p.values[k] as string) : '');
  const open = p.x.status === 'pending';
  return renderPage(
    c,
    {
      title,
      breadcrumbs: [{ label: t('connections.relay.crumb'), href: '/relais' }, { label: title }],
      children: (
        <>
          <PageHeader
            title={title}
            lead={open ? t('connections.relay.lead', { receiver: p.x.receiver_name }) : undefined}
          />
          {p.notice && (
            <Alert kind="success">
              <p>{p.notice}</p>
            </Alert>
          )}
          <ErrorSummary c={c} errors={p.errors} />
          <dl class="summary">
            <dt>{t('connections.relay.from')}</dt>
            <dd>
              <a href={`/organisations/${p.x.requester_id}`}>{p.x.requester_name}</a>
            </dd>
            <dt>{t('connections.relay.to')}</dt>
            <dd>
              <a href={`/organisations/${p.x.receiver_id}`}>{p.x.receiver_name}</a>
            </dd>
            <dt>{t('connections.relay.date')}</dt>
            <dd>{formatDateTime(p.x.created_at)}</dd>
            <dt>{t('connections.detail.message')}</dt>
            <dd class="preserve-lines">{p.x.message}</dd>
          </dl>
          {open ? (
            <p>{t('connections.detail.expires', { date: formatDate(p.x.expires_at.toISOString()) })}</p>
          ) : (
            <Alert kind="info">
              <p>{t('connections.relay.closed')}</p>
            </Alert>
          )}
          <DeliveredTo c={c} x={p.x} rows={p.deliveries} />
          {open && (
            <form method="post" action={`/relais/${p.x.id}/transmettre`} novalidate>
              <CsrfField c={c} />
              <h2>{t('connections.relay.forward_title')}</h2>
              <p class="hint">{t('connections.relay.forward_hint')}</p>
              <p class="hint">{t('connections.relay.invite_hint', { receiver: p.x.receiver_name })}</p>
              <Field
                name="email"
                type="email"
                autocomplete="off"
                label={t('connections.relay.email')}
                value={v('email')}
                error={p.errors?.email}
                required
              />
              <Field
                name="name"
                label={t('connections.relay.name')}
                value={v('name')}
                error={p.errors?.name}
              />
              <TextArea
                name="note"
                label={t('connections.relay.note')}
                value={v('note')}
                error={p.errors?.note}
                rows={3}
                maxlength={2000}
              />
              <p class="button-group">
                <button type="submit" class="button">
                  {t('connections.relay.forward_submit')}
                </button>
                <button
                  type="submit"
                  class="button button-secondary"
                  formaction={`/relais/${p.x.id}/inviter`}
                >
                  {t('connections.relay.invite_submit')}
                </button>
              </p>
            </form>
          )}
          <p>
            <a href="/relais">{t('connections.relay.back')}</a>
          </p>
        </>
      ),
    },
    status,
  );
}
