/**
 * The starter set of indicators of the national convention (issue 12), all computed from
 * the platform at a date (`on`) for the convention year holding it. Aggregates only:
 * every figure counting people goes through the small-cell suppression of domain/.
 */
import type { Queryable } from '../../db/client.js';
import { type Sql, sql } from '../../db/sql.js';
import { eventStats } from '../events/index.js';
import {
  conventionYearOf,
  type Figure,
  median,
  peopleFigure,
  percent,
  plainFigure,
  suppressBreakdown,
} from './domain/indicators.js';

export type IndicatorUnit = 'count' | 'people' | 'percent' | 'days' | 'euros';
export type IndicatorGroup = 'connections' | 'projects' | 'participants' | 'funding' | 'events' | 'roadmap';

export interface IndicatorValue {
  key: string;
  label: string;
  group: IndicatorGroup;
  unit: IndicatorUnit;
  /** How it is computed (shown beside the figure). */
  definition: string;
  figure: Figure;
  /** A breakdown shown as a chart (projects by kind, say). */
  parts?: { key: string; label: string; figure: Figure }[];
}

export interface RegionRow {
  code: string;
  name: string;
  connections: Figure;
  projects: Figure;
  youngPeople: Figure;
}

export interface Dashboard {
  on: string;
  period: { year: number; from: string; to: string };
  scope: { region?: string; departement?: string };
  computedAt: string;
  indicators: IndicatorValue[];
  byRegion: RegionRow[];
}

export const PROJECT_KIND_LABELS: Record<string, string> = {
  youth_mobility: 'Mobilité des jeunes',
  ecsi: 'Éducation à la citoyenneté et à la solidarité internationale',
  staff_mobility: 'Mobilité des professionnels',
  reciprocal_hosting: 'Accueil réciproque',
};

/**
 * Computes the dashboard. `on` is a date 'YYYY-MM-DD'; only what existed on that day
 * (end of day, Europe/Paris) counts. `region`/`departement` restrict to the organisations
 * of that territory.
 */
