/** JSON API of the conventions (issue 6), described in the OpenAPI document. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { ApiError } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { fields } from '../../http/validation.js';
import { isPlatformAdmin, membershipOf } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import { approveVersion } from './approve-version.js';
import { createAgreement } from './create-agreement.js';
import { isIsoDate } from './domain/dates.js';
import { snapshotOn } from './domain/lifecycle.js';
import { listAgreements } from './list-agreements.js';
import { notifyWithdrawal } from './notify-withdrawal.js';
import type { OpContext } from './op-context.js';
import { agreementPolicies } from './policy.js';
import { proposeVersion } from './propose-version.js';
import { sendFormalNotice } from './send-formal-notice.js';
import { AGREEMENT_KINDS, loadAgreement, today } from './store.js';
import { apiView } from './view.js';

const TAG = 'Conventions';
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
/** The shared error body (component `Error`, src/http/openapi.ts). */
const errorSchema = ApiError;
const errors = {
  401: json(errorSchema, 'Non connecté'),
  403: json(errorSchema, 'Non autorisé'),
  404: json(errorSchema, 'Introuvable'),
  422: json(errorSchema, 'Données invalides (champs nommés)'),
};

const isoDate = z.string().meta({ example: '2025-07-04', description: 'Date AAAA-MM-JJ' });
const idParams = z.object({ id: z.string().meta({ description: 'Identifiant de la convention' }) });
const onQuery = z.object({
  on: z
    .string()
    .optional()
    .refine(
      (s) => s === undefined || isIsoDate(s),
      'Indiquez une date au format AAAA-MM-JJ (une date qui existe).',
    ),
});

const approvalSchema = z.object({
  organisationId: z.string(),
  signerName: z.string(),
  signerRole: z.string(),
  signedOn: isoDate,
  method: z.string(),
  recordedByPlatformAdmin: z.boolean(),
});
const formalNoticeSchema = z.object({
  id: z.string(),
  fromOrganisationId: z.string(),
  toOrganisationId: z.string(),
  letterReference: z.string(),
  sentOn: isoDate,
  terminationAvailableFrom: isoDate,
  status: z.enum(['open', 'remedied', 'termination_requested']),
});
const stateSchema = z.enum(['draft', 'signing', 'in_force', 'withdrawn', 'terminated', 'expired']);
export const agreementSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  state: stateSchema,
  on: isoDate,
  termYears: z.number(),
  parties: z.array(z.object({ organisationId: z.string(), name: z.string(), kind: z.string() })),
  versions: z.array(
    z.object({
      number: z.number(),
      hash: z.string(),
      format: z.enum(['markdown', 'pdf']),
      proposedOn: isoDate,
      approvals: z.array(approvalSchema),
    }),
  ),
  bindingVersion: z.number().nullable(),
  inForceFrom: isoDate.nullable(),
  lastDayInForce: isoDate.nullable(),
  withdrawal: z.object({ organisationId: z.string(), notifiedOn: isoDate, effectiveOn: isoDate }).nullable(),
  formalNotices: z.array(formalNoticeSchema),
  termination: z
    .object({ on: isoDate, kind: z.enum(['formal_notice', 'automatic']), legalGround: z.string().nullable() })
    .nullable(),
  disputes: z.array(z.object({ id: z.string(), subject: z.string(), openedOn: isoDate, stage: z.string() })),
});

const text = z
  .string({ error: 'Indiquez le texte (Markdown).' })
  .min(1, 'Indiquez le texte (Markdown).')
  .max(200_000, '200 000 caractères au plus.');
const orgId = (label: string) => fields.uuid(label);

