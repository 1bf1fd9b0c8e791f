import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from '../../db/sql.js';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { ApiError, jsonBody, jsonResponse } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { fieldErrors, readForm } from '../../http/validation.js';
import { policies } from '../../policy/policy.js';
import type { Module } from '../index.js';
import { deleteSearch, filterOfSearch, saveSearch, searchesOf, sendFundingAlerts } from './alerts.js';
import {
  APPLICANT_TYPES,
  type ApplicantType,
  filterProgrammes,
  PROJECT_KINDS,
  type ProgrammeFilter,
  type ProjectKind,
} from './domain/programme.js';
import {
  addCall,
  createProgramme,
  decideSuggestion,
  pendingSuggestions,
  suggest,
  updateProgramme,
} from './operations.js';
import {
  alertsPage,
  callErrorPage,
  detailPage,
  listPage,
  moderationPage,
  programmeFormPage,
  programmeValues,
  suggestPage,
  unsubscribePage,
} from './pages.js';
import {
  callSchema,
  programmeSchema,
  rejectSchema,
  type SavedSearchInput,
  savedSearchSchema,
  suggestionSchema,
} from './schemas.js';
import { seedFundingCatalogue } from './seed-catalogue.js';
import { loadProgramme, loadProgrammes } from './store.js';

type C = Context<AppEnv>;
const TAG = 'Financements';
export const today = (now: Date) => now.toISOString().slice(0, 10);
const ctxOf = (c: C) => ({ actor: c.get('actor'), requestId: c.get('requestId') });
const user = (c: C) => {
  const a = c.get('actor');
  if (a.kind !== 'user') throw new AppError('unauthenticated');
  return a.user;
};

/** Reads and checks the list filters (shared by the page and the API). */
function filterOf(c: C): ProgrammeFilter {
  const q = (c.req.query('q') ?? '').trim().slice(0, 200);
  const kind = c.req.query('projectKind') ?? '';
  const applicant = c.req.query('applicantType') ?? '';
  const errors: Record<string, string> = {};
  if (kind && !(PROJECT_KINDS as readonly string[]).includes(kind))
    errors.projectKind = `Type de projet inconnu : choisissez ${PROJECT_KINDS.join(', ')}.`;
  if (applicant && !(APPLICANT_TYPES as readonly string[]).includes(applicant))
    errors.applicantType = `Type de porteur inconnu : choisissez ${APPLICANT_TYPES.join(', ')}.`;
  if (Object.keys(errors).length) throw new AppError('bad_request', Object.values(errors).join(' '), errors);
  const open = c.req.query('open');
  return {
    q: q || undefined,
    projectKind: (kind || undefined) as ProjectKind | undefined,
    applicantType: (applicant || undefined) as ApplicantType | undefined,
    openOnly: open === '1' || open === 'true',
  };
}

async function programmeOr404(deps: Deps, id: string) {
  const p = await loadProgramme(deps.db, id);
  if (!p) throw new AppError('not_found', 'Ce programme n’existe pas.');
  return p;
}

// ── API ────────────────────────────────────────────────────────────────────
/** The shared error body (component `Error`, src/http/openapi.ts). */
const ErrorBody = ApiError;
const CallJson = z.object({
  id: z.string().optional(),
  title: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
});
export const ProgrammeJson = z
  .object({
    id: z.string(),
    slug: z.string().nullable(),
    name: z.string(),
    funder: z.string(),
    summary: z.string(),
    applicantTypes: z.array(z.enum(APPLICANT_TYPES)),
    projectKinds: z.array(z.enum(PROJECT_KINDS)),
    zones: z.array(z.string()).openapi({ description: 'world, oda, eu, eu_neighbours ou codes ISO alpha-2' }),
    amountMin: z.number().nullable(),
    amountMax: z.number().nullable(),
    cofundingMaxPercent: z.number().nullable(),
    recurrence: z.string(),
    officialUrl: z.string().nullable(),
    factsYear: z
      .string()
      .openapi({ description: 'Année (ou période) à laquelle se rapportent les chiffres' }),
    sources: z.array(z.string()),
    calls: z.array(CallJson),
  })
  .openapi('FundingProgramme');

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/funding-programmes',
  tags: [TAG],
  summary: 'Catalogue des financements (recherche, type de projet, porteur, appels ouverts)',
  request: {
    query: z.object({
      q: z.string().optional(),
      projectKind: z
        .string()
        .optional()
        .openapi({ description: PROJECT_KINDS.join(', ') }),
      applicantType: z
        .string()
        .optional()
        .openapi({ description: APPLICANT_TYPES.join(', ') }),
      open: z
        .string()
        .optional()
        .openapi({ description: '1 : seulement les programmes dont un appel est ouvert' }),
    }),
  },
  responses: {
    200: {
      description: 'Les programmes',
      content: {
        'application/json': { schema: z.object({ items: z.array(ProgrammeJson), total: z.number().int() }) },
      },
    },
    400: { description: 'Filtre invalide', content: { 'application/json': { schema: ErrorBody } } },
  },
});
const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/funding-programmes/{id}',
  tags: [TAG],
  summary: 'Un programme de financement',
  request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: { description: 'Le programme', content: { 'application/json': { schema: ProgrammeJson } } },
    404: { description: 'Inconnu', content: { 'application/json': { schema: ErrorBody } } },
  },
});

