import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from '../../db/sql.js';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError, type FieldErrors } from '../../http/errors.js';
import { ApiError } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { fieldErrors, parseOrThrow, readForm } from '../../http/validation.js';
import { type Actor, isNetworkAdmin, membershipOf } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import { agreementOfProject } from '../agreements/index.js';
import { PROJECT_KINDS } from '../funding/domain/programme.js';
import { loadProgrammes } from '../funding/store.js';
import type { Module } from '../index.js';
import { summarise } from './domain/budget.js';
import { toCsv } from './domain/csv.js';
import { MAX_DOCUMENT_BYTES, safeFileName } from './domain/documents.js';
import { eligibility } from './domain/eligibility.js';
import { CRITERIA, STATUSES, type Status } from './domain/lifecycle.js';
import { AUDIENCES, type Counts, DIMENSIONS, emptyCounts } from './domain/participants.js';
import { projectsWorkbook } from './export-xlsx.js';
import {
  addBudgetLine,
  addDocument,
  addFundingLine,
  addMilestone,
  addPartner,
  createProject,
  type Op,
  setAssessment,
  setParticipants,
  setPublication,
  transition,
  updateDetails,
  updateFundingLine,
} from './operations.js';
import { type DetailProps, detailPage, detailsValues, editPage, listPage, newPage } from './pages.js';
import { projectPolicies } from './policy.js';
import {
  assessmentSchema,
  budgetLineSchema,
  createSchema,
  detailsSchema,
  fundingLineSchema,
  milestoneSchema,
  partnerSchema,
  transitionSchema,
} from './schemas.js';
import { seedDemoProject } from './seed-demo.js';
import { listProjects, loadProject, type ProjectView, UUID } from './store.js';

type C = Context<AppEnv>;
const TAG = 'Projets';
const today = (now: Date) => now.toISOString().slice(0, 10);
const opOf = (c: C): Omit<Op, 'tx'> => ({
  audit: { actor: c.get('actor'), requestId: c.get('requestId') },
  now: c.get('deps').now(),
});

async function viewOr404(c: C, id = c.req.param('id') ?? ''): Promise<ProjectView> {
  const v = await loadProject(c.get('deps').db, id);
  if (!v) throw new AppError('not_found', 'Ce projet n’existe pas.');
  return v;
}
const canEdit = (a: Actor, v: ProjectView) =>
  v.partners.some((p) => p.organisation_id && membershipOf(a, p.organisation_id));

/** Budget summary and eligibility of a project against the whole catalogue. */
async function computed(c: C, v: ProjectView) {
  const deps = c.get('deps');
  const programmes = await loadProgrammes(deps.db);
  const summary = summarise(v.budget, v.funding);
  const requestedByProgramme: Record<string, number> = {};
  for (const f of v.funding)
    if (f.programmeId && f.status !== 'refused')
      requestedByProgramme[f.programmeId] = (requestedByProgramme[f.programmeId] ?? 0) + f.requested;
  const elig = eligibility(
    {
      kind: v.project.kind,
      partners: v.partners.filter((p) => p.organisation_id).map((p) => ({ kind: p.kind, level: p.level })),
      countries: v.countries,
      budgetTotal: summary.budgetTotal,
      requestedByProgramme,
    },
    programmes,
    today(deps.now()),
  );
  return { programmes, summary, eligibility: elig };
}

async function showDetail(c: C, v: ProjectView, extra: Partial<DetailProps> = {}, status = 200) {
  return detailPage(
    c,
    {
      view: v,
      ...(await computed(c, v)),
      canEdit: canEdit(c.get('actor'), v),
      agreement: await agreementOfProject(c.get('deps').db, v.project.id),
      ...extra,
    },
    status,
  );
}

