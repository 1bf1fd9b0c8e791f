import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { moderateResource } from './moderate-resource.js';
import { recordAwarenessAction } from './record-awareness-action.js';
import { suggestResource } from './suggest-resource.js';

/** Demo library entries and one awareness action, marked "(démo)". */
export async function seedEcsiDemo(deps: Deps) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    if (await tx.maybeOne(sql`SELECT 1 AS x FROM ecsi_resources WHERE is_demo LIMIT 1`)) return;
    const op = { tx, audit: { actor: { kind: 'system' as const, label: 'données de démonstration' } }, now };
    const admin = await tx.maybeOne<{ id: string }>(
      sql`SELECT id FROM users WHERE global_role = 'network_admin' ORDER BY is_demo DESC LIMIT 1`,
    );
    const id = await suggestResource(op, null, {
      title: 'Guide : parler de solidarité internationale avec des jeunes en insertion (démo)',
      kind: 'guide',
      summary:
        'Des activités simples pour ouvrir une discussion sur le monde, les inégalités et l’engagement, avec un groupe de jeunes accompagnés par une Mission Locale.',
      audience: 'missions_locales',
      themes: [],
      language: 'fr',
      licence: 'CC BY 4.0',
      source: 'Exemple de démonstration',
      url: 'https://exemple.fr/guide-ecsi-demo',
      isDemo: true,
    });
    if (admin) await moderateResource(op, admin.id, id, 'publish');
    const ml = await tx.maybeOne<{ id: string }>(
      sql`SELECT id FROM organisations WHERE kind = 'mission_locale' AND is_demo LIMIT 1`,
    );
    const authority = await tx.maybeOne<{ id: string }>(
      sql`SELECT id FROM organisations WHERE kind = 'local_authority' AND is_demo LIMIT 1`,
    );
    if (ml && authority)
      await recordAwarenessAction(op, null, {
        title: 'Atelier de découverte de l’ECSI (démo)',
        kind: 'workshop',
        heldOn: now.toISOString().slice(0, 10),
        organiserId: authority.id,
        participantIds: [ml.id],
        description: 'Deux heures pour découvrir l’ECSI et des exemples de projets.',
        isDemo: true,
      });
  });
}
