/**
 * Issue 10, "Every action has its API": the actions of the agreement page and of the
 * roadmap pages, in the JSON API. Each handler calls the same operation as the page
 * (one file per operation), in one transaction, behind the same policy.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { errorResponse, jsonBody, jsonResponse } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { fields } from '../../http/validation.js';
import { advanceDispute } from './advance-dispute.js';
import { agreementSchema, opContext } from './api.js';
import { approveRoadmap } from './approve-roadmap.js';
import { attachSignedCopy } from './attach-signed-copy.js';
import { createRoadmap } from './create-roadmap.js';
import { conventionYear } from './domain/dates.js';
import { snapshotOn } from './domain/lifecycle.js';
import { ACTION_STATUSES, ENGAGEMENTS } from './domain/roadmap.js';
import { exportActions } from './domain/roadmap-csv.js';
import { ImportRejected, importRoadmapActions } from './import-roadmap-actions.js';
import { openDispute } from './open-dispute.js';
import { agreementPolicies } from './policy.js';
import { recordAutomaticTermination } from './record-automatic-termination.js';
import { recordMeeting } from './record-meeting.js';
import { remedyFormalNotice } from './remedy-formal-notice.js';
import { requestTermination } from './request-termination.js';
import { findRoadmap, type LoadedRoadmap, roadmapYears } from './roadmap-store.js';
import { addRoadmapAction, updateRoadmapAction } from './save-roadmap-action.js';
import { loadAgreement, today } from './store.js';
import { apiView } from './view.js';

const TAG = 'Conventions';
const conflict = (d: string) => ({ 409: errorResponse(d) });

const uuid = (name: string, description: string) =>
  z.string().meta({ description, param: { name, in: 'path' } });
const agreementId = uuid('id', 'Identifiant de la convention');
const yearParam = z
  .string()
  .regex(/^\d{1,2}$/, 'Une année de convention (1, 2, 3…).')
  .meta({
    description: 'Année de convention (1 = la première année en vigueur)',
    param: { name: 'year', in: 'path' },
  });
const party = (label = 'la partie') => fields.uuid(`l'identifiant de ${label}`);

// ── Bodies shared with the page forms' rules (dates, required texts, French messages) ──
export const remedyBody = z.object({
  organisationId: party(),
  remediedOn: fields.isoDate('la date de levée'),
});
export const terminationBody = z.object({
  organisationId: party(),
  requestedOn: fields.isoDate('la date de la demande'),
});
export const automaticTerminationBody = z.object({
  organisationId: party(),
  effectiveOn: fields.isoDate("la date d'effet"),
  legalGround: fields.requiredText('le fondement juridique', 2000),
});
export const disputeBody = z.object({
  organisationId: party(),
  subject: fields.requiredText("l'objet du litige", 2000),
  openedOn: fields.isoDate("la date d'ouverture"),
});
export const disputeStageBody = z.object({
  organisationId: party(),
  stage: z.enum(['mediation', 'arbitration', 'settled'], {
    error: 'Choisissez mediation, arbitration ou settled.',
  }),
  stageOn: fields.isoDate('la date'),
});
export const meetingBody = z.object({
  heldOn: fields.isoDate('la date de la réunion'),
  attendees: fields.requiredText('les participants', 5000),
  minutes: z.string().max(50_000).optional(),
  decisions: z.string().max(20_000).optional(),
  review: z.string().max(20_000).optional().meta({ description: 'Bilan de l’année écoulée (art. 4)' }),
  roadmapYear: z
    .number({ error: 'Une année de convention (1, 2, 3…).' })
    .int()
    .min(1)
    .nullable()
    .optional()
    .meta({ description: 'Année de feuille de route examinée' }),
});
export const roadmapActionBody = z.object({
  title: fields.requiredText("l'intitulé de l'action"),
  description: z.string().max(5000).optional(),
  engagement: z.enum(ENGAGEMENTS, { error: "Choisissez l'engagement de l'article 3." }),
  ownerOrganisationId: party('la partie porteuse'),
  coOwnerIds: z.array(party('la partie coporteuse')).optional(),
  indicator: z.string().max(500).optional(),
  targetValue: z.number().nullable().optional(),
  dueOn: fields.isoDate("l'échéance").nullable().optional(),
  weight: z.number().int().min(0).max(100).optional(),
});
export const roadmapActionPatch = z.object({
  status: z.enum(ACTION_STATUSES, { error: 'Statut inconnu.' }),
  progress: z.number({ error: 'Un entier de 0 à 100.' }).int('Un entier de 0 à 100.').min(0).max(100),
});
export const roadmapApprovalBody = z.object({
  organisationId: party(),
  hash: z
    .string({ error: "Indiquez l'empreinte de la feuille de route." })
    .regex(/^[0-9a-fA-F]{64}$/, "L'empreinte est un SHA-256 (64 caractères hexadécimaux)."),
});

const RoadmapActionSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    engagement: z.enum(ENGAGEMENTS),
    ownerOrganisationId: z.string(),
    coOwnerIds: z.array(z.string()),
    indicator: z.string(),
    targetValue: z.number().nullable(),
    dueOn: z.string().nullable(),
    status: z.enum(ACTION_STATUSES),
    progress: z.number().int(),
    weight: z.number().int(),
    carriedFromActionId: z.string().nullable(),
  })
  .openapi('RoadmapAction');
const RoadmapSchema = z
  .object({
    year: z.number().int(),
    startsOn: z.string().meta({ description: 'Premier jour de l’année de convention (AAAA-MM-JJ)' }),
    endsOn: z.string().meta({ description: 'Dernier jour de l’année de convention (AAAA-MM-JJ)' }),
    state: z.enum(['draft', 'validated']).meta({
      description: 'validated : chaque partie a approuvé l’empreinte actuelle (art. 3)',
    }),
    hash: z.string().meta({ description: 'Empreinte SHA-256 du plan, à approuver par chaque partie' }),
    progress: z.number().nullable(),
    approvals: z.array(
      z.object({
        organisationId: z.string(),
        hash: z.string(),
        approvedOn: z.string(),
        current: z.boolean().meta({ description: 'Approbation de l’empreinte actuelle' }),
      }),
    ),
    actions: z.array(RoadmapActionSchema),
  })
  .openapi('Roadmap');

function roadmapJson(r: LoadedRoadmap, inForceFrom: string | null) {
  const cy = inForceFrom ? conventionYear(inForceFrom, r.year) : null;
  return {
    year: r.year,
    startsOn: cy?.start ?? '',
    endsOn: cy?.end ?? '',
    state: r.validated ? ('validated' as const) : ('draft' as const),
    hash: r.hash,
    progress: r.progress,
    approvals: r.approvals.map((a) => ({
      organisationId: a.organisationId,
      hash: a.hash,
      approvedOn: a.approvedOn,
      current: a.hash === r.hash,
    })),
    actions: r.actions.map((a) => ({
      id: a.id,
      title: a.title,
      description: a.description,
      engagement: a.engagement,
      ownerOrganisationId: a.ownerOrganisationId,
      coOwnerIds: a.coOwnerIds,
      indicator: a.indicator,
      targetValue: a.targetValue,
      dueOn: a.dueOn,
      status: a.status,
      progress: a.progress,
      weight: a.weight,
      carriedFromActionId: a.carriedFromActionId,
    })),
  };
}

const post = (
  path: string,
  operationId: string,
  summary: string,
  params: z.ZodObject,
  body: z.ZodType,
  ok: { status: 200 | 201; schema: z.ZodType; description: string },
  conflictText = 'Action impossible dans l’état de la convention',
) =>
  createRoute({
    method: 'post',
    path,
    operationId,
    tags: [TAG],
    summary,
    request: { params, body: jsonBody(body) },
    responses: { [ok.status]: jsonResponse(ok.schema, ok.description), ...conflict(conflictText) },
  });

const idOnly = z.object({ id: agreementId });
const withNotice = z.object({
  id: agreementId,
  noticeId: uuid('noticeId', 'Identifiant de la mise en demeure'),
});
const withDispute = z.object({ id: agreementId, disputeId: uuid('disputeId', 'Identifiant du litige') });
const withYear = z.object({ id: agreementId, year: yearParam });
const withAction = z.object({
  id: agreementId,
  year: yearParam,
  actionId: uuid('actionId', 'Identifiant de l’action'),
});
const withApproval = z.object({
  id: agreementId,
  approvalId: uuid('approvalId', 'Identifiant de l’approbation (signature)'),
});
const theAgreement = {
  status: 200 as const,
  schema: agreementSchema,
  description: 'La convention après l’action',
};
const created = { status: 201 as const, schema: z.object({ id: z.string() }), description: 'Enregistré' };

export function registerAgreementActionsApi(r: Registrar, deps: Deps) {
  const { db } = deps;
  const p = agreementPolicies(db);
  const param = (c: Context<AppEnv>) => c.req.valid('param' as never) as Record<string, string>;
  const body = <T>(c: Context<AppEnv>) => c.req.valid('json' as never) as T;
  /** The agreement as it stands today, after an action. */
  const view = async (id: string) => {
    const loaded = await loadAgreement(db, id);
    const day = today(deps.now());
    return apiView(loaded, snapshotOn(loaded.terms, loaded.history, day), day);
  };
  const year = (c: Context<AppEnv>) => Number(param(c).year);

  // ── Formal notices, termination (art. 7) ─────────────────────────────────
  r.api(
    post(
      '/api/v1/agreements/{id}/formal-notices/{noticeId}/remedy',
      'remedyFormalNotice',
      'Constater la levée d’une mise en demeure (art. 7)',
      withNotice,
      remedyBody,
      theAgreement,
    ),
    p.actingParty('organisationId'),
    async (c) => {
      const { id, noticeId } = param(c);
      const b = body<z.infer<typeof remedyBody>>(c);
      await db.transaction((tx) => remedyFormalNotice(opContext(c, tx), id, { ...b, noticeId }));
      return c.json(await view(id), 200);
    },
  );
  r.api(
    post(
      '/api/v1/agreements/{id}/formal-notices/{noticeId}/termination',
      'requestTermination',
      'Demander la résiliation après une mise en demeure restée sans effet (art. 7)',
      withNotice,
      terminationBody,
      theAgreement,
      'Le délai de la mise en demeure n’est pas écoulé, ou elle a été levée',
    ),
    p.actingParty('organisationId'),
    async (c) => {
      const { id, noticeId } = param(c);
      const b = body<z.infer<typeof terminationBody>>(c);
      await db.transaction((tx) => requestTermination(opContext(c, tx), id, { ...b, noticeId }));
      return c.json(await view(id), 200);
    },
  );
  r.api(
    post(
      '/api/v1/agreements/{id}/automatic-terminations',
      'recordAutomaticTermination',
      'Enregistrer une résiliation de plein droit (art. 7), avec son fondement juridique',
      idOnly,
      automaticTerminationBody,
      theAgreement,
    ),
    p.actingParty('organisationId'),
    async (c) => {
      const { id } = param(c);
      const b = body<z.infer<typeof automaticTerminationBody>>(c);
      await db.transaction((tx) => recordAutomaticTermination(opContext(c, tx), id, b));
      return c.json(await view(id), 200);
    },
  );

  // ── Disputes (art. 9) ────────────────────────────────────────────────────
  r.api(
    post(
      '/api/v1/agreements/{id}/disputes',
      'openDispute',
      'Ouvrir un litige : d’abord le règlement amiable (art. 9)',
      idOnly,
      disputeBody,
      created,
    ),
    p.actingParty('organisationId'),
    async (c) => {
      const { id } = param(c);
      const b = body<z.infer<typeof disputeBody>>(c);
      const out = await db.transaction((tx) => openDispute(opContext(c, tx), id, b));
      return c.json({ id: out.id }, 201);
    },
  );
  r.api(
    post(
      '/api/v1/agreements/{id}/disputes/{disputeId}/stages',
      'advanceDispute',
      'Faire passer un litige à l’étape suivante : médiation, arbitrage, règlement (art. 9)',
      withDispute,
      disputeStageBody,
      theAgreement,
    ),
    p.actingParty('organisationId'),
    async (c) => {
      const { id, disputeId } = param(c);
      const b = body<z.infer<typeof disputeStageBody>>(c);
      await db.transaction((tx) =>
        advanceDispute(opContext(c, tx), id, {
          organisationId: b.organisationId,
          disputeId,
          stage: b.stage,
          on: b.stageOn,
        }),
      );
      return c.json(await view(id), 200);
    },
  );

  // ── Annual meeting (art. 4) ──────────────────────────────────────────────
  r.api(
    post(
      '/api/v1/agreements/{id}/meetings',
      'recordMeeting',
      'Enregistrer la réunion annuelle des parties : participants, compte rendu, décisions, bilan (art. 4)',
      idOnly,
      meetingBody,
      created,
    ),
    p.partyAdmin(),
    async (c) => {
      const { id } = param(c);
      const b = body<z.infer<typeof meetingBody>>(c);
      const out = await db.transaction((tx) =>
        recordMeeting(opContext(c, tx), id, {
          heldOn: b.heldOn,
          attendees: b.attendees,
          minutes: b.minutes ?? '',
          decisions: b.decisions ?? '',
          review: b.review ?? '',
          roadmapYear: b.roadmapYear ?? null,
        }),
      );
      return c.json({ id: out.id }, 201);
    },
  );

  // ── Signed copy of an approval ───────────────────────────────────────────
  r.api(
    createRoute({
      method: 'put',
      path: '/api/v1/agreements/{id}/approvals/{approvalId}/signed-copy',
      operationId: 'putSignedCopy',
      tags: [TAG],
      summary: 'Déposer la copie signée (PDF) d’une signature',
      request: {
        params: withApproval,
        query: z.object({
          fileName: z
            .string()
            .max(200)
            .optional()
            .meta({ description: 'Nom du fichier (copie-signee.pdf sinon)' }),
        }),
        body: {
          required: true,
          content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
        },
      },
      responses: {
        200: jsonResponse(z.object({ hash: z.string() }), 'Copie enregistrée (empreinte SHA-256 du fichier)'),
        ...conflict('Une copie est déjà déposée pour cette signature'),
        413: errorResponse('Fichier trop lourd'),
      },
    }),
    p.approvalParty,
    async (c) => {
      const { id, approvalId } = param(c);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (Buffer.from(bytes.slice(0, 5)).toString('latin1') !== '%PDF-')
        throw new AppError('validation', undefined, { file: 'La copie signée doit être un PDF.' });
      const fileName = (c.req.query('fileName') || 'copie-signee.pdf').replace(/[/\\"]/g, '');
      const out = await db.transaction((tx) =>
        attachSignedCopy(opContext(c, tx), id, approvalId, { bytes, fileName }),
      );
      return c.json({ hash: out.hash }, 200);
    },
  );

  // ── Roadmaps (art. 3, 4) ─────────────────────────────────────────────────
  r.api(
    createRoute({
      method: 'get',
      path: '/api/v1/agreements/{id}/roadmaps',
      operationId: 'listRoadmaps',
      tags: [TAG],
      summary: 'Les feuilles de route annuelles, avec leurs actions, leur empreinte et leurs approbations',
      request: { params: idOnly },
      responses: { 200: jsonResponse(z.object({ items: z.array(RoadmapSchema) }), 'Une par année') },
    }),
    p.viewer,
    async (c) => {
      const { id } = param(c);
      const loaded = await loadAgreement(db, id);
      const s = snapshotOn(loaded.terms, loaded.history, today(deps.now()));
      const items = [];
      for (const { year: y } of await roadmapYears(db, id)) {
        const rm = await findRoadmap(db, id, y, loaded.terms.partyIds);
        if (rm) items.push(roadmapJson(rm, s.inForceFrom));
      }
      return c.json({ items }, 200);
    },
  );
  r.api(
    createRoute({
      method: 'post',
      path: '/api/v1/agreements/{id}/roadmaps',
      operationId: 'createRoadmap',
      tags: [TAG],
      summary:
        'Ouvrir la feuille de route d’une année (reprend les actions non terminées de l’année précédente)',
      request: {
        params: idOnly,
        body: jsonBody(z.object({ year: z.number({ error: 'Une année de convention (1, 2, 3…).' }).int() })),
      },
      responses: {
        201: jsonResponse(RoadmapSchema, 'La feuille de route créée'),
        ...conflict('Pas encore en vigueur, ou cette année existe déjà'),
      },
    }),
    p.partyAdmin(),
    async (c) => {
      const { id } = param(c);
      const { year: y } = body<{ year: number }>(c);
      await db.transaction((tx) => createRoadmap(opContext(c, tx), id, y));
      return c.json(await roadmapOf(id, y), 201);
    },
  );
  const roadmapOf = async (id: string, y: number) => {
    const loaded = await loadAgreement(db, id);
    const s = snapshotOn(loaded.terms, loaded.history, today(deps.now()));
    const rm = await findRoadmap(db, id, y, loaded.terms.partyIds);
    if (!rm) throw new AppError('not_found', 'Feuille de route introuvable.');
    return roadmapJson(rm, s.inForceFrom);
  };
  r.api(
    post(
      '/api/v1/agreements/{id}/roadmaps/{year}/actions',
      'addRoadmapAction',
      'Ajouter une action à la feuille de route d’une année (change l’empreinte à approuver)',
      withYear,
      roadmapActionBody,
      { status: 201, schema: RoadmapSchema, description: 'La feuille de route avec l’action' },
    ),
    p.partyAdmin(),
    async (c) => {
      const { id } = param(c);
      const b = body<z.infer<typeof roadmapActionBody>>(c);
      await db.transaction((tx) =>
        addRoadmapAction(opContext(c, tx), id, year(c), {
          title: b.title,
          description: b.description ?? '',
          engagement: b.engagement,
          ownerOrganisationId: b.ownerOrganisationId,
          coOwnerIds: b.coOwnerIds ?? [],
          indicator: b.indicator ?? '',
          targetValue: b.targetValue ?? null,
          dueOn: b.dueOn ?? null,
          status: 'planned',
          progress: 0,
          weight: b.weight ?? 1,
        }),
      );
      return c.json(await roadmapOf(id, year(c)), 201);
    },
  );
  r.api(
    createRoute({
      method: 'patch',
      path: '/api/v1/agreements/{id}/roadmaps/{year}/actions/{actionId}',
      operationId: 'updateRoadmapAction',
      tags: [TAG],
      summary: 'Suivre une action : statut et avancement',
      request: { params: withAction, body: jsonBody(roadmapActionPatch) },
      responses: { 200: jsonResponse(RoadmapSchema, 'La feuille de route après le suivi') },
    }),
    p.partyAdmin(),
    async (c) => {
      const { id, actionId } = param(c);
      const b = body<z.infer<typeof roadmapActionPatch>>(c);
      await db.transaction((tx) => updateRoadmapAction(opContext(c, tx), id, year(c), actionId, b));
      return c.json(await roadmapOf(id, year(c)), 200);
    },
  );
  r.api(
    post(
      '/api/v1/agreements/{id}/roadmaps/{year}/approvals',
      'approveRoadmap',
      'Approuver la feuille de route d’une année par son empreinte, au nom d’une partie (art. 3)',
      withYear,
      roadmapApprovalBody,
      { status: 201, schema: RoadmapSchema, description: 'La feuille de route après l’approbation' },
      'Cette empreinte n’est pas celle du plan actuel',
    ),
    p.actingParty('organisationId'),
    async (c) => {
      const { id } = param(c);
      const b = body<z.infer<typeof roadmapApprovalBody>>(c);
      await db.transaction((tx) => approveRoadmap(opContext(c, tx), id, year(c), b));
      return c.json(await roadmapOf(id, year(c)), 201);
    },
  );
  r.api(
    createRoute({
      method: 'post',
      path: '/api/v1/agreements/{id}/roadmaps/{year}/actions/import',
      operationId: 'importRoadmapActions',
      tags: [TAG],
      summary:
        'Importer des actions depuis un CSV (mêmes colonnes que l’export) : tout ou rien, erreurs par ligne dans `error.fields`',
      request: {
        params: withYear,
        body: { required: true, content: { 'text/csv': { schema: z.string() } } },
      },
      responses: {
        201: jsonResponse(
          z.object({ imported: z.number().int(), roadmap: RoadmapSchema }),
          'Toutes les lignes importées',
        ),
      },
    }),
    p.partyAdmin(),
    async (c) => {
      const { id } = param(c);
      const csv = await c.req.text();
      if (!csv.trim()) throw new AppError('validation', undefined, { file: 'Le CSV est vide.' });
      try {
        const out = await db.transaction((tx) => importRoadmapActions(opContext(c, tx), id, year(c), csv));
        return c.json({ imported: out.imported, roadmap: await roadmapOf(id, year(c)) }, 201);
      } catch (e) {
        if (!(e instanceof ImportRejected)) throw e;
        const lines = Object.fromEntries(
          e.report.errors.map((x) => [`line ${x.line}`, x.messages.join(' ')]),
        );
        throw new AppError('validation', e.message, { ...e.fields, ...lines });
      }
    },
  );
  r.api(
    createRoute({
      method: 'get',
      path: '/api/v1/agreements/{id}/roadmaps/{year}/actions.csv',
      operationId: 'exportRoadmapActions',
      tags: [TAG],
      summary: 'Exporter les actions d’une année en CSV (UTF-8, point-virgule)',
      request: { params: withYear },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
    }),
    p.viewer,
    async (c) => {
      const { id } = param(c);
      const loaded = await loadAgreement(db, id);
      const rm = await findRoadmap(db, id, year(c), loaded.terms.partyIds);
      if (!rm) throw new AppError('not_found', 'Feuille de route introuvable.');
      const csv = exportActions(
        rm.actions,
        (orgId) => loaded.parties.find((x) => x.organisation_id === orgId)?.name ?? orgId,
      );
      return c.body(`\uFEFF${csv}`, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="feuille-de-route-annee-${year(c)}.csv"`,
      });
    },
  );
}