export async function computeDashboard(
  db: Queryable,
  p: { on: string; now: Date; region?: string; departement?: string },
): Promise<Dashboard> {
  const period = conventionYearOf(p.on);
  const from = period.from;
  const until = sql`((${p.on}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`;
  const since = sql`(${from}::date::timestamp AT TIME ZONE 'Europe/Paris')`;
  const orgIn = (alias: string): Sql => {
    const col = (c: string) => sql.raw(`${alias}.${c}`);
    if (p.departement) return sql`${col('departement_code')} = ${p.departement}`;
    if (p.region) return sql`${col('region_code')} = ${p.region}`;
    return sql`true`;
  };

  // Connections (art. 3 : faciliter la mise en lien): requested in the year up to `on`.
  const conns = await db.many<{
    status: string;
    answered: boolean;
    days: number | null;
    ml: string | null;
    la: string | null;
  }>(sql`
    SELECT c.status,
      (c.answered_at IS NOT NULL AND c.answered_at < ${until}) AS answered,
      CASE WHEN c.answered_at < ${until} THEN extract(epoch FROM c.answered_at - c.created_at) / 86400 END AS days,
      CASE WHEN rq.kind = 'mission_locale' THEN rq.id WHEN rc.kind = 'mission_locale' THEN rc.id END AS ml,
      CASE WHEN rq.kind = 'local_authority' THEN rq.id WHEN rc.kind = 'local_authority' THEN rc.id END AS la
    FROM connections c JOIN organisations rq ON rq.id = c.requester_id JOIN organisations rc ON rc.id = c.receiver_id
    WHERE c.created_at >= ${since} AND c.created_at < ${until} AND (${orgIn('rq')} OR ${orgIn('rc')})`);
  const answered = conns.filter((c) => c.answered);
  const accepted = answered.filter((c) => c.status === 'accepted');
  const mlConnected = new Set(accepted.map((c) => c.ml).filter(Boolean)).size;
  const laConnected = new Set(accepted.map((c) => c.la).filter(Boolean)).size;
  const answerDays = median(answered.map((c) => Number(c.days)));

  // Joint projects (art. 2) created in the year up to `on`, with a partner in the territory.
  const projectScope = sql`pr.created_at >= ${since} AND pr.created_at < ${until}
    AND EXISTS (SELECT 1 FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
      WHERE pp.project_id = pr.id AND ${orgIn('o')})`;
  const byKind = await db.many<{ kind: string; n: number }>(
    sql`SELECT pr.kind, count(*)::int AS n FROM projects pr WHERE ${projectScope} AND pr.status <> 'abandoned' GROUP BY pr.kind`,
  );
  // Participants are aggregates by dimension (age, sex, situation): a project's headcount is
  // the largest total over its dimensions (the same people counted along each).
  const people = await db.many<{ audience: string; n: number }>(sql`
    SELECT audience, coalesce(sum(n), 0)::int AS n FROM (
      SELECT pa.project_id, pa.audience, max(t) AS n FROM (
        SELECT project_id, audience, dimension, sum(count) AS t FROM project_participants GROUP BY 1, 2, 3
      ) pa JOIN projects pr ON pr.id = pa.project_id
      WHERE ${projectScope} AND pr.status <> 'abandoned' GROUP BY 1, 2
    ) x GROUP BY audience`);
  const countries = await db.one<{ n: number }>(sql`
    SELECT count(DISTINCT pc.country)::int AS n FROM project_countries pc JOIN projects pr ON pr.id = pc.project_id
    WHERE ${projectScope} AND pr.status <> 'abandoned'`);
  const funding = await db.one<{ requested: string | null; obtained: string | null }>(sql`
    SELECT sum(fl.requested) FILTER (WHERE fl.status IN ('requested', 'obtained', 'refused')) AS requested,
      sum(fl.obtained) FILTER (WHERE fl.status = 'obtained') AS obtained
    FROM project_funding_lines fl JOIN projects pr ON pr.id = fl.project_id WHERE ${projectScope}`);

  // Events held and attendance (art. 3 : rencontres, présentations croisées).
  const ev = await eventStats(db, { from, to: p.on, region: p.region });
  const attendance = ev.attendanceByNetwork.unml + ev.attendanceByNetwork.cuf + ev.attendanceByNetwork.other;

  // Roadmap actions (art. 4 : la feuille de route annuelle) of this convention year.
  const roadmap = await db.one<{ total: number; done: number }>(sql`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE ra.status = 'done' AND ra.updated_at < ${until})::int AS done
    FROM roadmap_actions ra JOIN agreement_roadmaps r ON r.id = ra.roadmap_id JOIN organisations o ON o.id = ra.owner_organisation_id
    WHERE r.year = ${period.year} AND ra.created_at < ${until} AND ${orgIn('o')}`);

  const young = Number(people.find((r) => r.audience === 'young')?.n ?? 0);
  const staff = Number(people.find((r) => r.audience === 'staff')?.n ?? 0);
  const kinds = Object.keys(PROJECT_KIND_LABELS);
  const indicators: IndicatorValue[] = [
    ind(
      'connections_requested',
      'Demandes de mise en relation',
      'connections',
      'count',
      'Demandes envoyées sur la plateforme depuis le début de l’année de convention.',
      plainFigure(conns.length),
    ),
    ind(
      'connections_acceptance',
      'Taux d’acceptation',
      'connections',
      'percent',
      'Demandes acceptées parmi les demandes ayant reçu une réponse.',
      plainFigure(percent(accepted.length, answered.length)),
    ),
    ind(
      'connections_answer_days',
      'Délai médian de réponse (jours)',
      'connections',
      'days',
      'Médiane du temps entre la demande et la réponse, en jours.',
      plainFigure(answerDays === null ? null : Math.round(answerDays * 10) / 10),
    ),
    ind(
      'missions_locales_connected',
      'Missions Locales mises en relation',
      'connections',
      'count',
      'Missions Locales ayant au moins une demande acceptée.',
      plainFigure(mlConnected),
    ),
    ind(
      'authorities_connected',
      'Collectivités mises en relation',
      'connections',
      'count',
      'Collectivités ayant au moins une demande acceptée.',
      plainFigure(laConnected),
    ),
    {
      ...ind(
        'projects',
        'Projets communs',
        'projects',
        'count',
        'Projets créés dans l’année (hors projets abandonnés), par type (art. 2).',
        plainFigure(byKind.reduce((s, r) => s + Number(r.n), 0)),
      ),
      parts: kinds.map((k) => ({
        key: k,
        label: PROJECT_KIND_LABELS[k],
        figure: plainFigure(Number(byKind.find((r) => r.kind === k)?.n ?? 0)),
      })),
    },
    ind(
      'countries',
      'Pays concernés',
      'projects',
      'count',
      'Pays distincts des projets communs.',
      plainFigure(Number(countries.n)),
    ),
    ind(
      'young_people',
      'Jeunes participants',
      'participants',
      'people',
      'Jeunes déclarés dans les projets (effectifs agrégés, jamais nominatifs).',
      peopleFigure(young),
    ),
    ind(
      'staff',
      'Professionnels participants',
      'participants',
      'people',
      'Professionnels déclarés dans les projets (effectifs agrégés).',
      peopleFigure(staff),
    ),
    ind(
      'funding_requested',
      'Financements demandés',
      'funding',
      'euros',
      'Montants demandés dans les plans de financement des projets.',
      plainFigure(Number(funding.requested ?? 0)),
    ),
    ind(
      'funding_obtained',
      'Financements obtenus',
      'funding',
      'euros',
      'Montants obtenus dans les plans de financement des projets.',
      plainFigure(Number(funding.obtained ?? 0)),
    ),
    ind(
      'events_held',
      'Événements tenus',
      'events',
      'count',
      'Événements dont le compte rendu est enregistré.',
      plainFigure(ev.held),
    ),
    ind(
      'events_attendance',
      'Participation aux événements',
      'events',
      'people',
      'Personnes présentes aux événements tenus.',
      peopleFigure(attendance),
    ),
    ind(
      'roadmap_done',
      'Actions de la feuille de route réalisées',
      'roadmap',
      'count',
      `Actions terminées parmi ${roadmap.total} prévues pour l’année ${period.year}.`,
      plainFigure(Number(roadmap.done)),
    ),
  ];

  return {
    on: p.on,
    period,
    scope: { region: p.region, departement: p.departement },
    computedAt: p.now.toISOString(),
    indicators,
    byRegion: await regionBreakdown(db, since, until),
  };
}

