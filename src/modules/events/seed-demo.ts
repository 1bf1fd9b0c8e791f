import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { createEvent } from './create-event.js';

/** Demo events, marked "(démo)": a webinar next month and a cross presentation. */
export async function seedEventsDemo(deps: Deps) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const exists = await tx.maybeOne(sql`SELECT 1 AS x FROM events WHERE is_demo LIMIT 1`);
    if (exists) return;
    const unml = await tx.maybeOne<{ id: string }>(
      sql`SELECT id FROM organisations WHERE kind = 'unml' ORDER BY is_demo DESC LIMIT 1`,
    );
    const cuf = await tx.maybeOne<{ id: string }>(
      sql`SELECT id FROM organisations WHERE kind = 'cuf' ORDER BY is_demo DESC LIMIT 1`,
    );
    const op = {
      tx,
      audit: { actor: { kind: 'system' as const, label: 'données de démonstration' } },
      now,
      config: deps.config,
    };
    const day = (d: number, h: number) => {
      const x = new Date(now.getTime() + d * 86_400_000);
      x.setUTCHours(h, 0, 0, 0);
      return x;
    };
    await createEvent(op, {
      title: 'Webinaire : monter un projet de mobilité internationale des jeunes (démo)',
      kind: 'webinaire',
      description: 'Une heure pour comprendre les étapes, les financements et les partenaires possibles.',
      startsAt: day(21, 13),
      endsAt: day(21, 14),
      timeZone: 'Europe/Paris',
      place: null,
      videoUrl: 'https://visio.exemple.fr/passerelle-demo',
      audience: 'both',
      region: null,
      capacity: 100,
      themes: [],
      speakers: ['Chargée de mission Europe et international, UNML (démo)'],
      roadmapActionId: null,
      hostNetwork: null,
      presentingNetwork: null,
      organiserId: unml?.id ?? null,
      createdBy: null,
      isDemo: true,
    });
    await createEvent(op, {
      title: 'Les Missions Locales présentées au groupe pays Sénégal de CUF (démo)',
      kind: 'presentation_croisee',
      description:
        'Art. 3 de la convention : l’UNML présente l’action des Missions Locales à une réunion de CUF.',
      startsAt: day(35, 8),
      endsAt: day(35, 10),
      timeZone: 'Europe/Paris',
      place: 'Cités Unies France, 9 rue Christiani, 75018 Paris',
      videoUrl: null,
      audience: 'both',
      region: null,
      capacity: 2,
      themes: [],
      speakers: [],
      roadmapActionId: null,
      hostNetwork: 'cuf',
      presentingNetwork: 'unml',
      organiserId: cuf?.id ?? null,
      createdBy: null,
      isDemo: true,
    });
  });
}
