import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import type { Registrar } from '../../http/registry.js';
import { policies } from '../../policy/policy.js';
import type { Module } from '../index.js';
import { registerEvaluationApi } from './api.js';
import { computeDashboard } from './compute-indicators.js';
import { dashboardCsv, dashboardWorkbook } from './export-indicators.js';
import { dashboardPage } from './pages/dashboard.js';
import { parisToday, readDashboardQuery } from './request.js';
import { regionOptions } from './store.js';

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
}

export const evaluationModule: Module = {
  name: 'evaluation',
  register,
};
