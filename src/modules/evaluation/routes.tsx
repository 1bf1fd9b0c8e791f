import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { Registrar } from '../../http/registry.js';
import { readForm } from '../../http/validation.js';
import { policies } from '../../policy/policy.js';
import { agreementPolicies } from '../agreements/index.js';
import type { Module } from '../index.js';
import { registerEvaluationApi } from './api.js';
import { approveReview } from './approve-review.js';
import { computeDashboard } from './compute-indicators.js';
import { dashboardCsv, dashboardWorkbook } from './export-indicators.js';
import { evaluationOp } from './op-context.js';
import { dashboardPage } from './pages/dashboard.js';
import { reviewPage } from './pages/review.js';
import { parisToday, readDashboardQuery } from './request.js';
import { reviewPdf } from './review-pdf.js';
import { loadReview } from './review-store.js';
import { saveReviewSection } from './save-review-section.js';
import { regionOptions } from './store.js';

/** The convention year in the path (1, 2, …). */
export const yearParam = (c: Context<AppEnv>) => {
  const y = Number(c.req.param('year'));
  if (!Number.isInteger(y) || y < 1 || y > 99)
    throw new AppError('not_found', 'Année de convention inconnue.');
  return y;
};

type C = Context<AppEnv>;

function register(r: Registrar, deps: Deps) {
  const { db } = deps;
  const query = (c: C) =>
    readDashboardQuery(
      { on: c.req.query('on'), region: c.req.query('region'), departement: c.req.query('departement') },
      parisToday(deps.now()),
    );

  registerEvaluationApi(r, deps);

  // The national dashboard, for network staff (art. 4 : le bilan, les indicateurs).
  r.page('GET', '/evaluation', policies.networkAdmin, async (c) => {
    const q = query(c);
    const regions = await regionOptions(db);
    const values = { on: c.req.query('on') ?? parisToday(deps.now()), region: c.req.query('region') ?? '' };
    if (!q.ok) return dashboardPage(c, { dashboard: null, values, regions, errors: q.errors }, 400);
    const dashboard = await computeDashboard(db, { ...q.value, now: deps.now() });
    return dashboardPage(c, { dashboard, values, regions });
  });

  const download = (kind: 'csv' | 'xlsx') => async (c: C) => {
    const q = query(c);
    if (!q.ok) return c.text(Object.values(q.errors).join('\n'), 400);
    const d = await computeDashboard(db, { ...q.value, now: deps.now() });
    const name = `indicateurs-${d.on}.${kind}`;
    const disposition = `attachment; filename="${name}"`;
    if (kind === 'csv')
      return c.body(dashboardCsv(d), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': disposition,
      });
    return c.body(await dashboardWorkbook(d), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': disposition,
    });
  };
  r.asset('GET', '/evaluation/indicateurs.csv', policies.networkAdmin, download('csv'));
  r.asset('GET', '/evaluation/indicateurs.xlsx', policies.networkAdmin, download('xlsx'));

  // Art. 4 : the annual review (bilan) of an agreement.
  const ap = agreementPolicies(db);
  const adminOf = (c: C) => {
    const a = c.get('actor');
    return a.kind === 'user'
      ? a.memberships.filter((m) => m.role === 'admin').map((m) => m.organisationId)
      : [];
  };
  const reviewBase = '/conventions/:id/bilans/:year';
  const show = async (
    c: C,
    extra: { flash?: string; error?: string; errors?: Record<string, string> } = {},
    status = 200,
  ) =>
    reviewPage(
      c,
      {
        review: await loadReview(db, c.req.param('id') ?? '', yearParam(c), deps.now()),
        adminOf: adminOf(c),
        ...extra,
      },
      status,
    );
  r.page('GET', reviewBase, ap.viewer, (c) =>
    show(c, {
      flash: c.req.query('enregistre')
        ? 'Votre partie est enregistrée.'
        : c.req.query('approuve')
          ? 'Votre approbation est enregistrée.'
          : undefined,
    }),
  );
  const act =
    (run: (c: C, form: Record<string, string | string[]>) => Promise<unknown>, flag: string) =>
    async (c: C) => {
      const form = await readForm(c);
      try {
        await run(c, form);
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation') return show(c, { errors: e.fields ?? {} }, 422);
        if (e instanceof AppError && e.code === 'conflict') return show(c, { error: e.message }, 409);
        throw e;
      }
      return c.redirect(`/conventions/${c.req.param('id')}/bilans/${yearParam(c)}?${flag}=1`, 303);
    };
  r.page(
    'POST',
    `${reviewBase}/partie`,
    ap.actingParty('organisationId'),
    act(
      (c, f) =>
        db.transaction((tx) =>
          saveReviewSection(evaluationOp(c, deps, tx), c.req.param('id') ?? '', yearParam(c), {
            organisationId: String(f.organisationId ?? ''),
            body: String(f.body ?? ''),
          }),
        ),
      'enregistre',
    ),
  );
  r.page(
    'POST',
    `${reviewBase}/approuver`,
    ap.actingParty('organisationId'),
    act(
      (c, f) =>
        db.transaction((tx) =>
          approveReview(evaluationOp(c, deps, tx), c.req.param('id') ?? '', yearParam(c), {
            organisationId: String(f.organisationId ?? ''),
            hash: String(f.hash ?? ''),
          }),
        ),
      'approuve',
    ),
  );
  r.asset('GET', `${reviewBase}/bilan.pdf`, ap.viewer, async (c) => {
    const review = await loadReview(db, c.req.param('id') ?? '', yearParam(c), deps.now());
    const pdf = await reviewPdf(review, deps.now());
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="bilan-annee-${review.content.year}.pdf"`,
    });
  });
}

export const evaluationModule: Module = {
  name: 'evaluation',
  register,
};
