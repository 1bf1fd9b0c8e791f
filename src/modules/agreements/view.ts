/** What the API and the pages show of an agreement on a date. */
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { addMonths, addYears, conventionYearOf, type IsoDate } from './domain/dates.js';
import { type Deadline, nextDeadlines, type Snapshot, snapshotOn } from './domain/lifecycle.js';
import type { LoadedAgreement } from './store.js';

export interface AgreementApiView {
  id: string;
  title: string;
  kind: string;
  state: Snapshot['state'];
  on: IsoDate;
  termYears: number;
  parties: { organisationId: string; name: string; kind: string }[];
  versions: {
    number: number;
    hash: string;
    format: 'markdown' | 'pdf';
    proposedOn: IsoDate;
    approvals: {
      organisationId: string;
      signerName: string;
      signerRole: string;
      signedOn: IsoDate;
      method: string;
      recordedByPlatformAdmin: boolean;
    }[];
  }[];
  bindingVersion: number | null;
  inForceFrom: IsoDate | null;
  lastDayInForce: IsoDate | null;
  withdrawal: { organisationId: string; notifiedOn: IsoDate; effectiveOn: IsoDate } | null;
  formalNotices: {
    id: string;
    fromOrganisationId: string;
    toOrganisationId: string;
    letterReference: string;
    sentOn: IsoDate;
    terminationAvailableFrom: IsoDate;
    status: string;
  }[];
  termination: Snapshot['termination'];
  disputes: { id: string; subject: string; openedOn: IsoDate; stage: string }[];
}

/** The agreement as the API gives it, on a date (versions and signatures dated after it are left out). */
export function apiView(loaded: LoadedAgreement, s: Snapshot, on: IsoDate): AgreementApiView {
  const { agreement } = loaded;
  return {
    id: agreement.id,
    title: agreement.title,
    kind: agreement.kind,
    state: s.state,
    on,
    termYears: agreement.term_years,
    parties: loaded.parties.map((p) => ({ organisationId: p.organisation_id, name: p.name, kind: p.kind })),
    versions: loaded.versions
      .filter((v) => s.versions.has(v.number) || v.proposed_on <= on)
      .map((v) => ({
        number: v.number,
        hash: v.hash,
        format: v.format,
        proposedOn: v.proposed_on,
        approvals: loaded.approvals
          .filter((a) => a.number === v.number && a.signed_on <= on)
          .map((a) => ({
            organisationId: a.organisation_id,
            signerName: a.signer_name,
            signerRole: a.signer_role,
            signedOn: a.signed_on,
            method: a.method,
            recordedByPlatformAdmin: a.recorded_by_platform_admin,
          })),
      })),
    bindingVersion: s.bindingVersion,
    inForceFrom: s.inForceFrom,
    lastDayInForce: s.lastDayInForce,
    withdrawal: s.withdrawal,
    formalNotices: s.formalNotices.map((n) => ({
      id: n.id,
      fromOrganisationId: n.fromOrganisationId,
      toOrganisationId: n.toOrganisationId,
      letterReference: n.letterReference,
      sentOn: n.sentOn,
      terminationAvailableFrom: n.terminationAvailableFrom,
      status: n.status,
    })),
    termination: s.termination,
    disputes: s.disputes.map((d) => ({ id: d.id, subject: d.subject, openedOn: d.openedOn, stage: d.stage })),
  };
}

/** Art. 4 : last annual meeting on or before a date. */
export async function lastMeetingOn(
  db: Queryable,
  agreementId: string,
  on: IsoDate,
): Promise<IsoDate | null> {
  const row = await db.maybeOne<{ held_on: IsoDate }>(
    sql`SELECT max(held_on) AS held_on FROM agreement_meetings WHERE agreement_id = ${agreementId} AND held_on <= ${on}`,
  );
  return row?.held_on ?? null;
}

/**
 * Art. 3 and 4 : the roadmap of the next convention year is due when that year starts;
 * an annual meeting is due 12 months after the last one (or after entry into force).
 */
export function planningDates(s: Snapshot, on: IsoDate, lastMeeting: IsoDate | null) {
  if (!s.inForceFrom || s.state !== 'in_force') return { roadmapDueOn: null, meetingDueOn: null, year: null };
  const year = conventionYearOf(s.inForceFrom, on);
  const nextStart = year ? addYears(s.inForceFrom, year.year) : null;
  const roadmapDueOn = nextStart && s.lastDayInForce && nextStart <= s.lastDayInForce ? nextStart : null;
  const meetingDueOn = addMonths(lastMeeting ?? s.inForceFrom, 12);
  return { roadmapDueOn, meetingDueOn, year };
}

export async function deadlinesOf(
  db: Queryable,
  loaded: LoadedAgreement,
  on: IsoDate,
): Promise<{ snapshot: Snapshot; deadlines: Deadline[]; year: number | null }> {
  const snapshot = snapshotOn(loaded.terms, loaded.history, on);
  const last = await lastMeetingOn(db, loaded.agreement.id, on);
  const p = planningDates(snapshot, on, last);
  return {
    snapshot,
    deadlines: nextDeadlines(snapshot, on, { roadmapDueOn: p.roadmapDueOn, meetingDueOn: p.meetingDueOn }),
    year: p.year?.year ?? null,
  };
}
