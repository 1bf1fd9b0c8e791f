/**
 * The annual review (bilan, art. 4) as content: what is approved is exactly this object,
 * identified by the SHA-256 of its canonical JSON. Pure.
 */
import { createHash } from 'node:crypto';

export interface ReviewContent {
  agreement: { id: string; title: string; kind: string };
  year: number;
  period: { from: string; to: string };
  parties: { id: string; name: string }[];
  roadmap: { title: string; status: string; progress: number; indicator: string }[];
  /** Indicators (national convention): label and the figure as written (suppressed « < 5 »). */
  indicators: { key: string; label: string; value: string }[];
  /** Each party's section, by party id (empty string when not written). */
  sections: Record<string, string>;
}

/** Canonical JSON: keys sorted at every level, so the same content always gives the same hash. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

export const reviewHash = (c: ReviewContent) => createHash('sha256').update(canonicalJson(c)).digest('hex');

/** Art. 4 : approved when every party approved this exact hash. */
export function isReviewApproved(
  partyIds: string[],
  approvals: { organisationId: string; hash: string }[],
  hash: string,
) {
  return (
    partyIds.length > 0 &&
    partyIds.every((p) => approvals.some((a) => a.organisationId === p && a.hash === hash))
  );
}

export const ROADMAP_STATUS_LABELS: Record<string, string> = {
  planned: 'prévue',
  in_progress: 'en cours',
  done: 'réalisée',
  dropped: 'abandonnée',
};
