/**
 * Issue 10, "Every action has its API": the members page of an organisation in the JSON
 * API — list members and pending invitations, invite, change a role, remove. Same
 * schemas (schemas.ts), same operations (members.ts), same policy (organisation admin)
 * as the page. Accepting an invitation stays on its e-mail link (/invitation/:token): the
 * link is the proof of the address and it opens a session, which a bearer token cannot.
 * The pages offer no "leave the organisation" action, so neither does the API.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { errorResponse, jsonBody, jsonResponse } from '../../http/openapi.js';
import type { Registrar } from '../../http/registry.js';
import { policies } from '../../policy/policy.js';
import {
  changeMemberRole,
  inviteColleague,
  listMembers,
  listPendingInvitations,
  organisationName,
  removeMember,
} from './members.js';
import { inviteForm, roleForm } from './schemas.js';
import { isUuid } from './web.js';

const TAG = 'Membres';
const orgParam = z
  .string()
  .meta({ description: 'Identifiant de l’organisation', param: { name: 'id', in: 'path' } });
const userParam = z
  .string()
  .meta({ description: 'Identifiant de la personne', param: { name: 'userId', in: 'path' } });

const Member = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['member', 'admin']),
    since: z.string().meta({ description: 'Date et heure d’entrée (ISO 8601)' }),
  })
  .openapi('Member');

const PendingInvitation = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(['member', 'admin']),
    expiresAt: z.string().meta({ description: 'Fin de validité du lien (ISO 8601)' }),
    invitedBy: z.string().nullable(),
  })
  .openapi('PendingInvitation');

const MemberList = z
  .object({
    organisationId: z.uuid(),
    organisationName: z.string(),
    members: z.array(Member),
    pendingInvitations: z.array(PendingInvitation),
  })
  .openapi('MemberList');

const InviteBody = inviteForm.openapi('InvitationRequest');
const RoleBody = roleForm.openapi('MemberRoleChange');

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/organisations/{id}/members',
  operationId: 'listOrganisationMembers',
  tags: [TAG],
  summary: 'Membres et invitations en attente d’une organisation (administrateurs de l’organisation)',
  request: { params: z.object({ id: orgParam }) },
  responses: { 200: jsonResponse(MemberList, 'Les membres et les invitations en cours') },
});

const inviteRoute = createRoute({
  method: 'post',
  path: '/api/v1/organisations/{id}/invitations',
  operationId: 'inviteColleague',
  tags: [TAG],
  summary: 'Inviter une personne par e-mail (lien à usage unique valable 7 jours)',
  request: { params: z.object({ id: orgParam }), body: jsonBody(InviteBody) },
  responses: {
    201: jsonResponse(PendingInvitation, 'L’invitation envoyée'),
    422: errorResponse('Données invalides, ou la personne est déjà membre (champ `email`)'),
  },
});

const roleRoute = createRoute({
  method: 'put',
  path: '/api/v1/organisations/{id}/members/{userId}/role',
  operationId: 'changeMemberRole',
  tags: [TAG],
  summary: 'Changer le rôle d’un membre (l’organisation garde au moins un administrateur)',
  request: { params: z.object({ id: orgParam, userId: userParam }), body: jsonBody(RoleBody) },
  responses: {
    200: jsonResponse(Member, 'Le membre avec son nouveau rôle'),
    409: errorResponse('Ce serait retirer le dernier administrateur'),
  },
});

const removeRoute = createRoute({
  method: 'delete',
  path: '/api/v1/organisations/{id}/members/{userId}',
  operationId: 'removeMember',
  tags: [TAG],
  summary: 'Retirer un membre de l’organisation',
  request: { params: z.object({ id: orgParam, userId: userParam }) },
  responses: {
    204: { description: 'Membre retiré' },
    409: errorResponse('C’est le dernier administrateur'),
  },
});

const uuidOr404 = (id: string | undefined): string => {
  if (!isUuid(id)) throw new AppError('not_found');
  return id;
};
const ctxOf = (c: Context<AppEnv>) => ({ actor: c.get('actor'), requestId: c.get('requestId') });

export function registerMembersApi(r: Registrar, deps: Deps) {
  const { db } = deps;
  const memberJson = async (orgId: string, userId: string) => {
    const m = (await listMembers(db, orgId)).find((x) => x.user_id === userId);
    if (!m) throw new AppError('not_found', 'Cette personne n’est pas membre de l’organisation.');
    return {
      userId: m.user_id,
      name: m.name,
      email: m.email,
      role: m.role,
      since: new Date(m.created_at).toISOString(),
    };
  };
  const invitationJson = (i: Awaited<ReturnType<typeof listPendingInvitations>>[number]) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    expiresAt: new Date(i.expires_at).toISOString(),
    invitedBy: i.invited_by,
  });

  r.api(listRoute, policies.orgAdmin('id'), async (c) => {
    const orgId = uuidOr404(c.req.param('id'));
    const name = await organisationName(db, orgId);
    const members = await listMembers(db, orgId);
    const pending = await listPendingInvitations(db, orgId, deps.now());
    return c.json(
      {
        organisationId: orgId,
        organisationName: name,
        members: members.map((m) => ({
          userId: m.user_id,
          name: m.name,
          email: m.email,
          role: m.role,
          since: new Date(m.created_at).toISOString(),
        })),
        pendingInvitations: pending.map(invitationJson),
      },
      200,
    );
  });

  r.api(inviteRoute, policies.orgAdmin('id'), async (c) => {
    const orgId = uuidOr404(c.req.param('id'));
    const b = c.req.valid('json') as z.infer<typeof inviteForm>;
    const { invitationId } = await inviteColleague(deps, ctxOf(c), {
      organisationId: orgId,
      email: b.email,
      role: b.role,
    });
    const inv = (await listPendingInvitations(db, orgId, deps.now())).find((i) => i.id === invitationId);
    if (!inv) throw new AppError('not_found');
    return c.json(invitationJson(inv), 201);
  });

  r.api(roleRoute, policies.orgAdmin('id'), async (c) => {
    const orgId = uuidOr404(c.req.param('id'));
    const userId = uuidOr404(c.req.param('userId'));
    const b = c.req.valid('json') as z.infer<typeof roleForm>;
    await changeMemberRole(deps, ctxOf(c), { organisationId: orgId, userId, role: b.role });
    return c.json(await memberJson(orgId, userId), 200);
  });

  r.api(removeRoute, policies.orgAdmin('id'), async (c) => {
    const orgId = uuidOr404(c.req.param('id'));
    const userId = uuidOr404(c.req.param('userId'));
    await removeMember(deps, ctxOf(c), { organisationId: orgId, userId });
    return c.body(null, 204);
  });
}
