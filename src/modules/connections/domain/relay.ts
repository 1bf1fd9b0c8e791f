/**
 * Who relays a connection request when the receiving organisation has no member yet
 * (convention art. 3 : « chaque réseau informe des opportunités locales et facilite la
 * mise en lien et la prise de contact »). Pure: no I/O.
 *
 *   local authority        → CUF national staff
 *   Mission Locale         → UNML national staff, and the regional association of the
 *                            Missions Locales of its région when one is known
 *   regional association   → UNML national staff
 *   UNML / CUF             → the other network's national staff
 */
export type Network = 'unml' | 'cuf';
export type OrgKind =
  | 'unml'
  | 'cuf'
  | 'regional_association'
  | 'mission_locale'
  | 'local_authority'
  | 'foreign_partner';

export interface RelayTarget {
  network: Network;
  /** The regional association of the Missions Locales (same région), not the national staff. */
  regional: boolean;
}

export function relayTargets(receiverKind: OrgKind, hasRegionalAssociation: boolean): RelayTarget[] {
  switch (receiverKind) {
    case 'local_authority':
      return [{ network: 'cuf', regional: false }];
    case 'mission_locale':
      return [
        { network: 'unml', regional: false },
        ...(hasRegionalAssociation ? [{ network: 'unml' as const, regional: true }] : []),
      ];
    case 'regional_association':
      return [{ network: 'unml', regional: false }];
    case 'unml':
      return [{ network: 'cuf', regional: false }];
    case 'cuf':
      return [{ network: 'unml', regional: false }];
    case 'foreign_partner':
      return [];
  }
}

export const NETWORK_NAMES: Record<Network, { name: string; code: string }> = {
  unml: { name: 'Union nationale des Missions Locales', code: 'UNML' },
  cuf: { name: 'Cités Unies France', code: 'CUF' },
};