const createBody = z.object({
  title: fields.requiredText('le titre', 200),
  kind: z.enum(AGREEMENT_KINDS, {
    error: 'Choisissez le type : national_partnership, local_partnership ou project_agreement.',
  }),
  partyIds: z
    .array(orgId("l'identifiant de la partie"), { error: 'Indiquez les parties (identifiants).' })
    .min(2, 'Une convention a au moins deux parties.'),
  termYears: z.number().int('Un nombre entier d’années.').min(1).max(99).optional(),
  withdrawalNoticeMonths: z.number().int().min(0).max(36).optional(),
  formalNoticeDays: z.number().int().min(0).max(365).optional(),
  summary: z.string().max(5000).optional(),
  text,
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/api/v1/agreements',
  tags: [TAG],
  summary: 'Créer une convention (deux parties ou plus) avec sa première version',
  request: { body: { content: { 'application/json': { schema: createBody } }, required: true } },
  responses: {
    201: json(
      z.object({
        id: z.string(),
        title: z.string(),
        state: stateSchema,
        version: z.object({ number: z.number(), hash: z.string() }),
      }),
      'Convention créée',
    ),
    ...errors,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/agreements',
  tags: [TAG],
  summary: 'Lister les conventions visibles',
  request: { query: onQuery },
  responses: {
    200: json(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            kind: z.string(),
            state: stateSchema,
            inForceFrom: isoDate.nullable(),
            lastDayInForce: isoDate.nullable(),
          }),
        ),
      }),
      'Conventions',
    ),
    ...errors,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/agreements/{id}',
  tags: [TAG],
  summary: 'Lire une convention et son état à une date (?on=AAAA-MM-JJ)',
  request: { params: idParams, query: onQuery },
  responses: { 200: json(agreementSchema, 'La convention à la date demandée'), ...errors },
});

const versionRoute = createRoute({
  method: 'post',
  path: '/api/v1/agreements/{id}/versions',
  tags: [TAG],
  summary: 'Proposer une nouvelle version du texte (avenant, art. 6)',
  request: {
    params: idParams,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            text,
            organisationId: orgId("l'identifiant de la partie").optional(),
            note: z.string().max(2000).optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: json(z.object({ number: z.number(), hash: z.string() }), 'Version proposée'),
    409: json(errorSchema, 'Action impossible dans cet état'),
    ...errors,
  },
});

const approvalRoute = createRoute({
  method: 'post',
  path: '/api/v1/agreements/{id}/approvals',
  tags: [TAG],
  summary: "Approuver ou signer une version précise (empreinte SHA-256) au nom d'une partie",
  request: {
    params: idParams,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            organisationId: orgId("l'identifiant de la partie"),
            hash: z
              .string({ error: "Indiquez l'empreinte de la version." })
              .regex(/^[0-9a-fA-F]{64}$/, "L'empreinte est un SHA-256 (64 caractères hexadécimaux)."),
            signedOn: fields.isoDate('la date de signature'),
            signerName: fields.requiredText('le nom du signataire'),
            signerRole: fields.requiredText('la qualité du signataire'),
            signedAtPlace: z.string().max(200).optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: json(
      z.object({
        id: z.string(),
        version: z.number(),
        hash: z.string(),
        state: stateSchema,
        inForceFrom: isoDate.nullable(),
      }),
      'Approbation enregistrée',
    ),
    409: json(errorSchema, "Cette empreinte n'est pas celle de la dernière version"),
    ...errors,
  },
});

const withdrawalRoute = createRoute({
  method: 'post',
  path: '/api/v1/agreements/{id}/withdrawals',
  tags: [TAG],
  summary: 'Notifier la dénonciation (art. 5, préavis)',
  request: {
    params: idParams,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            organisationId: orgId("l'identifiant de la partie"),
            notifiedOn: fields.isoDate('la date de notification'),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: json(
      z.object({ organisationId: z.string(), notifiedOn: isoDate, effectiveOn: isoDate }),
      'Dénonciation enregistrée',
    ),
    409: json(errorSchema, 'Action impossible dans cet état'),
    ...errors,
  },
});

const formalNoticeRoute = createRoute({
  method: 'post',
  path: '/api/v1/agreements/{id}/formal-notices',
  tags: [TAG],
  summary: 'Enregistrer une mise en demeure (art. 7)',
  request: {
    params: idParams,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            fromOrganisationId: orgId("l'identifiant de la partie expéditrice"),
            toOrganisationId: orgId("l'identifiant de la partie destinataire"),
            sentOn: fields.isoDate("la date d'envoi"),
            letterReference: fields.requiredText('la référence de la lettre recommandée'),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: json(formalNoticeSchema, 'Mise en demeure enregistrée'),
    409: json(errorSchema, 'Action impossible dans cet état'),
    ...errors,
  },
});

export function opContext(c: Context<AppEnv>, tx: OpContext['tx']): OpContext {
  return { tx, audit: { actor: c.get('actor'), requestId: c.get('requestId') }, now: c.get('deps').now() };
}

