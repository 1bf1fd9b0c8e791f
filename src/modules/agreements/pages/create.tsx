/**
 * Creating a convention from the browser (issue 9 §4). The user's own organisation is
 * preselected; partners are found with a search field backed by the directory autocomplete:
 * with JavaScript (public/js/convention-partenaires.js) suggestions appear as you type and a
 * click adds the partner; without it, "Rechercher" posts the form, which comes back with
 * everything typed kept and the results as boxes to tick. No page of 2,000 checkboxes.
 * A convention can start from an accepted connection (`?organisation=…&partenaire=…`) or
 * from a joint project (`?projet=…`), both parties prefilled; a project's agreement is
 * linked to it (art. 2).
 */
import type { Context } from 'hono';
import type { Db } from '../../../db/client.js';
import { sql } from '../../../db/sql.js';
import type { AppEnv, Deps } from '../../../http/context.js';
import { AppError, type FieldErrors } from '../../../http/errors.js';
import {
  CsrfField,
  ErrorSummary,
  Field,
  PageHeader,
  Select,
  TextArea,
} from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import type { Registrar } from '../../../http/registry.js';
import { readForm } from '../../../http/validation.js';
import { type Actor, isPlatformAdmin, membershipOf } from '../../../policy/actor.js';
import { autocompleteOrganisations } from '../../directory/index.js';
import { loadProject } from '../../projects/index.js';
import { opContext } from '../api.js';
import { createAgreement } from '../create-agreement.js';
import { isIsoDate } from '../domain/dates.js';
import { agreementPolicies } from '../policy.js';
import { AGREEMENT_KINDS, today } from '../store.js';
import { MAX_PDF_BYTES, type VersionBody } from '../text.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const AUTOCOMPLETE_ENDPOINT = '/api/v1/organisations/autocomplete';

type Values = Record<string, string | string[]>;

interface Org {
  id: string;
  name: string;
  departement_code: string | null;
}

interface CreateState {
  values: Values;
  errors?: FieldErrors;
  /** Results of the no-JavaScript partner search. */
  results?: Org[];
  searched?: string;
}

const str = (v: string | string[] | undefined) =>
  typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
const list = (v: string | string[] | undefined) => [v ?? []].flat().filter((x) => UUID.test(x));

/** Organisations the actor may create an agreement for (admin of). */
const ownOrganisations = (actor: Actor) =>
  actor.kind === 'user' ? actor.memberships.filter((m) => m.role === 'admin') : [];

async function orgsByIds(db: Db, ids: string[]): Promise<Org[]> {
  if (ids.length === 0) return [];
  const rows = await db.many<Org>(
    sql`SELECT id, name, departement_code FROM organisations WHERE id IN (${sql.join(ids)})`,
  );
  // In the order given (the order chosen by the user).
  return ids.flatMap((id) => rows.filter((r) => r.id === id));
}

async function fileField(c: Context<AppEnv>, name: string) {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) return null;
  const body = await c.req.parseBody({ all: true });
  const f = [body[name]].flat()[0];
  if (!f || typeof f === 'string' || f.size === 0) return null;
  if (f.size > MAX_PDF_BYTES)
    throw new AppError('validation', undefined, { [name]: 'Le fichier dépasse 5 Mo.' });
  return { bytes: new Uint8Array(await f.arrayBuffer()), fileName: f.name };
}

const orgLabel = (o: Org) => (o.departement_code ? `${o.name} (${o.departement_code})` : o.name);