/** Parse a form; on failure re-render the project page with that form's errors (422). */
async function withForm<T>(
  c: C,
  form: string,
  parse: (
    values: Record<string, string | string[]>,
  ) => { ok: true; data: T } | { ok: false; errors: FieldErrors },
  act: (op: Op, id: string, data: T) => Promise<unknown>,
) {
  const v = await viewOr404(c);
  const values = await readForm(c);
  const parsed = parse(values);
  if (!parsed.ok) return showDetail(c, v, { form, values, errors: parsed.errors }, 422);
  try {
    await c.get('deps').db.transaction((tx) => act({ tx, ...opOf(c) }, v.project.id, parsed.data));
  } catch (e) {
    if (e instanceof AppError && (e.code === 'validation' || e.code === 'conflict'))
      return showDetail(c, await viewOr404(c), { form, values, errors: e.fields ?? { _: e.message } }, 422);
    throw e;
  }
  return c.redirect(`/projets/${v.project.id}?enregistre=1`, 303);
}
const zod =
  <S extends z.ZodType>(s: S) =>
  (values: unknown) => {
    const r = s.safeParse(values);
    return r.success
      ? { ok: true as const, data: r.data as z.infer<S> }
      : { ok: false as const, errors: fieldErrors(r.error) };
  };

/** Participants form → counts; every field a whole number ≥ 0. */
function parseCounts(
  values: Record<string, unknown>,
): { ok: true; data: Counts } | { ok: false; errors: FieldErrors } {
  const counts = emptyCounts();
  const errors: FieldErrors = {};
  for (const a of AUDIENCES)
    for (const d of Object.keys(DIMENSIONS) as (keyof typeof DIMENSIONS)[])
      for (const cat of DIMENSIONS[d]) {
        const name = `${a}.${d}.${cat}`;
        const raw = String(values[name] ?? '').trim();
        if (raw === '') continue;
        if (!/^\d{1,6}$/.test(raw)) errors[name] = 'Participants : indiquez un nombre entier positif ou nul.';
        else counts[a][d][cat] = Number(raw);
      }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: counts };
}

function parseAssessment(values: unknown) {
  const r = assessmentSchema.safeParse(values);
  if (!r.success) return { ok: false as const, errors: fieldErrors(r.error) };
  const d = r.data as Record<string, any>;
  const items = CRITERIA.filter((cr) => d[`${cr}Level`] !== undefined).map((cr) => ({
    criterion: cr,
    level: d[`${cr}Level`] as number,
    comment: (d[`${cr}Comment`] as string) ?? '',
  }));
  return { ok: true as const, data: items };
}

async function viewerScope(c: C) {
  const a = c.get('actor');
  return {
    all: isNetworkAdmin(a),
    orgIds: a.kind === 'user' ? a.memberships.map((m) => m.organisationId) : [],
  };
}
function listFilter(c: C) {
  const status = c.req.query('status') || undefined;
  const kind = c.req.query('kind') || undefined;
  const publication = c.req.query('publication') || undefined;
  const errors: FieldErrors = {};
  if (publication && !['private', 'requested', 'published'].includes(publication))
    errors.publication = 'Publication : choisissez private, requested ou published.';
  if (status && !(STATUSES as readonly string[]).includes(status)) errors.status = 'Statut inconnu.';
  if (kind && !(PROJECT_KINDS as readonly string[]).includes(kind)) errors.kind = 'Type de projet inconnu.';
  if (Object.keys(errors).length) throw new AppError('bad_request', Object.values(errors).join(' '), errors);
  return { status, kind, publication };
}

// ── API ────────────────────────────────────────────────────────────────────
/** The shared error body (component `Error`, src/http/openapi.ts). */
const ErrorBody = ApiError;
const err = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});
const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const ProjectJson = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(PROJECT_KINDS),
    status: z.enum(STATUSES),
    summary: z.string(),
    objectives: z.string(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    abandonReason: z.string().nullable(),
    publication: z.string(),
    countries: z.array(z.string()),
    partners: z.array(
      z.object({
        organisationId: z.string().nullable(),
        name: z.string(),
        kind: z.string(),
        country: z.string().nullable(),
        role: z.string(),
      }),
    ),
    budget: z
      .object({
        total: z.number(),
        requested: z.number(),
        obtained: z.number(),
        remaining: z.number(),
        coveredPercent: z.number().nullable(),
      })
      .nullable()
      .openapi({ description: 'Réservé aux partenaires et aux administrateurs du réseau (null sinon)' }),
    funding: z
      .array(
        z.object({
          source: z.string(),
          programmeId: z.string().nullable(),
          requested: z.number(),
          obtained: z.number().nullable(),
          status: z.string(),
        }),
      )
      .nullable(),
    participants: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number()))),
  })
  .openapi('Project');
