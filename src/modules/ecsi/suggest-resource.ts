import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import type { SignedInUser } from '../../policy/actor.js';
import type { OpContext } from './op-context.js';
import type { ResourceInput } from './schemas.js';

/** A member suggests a resource; it stays invisible until network staff publish it. */
export async function suggestResource(
  op: OpContext,
  user: Pick<SignedInUser, 'id' | 'name'> | null,
  input: ResourceInput & {
    file?: { bytes: Uint8Array; name: string; type: string } | null;
    isDemo?: boolean;
  },
): Promise<string> {
  if (!input.url && !input.file)
    throw new AppError('validation', undefined, { url: 'Indiquez un lien ou joignez un fichier.' });
  if (input.themes.length) {
    const known = await op.tx.many<{ code: string }>(
      sql`SELECT code FROM themes WHERE code = ANY(${input.themes}::text[])`,
    );
    const unknown = input.themes.filter((t) => !known.some((k) => k.code === t));
    if (unknown.length)
      throw new AppError('validation', undefined, { themes: `Thème inconnu : ${unknown.join(', ')}.` });
  }
  const row = await op.tx.one<{
    id: string;
  }>(sql`INSERT INTO ecsi_resources (title, kind, summary, audience, themes,
      language, licence, source, url, file, file_name, file_type, suggested_by, suggested_by_name, is_demo, created_at)
    VALUES (${input.title}, ${input.kind}, ${input.summary}, ${input.audience}, ${input.themes}::text[], ${input.language},
      ${input.licence}, ${input.source}, ${input.url}, ${input.file?.bytes ?? null}, ${input.file?.name ?? null},
      ${input.file?.type ?? null}, ${user?.id ?? null}, ${user?.name ?? 'Passerelle'}, ${!!input.isDemo}, ${op.now})
    RETURNING id`);
  await audit(op.tx, op.audit, {
    action: 'ecsi.resource.suggest',
    entityType: 'ecsi_resource',
    entityId: row.id,
    after: { title: input.title, kind: input.kind, url: input.url, file: input.file?.name ?? null },
  });
  return row.id;
}
