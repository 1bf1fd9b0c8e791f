/**
 * The annual roadmap (feuille de route, art. 3 and 5): actions agreed every convention
 * year, their weighted progress, the hash every party approves (like an amendment), and
 * the carry-over of unfinished actions to the next year. Pure.
 */
import { createHash } from 'node:crypto';

/** Art. 3 : the forms the collaboration may take — each action serves one. */
export const ENGAGEMENTS = [
  'inform_networks',
  'joint_communication',
  'exchange_events',
  'facilitate_connections',
  'ecsi_awareness',
  'cross_presentations',
  'partners_abroad_funding',
  'annual_roadmap',
] as const;
export type Engagement = (typeof ENGAGEMENTS)[number];

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface RoadmapAction {
  id: string;
  title: string;
  description: string;
  engagement: Engagement;
  ownerOrganisationId: string;
  coOwnerIds: string[];
  indicator: string;
  targetValue: number | null;
  dueOn: string | null;
  status: ActionStatus;
  progress: number;
  weight: number;
}

/** Progress of an action as counted in the roll-up: a done action is 100 %. */
export const effectiveProgress = (a: Pick<RoadmapAction, 'status' | 'progress'>) =>
  a.status === 'done' ? 100 : Math.max(0, Math.min(100, a.progress));

/** Weighted progress of the roadmap (dropped actions do not count); null without actions. */
export function rollUp(actions: Pick<RoadmapAction, 'status' | 'progress' | 'weight'>[]): number | null {
  const counted = actions.filter((a) => a.status !== 'dropped' && a.weight > 0);
  const total = counted.reduce((s, a) => s + a.weight, 0);
  if (total === 0) return null;
  return Math.round(counted.reduce((s, a) => s + a.weight * effectiveProgress(a), 0) / total);
}

/**
 * The hash of a roadmap version: SHA-256 of its actions' agreed content (what, who, target,
 * when, weight), in a canonical order. Progress and status do not change it: the parties
 * approve the plan, and follow its progress afterwards.
 */
export function roadmapHash(year: number, actions: RoadmapAction[]): string {
  const canonical = [...actions]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((a) => [
      a.id,
      a.title,
      a.description,
      a.engagement,
      a.ownerOrganisationId,
      [...a.coOwnerIds].sort(),
      a.indicator,
      a.targetValue,
      a.dueOn,
      a.weight,
      a.status === 'dropped',
    ]);
  return createHash('sha256')
    .update(JSON.stringify({ year, actions: canonical }))
    .digest('hex');
}

/** Validated once every party approved the current hash. */
export function isValidated(
  partyIds: string[],
  approvals: { organisationId: string; hash: string }[],
  hash: string,
) {
  return partyIds.every((p) => approvals.some((a) => a.organisationId === p && a.hash === hash));
}

/** Renewal: the actions of a year that carry over to the next (neither done nor dropped). */
export const unfinished = <T extends Pick<RoadmapAction, 'status'>>(actions: T[]) =>
  actions.filter((a) => a.status !== 'done' && a.status !== 'dropped');
