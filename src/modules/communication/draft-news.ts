import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { type Network, newsHash } from './domain/approval.js';
import type { OpContext } from './op-context.js';
import type { NewsInput } from './schemas.js';

export interface Author {
  id: string | null;
  name: string;
  network: Network;
}

/** Art. 3 : either network drafts a news item about joint activities or results (version 1). */
export async function draftNews(op: OpContext, author: Author, input: NewsInput, isDemo = false) {
  const item = await op.tx.one<{
    id: string;
  }>(sql`INSERT INTO news_items (drafted_by_network, created_by, created_at, is_demo)
    VALUES (${author.network}, ${author.id}, ${op.now}, ${isDemo}) RETURNING id`);
  const hash = await insertVersion(op, item.id, 1, author, input);
  await audit(op.tx, op.audit, {
    action: 'news.draft',
    entityType: 'news',
    entityId: item.id,
    after: { title: input.title, version: 1, hash, network: author.network },
  });
  return { id: item.id, hash };
}

export async function insertVersion(
  op: OpContext,
  newsId: string,
  number: number,
  author: Author,
  input: NewsInput,
): Promise<string> {
  const hash = newsHash(input);
  await op.tx.run(sql`INSERT INTO news_versions (news_id, number, title, body, social_text, image_alt, link, hash,
      proposed_by, proposed_by_name, proposed_by_network, created_at)
    VALUES (${newsId}, ${number}, ${input.title}, ${input.body.replace(/\r\n?/g, '\n')}, ${input.socialText},
      ${input.imageAlt}, ${input.link}, ${hash}, ${author.id}, ${author.name}, ${author.network}, ${op.now})`);
  return hash;
}
