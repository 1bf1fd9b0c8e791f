import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { type ImportReport, importActions } from './domain/roadmap-csv.js';
import type { OpContext } from './op-context.js';
import { loadRoadmap } from './roadmap-store.js';
import { insertAction } from './save-roadmap-action.js';
import { loadAgreement } from './store.js';

export class ImportRejected extends AppError {
  constructor(readonly report: ImportReport) {
    super('validation', `${report.errors.length} ligne(s) en erreur : rien n'a été importé.`, {
      file: 'Corrigez les lignes signalées.',
    });
  }
}

/** CSV import of actions: all rows valid → all imported; otherwise nothing, and the per-row report. */
export async function importRoadmapActions(op: OpContext, agreementId: string, year: number, csv: string) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  const r = await loadRoadmap(op.tx, agreementId, year, loaded.terms.partyIds);
  const codes = await op.tx.many<{ id: string; code: string | null; short_name: string | null }>(
    sql`SELECT id, code, short_name FROM organisations WHERE id IN (${sql.join(loaded.terms.partyIds)})`,
  );
  const parties = loaded.parties.map((p) => {
    const o = codes.find((x) => x.id === p.organisation_id);
    return { id: p.organisation_id, names: [p.name, o?.code, o?.short_name].filter((x): x is string => !!x) };
  });
  const report = importActions(csv, parties);
  if (report.errors.length) throw new ImportRejected(report);
  const label = op.audit.actor.kind === 'user' ? op.audit.actor.user.name : 'système';
  for (const [i, { action }] of report.actions.entries()) {
    await insertAction(op.tx, r.id, action, label, r.actions.length + i + 1);
  }
  await audit(op.tx, op.audit, {
    action: 'agreement.roadmap.import',
    entityType: 'agreement',
    entityId: agreementId,
    after: { year, imported: report.actions.length },
  });
  return { imported: report.actions.length };
}
