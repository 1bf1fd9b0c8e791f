import type { Context } from 'hono';
import type { AppEnv } from '../../../http/context.js';
import type { FieldErrors } from '../../../http/errors.js';
import { Alert, CsrfField, ErrorSummary, PageHeader } from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import { formatDate } from '../../../i18n/i18n.js';
import { ROADMAP_STATUS_LABELS } from '../domain/review.js';
import type { LoadedReview } from '../review-store.js';

type C = Context<AppEnv>;

/** Art. 4 : the annual review of an agreement, its parties' sections and approvals. */
export function reviewPage(
  c: C,
  p: { review: LoadedReview; adminOf: string[]; flash?: string; errors?: FieldErrors; error?: string },
  status = 200,
) {
  const r = p.review;
  const x = r.content;
  const base = `/conventions/${x.agreement.id}/bilans/${x.year}`;
  const title = `Bilan de l’année ${x.year}`;
  const approvedBy = (org: string) => r.approvals.find((a) => a.organisationId === org && a.hash === r.hash);
  return renderPage(
    c,
    {
      title: `${title} — ${x.agreement.title}`,
      section: 'agreements',
      breadcrumbs: [
        { label: 'Conventions', href: '/conventions' },
        { label: x.agreement.title, href: `/conventions/${x.agreement.id}` },
        { label: title },
      ],
      children: (
        <>
          <PageHeader
            title={title}
            lead={`${x.agreement.title} — du ${formatDate(x.period.from)} au ${formatDate(x.period.to)}.`}
          />
          <ErrorSummary c={c} errors={p.errors} />
          {p.error && <Alert kind="error">{p.error}</Alert>}
          {p.flash && <Alert kind="success">{p.flash}</Alert>}
          {r.frozen ? (
            <Alert kind="success">
              Bilan approuvé par toutes les parties le {formatDate(r.frozenOn)} : il ne change plus.
            </Alert>
          ) : (
            <Alert kind="info">
              Projet de bilan établi à partir des données de la plateforme. Chaque partie rédige sa partie
              puis approuve le texte exact (empreinte ci-dessous) ; toute modification demande une nouvelle
              approbation de chacune.
            </Alert>
          )}
          <p>
            Empreinte SHA-256 : <code data-review-hash>{r.hash}</code>
          </p>
          <p>
            <a href={`${base}/bilan.pdf`}>Télécharger le bilan (PDF)</a>
          </p>

          <h2>Feuille de route</h2>
          {x.roadmap.length === 0 ? (
            <p>Aucune action enregistrée pour cette année.</p>
          ) : (
            <div class="table-wrapper">
              <table>
                <caption>Actions de la feuille de route de l’année {x.year}</caption>
                <thead>
                  <tr>
                    <th scope="col">Action</th>
                    <th scope="col">Résultat</th>
                    <th scope="col">Avancement</th>
                  </tr>
                </thead>
                <tbody>
                  {x.roadmap.map((a) => (
                    <tr>
                      <th scope="row">{a.title}</th>
                      <td>{ROADMAP_STATUS_LABELS[a.status] ?? a.status}</td>
                      <td>{a.progress} %</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          {x.indicators.length > 0 && (
            <>
              <h2>Indicateurs</h2>
              <div class="table-wrapper">
                <table>
                  <caption>Indicateurs de l’année {x.year} (aucun chiffre de personnes sous 5)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Indicateur</th>
                      <th scope="col">Valeur</th>
                    </tr>
                  </thead>
                  <tbody>
                    {x.indicators.map((i) => (
                      <tr>
                        <th scope="row">{i.label}</th>
                        <td>{i.value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}

          {x.parties.map((party) => {
            const mine = p.adminOf.includes(party.id) && !r.frozen;
            const id = `partie-${party.id}`;
            return (
              <section aria-labelledby={id}>
                <h2 id={id}>Faits marquants — {party.name}</h2>
                {mine ? (
                  <form method="post" action={`${base}/partie`}>
                    <CsrfField c={c} />
                    <input type="hidden" name="organisationId" value={party.id} />
                    <div class="field">
                      <label for={`champ-body-${party.id}`}>Votre partie du bilan ({party.name})</label>
                      <textarea id={`champ-body-${party.id}`} name="body" rows={8}>
                        {x.sections[party.id] ?? ''}
                      </textarea>
                    </div>
                    <button type="submit" class="button button-secondary">
                      Enregistrer cette partie
                    </button>
                  </form>
                ) : (
                  <p class="prewrap">{x.sections[party.id] || 'Partie non rédigée.'}</p>
                )}
                <p>
                  {approvedBy(party.id)
                    ? `Approuvé par ${approvedBy(party.id)?.approvedByLabel} le ${formatDate(approvedBy(party.id)?.approvedOn)}.`
                    : 'Pas encore approuvé dans cette version.'}
                </p>
                {p.adminOf.includes(party.id) && !r.frozen && !approvedBy(party.id) && (
                  <form method="post" action={`${base}/approuver`}>
                    <CsrfField c={c} />
                    <input type="hidden" name="organisationId" value={party.id} />
                    <input type="hidden" name="hash" value={r.hash} />
                    <button type="submit" class="button">
                      Approuver ce bilan au nom de {party.name}
                    </button>
                  </form>
                )}
              </section>
            );
          })}
        </>
      ),
    },
    status,
  );
}
