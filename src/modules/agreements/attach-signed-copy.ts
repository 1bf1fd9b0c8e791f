import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { sha256 } from '../../lib/crypto.js';
import type { OpContext } from './op-context.js';
import { appendHistory, loadAgreement, today } from './store.js';
import { checkBody } from './text.js';

/**
 * Uploads the signed document of a recorded approval (a scan of the paper copy). The
 * document is kept with its SHA-256; it never replaces a version of the text.
 */
export async function attachSignedCopy(
  op: OpContext,
  agreementId: string,
  approvalId: string,
  file: { bytes: Uint8Array; fileName: string },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  const approval = loaded.approvals.find((a) => a.id === approvalId);
  if (!approval) throw new AppError('not_found', 'Signature introuvable.');
  if (approval.has_scan)
    throw new AppError('conflict', 'La copie signée de cette signature est déjà déposée.');
  const checked = checkBody({ format: 'pdf', ...file });
  if (checked.format !== 'pdf')
    throw new AppError('validation', undefined, { file: 'Le fichier doit être un PDF.' });
  const hash = sha256(Buffer.from(checked.bytes));
  await op.tx.run(sql`UPDATE agreement_approvals SET scan_file = ${checked.bytes}, scan_file_name = ${checked.fileName},
    scan_hash = ${hash} WHERE id = ${approvalId}`);
  await appendHistory(op.tx, op.audit, agreementId, 'signed_copy_attached', today(op.now), {
    approvalId,
    organisationId: approval.organisation_id,
    version: approval.number,
    hash,
  });
  await audit(op.tx, op.audit, {
    action: 'agreement.approval.attach_copy',
    entityType: 'agreement',
    entityId: agreementId,
    organisationId: approval.organisation_id,
    after: { approvalId, fileName: checked.fileName, hash },
  });
  return { hash };
}
