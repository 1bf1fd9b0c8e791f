import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { isPublishable, NETWORK_NAMES } from './domain/approval.js';
import type { Author } from './draft-news.js';
import type { OpContext } from './op-context.js';
import { loadNews } from './store.js';

/**
 * Art. 3 : a network approves one version, named by its hash (409 if it is not the latest).
 * When UNML and CUF have both approved the same hash, the item is published in the same
 * transaction.
 */
export async function approveNews(op: OpContext, approver: Author, newsId: string, hash: string) {
  const item = await loadNews(op.tx, newsId, { forUpdate: true });
  if (!item) throw new AppError('not_found', 'Cette actualité n’existe pas.');
  if (item.status === 'published') throw new AppError('conflict', 'Cette actualité est déjà publiée.');
  const latest = item.current;
  if (latest.hash !== hash.toLowerCase()) {
    const known = item.versions.find((v) => v.hash === hash.toLowerCase());
    throw new AppError(
      'conflict',
      known
        ? `La version ${known.number} n’est plus la dernière : relisez et approuvez la version ${latest.number}.`
        : 'Cette empreinte ne correspond à aucune version de l’actualité.',
    );
  }
  if (item.approvals.some((a) => a.network === approver.network && a.hash === latest.hash))
    throw new AppError(
      'conflict',
      `${NETWORK_NAMES[approver.network]} a déjà approuvé la version ${latest.number}.`,
    );
  await op.tx.run(sql`INSERT INTO news_approvals (news_id, version_id, network, hash, approved_by, approved_by_name, approved_at)
    VALUES (${newsId}, ${latest.id}, ${approver.network}, ${latest.hash}, ${approver.id}, ${approver.name}, ${op.now})`);
  const approvals = [...item.approvals, { network: approver.network, hash: latest.hash }];
  const published = isPublishable(approvals, latest.hash);
  if (published)
    await op.tx.run(
      sql`UPDATE news_items SET status = 'published', published_at = ${op.now}, published_hash = ${latest.hash} WHERE id = ${newsId}`,
    );
  await audit(op.tx, op.audit, {
    action: published ? 'news.approve_and_publish' : 'news.approve',
    entityType: 'news',
    entityId: newsId,
    after: { version: latest.number, hash: latest.hash, network: approver.network, published },
  });
  return { version: latest.number, hash: latest.hash, published };
}
