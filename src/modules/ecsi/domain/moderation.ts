/**
 * ECSI awareness (convention art. 3 : « sensibiliser les Missions Locales et les
 * collectivités territoriales à l'intérêt de l'ECSI »): the resource library's moderation
 * as a transition table, and the kinds of resources and awareness actions. Pure: no I/O.
 */
export const RESOURCE_KINDS = ['guide', 'training', 'project_example', 'tool'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const RESOURCE_AUDIENCES = ['missions_locales', 'collectivites', 'both', 'young_people'] as const;
export type ResourceAudience = (typeof RESOURCE_AUDIENCES)[number];
export const ACTION_KINDS = ['training', 'workshop', 'presentation'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const RESOURCE_STATES = ['suggested', 'published', 'rejected', 'withdrawn'] as const;
export type ResourceState = (typeof RESOURCE_STATES)[number];
export type ModerationDecision = 'publish' | 'reject' | 'withdraw';

/** Members suggest; network staff publish or reject; a published resource may be withdrawn. */
export const MODERATION_TRANSITIONS: Record<
  ResourceState,
  Partial<Record<ModerationDecision, ResourceState>>
> = {
  suggested: { publish: 'published', reject: 'rejected' },
  published: { withdraw: 'withdrawn' },
  rejected: {},
  withdrawn: { publish: 'published' },
};

export class ModerationError extends Error {}

export function moderate(from: ResourceState, decision: ModerationDecision): ResourceState {
  const to = MODERATION_TRANSITIONS[from][decision];
  if (!to)
    throw new ModerationError(
      from === 'rejected'
        ? 'Cette proposition a été refusée : elle ne peut plus être publiée.'
        : from === 'published'
          ? 'Cette ressource est déjà publiée.'
          : 'Cette ressource n’est pas publiée : rien à retirer.',
    );
  return to;
}

/** Only published resources are visible to everyone. */
export const isVisibleToAll = (s: ResourceState) => s === 'published';