const SavedSearchJson = z
  .object({
    id: z.uuid(),
    q: z.string().nullable(),
    projectKind: z.enum(PROJECT_KINDS).nullable(),
    applicantType: z.enum(APPLICANT_TYPES).nullable(),
    createdAt: z.string().meta({ description: 'Date et heure d’enregistrement (ISO 8601)' }),
  })
  .openapi('FundingSavedSearch');
const searchesRoute = createRoute({
  method: 'get',
  path: '/api/v1/funding-searches',
  operationId: 'listFundingSearches',
  tags: [TAG],
  summary: 'Mes recherches de financement enregistrées (alertes par e-mail)',
  responses: {
    200: jsonResponse(z.object({ items: z.array(SavedSearchJson) }), 'Mes recherches enregistrées'),
  },
});
const saveSearchRoute = createRoute({
  method: 'post',
  path: '/api/v1/funding-searches',
  operationId: 'saveFundingSearch',
  tags: [TAG],
  summary: 'Enregistrer une recherche et recevoir les alertes (nouveaux appels, clôtures à 7 jours)',
  request: { body: jsonBody(savedSearchSchema.openapi('FundingSearchInput')) },
  responses: { 201: jsonResponse(SavedSearchJson, 'La recherche enregistrée') },
});
const deleteSearchRoute = createRoute({
  method: 'delete',
  path: '/api/v1/funding-searches/{sid}',
  operationId: 'deleteFundingSearch',
  tags: [TAG],
  summary: 'Supprimer une recherche enregistrée (et ses alertes)',
  request: {
    params: z.object({
      sid: z
        .string()
        .meta({ description: 'Identifiant de la recherche', param: { name: 'sid', in: 'path' } }),
    }),
  },
  responses: { 204: { description: 'Recherche supprimée' } },
});

