import type { AuthorityLevel } from './special-authorities.js';

/** From the most local to the widest: the order authorities are listed in. */
export const AUTHORITY_LEVEL_ORDER: AuthorityLevel[] = [
  'commune',
  'ept',
  'epci',
  'metropole_statut_particulier',
  'departement',
  'collectivite_statut_particulier',
  'collectivite_unique',
  'province',
  'collectivite_outre_mer',
  'region',
];
