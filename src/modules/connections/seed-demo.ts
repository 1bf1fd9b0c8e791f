import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { requestConnection } from './request-connection.js';

/**
 * Demo data: the demo Mission Locale (DEMO-ML) asks the demo commune (DEMO-COM) for a
 * connection, so that the commune's demo admin finds a notification and a request to
 * answer. Runs once (nothing if a request between them exists).
 */
export async function seedConnectionsDemo(deps: Deps): Promise<void> {
  const byCode = async (code: string) =>
    (
      await deps.db.maybeOne<{ id: string }>(
        sql`SELECT id FROM organisations WHERE code = ${code} AND is_demo`,
      )
    )?.id;
  const ml = await byCode('DEMO-ML');
  const commune = await byCode('DEMO-COM');
  const director = await deps.db.maybeOne<{ id: string; email: string; name: string }>(
    sql`SELECT id, email, name FROM users WHERE email = 'direction.ml@demo.passerelle.localhost'`,
  );
  if (!ml || !commune || !director) return;
  if (
    await deps.db.maybeOne(
      sql`SELECT 1 AS x FROM connections WHERE requester_id = ${ml} AND receiver_id = ${commune}`,
    )
  )
    return;
  await requestConnection(
    deps,
    {
      actor: { kind: 'system', label: 'données de démonstration' },
      user: { ...director, globalRole: null, network: null, locale: 'fr' },
    },
    {
      requesterId: ml,
      receiverId: commune,
      message:
        'Bonjour, nous cherchons une collectivité engagée au Sénégal pour un projet de mobilité de jeunes en 2027. Pouvons-nous en parler ? (démo)',
      projectKind: 'youth_mobility',
      projectCountries: ['SN'],
      projectThemes: ['youth_mobility'],
    },
  );
}
