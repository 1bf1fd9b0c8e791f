import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { ApplicantType, Call, Programme, ProjectKind } from './domain/programme.js';

interface Row {
  id: string;
  slug: string | null;
  name: string;
  funder: string;
  summary: string;
  applicant_types: string[];
  project_kinds: string[];
  zones: string[];
  amount_min: number | null;
  amount_max: number | null;
  cofunding_max_percent: number | null;
  recurrence: string;
  official_url: string | null;
  facts_year: string;
  sources: string[];
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toProgramme(r: Row, calls: Call[]): Programme {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    funder: r.funder,
    summary: r.summary,
    applicantTypes: r.applicant_types as ApplicantType[],
    projectKinds: r.project_kinds as ProjectKind[],
    zones: r.zones,
    amountMin: num(r.amount_min),
    amountMax: num(r.amount_max),
    cofundingMaxPercent: num(r.cofunding_max_percent),
    recurrence: r.recurrence,
    officialUrl: r.official_url,
    factsYear: r.facts_year,
    sources: r.sources,
    calls,
  };
}

/** Every programme with its calls, by name (the catalogue holds tens of programmes). */
export async function loadProgrammes(db: Queryable, ids?: string[]): Promise<Programme[]> {
  const rows = await db.many<Row>(sql`SELECT * FROM funding_programmes
    ${ids ? sql`WHERE id = ANY(${ids}::uuid[])` : sql.empty} ORDER BY name`);
  const calls = await db.many<{
    id: string;
    programme_id: string;
    title: string;
    opens_on: string;
    closes_on: string;
  }>(
    sql`SELECT id, programme_id, title, opens_on, closes_on FROM funding_calls
      ${ids ? sql`WHERE programme_id = ANY(${ids}::uuid[])` : sql.empty} ORDER BY opens_on`,
  );
  const byProgramme = new Map<string, Call[]>();
  for (const c of calls) {
    const list = byProgramme.get(c.programme_id) ?? [];
    list.push({ id: c.id, title: c.title, opensOn: c.opens_on, closesOn: c.closes_on });
    byProgramme.set(c.programme_id, list);
  }
  return rows.map((r) => toProgramme(r, byProgramme.get(r.id) ?? []));
}

export async function loadProgramme(db: Queryable, id: string): Promise<Programme | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return (await loadProgrammes(db, [id]))[0] ?? null;
}

/** The API/JSON view of a programme. */
export const programmeJson = (p: Programme) => ({ ...p });
