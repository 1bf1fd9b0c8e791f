import { csvRow } from '../../lib/csv.js';
/**
 * The open-data export of the directory: organisation-level public fields only. No
 * contact person, no e-mail address, no description typed by people (it may name
 * them), no internal identifiers of users. Licence Ouverte 2.0 (Etalab).
 */
export const LICENCE = {
  name: 'Licence Ouverte 2.0',
  path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
  title: 'Licence Ouverte / Open Licence version 2.0 (Etalab)',
};

export interface ExportField {
  name: string;
  type: 'string' | 'boolean' | 'date';
  title: string;
  description: string;
  constraints?: Record<string, unknown>;
  format?: string;
}

/** Columns of the CSV and keys of the JSON export, in order (Table Schema, frictionlessdata.io). */
export const EXPORT_FIELDS: ExportField[] = [
  {
    name: 'id',
    type: 'string',
    format: 'uuid',
    title: 'Identifiant Passerelle',
    description: 'Identifiant stable de l’organisation dans Passerelle ; sa page est /organisations/{id}.',
    constraints: { required: true, unique: true },
  },
  {
    name: 'type',
    type: 'string',
    title: 'Type',
    description: 'unml, cuf, regional_association, mission_locale, local_authority ou foreign_partner.',
    constraints: {
      required: true,
      enum: ['unml', 'cuf', 'regional_association', 'mission_locale', 'local_authority', 'foreign_partner'],
    },
  },
  {
    name: 'niveau',
    type: 'string',
    title: 'Niveau de collectivité',
    description:
      'Pour les collectivités : commune, epci, departement, region, collectivite_unique, collectivite_statut_particulier, metropole_statut_particulier, collectivite_outre_mer, province, ept. Vide sinon.',
  },
  {
    name: 'nom',
    type: 'string',
    title: 'Nom',
    description: 'Nom de l’organisation.',
    constraints: { required: true },
  },
  {
    name: 'code_officiel',
    type: 'string',
    title: 'Code officiel',
    description:
      'Code INSEE (communes, départements, régions), SIREN (EPCI) ou identifiant I-Milo (Missions Locales).',
  },
  {
    name: 'siret',
    type: 'string',
    title: 'SIRET',
    description: 'SIRET de l’établissement quand il est connu.',
    constraints: { pattern: '^[0-9]{14}$' },
  },
  {
    name: 'siren',
    type: 'string',
    title: 'SIREN',
    description: 'SIREN de la personne morale quand il est connu.',
    constraints: { pattern: '^[0-9]{9}$' },
  },
  {
    name: 'commune_siege',
    type: 'string',
    title: 'Commune du siège',
    description: 'Code INSEE de la commune du siège (COG).',
  },
  { name: 'departement', type: 'string', title: 'Département', description: 'Code du département (COG).' },
  { name: 'region', type: 'string', title: 'Région', description: 'Code de la région (COG).' },
  {
    name: 'site_web',
    type: 'string',
    format: 'uri',
    title: 'Site web',
    description: 'Site web de l’organisation.',
  },
  {
    name: 'pays',
    type: 'string',
    title: 'Pays (partenaires étrangers)',
    description: 'Code ISO 3166-1 alpha-2 du pays d’un partenaire étranger.',
    constraints: { pattern: '^[A-Z]{2}$' },
  },
  {
    name: 'ville',
    type: 'string',
    title: 'Ville (partenaires étrangers)',
    description: 'Ville d’un partenaire étranger.',
  },
  {
    name: 'type_partenaire',
    type: 'string',
    title: 'Type de partenaire étranger',
    description: 'municipality, intermediate_authority, region, state_agency, association ou other.',
  },
  {
    name: 'ouvert_partenariats',
    type: 'boolean',
    title: 'Ouverte aux partenariats',
    description: 'true si l’organisation déclare chercher des partenaires.',
    constraints: { required: true },
  },
  {
    name: 'adherent_cuf',
    type: 'boolean',
    title: 'Adhérente de Cités Unies France',
    description:
      'true si la collectivité adhère à Cités Unies France (enregistré par l’équipe de la plateforme).',
    constraints: { required: true },
  },
  {
    name: 'pays_partenaires',
    type: 'string',
    title: 'Pays partenaires',
    description: 'Codes ISO 3166-1 alpha-2 séparés par des espaces.',
  },
  {
    name: 'groupes_pays',
    type: 'string',
    title: 'Groupes pays de Cités Unies France',
    description:
      'Codes des groupes pays séparés par des espaces (liste partielle, à vérifier auprès de CUF).',
  },
  {
    name: 'themes',
    type: 'string',
    title: 'Thèmes',
    description:
      'Codes des thèmes séparés par des espaces : youth_mobility, ecsi, staff_mobility, youth, crises_rehabilitation, europe_world, economic_development, development, climate, gender.',
  },
  {
    name: 'derniere_verification',
    type: 'date',
    title: 'Dernière vérification',
    description: 'Date (AAAA-MM-JJ) à laquelle l’organisation a confirmé son profil.',
  },
];

/** A database row of exportRows() → the public record (keys = EXPORT_FIELDS names). */
export function toPublicRecord(r: any): Record<string, string | boolean | null> {
  return {
    id: r.id,
    type: r.kind,
    niveau: r.level,
    nom: r.name,
    code_officiel: r.code,
    siret: r.siret,
    siren: r.siren,
    commune_siege: r.seat_insee,
    departement: r.departement_code,
    region: r.region_code,
    site_web: r.website,
    pays: r.country,
    ville: r.city,
    type_partenaire: r.partner_type,
    ouvert_partenariats: !!r.open_to_partnership,
    adherent_cuf: !!r.cuf_member,
    pays_partenaires: r.countries ?? null,
    groupes_pays: r.groups ?? null,
    themes: r.themes ?? null,
    derniere_verification: r.last_verified_on,
  };
}

export function csvLine(rec: Record<string, string | boolean | null>): string {
  return `${csvRow(
    EXPORT_FIELDS.map((f) => rec[f.name]),
    ',',
  )}\r\n`;
}

export function tableSchema(baseUrl: string) {
  return {
    $schema: 'https://specs.frictionlessdata.io/schemas/table-schema.json',
    name: 'annuaire-passerelle',
    title: 'Annuaire Passerelle — Missions Locales, collectivités et partenaires',
    description:
      'Annuaire public des organisations de Passerelle (UNML × Cités Unies France) : champs publics au niveau de l’organisation seulement, sans données personnelles.',
    path: `${baseUrl}/annuaire/export.csv`,
    licenses: [LICENCE],
    sources: [
      { title: 'Code officiel géographique (INSEE), via @etalab/decoupage-administratif' },
      { title: 'Profils déclarés par les organisations dans Passerelle' },
    ],
    fields: EXPORT_FIELDS,
    primaryKey: 'id',
    missingValues: [''],
  };
}
