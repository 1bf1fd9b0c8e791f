import type { Deps } from '../../http/context.js';
import { hashPassword } from '../../modules/auth/password.js';
import { modules } from '../../modules/index.js';
import { sql } from '../sql.js';

/** One demo account per role, printed at start in demo mode. */
export const DEMO_PASSWORD = 'Passerelle-demo-2026';
export const DEMO_ACCOUNTS = [
  {
    email: 'admin@demo.passerelle.localhost',
    name: 'Camille Admin (démo)',
    role: 'administrateur de la plateforme',
  },
  {
    email: 'unml@demo.passerelle.localhost',
    name: 'Nadia Réseau UNML (démo)',
    role: 'équipe nationale UNML',
  },
  { email: 'cuf@demo.passerelle.localhost', name: 'Louis Réseau CUF (démo)', role: 'équipe nationale CUF' },
  {
    email: 'direction.ml@demo.passerelle.localhost',
    name: 'Inès Directrice ML (démo)',
    role: 'administratrice d’une Mission Locale',
  },
  {
    email: 'conseiller.ml@demo.passerelle.localhost',
    name: 'Hugo Conseiller ML (démo)',
    role: 'membre d’une Mission Locale',
  },
  {
    email: 'collectivite@demo.passerelle.localhost',
    name: 'Sarah Chargée RI (démo)',
    role: 'administratrice d’une collectivité',
  },
] as const;

/** True once demo data exists (so it is seeded on the first start only). */
export async function demoSeeded(deps: Pick<Deps, 'db'>): Promise<boolean> {
  return !!(await deps.db.maybeOne(sql`SELECT 1 FROM app_meta WHERE key = 'demo_seeded'`));
}

/**
 * Demonstration data, clearly labelled (is_demo, "(démo)" in names). Runs once; modules
 * add their own demo data through `seedDemo`.
 */
export async function seedDemo(deps: Deps): Promise<boolean> {
  if (await demoSeeded(deps)) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  await deps.db.transaction(async (tx) => {
    const org = async (
      kind: string,
      name: string,
      extra: { level?: string; siret?: string; code?: string; short?: string } = {},
    ) =>
      (
        await tx.one<{
          id: string;
        }>(sql`INSERT INTO organisations (kind, level, name, short_name, siret, code, is_demo)
          VALUES (${kind}, ${extra.level ?? null}, ${name}, ${extra.short ?? null}, ${extra.siret ?? null}, ${extra.code ?? null}, true)
          ON CONFLICT (kind, coalesce(level, ''), code) WHERE code IS NOT NULL DO UPDATE SET name = organisations.name
          RETURNING id`)
      ).id;
    const unml = await org('unml', 'Union nationale des Missions Locales', { short: 'UNML', code: 'UNML' });
    const cuf = await org('cuf', 'Cités Unies France', { short: 'CUF', code: 'CUF' });
    const ml = await org('mission_locale', 'Mission Locale de démonstration (démo)', {
      code: 'DEMO-ML',
      siret: '00000000000017',
    });
    const authority = await org('local_authority', 'Commune de démonstration (démo)', {
      level: 'commune',
      code: 'DEMO-COM',
      siret: '00000000000025',
    });
    await org('foreign_partner', 'Commune partenaire de Saint-Louis (démo)', { code: 'DEMO-FP' });
    const user = async (email: string, name: string, extra: { global?: string; network?: string } = {}) =>
      (
        await tx.one<{
          id: string;
        }>(sql`INSERT INTO users (email, name, password_hash, global_role, network, is_demo)
          VALUES (${email}, ${name}, ${hash}, ${extra.global ?? null}, ${extra.network ?? null}, true)
          ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id`)
      ).id;
    const [a, unmlU, cufU, dir, adv, col] = DEMO_ACCOUNTS;
    await user(a.email, a.name, { global: 'platform_admin' });
    const u1 = await user(unmlU.email, unmlU.name, { global: 'network_admin', network: 'unml' });
    const u2 = await user(cufU.email, cufU.name, { global: 'network_admin', network: 'cuf' });
    const u3 = await user(dir.email, dir.name);
    const u4 = await user(adv.email, adv.name);
    const u5 = await user(col.email, col.name);
    const member = (u: string, o: string, role: 'member' | 'admin') =>
      tx.run(
        sql`INSERT INTO memberships (user_id, organisation_id, role) VALUES (${u}, ${o}, ${role}) ON CONFLICT DO NOTHING`,
      );
    await member(u1, unml, 'admin');
    await member(u2, cuf, 'admin');
    await member(u3, ml, 'admin');
    await member(u4, ml, 'member');
    await member(u5, authority, 'admin');
    await tx.run(
      sql`INSERT INTO app_meta (key, value) VALUES ('demo_seeded', ${JSON.stringify({ at: new Date().toISOString() })})`,
    );
  });
  for (const m of modules) await m.seedDemo?.(deps);
  return true;
}
