import { type Actor, membershipOf } from '../../../policy/actor.js';

/** Sharing levels of a contact (glossary: niveau de partage). */
export const SHARING_LEVELS = ['public', 'partners', 'confidential'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];

/**
 * Who is reading an organisation's records. Every place that shows a contact (pages, API,
 * exports, e-mails) names its reader with one of these and asks `visibleLevels`:
 * - `actor`: the person making the request (anonymous visitor or signed-in user);
 * - `counterpart`: the other side of an accepted connection, including a person who answered
 *   through an e-mail link without an account (convention art. 3: the first contact);
 * - `open_data`: the open-data export, read by anyone, anywhere.
 */
export type Reader = { kind: 'actor'; actor: Actor } | { kind: 'counterpart' } | { kind: 'open_data' };

export const asReader = (actor: Actor): Reader => ({ kind: 'actor', actor });

/**
 * THE sharing rule, written once (convention art. 4: the parties share data "à l'exception
 * de celles que l'une ou l'autre des parties aura identifiées comme confidentielles"):
 * - public: everyone, including anonymous visitors and the open-data export;
 * - partners: signed-in users of the platform and the other side of an accepted connection;
 * - confidential: the members of the organisation itself, nobody else — not the other
 *   network's admins, not a connected partner, not a platform admin reading a page.
 */
export function visibleLevels(reader: Reader, organisationId: string): SharingLevel[] {
  switch (reader.kind) {
    case 'open_data':
      return ['public'];
    case 'counterpart':
      return ['public', 'partners'];
    case 'actor': {
      const a = reader.actor;
      if (a.kind !== 'user') return ['public'];
      if (membershipOf(a, organisationId)) return ['public', 'partners', 'confidential'];
      return ['public', 'partners'];
    }
  }
}

/** The levels the caller may read on an organisation's profile (see `visibleLevels`). */
export function visibleSharingLevels(actor: Actor, organisationId: string): SharingLevel[] {
  return visibleLevels(asReader(actor), organisationId);
}

/** True when the caller sees everything about the organisation: its own members only. */
export function isInsider(actor: Actor, organisationId: string): boolean {
  return visibleSharingLevels(actor, organisationId).includes('confidential');
}

/** Whether a record at `level` may be shown to `reader` (the one check every reader goes through). */
export function mayRead(reader: Reader, organisationId: string, level: SharingLevel): boolean {
  return visibleLevels(reader, organisationId).includes(level);
}
