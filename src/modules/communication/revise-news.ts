import { audit } from '../../audit/audit.js';
import { AppError } from '../../http/errors.js';
import { newsHash } from './domain/approval.js';
import { type Author, insertVersion } from './draft-news.js';
import type { OpContext } from './op-context.js';
import type { NewsInput } from './schemas.js';
import { loadNews } from './store.js';

/**
 * Art. 3 : a new version of a draft. Approvals of earlier versions stop counting (they name
 * another hash): both networks approve again. A published item is not edited.
 */
export async function reviseNews(op: OpContext, author: Author, newsId: string, input: NewsInput) {
  const item = await loadNews(op.tx, newsId, { forUpdate: true });
  if (!item) throw new AppError('not_found', 'Cette actualité n’existe pas.');
  if (item.status === 'published')
    throw new AppError('conflict', 'Cette actualité est publiée : elle ne peut plus être modifiée.');
  if (newsHash(input) === item.current.hash)
    throw new AppError('validation', undefined, { body: 'Le texte n’a pas changé : rien à enregistrer.' });
  const number = item.current.number + 1;
  const hash = await insertVersion(op, newsId, number, author, input);
  await audit(op.tx, op.audit, {
    action: 'news.revise',
    entityType: 'news',
    entityId: newsId,
    before: { version: item.current.number, hash: item.current.hash },
    after: { version: number, hash, network: author.network },
  });
  return { version: number, hash };
}
