/**
 * Reading an agreement and appending to its history. Shared by the operations
 * (one file per operation, verb first) and the pages.
 */

import { type AuditContext, audit } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { formatDate } from '../../i18n/i18n.js';
import { type IsoDate, isIsoDate, parisDay } from './domain/dates.js';
import {
  type AgreementEvent,
  type AgreementTerms,
  checkNewEvent,
  type NewAgreementEvent,
  type Snapshot,
  snapshotOn,
  TransitionError,
} from './domain/lifecycle.js';
import { notifyParties } from './notify-parties.js';

export const AGREEMENT_KINDS = ['national_partnership', 'local_partnership', 'project_agreement'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export interface AgreementRow {
  id: string;
  title: string;
  kind: AgreementKind;
  summary: string | null;
  term_years: number;
  withdrawal_notice_months: number;
  formal_notice_days: number;
  signed_at_place: string | null;
  created_at: Date;
}

export interface PartyRow {
  organisation_id: string;
  name: string;
  kind: string;
  position: number;
}

export interface VersionRow {
  id: string;
  number: number;
  hash: string;
  format: 'markdown' | 'pdf';
  file_name: string | null;
  size_bytes: number;
  note: string | null;
  proposed_on: IsoDate;
  proposed_by_organisation_id: string | null;
  created_at: Date;
}

export interface ApprovalRow {
  id: string;
  version_id: string;
  number: number;
  hash: string;
  organisation_id: string;
  signer_name: string;
  signer_role: string;
  signed_on: IsoDate;
  signed_at_place: string | null;
  method: 'platform_acceptance' | 'signed_scan';
  recorded_by_platform_admin: boolean;
  has_scan: boolean;
}

export interface EventRow {
  seq: number;
  type: string;
  on_date: IsoDate;
  payload: Record<string, any>;
  actor_label: string;
  /** The person who recorded it; null for the platform itself (seed, scheduled jobs). */
  actor_user_id: string | null;
  recorded_at: Date;
}

export interface LoadedAgreement {
  agreement: AgreementRow;
  parties: PartyRow[];
  versions: VersionRow[];
  approvals: ApprovalRow[];
  events: EventRow[];
  terms: AgreementTerms;
  history: AgreementEvent[];
}

/** Today: the Europe/Paris calendar day of the app's clock. */
export const today = (now: Date): IsoDate => parisDay(now);

export async function loadAgreement(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found');
  const agreement = await db.maybeOne<AgreementRow>(
    sql`SELECT id, title, kind, summary, term_years, withdrawal_notice_months, formal_notice_days, signed_at_place, created_at
        FROM agreements WHERE id = ${id} ${opts.forUpdate ? sql`FOR UPDATE` : sql``}`,
  );
  if (!agreement) throw new AppError('not_found', 'Convention introuvable.');
  const parties = await db.many<PartyRow>(sql`SELECT p.organisation_id, o.name, o.kind, p.position
    FROM agreement_parties p JOIN organisations o ON o.id = p.organisation_id
    WHERE p.agreement_id = ${id} ORDER BY p.position`);
  const versions =
    await db.many<VersionRow>(sql`SELECT id, number, hash, format, file_name, size_bytes, note, proposed_on,
      proposed_by_organisation_id, created_at
    FROM agreement_versions WHERE agreement_id = ${id} ORDER BY number`);
  const approvals =
    await db.many<ApprovalRow>(sql`SELECT a.id, a.version_id, v.number, v.hash, a.organisation_id,
      a.signer_name, a.signer_role, a.signed_on, a.signed_at_place, a.method, a.recorded_by_platform_admin,
      (a.scan_file IS NOT NULL) AS has_scan
    FROM agreement_approvals a JOIN agreement_versions v ON v.id = a.version_id
    WHERE a.agreement_id = ${id} ORDER BY v.number, a.signed_on, a.created_at`);
  const events =
    await db.many<EventRow>(sql`SELECT seq, type, on_date, payload, actor_label, actor_user_id, recorded_at
    FROM agreement_events WHERE agreement_id = ${id} ORDER BY seq`);
  const terms: AgreementTerms = {
    partyIds: parties.map((p) => p.organisation_id),
    termYears: agreement.term_years,
    withdrawalNoticeMonths: agreement.withdrawal_notice_months,
    formalNoticeDays: agreement.formal_notice_days,
  };
  const history = events.flatMap((e) => toLifecycleEvent(e));
  return { agreement, parties, versions, approvals, events, terms, history } satisfies LoadedAgreement;
}

const LIFECYCLE_TYPES = new Set([
  'version_proposed',
  'approved',
  'withdrawal_notified',
  'formal_notice_sent',
  'formal_notice_remedied',
  'termination_requested',
  'automatic_termination',
  'dispute_opened',
  'dispute_advanced',
]);

function toLifecycleEvent(e: EventRow): AgreementEvent[] {
  if (!LIFECYCLE_TYPES.has(e.type)) return [];
  return [{ ...(e.payload as object), type: e.type, on: e.on_date, seq: e.seq } as AgreementEvent];
}

/**
 * Checks a lifecycle event against the whole history (the transition tables), then writes
 * it to the history and the audit log in the caller's transaction. Refusals → 409.
 */
export async function recordEvent(
  tx: Queryable,
  ctx: AuditContext,
  loaded: LoadedAgreement,
  event: NewAgreementEvent,
  now: Date,
  audited: { action: string; organisationId?: string | null; after?: unknown },
): Promise<{ atEvent: Snapshot; after: Snapshot }> {
  let result: { atEvent: Snapshot; after: Snapshot };
  try {
    result = checkNewEvent(loaded.terms, loaded.history, event, today(now));
  } catch (e) {
    if (e instanceof TransitionError) throw new AppError('conflict', e.message);
    throw e;
  }
  const { type, on, ...payload } = event as NewAgreementEvent & Record<string, unknown>;
  const seq = await appendHistory(tx, ctx, loaded.agreement.id, type, on as IsoDate, payload);
  // Every party is told, in this transaction, once per event (art. 5).
  await notifyParties(tx, ctx, loaded, event, seq, result.after, now, audited.organisationId ?? null);
  await audit(tx, ctx, {
    action: audited.action,
    entityType: 'agreement',
    entityId: loaded.agreement.id,
    organisationId: audited.organisationId ?? null,
    after: audited.after ?? event,
  });
  return result;
}

/** Appends a row to the agreement's history (any event type, lifecycle or not). */
export async function appendHistory(
  tx: Queryable,
  ctx: AuditContext,
  agreementId: string,
  type: string,
  on: IsoDate,
  payload: Record<string, unknown>,
): Promise<number> {
  const label =
    ctx.actor.kind === 'user'
      ? ctx.actor.user.name
      : ctx.actor.kind === 'system'
        ? ctx.actor.label
        : 'anonyme';
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.user.id : null;
  const row = await tx.one<{ seq: number }>(sql`
    INSERT INTO agreement_events (agreement_id, seq, type, on_date, payload, actor_user_id, actor_label)
    VALUES (${agreementId},
      (SELECT coalesce(max(seq), 0) + 1 FROM agreement_events WHERE agreement_id = ${agreementId}),
      ${type}, ${on}, ${JSON.stringify(payload)}, ${actorId}, ${label})
    RETURNING seq`);
  return row.seq;
}

/** A calendar date given by a user: well formed, existing, not after today (Paris). */
export function pastOrTodayDate(value: unknown, field: string, now: Date, label: string): IsoDate {
  if (!isIsoDate(value)) {
    throw new AppError('validation', undefined, {
      [field]: `Indiquez ${label} au format AAAA-MM-JJ (une date qui existe).`,
    });
  }
  if (value > today(now)) {
    throw new AppError('validation', undefined, {
      [field]: `${capital(label)} ne peut pas être dans le futur.`,
    });
  }
  return value;
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

export function requireParty(loaded: LoadedAgreement, organisationId: string, field: string) {
  if (!loaded.terms.partyIds.includes(organisationId)) {
    throw new AppError('validation', undefined, {
      [field]: "Cette organisation n'est pas partie à la convention.",
    });
  }
}

/** "Dates in the wrong order": an act on the agreement cannot predate its entry into force (422). */
export function notBeforeEntry(loaded: LoadedAgreement, date: IsoDate, field: string, now: Date) {
  const s = snapshotOn(loaded.terms, loaded.history, today(now));
  if (s.inForceFrom && date < s.inForceFrom) {
    throw new AppError('validation', undefined, {
      [field]: `La date précède l'entrée en vigueur de la convention (${formatDate(s.inForceFrom)}).`,
    });
  }
}
