import { type AuditContext, audit } from '../../../audit/audit.js';
import type { Db, Queryable } from '../../../db/client.js';
import { sql } from '../../../db/sql.js';
import { AppError, type FieldErrors } from '../../../http/errors.js';
import { communeSearchKey, communeSearchKeySql, isInseeCode, resolveCommuneCode } from './find-communes.js';

export interface ServedCommune {
  insee: string;
  name: string;
  departementCode: string;
  coverage: 'declared' | 'approximate';
}

export async function territoryOf(db: Queryable, organisationId: string): Promise<ServedCommune[]> {
  return (
    await db.many<any>(sql`SELECT c.insee, c.name, c.departement_code, oc.coverage FROM organisation_communes oc
      JOIN communes c ON c.insee = oc.commune_insee WHERE oc.organisation_id = ${organisationId}
      ORDER BY c.departement_code, c.name`)
  ).map((r) => ({ insee: r.insee, name: r.name, departementCode: r.departement_code, coverage: r.coverage }));
}

/** Communes named by lines of INSEE codes or names; errors name each line that does not resolve. */
export async function resolveCommuneLines(
  db: Queryable,
  text: string,
): Promise<{ insee: string[]; errors: string[] }> {
  const insee = new Set<string>();
  const errors: string[] = [];
  for (const raw of text.split(/[\n;]+/)) {
    const line = raw.trim();
    if (!line) continue;
    const code = line.toUpperCase();
    if (isInseeCode(code)) {
      const r = await resolveCommuneCode(db, code);
      if (r) insee.add(r.insee);
      else errors.push(`« ${line} » : aucune commune ne porte ce code INSEE`);
      continue;
    }
    const key = communeSearchKey(line);
    const found = await db.many<{ insee: string; name: string; departement_code: string }>(sql`
      SELECT insee, name, departement_code FROM communes WHERE ${communeSearchKeySql} = ${key} ORDER BY departement_code LIMIT 6`);
    if (found.length === 1) insee.add(found[0].insee);
    else if (found.length === 0) errors.push(`« ${line} » : aucune commune de ce nom`);
    else
      errors.push(
        `« ${line} » : plusieurs communes portent ce nom (${found
          .map((f) => `${f.name}, ${f.departement_code} : ${f.insee}`)
          .join(' ; ')}) — indiquez le code INSEE`,
      );
  }
  return { insee: [...insee], errors };
}

/** An EPCI by SIREN or exact name (accents and case ignored). */
export async function resolveEpci(
  db: Queryable,
  text: string,
): Promise<{ siren: string; name: string } | string> {
  const s = text.trim();
  if (!s) return 'Indiquez le SIREN ou le nom de l’EPCI.';
  if (/^[0-9]{9}$/.test(s)) {
    const e = await db.maybeOne<{ siren: string; name: string }>(
      sql`SELECT siren, name FROM epci WHERE siren = ${s}`,
    );
    return e ?? `Aucun EPCI ne porte le SIREN ${s}.`;
  }
  const found = await db.many<{ siren: string; name: string }>(sql`SELECT siren, name FROM epci
    WHERE trim(regexp_replace(f_unaccent(lower(name)), '[^a-z0-9]+', ' ', 'g')) = ${communeSearchKey(s)} LIMIT 2`);
  if (found.length === 1) return found[0];
  return found.length
    ? `Plusieurs EPCI portent le nom « ${s} » : indiquez le SIREN.`
    : `Aucun EPCI ne s’appelle « ${s} » (indiquez son nom exact ou son SIREN).`;
}

export type TerritoryEdit =
  | { action: 'add'; communes: string }
  | { action: 'remove'; insee: string[] }
  | { action: 'add_epci'; epci: string };

/**
 * A Mission Locale's admins correct its territory. The communes it then serves are all
 * 'declared' (the admins stated them, including the approximate ones they kept). One
 * transaction, audited. Invalid input → 422 naming the field, nothing written.
 */
export async function editTerritory(
  db: Db,
  ctx: AuditContext,
  organisationId: string,
  edit: TerritoryEdit,
): Promise<{ added: number; removed: number }> {
  return db.transaction(async (tx) => {
    const org = await tx.maybeOne<{ kind: string }>(
      sql`SELECT kind FROM organisations WHERE id = ${organisationId} FOR UPDATE`,
    );
    if (!org) throw new AppError('not_found');
    if (org.kind !== 'mission_locale')
      throw new AppError(
        'conflict',
        'Seul le territoire d’une Mission Locale se corrige ici : celui d’une collectivité vient du Code officiel géographique.',
      );
    let add: string[] = [];
    let remove: string[] = [];
    const fieldErrors: FieldErrors = {};
    if (edit.action === 'add') {
      const r = await resolveCommuneLines(tx, edit.communes);
      if (r.errors.length) fieldErrors.communes = r.errors.join(' ; ');
      else if (!r.insee.length) fieldErrors.communes = 'Indiquez au moins une commune (code INSEE ou nom).';
      add = r.insee;
    } else if (edit.action === 'add_epci') {
      const e = await resolveEpci(tx, edit.epci);
      if (typeof e === 'string') fieldErrors.epci = e;
      else
        add = (
          await tx.many<{ insee: string }>(sql`SELECT insee FROM communes WHERE epci_siren = ${e.siren}`)
        ).map((x) => x.insee);
    } else {
      remove = edit.insee.filter((c) => isInseeCode(c));
      if (!remove.length) fieldErrors.retirer = 'Cochez au moins une commune à retirer.';
    }
    if (Object.keys(fieldErrors).length) throw new AppError('validation', undefined, fieldErrors);

    const before = await tx.many<{ commune_insee: string; coverage: string }>(
      sql`SELECT commune_insee, coverage FROM organisation_communes WHERE organisation_id = ${organisationId} ORDER BY 1`,
    );
    await tx.run(sql`UPDATE organisation_communes SET coverage = 'declared'
      WHERE organisation_id = ${organisationId} AND coverage = 'approximate'`);
    const removed = remove.length
      ? await tx.run(sql`DELETE FROM organisation_communes WHERE organisation_id = ${organisationId}
          AND commune_insee = ANY(${remove}::text[])`)
      : 0;
    const added = add.length
      ? await tx.run(sql`INSERT INTO organisation_communes (organisation_id, commune_insee, coverage)
          SELECT ${organisationId}, x, 'declared' FROM unnest(${add}::text[]) AS x
          ON CONFLICT (organisation_id, commune_insee) DO NOTHING`)
      : 0;
    await audit(tx, ctx, {
      action: 'organisation.territory_edited',
      entityType: 'organisation',
      entityId: organisationId,
      organisationId,
      before: {
        communes: before.length,
        approximate: before.filter((b) => b.coverage === 'approximate').length,
      },
      after: { added: add, removed: remove, coverage: 'declared' },
    });
    await tx.run(sql`UPDATE organisations SET updated_at = now() WHERE id = ${organisationId}`);
    return { added, removed };
  });
}