/** The project as JSON; budget and funding plan only for partners and network admins. */
const toJson = (v: ProjectView, insider = true) => {
  const s = summarise(v.budget, v.funding);
  const full = {
    id: v.project.id,
    title: v.project.title,
    kind: v.project.kind,
    status: v.project.status,
    summary: v.project.summary,
    objectives: v.project.objectives,
    startsOn: v.project.starts_on,
    endsOn: v.project.ends_on,
    abandonReason: v.project.abandon_reason,
    publication: v.project.publication,
    countries: v.countries,
    partners: v.partners.map((p) => ({
      organisationId: p.organisation_id,
      name: p.name,
      kind: p.kind,
      country: p.country,
      role: p.role,
    })),
    budget: {
      total: s.budgetTotal,
      requested: s.requestedTotal,
      obtained: s.obtainedTotal,
      remaining: s.remaining,
      coveredPercent: s.coveredPercent,
    },
    funding: v.funding.map((f) => ({
      source: f.source,
      programmeId: f.programmeId ?? null,
      requested: f.requested,
      obtained: f.obtained,
      status: f.status,
    })),
    participants: v.participants,
  };
  return insider ? full : { ...full, budget: null, funding: null };
};

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/projects',
  tags: [TAG],
  summary: 'Projets visibles : publiés, ceux de mes organisations, tous pour les administrateurs du réseau',
  request: {
    query: z.object({
      status: z.string().optional(),
      kind: z.string().optional(),
      publication: z
        .string()
        .optional()
        .openapi({ description: 'private, requested (à modérer) ou published' }),
    }),
  },
  responses: {
    200: ok(z.object({ items: z.array(z.any()), total: z.number().int() }), 'Les projets'),
    400: err('Filtre invalide'),
  },
});
const createProjectRoute = createRoute({
  method: 'post',
  path: '/api/v1/projects',
  tags: [TAG],
  summary: 'Créer un projet (au nom d’une de ses organisations)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            title: z.string(),
            kind: z.string(),
            organisationIds: z
              .array(z.string())
              .openapi({ description: 'Organisations partenaires (dont la sienne)' }),
            summary: z.string().optional(),
            objectives: z.string().optional(),
            startsOn: z.string().nullable().optional(),
            endsOn: z.string().nullable().optional(),
            countries: z.array(z.string()).optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: ok(ProjectJson, 'Le projet créé'),
    401: err('Non authentifié'),
    403: err('Réservé aux membres d’une organisation partenaire'),
    422: err('Données invalides (champs nommés)'),
  },
});
const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/projects/{id}',
  tags: [TAG],
  summary: 'Un projet',
  request: { params: idParam },
  responses: { 200: ok(ProjectJson, 'Le projet'), 403: err('Non publié'), 404: err('Inconnu') },
});
const transitionRoute = createRoute({
  method: 'post',
  path: '/api/v1/projects/{id}/transitions',
  tags: [TAG],
  summary: 'Changer le statut du projet (transitions gardées)',
  request: {
    params: idParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ to: z.enum(STATUSES), reason: z.string().optional() }),
        },
      },
    },
  },
  responses: {
    200: ok(ProjectJson, 'Le projet après la transition'),
    403: err('Réservé aux membres d’une organisation partenaire'),
    404: err('Inconnu'),
    409: err('Transition refusée, avec les raisons'),
    422: err('Données invalides'),
  },
});
const Verdict = z.object({ programme: z.any(), reasons: z.array(z.string()) });
const eligibilityRoute = createRoute({
  method: 'get',
  path: '/api/v1/projects/{id}/funding-eligibility',
  tags: [TAG],
  summary:
    'Programmes de financement qui correspondent au projet, et pourquoi ; ceux qui ne correspondent pas, et pourquoi',
  request: { params: idParam },
  responses: {
    200: ok(z.object({ eligible: z.array(Verdict), ineligible: z.array(Verdict) }), 'Éligibilité'),
    401: err('Non authentifié'),
    403: err('Réservé aux partenaires du projet et aux administrateurs du réseau'),
    404: err('Inconnu'),
  },
});

