import { type Actor, isNetworkAdmin, membershipOf } from '../../../policy/actor.js';

/** Sharing levels of a contact (glossary: niveau de partage). */
export const SHARING_LEVELS = ['public', 'partners', 'confidential'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];

/**
 * Which sharing levels a caller may read on an organisation's profile:
 * public = everyone; partners = any signed-in user; confidential = the organisation's
 * own members and the networks' national staff (network admins, platform admins).
 * Convention art. 4: data a party marks confidential is not shared.
 */
export function visibleSharingLevels(actor: Actor, organisationId: string): SharingLevel[] {
  if (actor.kind !== 'user') return ['public'];
  if (isNetworkAdmin(actor) || membershipOf(actor, organisationId))
    return ['public', 'partners', 'confidential'];
  return ['public', 'partners'];
}

/** True when the caller sees everything about the organisation (its members, network staff). */
export function isInsider(actor: Actor, organisationId: string): boolean {
  return visibleSharingLevels(actor, organisationId).includes('confidential');
}
