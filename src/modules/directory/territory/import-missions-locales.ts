import { type AuditContext, audit } from '../../../audit/audit.js';
import type { Db, Queryable } from '../../../db/client.js';
import { sql } from '../../../db/sql.js';
import { refreshApproximateCoverage } from './coverage.js';
import {
  type InputFile,
  type MlCandidate,
  type MlFormat,
  parseMissionsLocales,
  type Rejected,
} from './domain/missions-locales.js';
import { NETWORK_ORGANISATIONS, UNCERTAIN_DESCRIPTION } from './domain/networks.js';

export interface MlImportOptions {
  format: MlFormat;
  files: InputFile[];
  dryRun?: boolean;
  /** Import the valid rows even when some are rejected. */
  partial?: boolean;
  actor?: AuditContext;
  /** Recorded as the organisations' `source` (default: the format). */
  source?: string;
}

export interface MlChange {
  code: string;
  name: string;
  action: 'created' | 'updated' | 'unchanged';
  seatInsee: string;
  /** How the seat was found: the code itself, a former code or a municipal arrondissement. */
  seatResolution: 'direct' | 'ancien_code' | 'arrondissement_municipal';
  coverage: 'declared' | 'approximate';
  communes: number;
}

export interface MlImportReport {
  format: MlFormat;
  dryRun: boolean;
  partial: boolean;
  /** False when rows were rejected without --partial: nothing was written. */
  imported: boolean;
  read: number;
  accepted: number;
  rejected: Rejected[];
  created: number;
  updated: number;
  unchanged: number;
  changes: MlChange[];
  networks: { created: number };
  durationMs: number;
}

class DryRunRollback extends Error {
  constructor(readonly report: MlImportReport) {
    super('dry run');
  }
}

const SYSTEM: AuditContext = { actor: { kind: 'system', label: 'passerelle import missions-locales' } };

/**
 * Imports Missions Locales from one of the three sources, in ONE transaction. Rejected rows
 * are all reported (file, line, reason); if any, nothing is written unless `partial`. A dry
 * run does everything and rolls back, so its report says exactly what would change.
 */
