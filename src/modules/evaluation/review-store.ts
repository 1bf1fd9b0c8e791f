/** Reads the annual review of an agreement: the draft from the data, or the frozen approved text. */
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { findRoadmap, loadAgreement } from '../agreements/index.js';
import { computeDashboard } from './compute-indicators.js';
import { conventionYear } from './domain/indicators.js';
import { type ReviewContent, reviewHash } from './domain/review.js';
import { formatFigure } from './format.js';
import { parisToday } from './request.js';

export interface ReviewApproval {
  organisationId: string;
  hash: string;
  approvedOn: string;
  approvedByLabel: string;
}

export interface LoadedReview {
  reviewId: string | null;
  content: ReviewContent;
  hash: string;
  approvals: ReviewApproval[];
  /** Approved by every party: frozen, printable. */
  frozen: boolean;
  frozenOn: string | null;
}

/**
 * The review of year `year`. For local agreements the convention year runs from the
 * agreement's creation date; for the national convention from 4 July 2025 (art. 8).
 */
export async function loadReview(
  db: Queryable,
  agreementId: string,
  year: number,
  now: Date,
): Promise<LoadedReview> {
  const loaded = await loadAgreement(db, agreementId);
  const partyIds = loaded.terms.partyIds;
  const row = await db.maybeOne<{
    id: string;
    frozen_content: ReviewContent | null;
    frozen_hash: string | null;
    frozen_on: string | null;
  }>(
    sql`SELECT id, frozen_content, frozen_hash, frozen_on::text AS frozen_on FROM evaluation_reviews
      WHERE agreement_id = ${agreementId} AND year = ${year}`,
  );
  const approvals = row
    ? (
        await db.many<{
          organisation_id: string;
          hash: string;
          approved_on: string;
          approved_by_label: string;
        }>(
          sql`SELECT organisation_id, hash, approved_on::text AS approved_on, approved_by_label
            FROM evaluation_review_approvals WHERE review_id = ${row.id} ORDER BY approved_on, id`,
        )
      ).map((a) => ({
        organisationId: a.organisation_id,
        hash: a.hash,
        approvedOn: a.approved_on,
        approvedByLabel: a.approved_by_label,
      }))
    : [];
  if (row?.frozen_content && row.frozen_hash)
    return {
      reviewId: row.id,
      content: row.frozen_content,
      hash: row.frozen_hash,
      approvals,
      frozen: true,
      frozenOn: row.frozen_on,
    };

  const a = loaded.agreement;
  const start =
    a.kind === 'national_partnership' ? undefined : new Date(a.created_at).toISOString().slice(0, 10);
  const period = conventionYear(year, start);
  const roadmap = await findRoadmap(db, agreementId, year, partyIds);
  const sections = row
    ? await db.many<{ organisation_id: string; body: string }>(
        sql`SELECT organisation_id, body FROM evaluation_review_sections WHERE review_id = ${row.id}`,
      )
    : [];
  let indicators: ReviewContent['indicators'] = [];
  if (a.kind === 'national_partnership') {
    const today = parisToday(now);
    const on = today < period.to ? (today < period.from ? period.from : today) : period.to;
    const d = await computeDashboard(db, { on, now });
    indicators = d.indicators.map((i) => ({
      key: i.key,
      label: i.label,
      value: formatFigure(i.figure, i.unit),
    }));
  }
  const content: ReviewContent = {
    agreement: { id: a.id, title: a.title, kind: a.kind },
    year,
    period: { from: period.from, to: period.to },
    parties: loaded.parties.map((p) => ({ id: p.organisation_id, name: p.name })),
    roadmap: (roadmap?.actions ?? []).map((x) => ({
      title: x.title,
      status: x.status,
      progress: x.progress,
      indicator: x.indicator,
    })),
    indicators,
    sections: Object.fromEntries(
      partyIds.map((p) => [p, sections.find((s) => s.organisation_id === p)?.body ?? '']),
    ),
  };
  const hash = reviewHash(content);
  return {
    reviewId: row?.id ?? null,
    content,
    hash,
    approvals,
    frozen: false,
    frozenOn: null,
  };
}