const ind = (
  key: string,
  label: string,
  group: IndicatorGroup,
  unit: IndicatorUnit,
  definition: string,
  figure: Figure,
): IndicatorValue => ({ key, label, group, unit, definition, figure });

/** Connections (by the requester's région), projects and young people (by the partners' régions). */
async function regionBreakdown(db: Queryable, since: Sql, until: Sql): Promise<RegionRow[]> {
  const rows = await db.many<{
    code: string;
    name: string | null;
    connections: number;
    projects: number;
    young: number;
  }>(sql`
    WITH conn AS (
      SELECT o.region_code AS code, count(*)::int AS n FROM connections c JOIN organisations o ON o.id = c.requester_id
      WHERE c.created_at >= ${since} AND c.created_at < ${until} AND o.region_code IS NOT NULL GROUP BY 1
    ), proj AS (
      SELECT DISTINCT o.region_code AS code, pr.id FROM projects pr
        JOIN project_partners pp ON pp.project_id = pr.id JOIN organisations o ON o.id = pp.organisation_id
      WHERE pr.created_at >= ${since} AND pr.created_at < ${until} AND pr.status <> 'abandoned' AND o.region_code IS NOT NULL
    ), heads AS (
      SELECT project_id, max(t)::int AS n FROM (
        SELECT project_id, dimension, sum(count) AS t FROM project_participants WHERE audience = 'young' GROUP BY 1, 2
      ) x GROUP BY 1
    ), pr AS (
      SELECT proj.code, count(*)::int AS projects, coalesce(sum(heads.n), 0)::int AS young
      FROM proj LEFT JOIN heads ON heads.project_id = proj.id GROUP BY 1
    )
    SELECT coalesce(conn.code, pr.code) AS code, rg.name, coalesce(conn.n, 0) AS connections,
      coalesce(pr.projects, 0) AS projects, coalesce(pr.young, 0) AS young
    FROM conn FULL JOIN pr ON pr.code = conn.code LEFT JOIN regions rg ON rg.code = coalesce(conn.code, pr.code)
    ORDER BY 1`);
  const young = suppressBreakdown(Object.fromEntries(rows.map((r) => [r.code, Number(r.young)])));
  return rows.map((r) => ({
    code: r.code,
    name: r.name ?? r.code,
    connections: plainFigure(Number(r.connections)),
    projects: plainFigure(Number(r.projects)),
    youngPeople: young[r.code],
  }));
}
