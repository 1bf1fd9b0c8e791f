import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { updateProfile } from './profiles.js';

/**
 * Demo profiles for the demo organisations of the core seed (codes DEMO-ML, DEMO-COM,
 * DEMO-FP): engagement, contacts at each sharing level, a partner abroad. Labelled demo.
 */
export async function seedDirectoryDemo(deps: Deps): Promise<void> {
  const byCode = async (code: string) =>
    (
      await deps.db.maybeOne<{ id: string }>(
        sql`SELECT id FROM organisations WHERE code = ${code} AND is_demo`,
      )
    )?.id;
  const ml = await byCode('DEMO-ML');
  const commune = await byCode('DEMO-COM');
  const partner = await byCode('DEMO-FP');
  const ctx = { actor: { kind: 'system' as const, label: 'données de démonstration' } };
  const opts = { mayRecordCufMembership: true };
  if (partner) {
    await updateProfile(
      deps.db,
      ctx,
      partner,
      { country: 'SN', city: 'Saint-Louis', partnerType: 'municipality' },
      deps.now(),
      opts,
    );
  }
  if (ml) {
    await updateProfile(
      deps.db,
      ctx,
      ml,
      {
        description:
          'Mission Locale fictive, pour découvrir Passerelle. Accompagne les jeunes de 16 à 25 ans.',
        website: 'https://exemple.fr',
        openToPartnership: true,
        partnershipWanted:
          'Une collectivité engagée au Sénégal pour un projet de mobilité de jeunes en 2027.',
        themes: ['youth_mobility', 'ecsi'],
        countries: ['SN'],
        countryGroups: ['senegal'],
        partners: partner ? [{ id: partner }] : [],
        contacts: [
          {
            name: 'Accueil (démo)',
            roleTitle: 'Accueil',
            email: 'accueil@demo.passerelle.localhost',
            phone: null,
            sharingLevel: 'public',
          },
          {
            name: 'Inès Directrice (démo)',
            roleTitle: 'Direction',
            email: 'direction.ml@demo.passerelle.localhost',
            phone: null,
            sharingLevel: 'partners',
          },
          {
            name: 'Hugo Conseiller (démo)',
            roleTitle: 'Conseiller mobilité',
            email: 'conseiller.ml@demo.passerelle.localhost',
            phone: '01 23 45 67 89',
            sharingLevel: 'confidential',
          },
        ],
        verified: true,
      },
      deps.now(),
      opts,
    );
  }
  if (commune) {
    await updateProfile(
      deps.db,
      ctx,
      commune,
      {
        description: 'Commune fictive engagée dans la coopération décentralisée.',
        themes: ['ecsi', 'climate'],
        countries: ['MA', 'SN'],
        countryGroups: ['maroc'],
        cufMember: true,
        contacts: [
          {
            name: 'Sarah Chargée RI (démo)',
            roleTitle: 'Relations internationales',
            email: 'collectivite@demo.passerelle.localhost',
            phone: null,
            sharingLevel: 'partners',
          },
        ],
        verified: true,
      },
      deps.now(),
      opts,
    );
  }
}