export function registerCreateAgreementPages(r: Registrar, deps: Deps) {
  const p = agreementPolicies(deps.db);
  const db = deps.db;

  const render = async (c: Context<AppEnv>, st: CreateState, status = 200) => {
    const t = c.get('t');
    const actor = c.get('actor');
    const { values, errors } = st;
    const v = (name: string, fallback = '') =>
      typeof values[name] === 'string' ? str(values[name]) : fallback;
    const own = await orgsByIds(
      db,
      ownOrganisations(actor).map((m) => m.organisationId),
    );
    own.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    const ownChosen = own.find((o) => o.id === v('ownOrganisationId'))?.id ?? own[0]?.id ?? null;
    const partnerIds = list(values.partyIds).filter((id) => id !== ownChosen);
    const partners = await orgsByIds(db, [...new Set(partnerIds)]);
    const results = (st.results ?? []).filter((o) => o.id !== ownChosen && !partnerIds.includes(o.id));
    const projectId = UUID.test(v('projectId')) ? v('projectId') : '';
    const project = projectId ? await loadProject(db, projectId) : null;
    const labels: Record<string, string> = {
      title: t('agreements.field.title'),
      kind: t('agreements.field.kind'),
      partyIds: t('agreements.field.parties'),
      partnerQuery: t('agreements.create.partner_search'),
      termYears: t('agreements.field.term_years'),
      withdrawalNoticeMonths: t('agreements.field.notice_months'),
      formalNoticeDays: t('agreements.field.formal_notice_days'),
      proposedOn: t('agreements.create.proposed_on'),
      text: t('agreements.field.text'),
      file: t('agreements.field.pdf'),
      projectId: t('agreements.create.project'),
    };
    const e = (n: string) => errors?.[n];
    return renderPage(
      c,
      {
        title: t('agreements.create.title'),
        section: 'agreements',
        bilingual: true,
        breadcrumbs: [
          { label: t('nav.home'), href: '/' },
          { label: t('agreements.list.title'), href: '/conventions' },
          { label: t('agreements.create.title') },
        ],
        children: (
          <>
            <PageHeader title={t('agreements.create.title')} lead={t('agreements.create.lead')} />
            <ErrorSummary c={c} errors={errors} labels={labels} />
            <form
              method="post"
              action="/conventions/nouvelle"
              enctype="multipart/form-data"
              class="agreement-create"
            >
              <CsrfField c={c} />
              {project && (
                <div class={e('projectId') ? 'field field-error' : 'field'} id="champ-projectId">
                  <input type="hidden" name="projectId" value={project.project.id} />
                  <p>
                    {t('agreements.create.for_project')}{' '}
                    <a href={`/projets/${project.project.id}`}>{project.project.title}</a>
                  </p>
                  {e('projectId') && <p class="error-message">{e('projectId')}</p>}
                </div>
              )}
              <Field
                name="title"
                label={labels.title}
                required
                value={v('title')}
                error={e('title')}
                maxlength={200}
              />
              <Select
                name="kind"
                label={labels.kind}
                required
                value={v('kind', 'local_partnership')}
                error={e('kind')}
                options={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`agreements.kind.${k}`) }))}
              />
              <fieldset class={e('partyIds') ? 'field field-error' : 'field'} id="champ-partyIds">
                <legend>{labels.partyIds}</legend>
                <p class="hint">{t('agreements.create.parties_hint')}</p>
                {e('partyIds') && (
                  <p class="error-message">
                    <span class="visually-hidden">Erreur : </span>
                    {e('partyIds')}
                  </p>
                )}
                {own.length > 0 && (
                  <fieldset class="agreement-own">
                    <legend>{t('agreements.create.own')}</legend>
                    {own.map((o) => (
                      <div class="checkbox">
                        <input
                          type="radio"
                          name="ownOrganisationId"
                          id={`own-${o.id}`}
                          value={o.id}
                          checked={o.id === ownChosen}
                        />
                        <label for={`own-${o.id}`}>{o.name}</label>
                      </div>
                    ))}
                  </fieldset>
                )}
                <fieldset class="agreement-partners">
                  <legend>{t('agreements.create.partners')}</legend>
                  <ul class="agreement-partner-list" id="partenaires-choisis">
                    {partners.map((o) => (
                      <li class="checkbox">
                        <input type="checkbox" name="partyIds" id={`party-${o.id}`} value={o.id} checked />
                        <label for={`party-${o.id}`}>{orgLabel(o)}</label>
                      </li>
                    ))}
                  </ul>
                  {partners.length === 0 && (
                    <p class="muted" id="partenaires-aucun">
                      {t('agreements.create.no_partner')}
                    </p>
                  )}
                </fieldset>
                <div class={e('partnerQuery') ? 'field field-error' : 'field'}>
                  <label for="champ-partnerQuery">{labels.partnerQuery}</label>
                  <p class="hint" id="champ-partnerQuery-hint">
                    {t('agreements.create.partner_search_hint')}
                  </p>
                  {e('partnerQuery') && (
                    <p class="error-message" id="champ-partnerQuery-error">
                      <span class="visually-hidden">Erreur : </span>
                      {e('partnerQuery')}
                    </p>
                  )}
                  <div class="agreement-partner-search">
                    <input
                      type="search"
                      id="champ-partnerQuery"
                      name="partnerQuery"
                      value={st.searched ?? ''}
                      autocomplete="off"
                      maxlength={200}
                      aria-describedby={
                        e('partnerQuery')
                          ? 'champ-partnerQuery-hint champ-partnerQuery-error'
                          : 'champ-partnerQuery-hint'
                      }
                      aria-controls="resultats-partenaires"
                      data-partner-search={AUTOCOMPLETE_ENDPOINT}
                    />
                    <button
                      type="submit"
                      name="_action"
                      value="search"
                      class="button-secondary"
                      formnovalidate
                    >
                      {t('agreements.create.partner_search_submit')}
                    </button>
                  </div>
                </div>
                <div id="resultats-partenaires" class="agreement-partner-results" aria-live="polite">
                  {st.searched !== undefined && !e('partnerQuery') && (
                    <>
                      <p>
                        {results.length === 0
                          ? t('agreements.create.no_result', { q: st.searched })
                          : t('agreements.create.results', { n: results.length, q: st.searched })}
                      </p>
                      {results.length > 0 && (
                        <ul class="agreement-partner-list">
                          {results.map((o) => (
                            <li class="checkbox">
                              <input type="checkbox" name="partyIds" id={`found-${o.id}`} value={o.id} />
                              <label for={`found-${o.id}`}>{orgLabel(o)}</label>
                            </li>
                          ))}
                        </ul>
                      )}
                    </>
                  )}
                </div>
              </fieldset>
              <Field
                name="termYears"
                type="number"
                min={1}
                max={99}
                label={labels.termYears}
                hint={t('agreements.create.term_hint')}
                value={v('termYears', '3')}
                error={e('termYears')}
              />
              <Field
                name="withdrawalNoticeMonths"
                type="number"
                min={0}
                max={36}
                label={labels.withdrawalNoticeMonths}
                value={v('withdrawalNoticeMonths', '1')}
                error={e('withdrawalNoticeMonths')}
              />
              <Field
                name="formalNoticeDays"
                type="number"
                min={0}
                max={365}
                label={labels.formalNoticeDays}
                value={v('formalNoticeDays', '15')}
                error={e('formalNoticeDays')}
              />
              <Field
                name="proposedOn"
                type="date"
                label={labels.proposedOn}
                hint={t('agreements.create.proposed_on_hint')}
                value={v('proposedOn')}
                error={e('proposedOn')}
                max={today(deps.now())}
              />
              <TextArea
                name="text"
                rows={14}
                label={labels.text}
                hint={t('agreements.field.text_hint')}
                value={v('text')}
                error={e('text')}
              />
              <div class={e('file') ? 'field field-error' : 'field'}>
                <label for="champ-file">{labels.file}</label>
                <p class="hint">{t('agreements.field.pdf_hint')}</p>
                {e('file') && <p class="error-message">{e('file')}</p>}
                <input id="champ-file" type="file" name="file" accept="application/pdf" />
              </div>
              <button type="submit">{t('agreements.create.submit')}</button>
            </form>
            <script src="/static/js/convention-partenaires.js" defer></script>
          </>
        ),
      },
      status,
    );
  };

  r.page('GET', '/conventions/nouvelle', p.creator, async (c) => {
    const actor = c.get('actor');
    const values: Values = {};
    const own = ownOrganisations(actor).map((m) => m.organisationId);
    const asked = c.req.query('organisation') ?? '';
    if (own.includes(asked)) values.ownOrganisationId = asked;
    const partners = list(c.req.queries('partenaire') ?? []).filter((x) => !own.includes(x) || x !== asked);
    // From a joint project: its French partners, the user's own first, and the project linked.
    const projectId = c.req.query('projet') ?? '';
    if (UUID.test(projectId)) {
      const project = await loadProject(db, projectId);
      const orgIds = project?.partners.flatMap((x) => (x.organisation_id ? [x.organisation_id] : [])) ?? [];
      const canSee = orgIds.some((o) => !!membershipOf(actor, o)) || isPlatformAdmin(actor);
      if (project && canSee) {
        values.projectId = project.project.id;
        values.title = c.get('t')('agreements.create.project_title', { title: project.project.title });
        values.kind = 'project_agreement';
        const mine = orgIds.find((o) => own.includes(o));
        if (mine && !values.ownOrganisationId) values.ownOrganisationId = mine;
        partners.push(...orgIds.filter((o) => o !== (values.ownOrganisationId ?? own[0])));
      }
    }
    values.partyIds = [...new Set(partners)];
    return render(c, { values });
  });

  r.page('POST', '/conventions/nouvelle', p.creator, async (c) => {
    const values = await readForm(c);
    const actor = c.get('actor');
    const own = ownOrganisations(actor).map((m) => m.organisationId);
    const ownId = own.includes(str(values.ownOrganisationId))
      ? str(values.ownOrganisationId)
      : (own[0] ?? null);
    // "Rechercher" without JavaScript: the same form again, with the results to tick.
    if (str(values._action) === 'search') {
      const q = str(values.partnerQuery).trim();
      if (q.length < 2) {
        return render(
          c,
          { values, searched: q, errors: { partnerQuery: 'Tapez au moins deux caractères du nom.' } },
          422,
        );
      }
      const found = await autocompleteOrganisations(db, q, 10);
      return render(c, {
        values,
        searched: q,
        results: found.map((o) => ({ id: o.id, name: o.name, departement_code: o.departementCode })),
      });
    }
    const errors: FieldErrors = {};
    if (!str(values.title).trim()) errors.title = 'Indiquez le titre.';
    const kind = str(values.kind);
    if (!(AGREEMENT_KINDS as readonly string[]).includes(kind))
      errors.kind = 'Choisissez un type de convention.';
    const num = (n: string, min: number, max: number) => {
      const x = str(values[n]);
      if (x === '') return undefined;
      const y = Number(x);
      if (!Number.isInteger(y) || y < min || y > max) errors[n] = `Un nombre entier entre ${min} et ${max}.`;
      return y;
    };
    const termYears = num('termYears', 1, 99);
    const withdrawalNoticeMonths = num('withdrawalNoticeMonths', 0, 36);
    const formalNoticeDays = num('formalNoticeDays', 0, 365);
    const proposedOn = str(values.proposedOn);
    if (proposedOn && !isIsoDate(proposedOn))
      errors.proposedOn = 'Indiquez une date au format AAAA-MM-JJ (une date qui existe).';
    const partyIds = [...new Set([...(ownId ? [ownId] : []), ...list(values.partyIds)])];
    if (partyIds.length < 2)
      errors.partyIds = ownId
        ? 'Choisissez au moins un partenaire : cherchez-le par son nom.'
        : 'Choisissez au moins deux parties.';
    const projectId = str(values.projectId);
    try {
      const file = await fileField(c, 'file');
      if (!file && !str(values.text).trim()) errors.text = 'Écrivez le texte ou joignez le PDF.';
      if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
      const body: VersionBody = file
        ? { format: 'pdf', ...file }
        : { format: 'markdown', text: str(values.text) };
      if (projectId && !isPlatformAdmin(actor)) {
        const project = await loadProject(db, projectId);
        const mine = project?.partners.some(
          (x) => x.organisation_id && membershipOf(actor, x.organisation_id),
        );
        if (!mine)
          throw new AppError('validation', undefined, {
            projectId: 'Seuls les partenaires du projet établissent sa convention.',
          });
      }
      const created = await db.transaction((tx) =>
        createAgreement(opContext(c, tx), {
          title: str(values.title),
          kind: kind as (typeof AGREEMENT_KINDS)[number],
          partyIds,
          termYears,
          withdrawalNoticeMonths,
          formalNoticeDays,
          body,
          proposedOn: proposedOn || null,
          projectId: projectId || null,
          proposedByOrganisationId:
            ownId ?? partyIds.find((x) => membershipOf(actor, x)?.role === 'admin') ?? null,
        }),
      );
      return c.redirect(`/conventions/${created.id}?fait=created`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation')
        return render(c, { values, errors: err.fields }, 422);
      throw err;
    }
  });
}