function register(r: Registrar, deps: Deps) {
  const { db } = deps;

  r.api(listRoute, policies.public, async (c) => {
    const items = filterProgrammes(await loadProgrammes(db), filterOf(c), today(deps.now()));
    return c.json({ items, total: items.length }, 200);
  });
  r.api(getRoute, policies.public, async (c) =>
    c.json(await programmeOr404(deps, c.req.param('id') ?? ''), 200),
  );

  r.page('GET', '/financements', policies.public, async (c) => {
    const filter = filterOf(c);
    const items = filterProgrammes(await loadProgrammes(db), filter, today(deps.now()));
    const pending = (await pendingSuggestions(db)).length;
    return listPage(c, { items, filter, today: today(deps.now()), pending });
  });

  // Static paths before /financements/:id.
  r.page('GET', '/financements/nouveau', policies.networkAdmin, (c) =>
    programmeFormPage(c, { values: {}, errors: {} }),
  );
  r.page('POST', '/financements/nouveau', policies.networkAdmin, async (c) => {
    const values = await readForm(c);
    const parsed = programmeSchema.safeParse(values);
    if (!parsed.success) return programmeFormPage(c, { values, errors: fieldErrors(parsed.error) }, 422);
    const id = await db.transaction((tx) => createProgramme({ tx, audit: ctxOf(c) }, parsed.data));
    return c.redirect(`/financements/${id}?enregistre=1`, 303);
  });

  // Saved searches with e-mail alerts (new calls, calls closing within 7 days).
  const owner = policies.check('fundingSearchOwner', async (a, c) => {
    if (a.kind !== 'user') return false;
    const sid = c.req.param('sid') ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(sid)) return true; // the handler answers 404
    const row = await db.maybeOne<{ user_id: string }>(
      sql`SELECT user_id FROM funding_saved_searches WHERE id = ${sid}`,
    );
    return row === null || row.user_id === a.user.id;
  });
  const myAlerts = async (c: C, flash?: string) =>
    alertsPage(c, {
      items: (await searchesOf(db, user(c).id)).map((s) => ({ id: s.id, filter: filterOfSearch(s) })),
      flash,
    });
  r.page('GET', '/financements/alertes', policies.signedIn, (c) =>
    myAlerts(
      c,
      c.req.query('enregistree')
        ? c.get('t')('funding.alerts.saved')
        : c.req.query('supprimee')
          ? c.get('t')('funding.alerts.deleted')
          : undefined,
    ),
  );
  r.page('POST', '/financements/alertes', policies.signedIn, async (c) => {
    const v = await readForm(c);
    // Blank fields ("Tous") mean no filter.
    const filled = Object.fromEntries(
      ['q', 'projectKind', 'applicantType'].flatMap((k) =>
        typeof v[k] === 'string' && (v[k] as string).trim() !== '' ? [[k, v[k]]] : [],
      ),
    );
    const parsed = savedSearchSchema.safeParse(filled);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      throw new AppError('validation', Object.values(errors).join(' '), errors);
    }
    await db.transaction((tx) => saveSearch(tx, ctxOf(c), user(c).id, parsed.data, deps.now()));
    return c.redirect('/financements/alertes?enregistree=1', 303);
  });
  r.page('POST', '/financements/alertes/:sid/supprimer', owner, async (c) => {
    const sid = c.req.param('sid') ?? '';
    const done =
      /^[0-9a-f-]{36}$/i.test(sid) && (await db.transaction((tx) => deleteSearch(tx, ctxOf(c), sid)));
    if (!done) throw new AppError('not_found', 'Cette alerte n’existe pas.');
    return c.redirect('/financements/alertes?supprimee=1', 303);
  });
  // The same saved searches in the JSON API (issue 10, "Every action has its API"). The
  // e-mail unsubscribe link stays page-only: it works without an account or a token.
  const searchJson = (s: Awaited<ReturnType<typeof searchesOf>>[number]) => ({
    id: s.id,
    q: s.q || null,
    projectKind: s.project_kind,
    applicantType: s.applicant_type,
    createdAt: new Date(s.created_at).toISOString(),
  });
  r.api(searchesRoute, policies.signedIn, async (c) =>
    c.json({ items: (await searchesOf(db, user(c).id)).map(searchJson) }, 200),
  );
  r.api(saveSearchRoute, policies.signedIn, async (c) => {
    const b = c.req.valid('json') as SavedSearchInput;
    const me = user(c).id;
    const id = await db.transaction((tx) => saveSearch(tx, ctxOf(c), me, b, deps.now()));
    const saved = (await searchesOf(db, me)).find((s) => s.id === id);
    if (!saved) throw new AppError('not_found');
    return c.json(searchJson(saved), 201);
  });
  r.api(deleteSearchRoute, owner, async (c) => {
    const sid = c.req.param('sid') ?? '';
    const done =
      /^[0-9a-f-]{36}$/i.test(sid) && (await db.transaction((tx) => deleteSearch(tx, ctxOf(c), sid)));
    if (!done) throw new AppError('not_found', 'Cette alerte n’existe pas.');
    return c.body(null, 204);
  });

  const byToken = (token: string) =>
    /^[0-9a-f]{64}$/.test(token)
      ? db.maybeOne<{ id: string }>(
          sql`SELECT id FROM funding_saved_searches WHERE unsubscribe_token = ${token}`,
        )
      : Promise.resolve(null);
  r.page('GET', '/financements/alertes/desabonner/:token', policies.public, async (c) => {
    const found = await byToken(c.req.param('token') ?? '');
    return unsubscribePage(c, { token: c.req.param('token') ?? '', state: found ? 'ask' : 'gone' });
  });
  r.page('POST', '/financements/alertes/desabonner/:token', policies.public, async (c) => {
    const found = await byToken(c.req.param('token') ?? '');
    if (found)
      await db.transaction((tx) =>
        deleteSearch(
          tx,
          { actor: { kind: 'system', label: 'lien de désabonnement' }, requestId: c.get('requestId') },
          found.id,
        ),
      );
    return unsubscribePage(c, { token: '', state: found ? 'done' : 'gone' });
  });

  r.page('GET', '/financements/proposer', policies.signedIn, async (c) => {
    const pid = c.req.query('programme');
    const programme = pid ? await programmeOr404(deps, pid) : null;
    return suggestPage(c, { programme, values: {}, errors: {}, sent: !!c.req.query('envoyee') });
  });
  r.page('POST', '/financements/proposer', policies.signedIn, async (c) => {
    const values = await readForm(c);
    const pid = typeof values.programme === 'string' && values.programme ? values.programme : null;
    const programme = pid ? await programmeOr404(deps, pid) : null;
    const parsed = suggestionSchema.safeParse(values);
    if (!parsed.success) return suggestPage(c, { programme, values, errors: fieldErrors(parsed.error) }, 422);
    const u = user(c);
    try {
      await db.transaction((tx) => suggest({ tx, audit: ctxOf(c) }, u, programme?.id ?? null, parsed.data));
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation')
        return suggestPage(c, { programme, values, errors: e.fields ?? {} }, 422);
      throw e;
    }
    return c.redirect('/financements/proposer?envoyee=1', 303);
  });

  r.page('GET', '/financements/propositions', policies.networkAdmin, async (c) => {
    const t = c.get('t');
    const flash = c.req.query('acceptee')
      ? t('funding.moderation.accepted')
      : c.req.query('refusee')
        ? t('funding.moderation.rejected')
        : undefined;
    return moderationPage(c, { items: await pendingSuggestions(db), flash });
  });
  r.page('POST', '/financements/propositions/:sid/accepter', policies.networkAdmin, async (c) => {
    const sid = c.req.param('sid') ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(sid)) throw new AppError('not_found', 'Cette proposition n’existe pas.');
    await db.transaction((tx) =>
      decideSuggestion({ tx, audit: ctxOf(c) }, user(c).id, sid, { accept: true }, deps.now()),
    );
    return c.redirect('/financements/propositions?acceptee=1', 303);
  });
  r.page('POST', '/financements/propositions/:sid/refuser', policies.networkAdmin, async (c) => {
    const sid = c.req.param('sid') ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(sid)) throw new AppError('not_found', 'Cette proposition n’existe pas.');
    const parsed = rejectSchema.safeParse(await readForm(c));
    if (!parsed.success)
      return moderationPage(
        c,
        { items: await pendingSuggestions(db), errors: fieldErrors(parsed.error) },
        422,
      );
    await db.transaction((tx) =>
      decideSuggestion(
        { tx, audit: ctxOf(c) },
        user(c).id,
        sid,
        { accept: false, reason: parsed.data.reason },
        deps.now(),
      ),
    );
    return c.redirect('/financements/propositions?refusee=1', 303);
  });

  r.page('GET', '/financements/:id', policies.public, async (c) => {
    const programme = await programmeOr404(deps, c.req.param('id') ?? '');
    const flash = c.req.query('enregistre') ? c.get('t')('funding.saved') : undefined;
    return detailPage(c, { programme, today: today(deps.now()), flash });
  });
  r.page('GET', '/financements/:id/modifier', policies.networkAdmin, async (c) => {
    const programme = await programmeOr404(deps, c.req.param('id') ?? '');
    return programmeFormPage(c, { programme, values: programmeValues(programme), errors: {} });
  });
  r.page('POST', '/financements/:id/modifier', policies.networkAdmin, async (c) => {
    const programme = await programmeOr404(deps, c.req.param('id') ?? '');
    const values = await readForm(c);
    const parsed = programmeSchema.safeParse(values);
    if (!parsed.success)
      return programmeFormPage(c, { programme, values, errors: fieldErrors(parsed.error) }, 422);
    await db.transaction((tx) => updateProgramme({ tx, audit: ctxOf(c) }, programme.id, parsed.data));
    return c.redirect(`/financements/${programme.id}?enregistre=1`, 303);
  });
  r.page('POST', '/financements/:id/appels', policies.networkAdmin, async (c) => {
    const programme = await programmeOr404(deps, c.req.param('id') ?? '');
    const values = await readForm(c);
    const parsed = callSchema.safeParse(values);
    if (!parsed.success) return callErrorPage(c, programme, values, fieldErrors(parsed.error));
    await db.transaction((tx) => addCall({ tx, audit: ctxOf(c) }, programme.id, parsed.data));
    return c.redirect(`/financements/${programme.id}?enregistre=1`, 303);
  });
}

export const fundingModule: Module = {
  name: 'funding',
  register,
  jobs: (deps) => ({
    'funding.alerts': async () => {
      await sendFundingAlerts(deps);
    },
  }),
  schedules: [{ name: 'funding.alerts', kind: 'funding.alerts', intervalSeconds: 24 * 3600 }],
  async seedDemo(deps) {
    const report = await seedFundingCatalogue(deps.db);
    if (!report.found)
      deps.logger.info({ file: report.file }, 'funding: catalogue file absent, no programme loaded');
  },
};
