import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { updateProfile } from './profiles.js';
import { placeDemoInTerritory } from './territory/demo-territory.js';

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
  // Two more demo authorities of the demo territory (Grand Poitiers, see demo-territory.ts),
  // with international profiles, so that the demo Mission Locale's matches mean something.
  const demoAuthority = async (level: string, code: string, name: string) =>
    (
      await deps.db.one<{ id: string }>(sql`INSERT INTO organisations (kind, level, name, code, is_demo)
        VALUES ('local_authority', ${level}, ${name}, ${code}, true)
        ON CONFLICT (kind, coalesce(level, ''), code) WHERE code IS NOT NULL DO UPDATE SET name = organisations.name
        RETURNING id`)
    ).id;
  const epci = await demoAuthority('epci', 'DEMO-EPCI', 'Communauté urbaine de démonstration (démo)');
  const departement = await demoAuthority('departement', 'DEMO-DEP', 'Département de démonstration (démo)');
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
  await updateProfile(
    deps.db,
    ctx,
    epci,
    {
      description:
        'Intercommunalité fictive (démo) : jumelages et coopération décentralisée au Sénégal et au Burkina Faso.',
      themes: ['youth_mobility', 'staff_mobility', 'europe_world'],
      countries: ['SN', 'BF'],
      countryGroups: ['senegal'],
      cufMember: true,
      openToPartnership: true,
      partnershipWanted: 'Une Mission Locale du territoire pour envoyer des jeunes au Sénégal en 2027.',
      contacts: [
        {
          name: 'Service des relations internationales (démo)',
          roleTitle: 'Relations internationales',
          email: 'ri.epci@demo.passerelle.localhost',
          phone: null,
          sharingLevel: 'public',
        },
      ],
      verified: true,
    },
    deps.now(),
    opts,
  );
  await updateProfile(
    deps.db,
    ctx,
    departement,
    {
      description:
        'Département fictif (démo) : coopération avec des régions du Maroc et de Tunisie, éducation à la citoyenneté mondiale.',
      themes: ['ecsi', 'youth'],
      countries: ['MA', 'TN'],
      cufMember: false,
      openToPartnership: true,
      verified: true,
    },
    deps.now(),
    opts,
  );
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
  // When the geography is already there (a database imported before), place the demo now;
  // otherwise the first-start import does it once the communes are known.
  await deps.db.transaction((tx) => placeDemoInTerritory(tx));
}
