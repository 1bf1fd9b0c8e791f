/**
 * The two national networks and the regional associations of Missions Locales (AR, one per
 * région: DOMAIN.md says 15). Sources: REFERENCE.md §6 names six of them (Amilaura in
 * Auvergne-Rhône-Alpes, Centre-Val de Loire, Grand Est, Normandie, Occitanie, Océan
 * Indien); the others are modelled one per remaining région and marked `uncertain`: their
 * exact name (and, for Corse and the Antilles-Guyane, their existence) must be confirmed
 * with UNML. The directory shows that mark in their description.
 */
export interface NetworkOrganisation {
  kind: 'unml' | 'cuf' | 'regional_association';
  code: string;
  name: string;
  shortName: string | null;
  regionCode: string | null;
  uncertain: boolean;
}

export const UNCERTAIN_DESCRIPTION =
  'Nom et périmètre à confirmer auprès de l’UNML : cette association régionale ne figure pas dans les sources consultées.';

const ar = (
  regionCode: string | null,
  code: string,
  region: string,
  uncertain: boolean,
  shortName: string | null = null,
) => ({
  kind: 'regional_association' as const,
  code,
  name: `Association régionale des Missions Locales ${region}`,
  shortName,
  regionCode,
  uncertain,
});

export const NETWORK_ORGANISATIONS: NetworkOrganisation[] = [
  // Same codes as the demo seed (src/db/seed/demo.ts): reused, never duplicated.
  {
    kind: 'unml',
    code: 'UNML',
    name: 'Union nationale des Missions Locales',
    shortName: 'UNML',
    regionCode: null,
    uncertain: false,
  },
  {
    kind: 'cuf',
    code: 'CUF',
    name: 'Cités Unies France',
    shortName: 'CUF',
    regionCode: null,
    uncertain: false,
  },
  ar('84', 'ARML-84', 'Auvergne-Rhône-Alpes', false, 'Amilaura'),
  ar('27', 'ARML-27', 'Bourgogne-Franche-Comté', true),
  ar('53', 'ARML-53', 'de Bretagne', true),
  ar('24', 'ARML-24', 'Centre-Val de Loire', false),
  ar('94', 'ARML-94', 'de Corse', true),
  ar('44', 'ARML-44', 'Grand Est', false),
  ar('32', 'ARML-32', 'Hauts-de-France', true),
  ar('11', 'ARML-11', 'Île-de-France', true),
  ar('28', 'ARML-28', 'de Normandie', false),
  ar('75', 'ARML-75', 'Nouvelle-Aquitaine', true),
  ar('76', 'ARML-76', 'Occitanie', false),
  ar('52', 'ARML-52', 'des Pays de la Loire', true),
  ar('93', 'ARML-93', 'Provence-Alpes-Côte d’Azur', true),
  // La Réunion and Mayotte.
  ar('04', 'ARML-OI', 'de l’Océan Indien', false),
  // Guadeloupe, Martinique and Guyane: [U] existence and name to confirm.
  ar(null, 'ARML-AG', 'des Antilles et de la Guyane', true),
];
