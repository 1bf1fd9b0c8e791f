import { existsSync, readFileSync } from 'node:fs';
import type { Db } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { ApplicantType, Call, ProjectKind } from './domain/programme.js';

export const DEFAULT_CATALOGUE = '/work/shared/data/financements/catalogue_financements.json';

/** One entry of the open-data catalogue (only the fields the seed reads). */
interface SourceEntry {
  id: string;
  nom: string;
  financeur: string;
  facts_year: string;
  sources: string[];
}

/**
 * Passerelle's own reading of each scheme of the open-data catalogue: a short name, a
 * summary in our words, and the structured facts the search and the eligibility check use.
 * The funder, the year of the figures and the sources are taken from the file itself.
 */
interface Reading {
  name: string;
  summary: string;
  applicantTypes: ApplicantType[];
  projectKinds: ProjectKind[];
  zones: string[];
  amountMin?: number;
  amountMax?: number;
  cofundingMaxPercent?: number;
  recurrence: string;
  calls?: Call[];
}

const READINGS: Record<string, Reading> = {
  'daect-aap-generaliste': {
    name: 'Coopération décentralisée — appel généraliste (MEAE)',
    summary:
      'Cofinance les projets que des collectivités françaises mènent avec une autorité locale étrangère partenaire. La collectivité porte le projet et peut en confier la réalisation à une association. Il faut une convention ou une lettre d’intention et une délibération, et avoir déclaré son aide publique au développement.',
    applicantTypes: ['local_authority', 'authority_grouping'],
    projectKinds: ['youth_mobility', 'ecsi', 'staff_mobility', 'reciprocal_hosting'],
    zones: ['world'],
    cofundingMaxPercent: 70,
    recurrence: 'Appel triennal, avec une session de dépôt par an sur la plateforme de la CNCD.',
    calls: [{ title: 'Session 2024 (appel 2024-2026)', opensOn: '2024-03-01', closesOn: '2024-05-06' }],
  },
  'daect-aap-jeunesse': {
    name: 'Coopération décentralisée — appel « Jeunesse » (MEAE)',
    summary:
      'Appel dédié à la jeunesse : mobilité internationale et volontariat des jeunes, formation professionnelle, engagement citoyen, dans le cadre d’un partenariat de coopération décentralisée. La collectivité française porte le projet (elle ne peut pas se contenter de le financer) et peut confier sa réalisation à une association, un centre de formation ou une Mission Locale.',
    applicantTypes: ['local_authority', 'authority_grouping'],
    projectKinds: ['youth_mobility', 'reciprocal_hosting', 'staff_mobility'],
    zones: ['world'],
    cofundingMaxPercent: 70,
    recurrence: 'Annuel : ouverture en général entre novembre et janvier, clôture entre janvier et avril.',
    calls: [{ title: 'Jeunesse IX', opensOn: '2022-11-22', closesOn: '2023-02-26' }],
  },
  'daect-cles-en-main': {
    name: 'Programmes « Clés en main » (MEAE)',
    summary:
      'Finance des programmes mutualisés portés par une association ou un GIP de collectivités, qui associent au moins trois collectivités françaises : une porte d’entrée pour les collectivités qui n’ont pas encore d’expérience internationale.',
    applicantTypes: ['association', 'authority_grouping'],
    projectKinds: ['youth_mobility', 'ecsi', 'staff_mobility'],
    zones: ['world'],
    recurrence: 'Triennal.',
    calls: [{ title: 'Appel 2024-2026', opensOn: '2024-01-10', closesOn: '2024-04-04' }],
  },
  'daect-aap-thematiques-fonds-conjoints': {
    name: 'Appels thématiques et fonds conjoints bilatéraux (MEAE)',
    summary:
      'Appels sur un thème (jeunesse, égalité femmes-hommes, numérique, patrimoine, sport, alimentation…) ou avec un pays partenaire qui abonde un fonds commun (Maroc, Tunisie, Liban, Territoires palestiniens, Sénégal, Mexique, Québec). Réservés aux collectivités en coopération décentralisée.',
    applicantTypes: ['local_authority', 'authority_grouping'],
    projectKinds: ['youth_mobility', 'ecsi', 'staff_mobility', 'reciprocal_hosting'],
    zones: ['world'],
    cofundingMaxPercent: 70,
    recurrence: 'Appels lancés chaque année, dépôt sur la plateforme de la CNCD.',
  },
  'afd-ficol': {
    name: 'FICOL — facilité de l’AFD pour les collectivités',
    summary:
      'Subvention de l’Agence française de développement pour des projets de coopération décentralisée d’envergure, de préférence sur le territoire d’une seule collectivité partenaire, dans un pays où l’AFD intervient. La collectivité ne peut pas être seulement bailleur ; les collectivités et leurs partenaires apportent au moins 30 % du budget.',
    applicantTypes: ['local_authority', 'authority_grouping'],
    projectKinds: ['ecsi', 'staff_mobility'],
    zones: ['oda'],
    amountMin: 200_000,
    amountMax: 1_500_000,
    cofundingMaxPercent: 70,
    recurrence: 'Appel à idées annuel depuis 2014.',
    calls: [
      { title: 'FICOL 2023', opensOn: '2023-01-15', closesOn: '2023-09-08' },
      { title: 'FICOL 2024', opensOn: '2024-01-04', closesOn: '2024-09-13' },
    ],
  },
  'fonjep-jsi-vvvsi': {
    name: 'JSI et VVV-SI — projets de jeunes solidaires (FONJEP)',
    summary:
      'Aide à des groupes de 4 à 16 jeunes de 15 à 25 ans qui mènent, avec une association partenaire à l’étranger, une action de solidarité d’une quinzaine de jours, ou qui accueillent leurs partenaires en France. VVV-SI vise les jeunes des quartiers prioritaires. Le dossier est porté par une association et parrainé par une organisation de solidarité internationale.',
    applicantTypes: ['association', 'mission_locale'],
    projectKinds: ['youth_mobility', 'reciprocal_hosting', 'ecsi'],
    zones: ['oda'],
    amountMin: 2_000,
    amountMax: 10_000,
    cofundingMaxPercent: 50,
    recurrence: 'Quatre sessions de jurys par an.',
  },
  'erasmus-jeunesse-echanges': {
    name: 'Erasmus+ Jeunesse — échanges de jeunes',
    summary:
      'Rencontres de 5 à 21 jours entre groupes de jeunes de 13 à 30 ans d’au moins deux pays, et mobilité des professionnels de la jeunesse. Ouvert aux associations, collectivités, organismes publics et groupes de jeunes.',
    applicantTypes: ['association', 'mission_locale', 'local_authority', 'authority_grouping', 'public_body'],
    projectKinds: ['youth_mobility', 'reciprocal_hosting', 'staff_mobility'],
    zones: ['eu', 'eu_neighbours'],
    recurrence: 'Plusieurs dates limites par an.',
  },
  'erasmus-jeunesse-renforcement-capacites': {
    name: 'Erasmus+ — renforcement des capacités jeunesse',
    summary:
      'Coopération entre organisations de jeunesse européennes et partenaires des Balkans occidentaux, du Partenariat oriental et de la Méditerranée du Sud, pour renforcer leur travail avec les jeunes.',
    applicantTypes: ['association', 'mission_locale', 'public_body', 'local_authority'],
    projectKinds: ['staff_mobility', 'youth_mobility'],
    zones: ['eu_neighbours'],
    recurrence: 'Appel annuel de la Commission européenne.',
  },
  'corps-europeen-solidarite': {
    name: 'Corps européen de solidarité',
    summary:
      'Volontariat et projets de solidarité pour les 18-30 ans (35 ans pour l’aide humanitaire). L’organisme d’accueil ou d’envoi obtient d’abord un label de qualité auprès de l’agence nationale, puis dépose ses projets lors des appels annuels.',
    applicantTypes: ['association', 'mission_locale', 'local_authority', 'public_body'],
    projectKinds: ['youth_mobility', 'reciprocal_hosting'],
    zones: ['eu', 'eu_neighbours'],
    recurrence: 'Appels annuels de la Commission européenne.',
  },
  'service-civique-international': {
    name: 'Service Civique à l’international',
    summary:
      'Missions de 6 à 12 mois, dont au moins trois à l’étranger, pour les 16-25 ans (30 ans en situation de handicap), indemnisées par l’État. L’organisme doit être agréé ; une collectivité peut en accueillir dans sa coopération décentralisée, et une structure étrangère via un organisme français agréé.',
    applicantTypes: ['association', 'mission_locale', 'local_authority', 'authority_grouping', 'public_body'],
    projectKinds: ['youth_mobility', 'reciprocal_hosting'],
    zones: ['world'],
    recurrence: 'En continu, sous agrément.',
  },
  vsi: {
    name: 'Volontariat de solidarité internationale (VSI)',
    summary:
      'Missions de 6 mois à 2 ans hors de l’Espace économique européen, pour des adultes sans activité professionnelle, sans limite d’âge. Seules des associations agréées par le ministère envoient des volontaires ; une collectivité partenaire peut les accueillir.',
    applicantTypes: ['association'],
    projectKinds: ['youth_mobility', 'staff_mobility'],
    zones: ['world'],
    recurrence: 'En continu, sous agrément de quatre ans.',
  },
  vie: {
    name: 'Volontariat international en entreprise (VIE)',
    summary:
      'Missions de 6 à 24 mois pour les 18-28 ans dans une entreprise française à l’étranger, une association française à l’étranger ou une représentation de collectivité à l’étranger. Géré par Business France.',
    applicantTypes: ['local_authority'],
    projectKinds: ['youth_mobility'],
    zones: ['world'],
    recurrence: 'En continu.',
  },
  via: {
    name: 'Volontariat international en administration (VIA)',
    summary:
      'Missions de 6 à 24 mois pour les 18-28 ans dans les services de l’État à l’étranger (ambassades, consulats, instituts). Utile pour orienter des jeunes, pas pour financer un projet de collectivité.',
    applicantTypes: ['public_body'],
    projectKinds: ['youth_mobility'],
    zones: ['world'],
    recurrence: 'En continu.',
  },
};

