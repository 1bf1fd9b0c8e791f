import { type AuditContext, audit } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import type { CallInput, ProgrammeInput, SuggestionInput } from './schemas.js';

export interface Op {
  tx: Queryable;
  audit: AuditContext;
}

const values = (p: ProgrammeInput) => ({
  name: p.name,
  funder: p.funder,
  summary: p.summary,
  applicantTypes: p.applicantTypes,
  projectKinds: p.projectKinds,
  zones: p.zones,
  amountMin: p.amountMin,
  amountMax: p.amountMax,
  cofundingMaxPercent: p.cofundingMaxPercent,
  recurrence: p.recurrence,
  officialUrl: p.officialUrl,
  factsYear: p.factsYear,
  sources: p.sources,
});

export async function createProgramme(op: Op, p: ProgrammeInput): Promise<string> {
  const { id } = await op.tx.one<{ id: string }>(sql`INSERT INTO funding_programmes (name, funder, summary,
      applicant_types, project_kinds, zones, amount_min, amount_max, cofunding_max_percent, recurrence,
      official_url, facts_year, sources)
    VALUES (${p.name}, ${p.funder}, ${p.summary}, ${p.applicantTypes}::text[], ${p.projectKinds}::text[],
      ${p.zones}::text[], ${p.amountMin}, ${p.amountMax}, ${p.cofundingMaxPercent}, ${p.recurrence},
      ${p.officialUrl}, ${p.factsYear}, ${p.sources}::text[]) RETURNING id`);
  await audit(op.tx, op.audit, {
    action: 'funding.programme.create',
    entityType: 'funding_programme',
    entityId: id,
    after: values(p),
  });
  return id;
}

export async function updateProgramme(op: Op, id: string, p: ProgrammeInput): Promise<void> {
  const before = await op.tx.maybeOne(sql`SELECT name, funder, summary, applicant_types, project_kinds, zones,
      amount_min, amount_max, cofunding_max_percent, recurrence, official_url, facts_year, sources
    FROM funding_programmes WHERE id = ${id} FOR UPDATE`);
  if (!before) throw new AppError('not_found', 'Ce programme n’existe pas.');
  await op.tx.run(sql`UPDATE funding_programmes SET name = ${p.name}, funder = ${p.funder}, summary = ${p.summary},
      applicant_types = ${p.applicantTypes}::text[], project_kinds = ${p.projectKinds}::text[], zones = ${p.zones}::text[],
      amount_min = ${p.amountMin}, amount_max = ${p.amountMax}, cofunding_max_percent = ${p.cofundingMaxPercent},
      recurrence = ${p.recurrence}, official_url = ${p.officialUrl}, facts_year = ${p.factsYear},
      sources = ${p.sources}::text[], updated_at = now()
    WHERE id = ${id}`);
  await audit(op.tx, op.audit, {
    action: 'funding.programme.update',
    entityType: 'funding_programme',
    entityId: id,
    before,
    after: values(p),
  });
}

export async function addCall(op: Op, programmeId: string, c: CallInput): Promise<string> {
  const exists = await op.tx.maybeOne(sql`SELECT 1 FROM funding_programmes WHERE id = ${programmeId}`);
  if (!exists) throw new AppError('not_found', 'Ce programme n’existe pas.');
  const { id } = await op.tx.one<{
    id: string;
  }>(sql`INSERT INTO funding_calls (programme_id, title, opens_on, closes_on)
    VALUES (${programmeId}, ${c.title}, ${c.opensOn}, ${c.closesOn}) RETURNING id`);
  await audit(op.tx, op.audit, {
    action: 'funding.call.create',
    entityType: 'funding_programme',
    entityId: programmeId,
    after: { callId: id, ...c },
  });
  return id;
}

export async function suggest(
  op: Op,
  by: { id: string; name: string },
  programmeId: string | null,
  s: SuggestionInput,
): Promise<string> {
  if (programmeId === null && (!s.name || !s.funder)) {
    const fields: Record<string, string> = {};
    if (!s.name) fields.name = 'Indiquez le nom du programme.';
    if (!s.funder) fields.funder = 'Indiquez le financeur.';
    throw new AppError('validation', undefined, fields);
  }
  const { id } = await op.tx.one<{ id: string }>(sql`INSERT INTO funding_suggestions
      (programme_id, suggested_by, suggested_by_name, name, funder, official_url, message)
    VALUES (${programmeId}, ${by.id}, ${by.name}, ${s.name}, ${s.funder}, ${s.officialUrl}, ${s.message}) RETURNING id`);
  await audit(op.tx, op.audit, {
    action: 'funding.suggestion.create',
    entityType: 'funding_suggestion',
    entityId: id,
    after: { programmeId, ...s },
  });
  return id;
}

export interface Suggestion {
  id: string;
  programme_id: string | null;
  programme_name: string | null;
  suggested_by_name: string;
  name: string;
  funder: string;
  official_url: string | null;
  message: string;
  status: 'pending' | 'accepted' | 'rejected';
  created_at: Date;
}

export const pendingSuggestions = (db: Queryable) =>
  db.many<Suggestion>(sql`SELECT s.*, p.name AS programme_name FROM funding_suggestions s
    LEFT JOIN funding_programmes p ON p.id = s.programme_id WHERE s.status = 'pending' ORDER BY s.created_at`);

/**
 * Accepts or rejects a pending suggestion. Accepting a new programme creates it (with the
 * suggested name, funder and page; the admin completes it afterwards); accepting a
 * correction records the decision: the admin applies it through the edit form.
 */
export async function decideSuggestion(
  op: Op,
  adminId: string,
  id: string,
  decision: { accept: true } | { accept: false; reason: string },
  now: Date,
): Promise<{ programmeId: string | null }> {
  const s = await op.tx.maybeOne<Suggestion>(
    sql`SELECT * FROM funding_suggestions WHERE id = ${id} FOR UPDATE`,
  );
  if (!s) throw new AppError('not_found', 'Cette proposition n’existe pas.');
  if (s.status !== 'pending') throw new AppError('conflict', 'Cette proposition a déjà été traitée.');
  let programmeId = s.programme_id;
  if (decision.accept) {
    if (!programmeId) {
      programmeId = await createProgramme(op, {
        name: s.name,
        funder: s.funder,
        summary: s.message,
        applicantTypes: [],
        projectKinds: [],
        zones: [],
        amountMin: null,
        amountMax: null,
        cofundingMaxPercent: null,
        recurrence: '',
        officialUrl: s.official_url,
        factsYear: '',
        sources: s.official_url ? [s.official_url] : [],
      });
    }
    await op.tx.run(sql`UPDATE funding_suggestions SET status = 'accepted', decided_by = ${adminId}, decided_at = ${now}
      WHERE id = ${id}`);
  } else {
    await op.tx.run(sql`UPDATE funding_suggestions SET status = 'rejected', decided_by = ${adminId}, decided_at = ${now},
      reject_reason = ${decision.reason} WHERE id = ${id}`);
  }
  await audit(op.tx, op.audit, {
    action: decision.accept ? 'funding.suggestion.accept' : 'funding.suggestion.reject',
    entityType: 'funding_suggestion',
    entityId: id,
    before: { status: 'pending' },
    after: decision.accept
      ? { status: 'accepted', programmeId }
      : { status: 'rejected', reason: decision.reason },
  });
  return { programmeId };
}