/** The party an actor proposes for when the body does not say: the first party they administer. */
export function adminPartyOf(c: Context<AppEnv>, partyIds: string[]): string | null {
  const actor = c.get('actor');
  return partyIds.find((p) => membershipOf(actor, p)?.role === 'admin') ?? null;
}

export function registerAgreementsApi(r: Registrar, deps: Deps) {
  const p = agreementPolicies(deps.db);

  r.api(createRouteDef, p.creator, async (c) => {
    const body = c.req.valid('json') as z.infer<typeof createBody>;
    const created = await deps.db.transaction((tx) =>
      createAgreement(opContext(c, tx), {
        ...body,
        body: { format: 'markdown', text: body.text },
        proposedByOrganisationId: adminPartyOf(c, body.partyIds),
      }),
    );
    return c.json(
      { id: created.id, title: body.title, state: 'draft' as const, version: created.version },
      201,
    );
  });

  r.api(listRoute, policies.signedIn, async (c) => {
    const { on } = c.req.valid('query') as { on?: string };
    const day = on ?? today(deps.now());
    const items = await listAgreements(deps.db, c.get('actor'), day);
    return c.json(
      {
        items: items.map((i) => ({
          id: i.id,
          title: i.title,
          kind: i.kind,
          state: i.snapshot.state,
          inForceFrom: i.snapshot.inForceFrom,
          lastDayInForce: i.snapshot.lastDayInForce,
        })),
      },
      200,
    );
  });

  r.api(getRoute, p.viewer, async (c) => {
    const { id } = c.req.valid('param') as { id: string };
    const { on } = c.req.valid('query') as { on?: string };
    const day = on ?? today(deps.now());
    const loaded = await loadAgreement(deps.db, id);
    const s = snapshotOn(loaded.terms, loaded.history, day);
    return c.json(apiView(loaded, s, day), 200);
  });

  r.api(versionRoute, p.actingParty('organisationId'), async (c) => {
    const { id } = c.req.valid('param') as { id: string };
    const body = c.req.valid('json') as { text: string; organisationId?: string; note?: string };
    const out = await deps.db.transaction(async (tx) => {
      const loaded = await loadAgreement(tx, id);
      const org = body.organisationId ?? adminPartyOf(c, loaded.terms.partyIds);
      if (!org && !isPlatformAdmin(c.get('actor'))) throw new AppError('forbidden');
      return proposeVersion(opContext(c, tx), id, {
        organisationId: org,
        body: { format: 'markdown', text: body.text },
        note: body.note ?? null,
      });
    });
    return c.json(out, 201);
  });

  r.api(approvalRoute, p.actingParty('organisationId', { paperCopy: true }), async (c) => {
    const { id } = c.req.valid('param') as { id: string };
    const body = c.req.valid('json') as {
      organisationId: string;
      hash: string;
      signedOn: string;
      signerName: string;
      signerRole: string;
      signedAtPlace?: string;
    };
    const actor = c.get('actor');
    const paper = isPlatformAdmin(actor) && membershipOf(actor, body.organisationId)?.role !== 'admin';
    const out = await deps.db.transaction((tx) =>
      approveVersion(opContext(c, tx), id, {
        ...body,
        method: paper ? 'signed_scan' : 'platform_acceptance',
        recordedByPlatformAdmin: paper,
      }),
    );
    return c.json(out, 201);
  });

  r.api(withdrawalRoute, p.actingParty('organisationId'), async (c) => {
    const { id } = c.req.valid('param') as { id: string };
    const body = c.req.valid('json') as { organisationId: string; notifiedOn: string };
    const out = await deps.db.transaction((tx) => notifyWithdrawal(opContext(c, tx), id, body));
    return c.json(out, 201);
  });

  r.api(formalNoticeRoute, p.actingParty('fromOrganisationId'), async (c) => {
    const { id } = c.req.valid('param') as { id: string };
    const body = c.req.valid('json') as {
      fromOrganisationId: string;
      toOrganisationId: string;
      sentOn: string;
      letterReference: string;
    };
    const n = await deps.db.transaction((tx) => sendFormalNotice(opContext(c, tx), id, body));
    return c.json(
      {
        id: n.id,
        fromOrganisationId: n.fromOrganisationId,
        toOrganisationId: n.toOrganisationId,
        letterReference: n.letterReference,
        sentOn: n.sentOn,
        terminationAvailableFrom: n.terminationAvailableFrom,
        status: n.status,
      },
      201,
    );
  });
}
