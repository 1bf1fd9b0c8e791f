import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { ApplicantType, Call, ProjectKind } from './domain/programme.js';

/**
 * The funding catalogue shipped with Passerelle (reference data in the repository, with its
 * source, licence and date: `data/catalogue.json` and `data/README.md` beside this file).
 * Resolved from this file's folder: it never depends on where the project was built.
 */
export const DEFAULT_CATALOGUE = join(dirname(fileURLToPath(import.meta.url)), 'data', 'catalogue.json');

/** One programme of the shipped catalogue (Passerelle's own format). */
export interface CatalogueEntry {
  slug: string;
  name: string;
  funder: string;
  summary: string;
  applicantTypes: ApplicantType[];
  projectKinds: ProjectKind[];
  zones: string[];
  amountMin: number | null;
  amountMax: number | null;
  cofundingMaxPercent: number | null;
  recurrence: string;
  /** The year(s) the facts refer to, as the sources say. */
  factsYear: string;
  sources: string[];
  /** Calls known at compilation; network admins add the next ones from the programme page. */
  calls: Call[];
}

export interface Catalogue {
  _meta: { source: string; licence: string; compiledOn: string; updatedOn: string };
  programmes: CatalogueEntry[];
}

export function readCatalogue(file = DEFAULT_CATALOGUE): Catalogue | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
}

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
  /** Entries skipped because they lack a slug, a name or their sources. */
  unread: string[];
}

/**
 * Loads (or refreshes) the programmes of the catalogue, in one transaction. Idempotent: a
 * programme is matched by its slug; a refresh brings the funder's name, the year of the
 * facts and the sources up to date and keeps what admins wrote; a call is only added when
 * no call of that title exists. When the file is absent nothing is loaded and the report says so.
 */
export async function seedFundingCatalogue(db: Db, file = DEFAULT_CATALOGUE): Promise<SeedReport> {
  const data = readCatalogue(file);
  if (!data) return { file, found: false, created: 0, updated: 0, unread: [] };
  const entries = Array.isArray(data.programmes) ? data.programmes : [];
  let created = 0;
  let updated = 0;
  const unread: string[] = [];
  await db.transaction(async (tx) => {
    for (const e of entries) {
      if (typeof e?.slug !== 'string' || typeof e.name !== 'string' || !Array.isArray(e.sources)) {
        unread.push(String(e?.slug ?? '?'));
        continue;
      }
      const sources = e.sources.filter((s) => typeof s === 'string');
      const row = await tx.one<{ id: string; inserted: boolean }>(sql`
        INSERT INTO funding_programmes (slug, name, funder, summary, applicant_types, project_kinds, zones,
          amount_min, amount_max, cofunding_max_percent, recurrence, official_url, facts_year, sources)
        VALUES (${e.slug}, ${e.name}, ${e.funder}, ${e.summary ?? ''}, ${e.applicantTypes ?? []}::text[], ${e.projectKinds ?? []}::text[],
          ${e.zones ?? []}::text[], ${e.amountMin ?? null}, ${e.amountMax ?? null}, ${e.cofundingMaxPercent ?? null},
          ${e.recurrence ?? ''}, ${officialPage(sources)}, ${e.factsYear ?? ''}, ${sources}::text[])
        ON CONFLICT (slug) DO UPDATE SET funder = EXCLUDED.funder, facts_year = EXCLUDED.facts_year,
          sources = EXCLUDED.sources, updated_at = now()
        RETURNING id, (xmax = 0) AS inserted`);
      if (row.inserted) created++;
      else updated++;
      for (const call of e.calls ?? []) {
        await tx.run(sql`INSERT INTO funding_calls (programme_id, title, opens_on, closes_on)
          SELECT ${row.id}, ${call.title}, ${call.opensOn}, ${call.closesOn}
          WHERE NOT EXISTS (SELECT 1 FROM funding_calls WHERE programme_id = ${row.id} AND title = ${call.title})`);
      }
    }
  });
  return { file, found: true, created, updated, unread };
}