function register(r: Registrar, deps: Deps) {
  const { db } = deps;
  registerProjectActionsApi(r, deps);

  r.api(listRoute, policies.public, async (c) => {
    const items = await listProjects(db, await viewerScope(c), listFilter(c));
    return c.json({ items, total: items.length }, 200);
  });
  r.api(createProjectRoute, projectPolicies.creator, async (c) => {
    const body = (await c.req.json()) as Record<string, unknown>;
    const ids = Array.isArray(body.organisationIds) ? body.organisationIds : [];
    const a = c.get('actor');
    const own = ids.find((i) => typeof i === 'string' && membershipOf(a, i));
    const input = parseOrThrow(createSchema, {
      ...body,
      organisationId: own ?? ids[0],
      partnerIds: ids.filter((i) => i !== own),
      countries: body.countries ?? [],
    });
    const id = await db.transaction((tx) => createProject({ tx, ...opOf(c) }, input));
    return c.json(toJson((await loadProject(db, id))!), 201);
  });
  r.api(getRoute, projectPolicies.viewer, async (c) => {
    const v = await viewOr404(c);
    return c.json(toJson(v, canEdit(c.get('actor'), v) || isNetworkAdmin(c.get('actor'))), 200);
  });
  r.api(transitionRoute, projectPolicies.editor, async (c) => {
    const v = await viewOr404(c);
    const body = parseOrThrow(transitionSchema, await c.req.json());
    await db.transaction((tx) =>
      transition({ tx, ...opOf(c) }, v.project.id, body.to as Status, body.reason),
    );
    return c.json(toJson((await loadProject(db, v.project.id))!), 200);
  });
  r.api(eligibilityRoute, projectPolicies.documentViewer, async (c) => {
    const { eligibility: e } = await computed(c, await viewOr404(c));
    return c.json(e, 200);
  });

  r.asset('GET', '/projets/export.csv', policies.networkAdmin, async (c) => {
    const items = await listProjects(db, { all: true, orgIds: [] });
    const t = c.get('t');
    const csv = toCsv(
      ['id', 'titre', 'type', 'statut', 'partenaires', 'pays', 'début', 'fin', 'vitrine'],
      items.map((x) => [
        x.id,
        x.title,
        t(`projects.kind.${x.kind}`),
        t(`projects.status.${x.status}`),
        x.partners.join(', '),
        x.countries.join(', '),
        x.starts_on,
        x.ends_on,
        x.publication,
      ]),
    );
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="projets-${today(deps.now())}.csv"`,
    });
  });

  r.asset('GET', '/projets/export.xlsx', policies.networkAdmin, async (c) => {
    const bytes = await projectsWorkbook(db, c.get('t'));
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="projets-${today(deps.now())}.xlsx"`,
    });
  });
  r.asset('GET', '/projets/:id/documents/:docId', projectPolicies.documentViewer, async (c) => {
    const docId = c.req.param('docId') ?? '';
    const doc = UUID.test(docId)
      ? await db.maybeOne<{ file_name: string; content_type: string; content: Uint8Array }>(
          sql`SELECT file_name, content_type, content FROM project_documents WHERE id = ${docId} AND project_id = ${c.req.param('id') ?? ''}`,
        )
      : null;
    if (!doc) throw new AppError('not_found', 'Ce document n’existe pas.');
    return c.body(new Uint8Array(doc.content) as Uint8Array<ArrayBuffer>, 200, {
      'content-type': doc.content_type,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(safeFileName(doc.file_name))}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
  });

  r.page('GET', '/projets', policies.public, async (c) => {
    const filter = listFilter(c);
    return listPage(c, { items: await listProjects(db, await viewerScope(c), filter), filter });
  });

  const formLists = async (c: C) => {
    const a = c.get('actor');
    const organisations =
      a.kind === 'user' ? a.memberships.map((m) => ({ id: m.organisationId, name: m.organisationName })) : [];
    const mine = organisations.map((o) => o.id);
    // Organisations my organisations are connected with (accepted connection requests).
    const partners = mine.length
      ? await db.many<{ id: string; name: string }>(sql`SELECT DISTINCT o.id, o.name FROM connections k
          JOIN organisations o ON o.id = CASE WHEN k.requester_id = ANY(${mine}::uuid[]) THEN k.receiver_id ELSE k.requester_id END
          WHERE k.status = 'accepted' AND (k.requester_id = ANY(${mine}::uuid[]) OR k.receiver_id = ANY(${mine}::uuid[]))
          ORDER BY o.name`)
      : [];
    return { organisations, partners };
  };
  // ?organisation=&partenaire= prefill the form (from an accepted connection).
  r.page('GET', '/projets/nouveau', policies.signedIn, async (c) =>
    newPage(c, {
      ...(await formLists(c)),
      values: {
        organisationId: c.req.query('organisation') ?? '',
        partnerIds: c.req.query('partenaire') ?? '',
      },
      errors: {},
    }),
  );
  r.page('POST', '/projets/nouveau', projectPolicies.creator, async (c) => {
    const values = await readForm(c);
    const parsed = createSchema.safeParse(values);
    if (!parsed.success)
      return newPage(c, { ...(await formLists(c)), values, errors: fieldErrors(parsed.error) }, 422);
    try {
      const id = await db.transaction((tx) => createProject({ tx, ...opOf(c) }, parsed.data));
      return c.redirect(`/projets/${id}`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation')
        return newPage(c, { ...(await formLists(c)), values, errors: e.fields ?? {} }, 422);
      throw e;
    }
  });

  r.page('GET', '/projets/:id', projectPolicies.viewer, async (c) =>
    showDetail(c, await viewOr404(c), {
      flash: c.req.query('enregistre') ? c.get('t')('projects.detail.saved') : undefined,
    }),
  );
  r.page('GET', '/projets/:id/modifier', projectPolicies.editor, async (c) => {
    const view = await viewOr404(c);
    return editPage(c, { view, values: detailsValues(view), errors: {} });
  });
  r.page('POST', '/projets/:id/modifier', projectPolicies.editor, async (c) => {
    const view = await viewOr404(c);
    const values = await readForm(c);
    const parsed = detailsSchema.safeParse(values);
    if (!parsed.success) return editPage(c, { view, values, errors: fieldErrors(parsed.error) }, 422);
    await db.transaction((tx) => updateDetails({ tx, ...opOf(c) }, view.project.id, parsed.data));
    return c.redirect(`/projets/${view.project.id}?enregistre=1`, 303);
  });
  r.page('POST', '/projets/:id/statut', projectPolicies.editor, (c) =>
    withForm(c, 'status', zod(transitionSchema), (op, id, d) => transition(op, id, d.to as Status, d.reason)),
  );
  r.page('POST', '/projets/:id/partenaires', projectPolicies.editor, (c) =>
    withForm(c, 'partner', zod(partnerSchema), (op, id, d) => addPartner(op, id, d)),
  );
  r.page('POST', '/projets/:id/jalons', projectPolicies.editor, (c) =>
    withForm(c, 'milestone', zod(milestoneSchema), (op, id, d) => addMilestone(op, id, d)),
  );
  r.page('POST', '/projets/:id/budget', projectPolicies.editor, (c) =>
    withForm(c, 'budget', zod(budgetLineSchema), (op, id, d) => addBudgetLine(op, id, d)),
  );
  r.page('POST', '/projets/:id/financements', projectPolicies.editor, (c) =>
    withForm(c, 'funding', zod(fundingLineSchema), (op, id, d) => addFundingLine(op, id, d)),
  );
  r.page('POST', '/projets/:id/financements/:lineId', projectPolicies.editor, (c) => {
    const lineId = c.req.param('lineId') ?? '';
    if (!UUID.test(lineId)) throw new AppError('not_found', 'Cette ligne de financement n’existe pas.');
    return withForm(c, 'funding', zod(fundingLineSchema), (op, id, d) =>
      updateFundingLine(op, id, lineId, d),
    );
  });
  r.page('POST', '/projets/:id/participants', projectPolicies.editor, (c) =>
    withForm(c, 'participants', parseCounts, (op, id, d) => setParticipants(op, id, d)),
  );
  r.page('POST', '/projets/:id/evaluation', projectPolicies.editor, (c) =>
    withForm(c, 'assessment', parseAssessment, (op, id, d) => setAssessment(op, id, d)),
  );
  r.page('POST', '/projets/:id/documents', projectPolicies.editor, async (c) => {
    const v = await viewOr404(c);
    const body = (c.req.header('content-type') ?? '').startsWith('multipart/form-data')
      ? await c.req.parseBody({ all: true })
      : {};
    const f = [body.document].flat()[0];
    const fail = (message: string) =>
      showDetail(c, v, { form: 'document', values: {}, errors: { document: message } }, 422);
    if (!f || typeof f === 'string' || f.size === 0) return fail('Document : choisissez un fichier.');
    if (f.size > MAX_DOCUMENT_BYTES) return fail('Document : le fichier dépasse 5 Mo.');
    const bytes = new Uint8Array(await f.arrayBuffer());
    try {
      await db.transaction((tx) => addDocument({ tx, ...opOf(c) }, v.project.id, { name: f.name, bytes }));
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation') return fail(e.fields?.document ?? e.message);
      throw e;
    }
    return c.redirect(`/projets/${v.project.id}?enregistre=1`, 303);
  });
  r.page('POST', '/projets/:id/publication', projectPolicies.editor, async (c) => {
    const v = await viewOr404(c);
    if (v.project.publication === 'private')
      await db.transaction((tx) => setPublication({ tx, ...opOf(c) }, v.project.id, 'requested'));
    return c.redirect(`/projets/${v.project.id}?enregistre=1`, 303);
  });
  r.page('POST', '/projets/:id/publier', policies.networkAdmin, async (c) => {
    const v = await viewOr404(c);
    const publish = (await readForm(c)).publish !== '0';
    await db.transaction((tx) =>
      setPublication({ tx, ...opOf(c) }, v.project.id, publish ? 'published' : 'private'),
    );
    return c.redirect(`/projets/${v.project.id}?enregistre=1`, 303);
  });
}

export const projectsModule: Module = {
  name: 'projects',
  register,
  async seedDemo(deps) {
    await seedDemoProject(deps);
  },
};

// ── Issue 10: every action of the project page in the API ──────────────────
// Same operations (operations.ts), same zod schemas (schemas.ts), same policies as the forms.
const projectBody = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const projectAction = (
  method: 'post' | 'put' | 'patch',
  path: string,
  operationId: string,
  summary: string,
  body: ReturnType<typeof projectBody> | undefined,
  params: z.ZodObject = idParam,
) =>
  createRoute({
    method,
    path: `/api/v1/projects/{id}${path}`,
    operationId,
    tags: [TAG],
    summary,
    request: { params, ...(body ? { body } : {}) },
    responses: {
      200: ok(ProjectJson, 'Le projet après l’action'),
      409: err('Action impossible dans l’état du projet'),
    },
  });
const participantsBody = z.record(z.string(), z.number().int().min(0)).openapi({
  description:
    'Effectifs agrégés (jamais de données individuelles) : clés `public.dimension.catégorie` du formulaire, entiers ≥ 0',
});
const assessmentBody = z.record(z.string(), z.union([z.number().int(), z.string()])).openapi({
  description: 'Par critère : `<critère>Level` (0 à 3) et `<critère>Comment`',
});

function registerProjectActionsApi(r: Registrar, deps: Deps) {
  const { db } = deps;
  /** Validates the JSON body with the form's parser, runs the operation, answers the project. */
  const act =
    <T,>(
      parse: (values: any) => { ok: true; data: T } | { ok: false; errors: FieldErrors },
      run: (op: Op, id: string, data: T, c: C) => Promise<unknown>,
    ) =>
    async (c: C) => {
      const v = await viewOr404(c);
      const parsed = parse(await c.req.json().catch(() => ({})));
      if (!parsed.ok) throw new AppError('validation', undefined, parsed.errors);
      await db.transaction((tx) => run({ tx, ...opOf(c) }, v.project.id, parsed.data, c));
      return c.json(toJson((await loadProject(db, v.project.id))!), 200);
    };
  const counts = (values: Record<string, unknown>) =>
    parseCounts(Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, String(v)])));

  r.api(
    projectAction(
      'patch',
      '',
      'updateProjectDetails',
      'Modifier la fiche du projet',
      projectBody(detailsSchema),
    ),
    projectPolicies.editor,
    act(zod(detailsSchema), (op, id, d) => updateDetails(op, id, d)),
  );
  r.api(
    projectAction(
      'post',
      '/partners',
      'addProjectPartner',
      'Ajouter un partenaire (organisation de l’annuaire ou partenaire étranger)',
      projectBody(partnerSchema),
    ),
    projectPolicies.editor,
    act(zod(partnerSchema), (op, id, d) => addPartner(op, id, d)),
  );
  r.api(
    projectAction(
      'post',
      '/milestones',
      'addProjectMilestone',
      'Ajouter une étape',
      projectBody(milestoneSchema),
    ),
    projectPolicies.editor,
    act(zod(milestoneSchema), (op, id, d) => addMilestone(op, id, d)),
  );
  r.api(
    projectAction(
      'post',
      '/budget-lines',
      'addProjectBudgetLine',
      'Ajouter une ligne de dépense au budget',
      projectBody(budgetLineSchema),
    ),
    projectPolicies.editor,
    act(zod(budgetLineSchema), (op, id, d) => addBudgetLine(op, id, d)),
  );
  r.api(
    projectAction(
      'post',
      '/funding-lines',
      'addProjectFundingLine',
      'Ajouter une ligne au plan de financement',
      projectBody(fundingLineSchema),
    ),
    projectPolicies.editor,
    act(zod(fundingLineSchema), (op, id, d) => addFundingLine(op, id, d)),
  );
  r.api(
    projectAction(
      'put',
      '/funding-lines/{lineId}',
      'updateProjectFundingLine',
      'Modifier une ligne du plan de financement (demandé, obtenu, statut)',
      projectBody(fundingLineSchema),
      z.object({
        id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
        lineId: z.string().openapi({ param: { name: 'lineId', in: 'path' } }),
      }),
    ),
    projectPolicies.editor,
    act(zod(fundingLineSchema), (op, id, d, c) => {
      const lineId = c.req.param('lineId') ?? '';
      if (!UUID.test(lineId)) throw new AppError('not_found', 'Cette ligne de financement n’existe pas.');
      return updateFundingLine(op, id, lineId, d);
    }),
  );
  r.api(
    projectAction(
      'put',
      '/participants',
      'setProjectParticipants',
      'Enregistrer les effectifs de participants (agrégés)',
      projectBody(participantsBody),
    ),
    projectPolicies.editor,
    act(counts, (op, id, d) => setParticipants(op, id, d)),
  );
  r.api(
    projectAction(
      'put',
      '/assessment',
      'setProjectAssessment',
      'Enregistrer l’évaluation du projet',
      projectBody(assessmentBody),
    ),
    projectPolicies.editor,
    act(parseAssessment, (op, id, d) => setAssessment(op, id, d)),
  );
  r.api(
    createRoute({
      method: 'post',
      path: '/api/v1/projects/{id}/documents',
      operationId: 'addProjectDocument',
      tags: [TAG],
      summary: 'Joindre un document au projet (5 Mo au plus)',
      request: {
        params: idParam,
        query: z.object({ name: z.string().max(200).openapi({ description: 'Nom du fichier' }) }),
        body: {
          required: true,
          content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
        },
      },
      responses: { 201: ok(ProjectJson, 'Le projet avec le document'), 413: err('Fichier trop lourd') },
    }),
    projectPolicies.editor,
    async (c) => {
      const v = await viewOr404(c);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0)
        throw new AppError('validation', undefined, { document: 'Document : fichier vide.' });
      if (bytes.length > MAX_DOCUMENT_BYTES)
        throw new AppError('validation', undefined, { document: 'Document : le fichier dépasse 5 Mo.' });
      const name = c.req.query('name') ?? '';
      await db.transaction((tx) => addDocument({ tx, ...opOf(c) }, v.project.id, { name, bytes }));
      return c.json(toJson((await loadProject(db, v.project.id))!), 201);
    },
  );
  r.api(
    projectAction(
      'post',
      '/publication-request',
      'requestProjectPublication',
      'Demander la publication du projet (modérée par les administrateurs du réseau)',
      undefined,
    ),
    projectPolicies.editor,
    async (c) => {
      const v = await viewOr404(c);
      if (v.project.publication === 'private')
        await db.transaction((tx) => setPublication({ tx, ...opOf(c) }, v.project.id, 'requested'));
      return c.json(toJson((await loadProject(db, v.project.id))!), 200);
    },
  );
  r.api(
    projectAction(
      'post',
      '/publication',
      'moderateProjectPublication',
      'Publier le projet ou le retirer (administrateurs du réseau)',
      projectBody(z.object({ publish: z.boolean({ error: 'Indiquez publish : true ou false.' }) })),
    ),
    policies.networkAdmin,
    async (c) => {
      const v = await viewOr404(c);
      const { publish } = (await c.req.json()) as { publish: boolean };
      await db.transaction((tx) =>
        setPublication({ tx, ...opOf(c) }, v.project.id, publish ? 'published' : 'private'),
      );
      return c.json(toJson((await loadProject(db, v.project.id))!), 200);
    },
  );
}
