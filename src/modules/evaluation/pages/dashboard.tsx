import type { Context } from 'hono';
import type { AppEnv } from '../../../http/context.js';
import type { FieldErrors } from '../../../http/errors.js';
import { Alert, ErrorSummary, PageHeader } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { formatDate, formatDateTime } from '../../../i18n/i18n.js';
import type { Dashboard, IndicatorGroup } from '../compute-indicators.js';
import { SMALL_CELL_THRESHOLD } from '../domain/indicators.js';
import { formatFigure } from '../format.js';
import { BarChart } from './charts.js';

type C = Context<AppEnv>;

const GROUPS: { key: IndicatorGroup; title: string }[] = [
  { key: 'connections', title: 'Mises en relation' },
  { key: 'projects', title: 'Projets communs' },
  { key: 'participants', title: 'Participants' },
  { key: 'funding', title: 'Financements' },
  { key: 'events', title: 'Événements' },
  { key: 'roadmap', title: 'Feuille de route' },
];

/** Query string of the current view (for the export links). */
export const viewQuery = (d: Dashboard) => {
  const q = new URLSearchParams({ on: d.on });
  if (d.scope.region) q.set('region', d.scope.region);
  if (d.scope.departement) q.set('departement', d.scope.departement);
  return q.toString();
};

export function dashboardPage(
  c: C,
  p: {
    dashboard: Dashboard | null;
    values: { on: string; region: string };
    regions: { code: string; name: string }[];
    errors?: FieldErrors;
  },
  status = 200,
) {
  const d = p.dashboard;
  const title = 'Indicateurs du partenariat';
  return renderPage(
    c,
    {
      title,
      section: 'evaluation',
      breadcrumbs: [{ label: 'Accueil', href: '/' }, { label: title }],
      children: (
        <>
          <PageHeader
            title={title}
            lead="Art. 4 de la convention : les résultats du partenariat UNML × Cités Unies France, calculés à partir des données de la plateforme."
          />
          <ErrorSummary c={c} errors={p.errors} />
          <form method="get" action="/evaluation" class="filters">
            <div class={`field${p.errors?.on ? ' field-error' : ''}`}>
              <label for="champ-on">Date de calcul</label>
              <p class="hint" id="champ-on-aide">
                Les chiffres sont ceux de l’année de convention qui contient cette date, jusqu’à ce jour-là.
              </p>
              {p.errors?.on && (
                <p class="error-message" id="champ-on-erreur">
                  {p.errors.on}
                </p>
              )}
              <input
                type="date"
                id="champ-on"
                name="on"
                value={p.values.on}
                aria-describedby={p.errors?.on ? 'champ-on-aide champ-on-erreur' : 'champ-on-aide'}
                aria-invalid={p.errors?.on ? 'true' : undefined}
              />
            </div>
            <div class="field">
              <label for="champ-region">Région</label>
              <select id="champ-region" name="region">
                <option value="">Toute la France</option>
                {p.regions.map((r) => (
                  <option value={r.code} selected={r.code === p.values.region}>
                    {r.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="button">
              Afficher
            </button>
          </form>
          {d && (
            <>
              <p class="muted">
                Année de convention {d.period.year} (du {formatDate(d.period.from)} au{' '}
                {formatDate(d.period.to)}), chiffres au {formatDate(d.on)}. Calculé le{' '}
                {formatDateTime(d.computedAt)} à partir des données de la plateforme.
              </p>
              <Alert kind="info">
                Aucun chiffre comptant des personnes n’est affiché en dessous de {SMALL_CELL_THRESHOLD} : il
                est remplacé par « &lt; {SMALL_CELL_THRESHOLD} », pour qu’aucun jeune ne puisse être
                identifié.
              </Alert>
              <p>
                Télécharger ces chiffres : <a href={`/evaluation/indicateurs.csv?${viewQuery(d)}`}>CSV</a> ·{' '}
                <a href={`/evaluation/indicateurs.xlsx?${viewQuery(d)}`}>Excel</a>
              </p>
              {GROUPS.map((g) => {
                const items = d.indicators.filter((i) => i.group === g.key);
                return (
                  <section aria-labelledby={`groupe-${g.key}`}>
                    <h2 id={`groupe-${g.key}`}>{g.title}</h2>
                    <div class="table-wrapper">
                      <table>
                        <caption>{g.title} : indicateurs</caption>
                        <thead>
                          <tr>
                            <th scope="col">Indicateur</th>
                            <th scope="col">Valeur</th>
                            <th scope="col">Définition</th>
                          </tr>
                        </thead>
                        <tbody>
                          {items.map((i) => (
                            <tr>
                              <th scope="row">{i.label}</th>
                              <td data-indicator={i.key}>{formatFigure(i.figure, i.unit)}</td>
                              <td>{i.definition}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                    {items
                      .filter((i) => i.parts)
                      .map((i) => (
                        <figure>
                          <BarChart
                            id={`graphique-${i.key}`}
                            title={`${i.label} par type`}
                            bars={(i.parts ?? []).map((x) => ({
                              label: x.label,
                              figure: x.figure,
                              text: formatFigure(x.figure, i.unit),
                            }))}
                          />
                          <figcaption>
                            {i.label} par type (les mêmes chiffres sont dans le tableau ci-dessous).
                          </figcaption>
                          <div class="table-wrapper">
                            <table>
                              <caption>{i.label} par type</caption>
                              <thead>
                                <tr>
                                  <th scope="col">Type</th>
                                  <th scope="col">Nombre</th>
                                </tr>
                              </thead>
                              <tbody>
                                {(i.parts ?? []).map((x) => (
                                  <tr>
                                    <th scope="row">{x.label}</th>
                                    <td>{formatFigure(x.figure, i.unit)}</td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          </div>
                        </figure>
                      ))}
                  </section>
                );
              })}
              <section aria-labelledby="groupe-regions">
                <h2 id="groupe-regions">Par région</h2>
                {d.byRegion.length === 0 ? (
                  <p>Aucune activité rattachée à une région sur la période.</p>
                ) : (
                  <>
                    <figure>
                      <BarChart
                        id="graphique-regions"
                        title="Projets communs par région"
                        bars={d.byRegion.map((r) => ({
                          label: r.name,
                          figure: r.projects,
                          text: formatFigure(r.projects),
                        }))}
                      />
                      <figcaption>
                        Projets communs par région (chiffres dans le tableau ci-dessous).
                      </figcaption>
                    </figure>
                    <div class="table-wrapper">
                      <table>
                        <caption>Activité par région</caption>
                        <thead>
                          <tr>
                            <th scope="col">Région</th>
                            <th scope="col">Demandes de mise en relation</th>
                            <th scope="col">Projets communs</th>
                            <th scope="col">Jeunes participants</th>
                          </tr>
                        </thead>
                        <tbody>
                          {d.byRegion.map((r) => (
                            <tr>
                              <th scope="row">{r.name}</th>
                              <td>{formatFigure(r.connections)}</td>
                              <td>{formatFigure(r.projects)}</td>
                              <td data-region-young={r.code}>{formatFigure(r.youngPeople, 'people')}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </>
                )}
              </section>
            </>
          )}
        </>
      ),
    },
    status,
  );
}
