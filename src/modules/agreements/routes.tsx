import { sql } from '../../db/sql.js';
import type { Module } from '../index.js';
import { registerAgreementsApi } from './api.js';
import { registerAgreementActionsApi } from './api-actions.js';
import { snapshotOn } from './domain/lifecycle.js';
import { agreementPdf } from './export-pdf.js';
import { registerAgreementPages } from './pages.js';
import { agreementPolicies } from './policy.js';
import { registerRoadmapPages } from './roadmap-pages.js';
import { seedDemoNationalAgreement, seedNationalConvention } from './seed-national-convention.js';
import { reminderJobs, SCAN_KIND } from './send-reminders.js';
import { loadAgreement, today } from './store.js';

export const agreementsModule: Module = {
  name: 'agreements',
  jobs: (deps) => reminderJobs(deps),
  // Reminders (art. 4, 5): scanned every hour; each is sent once.
  schedules: [{ name: 'agreements.reminders', kind: SCAN_KIND, intervalSeconds: 3600 }],
  // The real national convention, in demo mode too (also: `passerelle seed national-convention`).
  async seedDemo(deps) {
    await seedNationalConvention(deps.db, deps.now());
    // Demo roadmaps live on a demo agreement marked "(démo)", never on the real convention.
    await seedDemoNationalAgreement(deps.db, deps.now());
  },
  register(r, deps) {
    registerAgreementsApi(r, deps);
    registerAgreementActionsApi(r, deps);
    // The PDF export comes before /conventions/:id, which would also match "<id>.pdf".
    r.asset(
      'GET',
      '/conventions/:id{[0-9a-fA-F-]{36}\\.pdf}',
      agreementPolicies(deps.db).viewer,
      async (c) => {
        const id = (c.req.param('id') ?? '').replace(/\.pdf$/, '');
        const loaded = await loadAgreement(deps.db, id);
        const on = today(deps.now());
        const s = snapshotOn(loaded.terms, loaded.history, on);
        const shown = loaded.versions.find((v) => v.number === (s.bindingVersion ?? s.currentVersion));
        const text = shown
          ? await deps.db.maybeOne<{ body_text: string | null }>(
              sql`SELECT body_text FROM agreement_versions WHERE id = ${shown.id}`,
            )
          : null;
        const pdf = await agreementPdf(
          loaded,
          s,
          on,
          text?.body_text ?? null,
          c.get('t'),
          c.get('locale'),
          deps.now(),
        );
        return c.body(new Uint8Array(pdf), 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename="convention-${id}.pdf"`,
        });
      },
    );
    registerAgreementPages(r, deps);
    registerRoadmapPages(r, deps);
  },
};
