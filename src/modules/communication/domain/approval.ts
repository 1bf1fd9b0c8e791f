/**
 * Joint communication (convention art. 3): a news item is published only when UNML and CUF
 * have both approved the same version, named by its content hash — the rule of agreement
 * amendments (art. 5 and 6), reused from the agreements module.
 */

import { sha256 } from '../../../lib/crypto.js';
import { approvedByAll } from '../../agreements/index.js';

export const NETWORKS = ['unml', 'cuf'] as const;
export type Network = (typeof NETWORKS)[number];
export const NETWORK_NAMES: Record<Network, string> = { unml: 'UNML', cuf: 'Cités Unies France' };

/** Characters counted as people see them (an emoji is one), as social networks count them. */
export const charCount = (s: string) => [...s].length;
export const SOCIAL_MAX = 280;

export interface NewsContent {
  title: string;
  body: string;
  socialText: string;
  imageAlt: string;
  link: string | null;
}

const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();

/** The hash both networks approve: every field people will see, line endings normalised. */
export function newsHash(c: NewsContent): string {
  return sha256(
    JSON.stringify([norm(c.title), norm(c.body), norm(c.socialText), norm(c.imageAlt), c.link ?? '']),
  );
}

/** Art. 3 : published once both networks approved the current hash. */
export const isPublishable = (approvals: { network: Network; hash: string }[], currentHash: string) =>
  approvedByAll(
    [...NETWORKS],
    approvals.map((a) => ({ organisationId: a.network, hash: a.hash })),
    currentHash,
  );

/** The networks that still have to approve the current version. */
export const missingApprovals = (approvals: { network: Network; hash: string }[], currentHash: string) =>
  NETWORKS.filter((n) => !approvals.some((a) => a.network === n && a.hash === currentHash));
