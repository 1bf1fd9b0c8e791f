import { tmpdir } from 'node:os';
import { join } from 'node:path';
/**
 * Directory search latency at national scale, measured in process:
 *   npx tsx src/modules/directory/bench/search-latency.ts
 * Builds an embedded database with the real geography (COG 2026: every commune, EPCI,
 * département, région and special-status authority, ≈ 37,000 organisations) plus 450
 * generated Missions Locales with profiles, then times each route sequentially (p50/p95 in
 * ms) and as a ratio of the bare /healthz route of the same app in the same run.
 */
import { loadConfig } from '../../../config.js';
import { openPglite } from '../../../db/client.js';
import { migrate } from '../../../db/migrate.js';
import { sql } from '../../../db/sql.js';
import { createApp } from '../../../http/app.js';
import { createLogger } from '../../../logger.js';
import { importGeography } from '../territory/import-geography.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

const db = await openPglite();
await migrate(db);
let t0 = performance.now();
await importGeography(db);
const importMs = performance.now() - t0;
await db.run(sql`INSERT INTO organisations (kind, name, code, departement_code, region_code, open_to_partnership)
  SELECT 'mission_locale', 'Mission Locale ' || c.name, c.insee || 'S00', c.departement_code, c.region_code, (random() < 0.3)
  FROM (SELECT * FROM communes ORDER BY population DESC NULLS LAST LIMIT 450) c`);
await db.run(sql`INSERT INTO organisation_themes (organisation_id, theme_code)
  SELECT id, 'youth_mobility' FROM organisations WHERE kind = 'mission_locale' AND open_to_partnership`);
await db.run(sql`INSERT INTO organisation_countries (organisation_id, country)
  SELECT id, (ARRAY['SN','MA','DZ','JP','HT'])[1 + (abs(hashtext(id::text)) % 5)] FROM organisations
  WHERE kind = 'local_authority' AND level IN ('region', 'departement')`);
await db.exec('ANALYZE');
const { n } = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM organisations`);

const config = loadConfig({
  DATA_DIR: join(tmpdir(), 'passerelle-bench-unused'),
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  BASE_URL: 'http://passerelle.bench',
  DEMO: 'false',
  LOG_LEVEL: 'silent',
});
const { app } = createApp({ config, db, logger: createLogger('silent'), now: () => new Date() });

async function time(path: string) {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 10; i++) await (await app.request(`http://passerelle.bench${path}`)).arrayBuffer();
  for (let i = 0; i < ROUNDS; i++) {
    t0 = performance.now();
    const c0 = process.cpuUsage();
    const res = await app.request(`http://passerelle.bench${path}`);
    await res.arrayBuffer();
    ms.push(performance.now() - t0);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
    if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
  }
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const at = (xs: number[], q: number) => xs[Math.floor(xs.length * q)];
  return { p50: at(ms, 0.5), p95: at(ms, 0.95), cpu50: at(cpu, 0.5), cpu95: at(cpu, 0.95) };
}

const routes = [
  '/healthz',
  '/api/v1/organisations/autocomplete?q=mars',
  '/api/v1/organisations/autocomplete?q=saint%20etien',
  '/api/v1/organisations/autocomplete?q=marseile',
  '/annuaire',
  '/annuaire?q=marseile',
  '/annuaire?q=saint%20etienne',
  '/annuaire?q=mission%20locale&kind=mission_locale&page=3',
  '/annuaire?kind=local_authority&departement=13',
  '/annuaire?open=1&theme=youth_mobility',
  '/annuaire?vue=carte&kind=mission_locale',
  '/api/v1/organisations?q=lyon&region=84',
  '/annuaire?q=marseille',
  '/annuaire?q=mission%20locale%20marseille',
  '/annuaire?q=ml%20marseille',
  '/annuaire?q=cc%20gex',
  '/api/v1/organisations/autocomplete?q=ml%20marseille',
];
console.log(
  `geography import: ${(importMs / 1000).toFixed(1)} s; ${n} organisations; ${ROUNDS} sequential requests per route`,
);
const bare = await time(routes[0]);
console.log(
  `load average: ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(`| route | wall p50 ms | wall p95 ms | CPU p50 ms | CPU p95 ms | wall p95 / bare |`);
for (const r of routes) {
  const m = r === routes[0] ? bare : await time(r);
  console.log(
    `| ${r} | ${m.p50.toFixed(1)} | ${m.p95.toFixed(1)} | ${m.cpu50.toFixed(1)} | ${m.cpu95.toFixed(1)} | ${(m.p95 / bare.p95).toFixed(0)}× |`,
  );
}
await db.close();
