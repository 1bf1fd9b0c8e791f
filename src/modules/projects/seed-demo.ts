import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import {
  addBudgetLine,
  addFundingLine,
  addMilestone,
  addPartner,
  createProject,
  transition,
} from './operations.js';

const SYSTEM = { actor: { kind: 'system' as const, label: 'données de démonstration' } };

/**
 * A demo project between the demo Mission Locale and the demo local authority, in
 * preparation, with a budget and a funding plan that names a catalogue programme.
 */
export async function seedDemoProject(deps: Deps): Promise<boolean> {
  const org = (email: string) =>
    deps.db.maybeOne<{
      id: string;
    }>(sql`SELECT m.organisation_id AS id FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE u.email = ${email} LIMIT 1`);
  const ml = await org('direction.ml@demo.passerelle.localhost');
  const authority = await org('collectivite@demo.passerelle.localhost');
  if (!ml || !authority) return false;
  if (await deps.db.maybeOne(sql`SELECT 1 FROM projects WHERE title = 'Jeunes solidaires (démo)'`))
    return false;
  const programme = await deps.db.maybeOne<{ id: string }>(
    sql`SELECT id FROM funding_programmes WHERE slug = 'daect-aap-jeunesse'`,
  );
  const now = deps.now();
  const year = now.getUTCFullYear() + 1;
  await deps.db.transaction(async (tx) => {
    const op = { tx, audit: SYSTEM, now };
    const id = await createProject(op, {
      title: 'Jeunes solidaires (démo)',
      kind: 'youth_mobility',
      summary:
        'Dix jeunes accompagnés par la Mission Locale partent trois semaines au Sénégal, puis accueillent leurs partenaires.',
      objectives:
        'Mobilité de jeunes éloignés de l’emploi, chantier solidaire, accueil réciproque l’année suivante.',
      startsOn: `${year}-04-01`,
      endsOn: `${year}-09-30`,
      countries: ['SN'],
      organisationId: ml.id,
      partnerIds: [authority.id],
    });
    await addPartner(op, id, {
      organisationId: null,
      foreignName: 'Commune de Saint-Louis',
      country: 'SN',
      role: 'Accueil et chantier',
    });
    await addMilestone(op, id, { title: 'Dépôt du dossier de financement', dueOn: `${year}-01-31` });
    await addBudgetLine(op, id, { label: 'Transport', amount: 9000 });
    await addBudgetLine(op, id, { label: 'Hébergement et repas', amount: 6000 });
    await addFundingLine(op, id, {
      programmeId: programme?.id ?? null,
      source: programme ? '' : 'Ministère de l’Europe et des Affaires étrangères',
      requested: 9000,
      obtained: null,
      status: 'requested',
    });
    await transition(op, id, 'in_preparation');
  });
  return true;
}