export async function importMissionsLocales(db: Db, opts: MlImportOptions): Promise<MlImportReport> {
  const started = performance.now();
  const parsed = parseMissionsLocales(opts.format, opts.files);
  const report: MlImportReport = {
    format: opts.format,
    dryRun: !!opts.dryRun,
    partial: !!opts.partial,
    imported: false,
    read: parsed.candidates.length + parsed.rejected.length,
    accepted: 0,
    rejected: [...parsed.rejected],
    created: 0,
    updated: 0,
    unchanged: 0,
    changes: [],
    networks: { created: 0 },
    durationMs: 0,
  };
  try {
    await db.transaction(async (tx) => {
      const resolved = await resolveCandidates(tx, parsed.candidates, report.rejected);
      report.accepted = resolved.length;
      // Rejected rows without --partial: nothing imported. A dry run still shows what the
      // valid rows would change, and says that nothing would be imported as things stand.
      if (report.rejected.length && !opts.partial && !opts.dryRun) return;
      await writeMissionsLocales(tx, resolved, opts.source ?? opts.format, report, opts.actor ?? SYSTEM);
      report.imported = !opts.dryRun;
      if (opts.dryRun) throw new DryRunRollback(report);
    });
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e;
  }
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

interface Resolved extends MlCandidate {
  code: string;
  seatInsee: string;
  seatResolution: MlChange['seatResolution'];
  departementCode: string;
  regionCode: string;
  servedInsee: string[] | null;
  existingId: string | null;
}

/** Resolves seats and communes through the COG (current codes, former codes, arrondissements). */
async function resolveCandidates(
  tx: Queryable,
  candidates: MlCandidate[],
  rejected: Rejected[],
): Promise<Resolved[]> {
  const communes = await tx.many<{ insee: string; departement_code: string; region_code: string }>(
    sql`SELECT insee, departement_code, region_code FROM communes`,
  );
  if (communes.length === 0 && candidates.length) {
    for (const c of candidates)
      rejected.push({
        file: c.file,
        where: c.where,
        reason: 'géographie absente : lancez d’abord « passerelle import geography »',
      });
    return [];
  }
  const current = new Map(communes.map((c) => [c.insee, c]));
  const former = new Map(
    (
      await tx.many<{ former_insee: string; insee: string; kind: string }>(
        sql`SELECT former_insee, insee, kind FROM commune_former_codes`,
      )
    ).map((f) => [f.former_insee, f]),
  );
  const resolve = (code: string): { insee: string; how: MlChange['seatResolution'] } | null => {
    if (current.has(code)) return { insee: code, how: 'direct' };
    const f = former.get(code);
    return f ? { insee: f.insee, how: f.kind as MlChange['seatResolution'] } : null;
  };
  const existing = await tx.many<{ id: string; code: string | null; siret: string | null }>(
    sql`SELECT id, code, siret FROM organisations WHERE kind = 'mission_locale' OR siret IS NOT NULL`,
  );
  const mlByCode = new Map<string, string>();
  const bySiret = new Map<string, { id: string; ml: boolean }>();
  const mlIds = new Set(
    (await tx.many<{ id: string }>(sql`SELECT id FROM organisations WHERE kind = 'mission_locale'`)).map(
      (r) => r.id,
    ),
  );
  for (const o of existing) {
    if (o.code && mlIds.has(o.id)) mlByCode.set(o.code, o.id);
    if (o.siret) bySiret.set(o.siret, { id: o.id, ml: mlIds.has(o.id) });
  }

  const out: Resolved[] = [];
  const seenCodes = new Map<string, string>();
  for (const c of candidates) {
    const reject = (reason: string) => rejected.push({ file: c.file, where: c.where, reason });
    const seat = resolve(c.seatCode);
    if (!seat) {
      reject(`${c.imiloId ?? c.name} : commune du siège introuvable (code INSEE « ${c.seatCode} »)`);
      continue;
    }
    let served: string[] | null = null;
    if (c.communes) {
      const unknown: string[] = [];
      const set = new Set<string>();
      for (const code of c.communes) {
        const r = resolve(code);
        if (r) set.add(r.insee);
        else unknown.push(code);
      }
      if (unknown.length) {
        reject(`${c.imiloId ?? c.name} : commune(s) desservie(s) inconnue(s) : ${unknown.join(', ')}`);
        continue;
      }
      served = [...set].sort();
    }
    // Identity: the I-Milo id; else an existing ML with this SIRET, or the seat's I-Milo id.
    const siretOwner = c.siret ? bySiret.get(c.siret) : undefined;
    let code = c.imiloId;
    let existingId: string | null = code ? (mlByCode.get(code) ?? null) : null;
    if (!code) {
      if (siretOwner?.ml) {
        existingId = siretOwner.id;
        code = existing.find((o) => o.id === siretOwner.id)?.code ?? `${seat.insee}S00`;
      } else {
        code = mlByCode.has(`${c.seatCode}S00`) ? `${c.seatCode}S00` : `${seat.insee}S00`;
        existingId = mlByCode.get(code) ?? null;
      }
    }
    if (siretOwner && siretOwner.id !== existingId) {
      reject(`${code} : SIRET ${c.siret} déjà porté par une autre organisation`);
      continue;
    }
    if (seenCodes.has(code)) {
      reject(`${code} : même Mission Locale que ${seenCodes.get(code)}`);
      continue;
    }
    seenCodes.set(code, `${c.file} ${c.where}`);
    const place = current.get(seat.insee)!;
    out.push({
      ...c,
      code,
      seatInsee: seat.insee,
      seatResolution: seat.how,
      departementCode: place.departement_code,
      regionCode: place.region_code,
      servedInsee: served,
      existingId,
    });
  }
  return out;
}

async function writeMissionsLocales(
  tx: Queryable,
  rows: Resolved[],
  format: string,
  report: MlImportReport,
  ctx: AuditContext,
) {
  report.networks.created = await ensureNetworkOrganisations(tx, ctx);
  const approximate: string[] = [];
  for (const r of rows) {
    const before = r.existingId
      ? await tx.one<
          Record<string, unknown>
        >(sql`SELECT name, siret, seat_insee, departement_code, region_code, email, website, address
          FROM organisations WHERE id = ${r.existingId}`)
      : null;
    let id: string;
    let action: MlChange['action'];
    if (!before) {
      id = (
        await tx.one<{ id: string }>(sql`INSERT INTO organisations
          (kind, code, name, siret, seat_insee, departement_code, region_code, email, website, address, source)
          VALUES ('mission_locale', ${r.code}, ${r.name}, ${r.siret}, ${r.seatInsee}, ${r.departementCode}, ${r.regionCode},
                  ${r.email}, ${r.website}, ${r.address}, ${format})
          RETURNING id`)
      ).id;
      action = 'created';
    } else {
      id = r.existingId!;
      // Sources only add what they know: a missing value never erases one typed by the ML.
      const after = {
        name: r.name,
        siret: r.siret ?? before.siret,
        seat_insee: r.seatInsee,
        departement_code: r.departementCode,
        region_code: r.regionCode,
        email: r.email ?? before.email,
        website: r.website ?? before.website,
        address: r.address ?? before.address,
      };
      const changed = Object.entries(after).some(([k, v]) => (before[k] ?? null) !== (v ?? null));
      action = changed ? 'updated' : 'unchanged';
      if (changed) {
        await tx.run(sql`UPDATE organisations SET name = ${after.name}, siret = ${after.siret}, seat_insee = ${after.seat_insee},
            departement_code = ${after.departement_code}, region_code = ${after.region_code}, email = ${after.email},
            website = ${after.website}, address = ${after.address}, source = coalesce(source, ${format}), updated_at = now()
          WHERE id = ${id}`);
        await audit(tx, ctx, {
          action: 'organisation.imported',
          entityType: 'organisation',
          entityId: id,
          organisationId: id,
          before,
          after,
        });
      }
    }
    if (action === 'created')
      await audit(tx, ctx, {
        action: 'organisation.imported',
        entityType: 'organisation',
        entityId: id,
        organisationId: id,
        after: { code: r.code, name: r.name, seat_insee: r.seatInsee, source: format },
      });

    // Territory: declared by the source → exactly those communes; otherwise approximated.
    let territoryChanged = false;
    if (r.servedInsee) {
      const removed = await tx.run(sql`DELETE FROM organisation_communes WHERE organisation_id = ${id}
        AND (coverage = 'approximate' OR NOT (commune_insee = ANY(${r.servedInsee}::text[])))`);
      const added =
        await tx.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
        SELECT ${id}, x, 'declared' FROM unnest(${r.servedInsee}::text[]) AS x
        ON CONFLICT (organisation_id, commune_insee) DO NOTHING`);
      territoryChanged = removed + added > 0;
      if (territoryChanged)
        await audit(tx, ctx, {
          action: 'organisation.territory_imported',
          entityType: 'organisation',
          entityId: id,
          organisationId: id,
          after: { communes: r.servedInsee, coverage: 'declared' },
        });
    } else approximate.push(id);
    if (action === 'unchanged' && territoryChanged) action = 'updated';
    r.existingId = id;
    report.changes.push({
      code: r.code,
      name: r.name,
      action,
      seatInsee: r.seatInsee,
      seatResolution: r.seatResolution,
      coverage: r.servedInsee ? 'declared' : 'approximate',
      communes: 0,
    });
  }
  if (approximate.length) await refreshApproximateCoverage(tx, approximate);
  // Count what each now serves.
  const counts = new Map(
    (
      await tx.many<{ organisation_id: string; n: number; declared: boolean }>(sql`SELECT organisation_id,
          count(*)::int AS n, bool_or(coverage = 'declared') AS declared
        FROM organisation_communes WHERE organisation_id = ANY(${rows.map((r) => r.existingId)}::uuid[])
        GROUP BY organisation_id`)
    ).map((x) => [x.organisation_id, x]),
  );
  rows.forEach((r, i) => {
    // Without communes from the source, what the ML's admins declared stays (and stays declared).
    const n = counts.get(r.existingId!);
    report.changes[i].communes = n?.n ?? 0;
    report.changes[i].coverage = n?.declared ? 'declared' : 'approximate';
  });
  for (const ch of report.changes) report[ch.action]++;
  await audit(tx, ctx, {
    action: 'territory.missions_locales_imported',
    entityType: 'import',
    entityId: format,
    after: {
      format,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected.length,
    },
  });
}

/** UNML, CUF and the regional associations exist (by code: the demo seed's UNML/CUF are reused). */
export async function ensureNetworkOrganisations(tx: Queryable, ctx: AuditContext): Promise<number> {
  let created = 0;
  for (const n of NETWORK_ORGANISATIONS) {
    const row = await tx.maybeOne<{
      id: string;
    }>(sql`INSERT INTO organisations (kind, code, name, short_name, region_code, description, source)
      VALUES (${n.kind}, ${n.code}, ${n.name}, ${n.shortName}, ${n.regionCode}, ${n.uncertain ? UNCERTAIN_DESCRIPTION : null}, 'reference')
      ON CONFLICT (kind, coalesce(level, ''), code) WHERE code IS NOT NULL DO NOTHING
      RETURNING id`);
    if (row) {
      created++;
      await audit(tx, ctx, {
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: row.id,
        organisationId: row.id,
        after: { kind: n.kind, code: n.code, name: n.name },
      });
    }
  }
  return created;
}

/** Plain-French report, for the CLI and the admin page. */
export function formatMlReport(r: MlImportReport): string {
  const lines: string[] = [];
  lines.push(
    r.dryRun
      ? 'Simulation : rien n’a été enregistré.'
      : r.imported
        ? 'Import terminé.'
        : 'Rien n’a été importé : des lignes sont rejetées (relancez avec --partial pour importer les lignes valides).',
  );
  lines.push(`Lignes lues : ${r.read} ; acceptées : ${r.accepted} ; rejetées : ${r.rejected.length}`);
  if (r.dryRun && r.rejected.length && !r.partial)
    lines.push('Sans --partial, rien ne serait importé : des lignes sont rejetées. Avec --partial :');
  if (r.imported || r.dryRun) {
    const verb = r.dryRun ? 'seraient' : 'sont';
    lines.push(
      `Missions Locales : ${r.created} ${verb} créées, ${r.updated} ${verb} mises à jour, ${r.unchanged} inchangées`,
    );
    lines.push(`Réseaux et associations régionales créés : ${r.networks.created}`);
    const approx = r.changes.filter((c) => c.coverage === 'approximate').length;
    lines.push(
      `Territoire : ${r.changes.length - approx} déclaré(s), ${approx} approximatif(s) (EPCI du siège)`,
    );
    for (const c of r.changes.filter((x) => x.action !== 'unchanged'))
      lines.push(
        `  ${c.action === 'created' ? '+' : '~'} ${c.code} ${c.name} (${c.communes} communes, ${c.coverage})`,
      );
  }
  for (const x of r.rejected) lines.push(`  rejet — ${x.file}, ${x.where} : ${x.reason}`);
  lines.push(`Durée : ${(r.durationMs / 1000).toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}
