import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import type { OpContext } from './op-context.js';
import { loadAgreement, recordEvent, requireParty, today } from './store.js';
import { checkBody, hashBody, type VersionBody } from './text.js';

/**
 * Art. 6 : any party proposes a new version of the text (an amendment once in force). It
 * binds only once every party approved its exact hash.
 */
export async function proposeVersion(
  op: OpContext,
  agreementId: string,
  input: { organisationId: string | null; body: VersionBody; note?: string | null },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  if (input.organisationId) requireParty(loaded, input.organisationId, 'organisationId');
  const body = checkBody(input.body);
  const hash = hashBody(body);
  const same = loaded.versions.find((v) => v.hash === hash);
  if (same) throw new AppError('conflict', `Ce texte est identique à la version ${same.number}.`);
  const number = (loaded.versions.at(-1)?.number ?? 0) + 1;
  const on = today(op.now);
  await recordEvent(
    op.tx,
    op.audit,
    loaded,
    { type: 'version_proposed', on, version: number, hash, organisationId: input.organisationId },
    op.now,
    { action: 'agreement.version.propose', organisationId: input.organisationId, after: { number, hash } },
  );
  const actorId = op.audit.actor.kind === 'user' ? op.audit.actor.user.id : null;
  await op.tx.run(sql`
    INSERT INTO agreement_versions (agreement_id, number, hash, format, body_text, body_file, file_name, size_bytes,
      note, proposed_by_organisation_id, proposed_by_user_id, proposed_on)
    VALUES (${agreementId}, ${number}, ${hash}, ${body.format}, ${body.format === 'markdown' ? body.text : null},
      ${body.format === 'pdf' ? body.bytes : null}, ${body.format === 'pdf' ? body.fileName : null},
      ${body.format === 'markdown' ? Buffer.byteLength(body.text) : body.bytes.byteLength},
      ${input.note ?? null}, ${input.organisationId}, ${actorId}, ${on})`);
  return { number, hash };
}
