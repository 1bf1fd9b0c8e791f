import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { partnerOrgIds } from '../projects/index.js';
import type { IsoDate } from './domain/dates.js';
import { snapshotOn } from './domain/lifecycle.js';
import { notifyParties } from './notify-parties.js';
import type { OpContext } from './op-context.js';
import { type AgreementKind, appendHistory, loadAgreement, pastOrTodayDate, today } from './store.js';
import { checkBody, hashBody, type VersionBody } from './text.js';

export interface CreateAgreementInput {
  title: string;
  kind: AgreementKind;
  partyIds: string[];
  termYears?: number;
  withdrawalNoticeMonths?: number;
  formalNoticeDays?: number;
  summary?: string | null;
  signedAtPlace?: string | null;
  body: VersionBody;
  /** The party proposing the first version (the creator's organisation), if any. */
  proposedByOrganisationId?: string | null;
  isDemo?: boolean;
  /**
   * The date the first version's text was drawn up (its "proposed" date), today by default.
   * An existing paper agreement entered later keeps its own date, before its signatures.
   */
  proposedOn?: IsoDate | null;
  /** The joint project this agreement is the local convention of (art. 2), if any. */
  projectId?: string | null;
}

/**
 * Creates a convention between two or more parties with its first version (art. 5 : the
 * term, notice and formal-notice delay default to 3 years, 1 month, 15 days).
 */
export async function createAgreement(op: OpContext, input: CreateAgreementInput) {
  const partyIds = [...new Set(input.partyIds)];
  if (partyIds.length < 2) {
    throw new AppError('validation', undefined, {
      partyIds: 'Une convention a au moins deux parties distinctes.',
    });
  }
  const known = await op.tx.many<{ id: string }>(
    sql`SELECT id FROM organisations WHERE id IN (${sql.join(partyIds)})`,
  );
  const unknown = partyIds.filter((p) => !known.some((k) => k.id === p));
  if (unknown.length) {
    throw new AppError('validation', undefined, {
      partyIds: `Organisation inconnue : ${unknown.join(', ')}.`,
    });
  }
  const body = checkBody(input.body);
  const hash = hashBody(body);
  const on = input.proposedOn
    ? pastOrTodayDate(input.proposedOn, 'proposedOn', op.now, 'la date du texte')
    : today(op.now);
  const projectId = input.projectId ?? null;
  if (projectId) await checkProject(op, projectId, partyIds);
  const actorId = op.audit.actor.kind === 'user' ? op.audit.actor.user.id : null;
  const row = await op.tx.one<{ id: string }>(sql`
    INSERT INTO agreements (title, kind, summary, term_years, withdrawal_notice_months, formal_notice_days,
      signed_at_place, created_by, is_demo)
    VALUES (${input.title.trim()}, ${input.kind}, ${input.summary ?? null}, ${input.termYears ?? 3},
      ${input.withdrawalNoticeMonths ?? 1}, ${input.formalNoticeDays ?? 15}, ${input.signedAtPlace ?? null},
      ${actorId}, ${input.isDemo ?? false})
    RETURNING id`);
  for (const [i, p] of partyIds.entries()) {
    await op.tx.run(
      sql`INSERT INTO agreement_parties (agreement_id, organisation_id, position) VALUES (${row.id}, ${p}, ${i + 1})`,
    );
  }
  await op.tx.run(sql`
    INSERT INTO agreement_versions (agreement_id, number, hash, format, body_text, body_file, file_name, size_bytes,
      proposed_by_organisation_id, proposed_by_user_id, proposed_on)
    VALUES (${row.id}, 1, ${hash}, ${body.format}, ${body.format === 'markdown' ? body.text : null},
      ${body.format === 'pdf' ? body.bytes : null}, ${body.format === 'pdf' ? body.fileName : null},
      ${body.format === 'markdown' ? Buffer.byteLength(body.text) : body.bytes.byteLength},
      ${input.proposedByOrganisationId ?? null}, ${actorId}, ${on})`);
  if (projectId) {
    await op.tx.run(sql`INSERT INTO agreement_projects (project_id, agreement_id, linked_by)
      VALUES (${projectId}, ${row.id}, ${actorId})`);
  }
  await appendHistory(op.tx, op.audit, row.id, 'created', on, {
    title: input.title,
    partyIds,
    ...(projectId ? { projectId } : {}),
  });
  const proposedSeq = await appendHistory(op.tx, op.audit, row.id, 'version_proposed', on, {
    version: 1,
    hash,
    organisationId: input.proposedByOrganisationId ?? null,
  });
  // The other parties are told of the proposal (same transaction, once).
  const created = await loadAgreement(op.tx, row.id);
  await notifyParties(
    op.tx,
    op.audit,
    created,
    {
      type: 'version_proposed',
      on,
      version: 1,
      hash,
      organisationId: input.proposedByOrganisationId ?? null,
    },
    proposedSeq,
    snapshotOn(created.terms, created.history, on),
    op.now,
  );
  await audit(op.tx, op.audit, {
    action: 'agreement.create',
    entityType: 'agreement',
    entityId: row.id,
    organisationId: input.proposedByOrganisationId ?? null,
    after: {
      title: input.title,
      kind: input.kind,
      partyIds,
      termYears: input.termYears ?? 3,
      version: { number: 1, hash, proposedOn: on },
      ...(projectId ? { projectId } : {}),
    },
  });
  return { id: row.id, version: { number: 1, hash } };
}

/**
 * Art. 2 : the local convention of a joint project is signed by the project's partners: the
 * project exists, has no agreement yet, and at least one party is one of its partners.
 */
async function checkProject(op: OpContext, projectId: string, partyIds: string[]) {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const partners = UUID.test(projectId) ? await partnerOrgIds(op.tx, projectId) : [];
  if (partners.length === 0) {
    throw new AppError('validation', undefined, { projectId: 'Projet inconnu.' });
  }
  const linked = await op.tx.maybeOne<{ agreement_id: string }>(
    sql`SELECT agreement_id FROM agreement_projects WHERE project_id = ${projectId}`,
  );
  if (linked) {
    throw new AppError('validation', undefined, {
      projectId: 'Ce projet a déjà sa convention.',
    });
  }
  if (!partyIds.some((p) => partners.includes(p))) {
    throw new AppError('validation', undefined, {
      partyIds: 'Les parties doivent comprendre au moins un partenaire du projet.',
    });
  }
}
