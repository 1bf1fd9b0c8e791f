import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { formatDate } from '../../i18n/i18n.js';
import { sha256 } from '../../lib/crypto.js';
import type { OpContext } from './op-context.js';
import { loadAgreement, pastOrTodayDate, recordEvent, requireParty } from './store.js';

export interface ApproveInput {
  organisationId: string;
  hash: string;
  signedOn: string;
  signerName: string;
  signerRole: string;
  signedAtPlace?: string | null;
  method?: 'platform_acceptance' | 'signed_scan';
  scan?: { bytes: Uint8Array; fileName: string } | null;
  /** A platform admin records the signature from a signed paper copy (audited as such). */
  recordedByPlatformAdmin?: boolean;
}

/**
 * Art. 5 and 6 : a party approves or signs a specific version, named by its hash. Only the
 * latest version may be approved (409 otherwise, nothing written). The last party's
 * signature of the same version brings the agreement into force (or binds the amendment).
 */
export async function approveVersion(op: OpContext, agreementId: string, input: ApproveInput) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  requireParty(loaded, input.organisationId, 'organisationId');
  const signedOn = pastOrTodayDate(input.signedOn, 'signedOn', op.now, 'la date de signature');
  const latest = loaded.versions.at(-1);
  if (!latest || latest.hash !== input.hash.toLowerCase()) {
    const known = loaded.versions.find((v) => v.hash === input.hash.toLowerCase());
    throw new AppError(
      'conflict',
      known
        ? `La version ${known.number} n'est plus la dernière : approuvez la version ${latest?.number} (empreinte ${latest?.hash}).`
        : 'Cette empreinte ne correspond à aucune version de la convention.',
    );
  }
  // An amendment is written on the platform: it cannot have been signed before it existed.
  // The first version may be the upload of a text signed on paper earlier.
  if (latest.number > 1 && signedOn < latest.proposed_on) {
    throw new AppError('validation', undefined, {
      signedOn: `La date de signature ne peut pas précéder la proposition de la version (${formatDate(latest.proposed_on)}).`,
    });
  }
  const method = input.method ?? (input.scan ? 'signed_scan' : 'platform_acceptance');
  if (method === 'signed_scan' && !input.scan && !input.recordedByPlatformAdmin) {
    throw new AppError('validation', undefined, { scan: 'Joignez la copie signée (PDF).' });
  }
  const { after } = await recordEvent(
    op.tx,
    op.audit,
    loaded,
    {
      type: 'approved',
      on: signedOn,
      version: latest.number,
      hash: latest.hash,
      organisationId: input.organisationId,
    },
    op.now,
    {
      action: input.recordedByPlatformAdmin ? 'agreement.approval.record_paper' : 'agreement.approval',
      organisationId: input.organisationId,
      after: {
        version: latest.number,
        hash: latest.hash,
        signedOn,
        signerName: input.signerName,
        signerRole: input.signerRole,
        method,
        recordedByPlatformAdmin: !!input.recordedByPlatformAdmin,
      },
    },
  );
  const actorId = op.audit.actor.kind === 'user' ? op.audit.actor.user.id : null;
  const row = await op.tx.one<{ id: string }>(sql`
    INSERT INTO agreement_approvals (agreement_id, version_id, organisation_id, signer_name, signer_role, signed_on,
      signed_at_place, method, scan_file, scan_file_name, scan_hash, recorded_by, recorded_by_platform_admin)
    VALUES (${agreementId}, ${latest.id}, ${input.organisationId}, ${input.signerName.trim()}, ${input.signerRole.trim()},
      ${signedOn}, ${input.signedAtPlace ?? null}, ${method}, ${input.scan?.bytes ?? null}, ${input.scan?.fileName ?? null},
      ${input.scan ? sha256(Buffer.from(input.scan.bytes)) : null}, ${actorId}, ${!!input.recordedByPlatformAdmin})
    RETURNING id`);
  return {
    id: row.id,
    version: latest.number,
    hash: latest.hash,
    state: after.state,
    inForceFrom: after.inForceFrom,
  };
}
