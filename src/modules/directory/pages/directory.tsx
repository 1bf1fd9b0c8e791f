import type { Context } from 'hono';
import type { AppEnv } from '../../../http/context.js';
import type { FieldErrors } from '../../../http/errors.js';
import { Alert, PageHeader, Pagination, Select, Tag } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { formatNumber } from '../../../i18n/i18n.js';
import { CountryField } from '../country-input.js';
import { countryName, resolveCountry } from '../domain/countries.js';
import { LEVELS, ORG_KINDS, THEMES } from '../domain/profile.js';
import { OVERSEAS } from '../map/geometry.js';
import { DepartementMap } from '../map/render.js';
import type { SearchItem, SearchParams } from '../search.js';
import { kindLabel } from './labels.js';

export interface DirectoryOptions {
  regions: { code: string; name: string }[];
  departements: { code: string; name: string }[];
  groups: { code: string; name: string }[];
}

export type RawParams = Record<string, string>;

const FILTER_KEYS = [
  'q',
  'kind',
  'level',
  'region',
  'departement',
  'country',
  'group',
  'theme',
  'open',
] as const;

/** A shareable URL of the directory with the given parameters (empty ones left out). */
export function directoryUrl(raw: RawParams, over: RawParams = {}, path = '/annuaire'): string {
  const merged = { ...raw, ...over };
  const qs = new URLSearchParams();
  for (const k of [...FILTER_KEYS, 'vue', 'page'] as const) {
    const v = merged[k];
    if (v && !(k === 'page' && v === '1') && !(k === 'vue' && v === 'liste')) qs.set(k, v);
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export function hasFilters(raw: RawParams): boolean {
  return FILTER_KEYS.some((k) => !!raw[k]);
}

export interface DirectoryPageProps {
  raw: RawParams;
  params: SearchParams | null;
  errors?: FieldErrors;
  options: DirectoryOptions;
  view: 'liste' | 'carte';
  result?: { items: SearchItem[]; total: number; page: number; pages: number };
  map?: { counts: Map<string, number>; total: number };
}

export function directoryPage(c: Context<AppEnv>, p: DirectoryPageProps, status = 200) {
  const t = c.get('t');
  const { raw, options, view } = p;
  const v = (k: string) => raw[k] ?? '';
  const title = t('directory.search.title');
  const total = p.view === 'liste' ? p.result?.total : p.map?.total;
  const countText =
    total === undefined
      ? ''
      : total === 0
        ? t('directory.search.count_zero')
        : total === 1
          ? t('directory.search.count_one')
          : t('directory.search.count', { count: formatNumber(total) });
  const names = new Map([...options.departements.map((d) => [d.code, d.name] as [string, string])]);
  for (const o of OVERSEAS) if (!names.has(o.code)) names.set(o.code, o.name);
  return renderPage(
    c,
    {
      title: raw.q ? `${raw.q} — ${title}` : title,
      bilingual: true,
      section: 'directory',
      wide: true,
      breadcrumbs: [{ label: t('nav.home'), href: '/' }, { label: title }],
      children: (
        <>
          <PageHeader title={title} lead={t('directory.search.lead')} />
          {p.errors && (
            <Alert kind="error" title={t('errors.title.bad_request')}>
              <ul>
                {Object.entries(p.errors).map(([k, m]) => (
                  <li>
                    {t(`directory.search.${k}`) === `directory.search.${k}` ? k : t(`directory.search.${k}`)}{' '}
                    : {m}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <form method="get" action="/annuaire" class="directory-search" aria-label={t('directory.search.q')}>
            {view === 'carte' && <input type="hidden" name="vue" value="carte" />}
            <div class="search-box">
              <div class="field">
                <label for="champ-q">{t('directory.search.q')}</label>
                <p class="hint" id="champ-q-hint">
                  {t('directory.search.q_hint')}
                </p>
                <input
                  id="champ-q"
                  name="q"
                  type="search"
                  value={v('q')}
                  maxlength={200}
                  autocomplete="off"
                  list="organisations-suggestions"
                  aria-describedby="champ-q-hint"
                  data-autocomplete="/api/v1/organisations/autocomplete"
                />
                <datalist id="organisations-suggestions"></datalist>
              </div>
              <button type="submit">{t('directory.search.submit')}</button>
            </div>
            <div class="directory-layout">
              <div class="directory-filters">
                <h2>{t('directory.search.filters')}</h2>
                <Select
                  name="kind"
                  label={t('directory.search.kind')}
                  emptyLabel={t('directory.search.all')}
                  value={v('kind')}
                  options={ORG_KINDS.map((k) => ({ value: k, label: t(`directory.kind.${k}`) }))}
                />
                <Select
                  name="level"
                  label={t('directory.search.level')}
                  emptyLabel={t('directory.search.all')}
                  value={v('level')}
                  options={LEVELS.map((l) => ({ value: l, label: t(`directory.level.${l}`) }))}
                />
                <Select
                  name="region"
                  label={t('directory.search.region')}
                  emptyLabel={t('directory.search.all')}
                  value={v('region')}
                  options={options.regions.map((r) => ({ value: r.code, label: r.name }))}
                />
                <Select
                  name="departement"
                  label={t('directory.search.departement')}
                  emptyLabel={t('directory.search.all')}
                  value={v('departement')}
                  options={options.departements.map((d) => ({
                    value: d.code,
                    label: `${d.code} — ${d.name}`,
                  }))}
                />
                <CountryField
                  c={c}
                  name="country"
                  label={t('directory.search.country')}
                  value={(() => {
                    const code = resolveCountry(v('country'));
                    return code ? countryName(code, c.get('locale')) : v('country');
                  })()}
                />
                <Select
                  name="group"
                  label={t('directory.search.group')}
                  emptyLabel={t('directory.search.all')}
                  value={v('group')}
                  options={options.groups.map((g) => ({ value: g.code, label: g.name }))}
                />
                <Select
                  name="theme"
                  label={t('directory.search.theme')}
                  emptyLabel={t('directory.search.all')}
                  value={v('theme')}
                  options={THEMES.map((th) => ({ value: th, label: t(`directory.theme.${th}`) }))}
                />
                <div class="field">
                  <div class="checkbox">
                    <input type="checkbox" id="champ-open" name="open" value="1" checked={!!p.params?.open} />
                    <label for="champ-open">{t('directory.search.open')}</label>
                  </div>
                </div>
                <p class="button-group">
                  <button type="submit" class="button-secondary">
                    {t('directory.search.apply')}
                  </button>
                  {hasFilters(raw) && (
                    <a href={view === 'carte' ? '/annuaire?vue=carte' : '/annuaire'}>
                      {t('directory.search.reset')}
                    </a>
                  )}
                </p>
              </div>
              <div class="directory-results">
                <nav aria-label={t('directory.search.views')}>
                  <ul class="view-switch">
                    <li>
                      <a
                        href={directoryUrl(raw, { vue: 'liste', page: '' })}
                        aria-current={view === 'liste' ? 'page' : undefined}
                      >
                        {t('directory.search.view_list')}
                      </a>
                    </li>
                    <li>
                      <a
                        href={directoryUrl(raw, { vue: 'carte', page: '' })}
                        aria-current={view === 'carte' ? 'page' : undefined}
                      >
                        {t('directory.search.view_map')}
                      </a>
                    </li>
                  </ul>
                </nav>
                {countText && (
                  <p role="status" class="result-count">
                    <strong>{countText}</strong>
                    {view === 'liste' && p.result && p.result.pages > 1 && (
                      <span class="muted">
                        {' '}
                        · {t('directory.search.page_of', { page: p.result.page, pages: p.result.pages })}
                      </span>
                    )}
                  </p>
                )}
                {total === 0 && (
                  <div class="empty-state">
                    <p>{t('directory.search.empty')}</p>
                    {hasFilters(raw) && (
                      <p>
                        <a href={view === 'carte' ? '/annuaire?vue=carte' : '/annuaire'}>
                          {t('directory.search.empty_reset')}
                        </a>
                      </p>
                    )}
                  </div>
                )}
                {view === 'liste' && p.result && p.result.items.length > 0 && (
                  <>
                    <h2 class="visually-hidden">{t('directory.search.results')}</h2>
                    <ul class="result-list">
                      {p.result.items.map((it) => (
                        <li>
                          <h3>
                            <a href={`/organisations/${it.id}`}>{it.name}</a>
                          </h3>
                          <p>
                            {kindLabel(t, it.kind, it.level)}
                            {it.departement && ` · ${it.departement.name} (${it.departement.code})`}
                            {!it.departement && it.region && ` · ${it.region.name}`}
                            {it.kind === 'foreign_partner' &&
                              it.country &&
                              ` · ${[it.city, countryName(it.country)].filter(Boolean).join(', ')}`}{' '}
                            {it.openToPartnership && (
                              <Tag kind="success">{t('directory.search.open_tag')}</Tag>
                            )}
                          </p>
                        </li>
                      ))}
                    </ul>
                    <Pagination
                      c={c}
                      page={p.result.page}
                      pages={p.result.pages}
                      href={(n) => directoryUrl(raw, { page: String(n) })}
                    />
                  </>
                )}
                {view === 'carte' && p.map && (
                  <MapSection c={c} counts={p.map.counts} names={names} raw={raw} />
                )}
              </div>
            </div>
          </form>
          <section aria-labelledby="donnees-ouvertes">
            <h2 id="donnees-ouvertes">{t('directory.search.open_data')}</h2>
            <ul>
              <li>
                <a href={directoryUrl(raw, { vue: '', page: '' }, '/annuaire/export.csv')}>
                  {t('directory.search.export_csv')}
                </a>
              </li>
              <li>
                <a href={directoryUrl(raw, { vue: '', page: '' }, '/annuaire/export.json')}>
                  {t('directory.search.export_json')}
                </a>
              </li>
              <li>
                <a href="/annuaire/schema.json">{t('directory.search.schema')}</a>
              </li>
            </ul>
            <p class="hint">{t('directory.search.licence')}</p>
          </section>
          <script src="/static/js/annuaire.js" defer></script>
        </>
      ),
    },
    status,
  );
}

function MapSection(p: {
  c: Context<AppEnv>;
  counts: Map<string, number>;
  names: Map<string, string>;
  raw: RawParams;
}) {
  const t = p.c.get('t');
  const measure = describeMeasure(t, p.raw);
  const rows = [...p.names.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  return (
    <section aria-labelledby="carte-section">
      <h2 id="carte-section">{t('directory.map.title')}</h2>
      <ul class="view-switch">
        <li>
          <a href={directoryUrl({ vue: 'carte', open: '1' })}>{t('directory.map.measure.open')}</a>
        </li>
        <li>
          <a href={directoryUrl({ vue: 'carte', kind: 'mission_locale' })}>
            {t('directory.map.measure.mission_locale')}
          </a>
        </li>
      </ul>
      <figure class="map">
        <DepartementMap
          counts={p.counts}
          names={p.names}
          title={t('directory.map.svg_title', { measure })}
          desc={t('directory.map.svg_desc')}
          legendTitle={t('directory.map.legend')}
        />
        <figcaption class="map-credit">{t('directory.map.credit')}</figcaption>
      </figure>
      <details>
        <summary>{t('directory.map.table')}</summary>
        <div class="table-wrapper">
          <table>
            <caption>{t('directory.map.svg_title', { measure })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('directory.map.col_code')}</th>
                <th scope="col">{t('directory.map.col_name')}</th>
                <th scope="col" class="num">
                  {t('directory.map.col_count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([code, name]) => (
                <tr>
                  <td>{code}</td>
                  <td>
                    <a href={directoryUrl(p.raw, { departement: code, vue: 'liste', page: '' })}>{name}</a>
                  </td>
                  <td class="num">{formatNumber(p.counts.get(code) ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

/** "Missions Locales", "Organisations ouvertes aux partenariats"… for the map title. */
function describeMeasure(t: (k: string) => string, raw: RawParams): string {
  if (raw.kind === 'mission_locale' && !raw.open) return t('directory.map.measure.mission_locale');
  if (raw.open && !raw.kind) return t('directory.map.measure.open');
  if (!hasFilters(raw)) return t('directory.map.measure.all');
  return t('directory.search.results');
}