/** The page to send people to: the first official (gouv.fr, europa.eu, afd.fr…) source, else the first. */
export function officialPage(sources: string[]): string | null {
  const official = sources.find((s) =>
    /(gouv\.fr|diplomatie\.gouv|europa\.eu|afd\.fr|fonjep\.org|service-civique|erasmusplus\.fr|civiweb)/.test(
      s,
    ),
  );
  return official ?? sources[0] ?? null;
}

export interface SeedReport {
  file: string;
  found: boolean;
  created: number;
  updated: number;
  unread: string[];
}

/**
 * Loads (or refreshes) the programmes of the open-data catalogue. Idempotent: a programme
 * is matched by its catalogue id (slug). Calls are only added when missing. When the file is
 * absent nothing is loaded and the report says so.
 */
export async function seedFundingCatalogue(db: Db, file = DEFAULT_CATALOGUE): Promise<SeedReport> {
  if (!existsSync(file)) return { file, found: false, created: 0, updated: 0, unread: [] };
  const data = JSON.parse(readFileSync(file, 'utf8')) as { programmes?: SourceEntry[] };
  const entries = Array.isArray(data.programmes) ? data.programmes : [];
  let created = 0;
  let updated = 0;
  const unread: string[] = [];
  await db.transaction(async (tx) => {
    for (const e of entries) {
      if (typeof e?.id !== 'string' || !Array.isArray(e.sources)) continue;
      const r = READINGS[e.id];
      if (!r) unread.push(e.id);
      const name = r?.name ?? e.nom;
      const summary = r?.summary ?? '';
      const sources = e.sources.filter((s) => typeof s === 'string');
      const row = await tx.one<{ id: string; inserted: boolean }>(sql`
        INSERT INTO funding_programmes (slug, name, funder, summary, applicant_types, project_kinds, zones,
          amount_min, amount_max, cofunding_max_percent, recurrence, official_url, facts_year, sources)
        VALUES (${e.id}, ${name}, ${String(e.financeur)}, ${summary}, ${r?.applicantTypes ?? []}::text[], ${r?.projectKinds ?? []}::text[],
          ${r?.zones ?? []}::text[], ${r?.amountMin ?? null}, ${r?.amountMax ?? null}, ${r?.cofundingMaxPercent ?? null},
          ${r?.recurrence ?? ''}, ${officialPage(sources)}, ${String(e.facts_year ?? '')}, ${sources}::text[])
        ON CONFLICT (slug) DO UPDATE SET funder = EXCLUDED.funder, facts_year = EXCLUDED.facts_year,
          sources = EXCLUDED.sources, updated_at = now()
        RETURNING id, (xmax = 0) AS inserted`);
      if (row.inserted) created++;
      else updated++;
      for (const call of r?.calls ?? []) {
        await tx.run(sql`INSERT INTO funding_calls (programme_id, title, opens_on, closes_on)
          SELECT ${row.id}, ${call.title}, ${call.opensOn}, ${call.closesOn}
          WHERE NOT EXISTS (SELECT 1 FROM funding_calls WHERE programme_id = ${row.id} AND title = ${call.title})`);
      }
    }
  });
  return { file, found: true, created, updated, unread };
}
