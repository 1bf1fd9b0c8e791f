/**
 * The real national convention UNML–CUF, signed in Paris on 4 July 2025 by both
 * presidents, 3 years: its text (shipped in `data/`, see data/README.md), its two parties,
 * its two signatories and its signature — nothing invented. Roadmaps are drawn up by the
 * parties; the illustrative ones belong to a separate demo agreement marked "(démo)".
 */
import { readFileSync } from 'node:fs';
import type { Db, Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { approveRoadmap } from './approve-roadmap.js';
import { approveVersion } from './approve-version.js';
import { createAgreement } from './create-agreement.js';
import { createRoadmap } from './create-roadmap.js';
import type { Engagement } from './domain/roadmap.js';
import type { OpContext } from './op-context.js';
import { loadRoadmap } from './roadmap-store.js';
import { addRoadmapAction, updateRoadmapAction } from './save-roadmap-action.js';

export const NATIONAL_TITLE = 'Convention de partenariat UNML – Cités Unies France';

/** The text of the convention as signed, from the repository (data/README.md gives its source). */
export const NATIONAL_TEXT = readFileSync(
  new URL('./data/convention-unml-cuf-2025.md', import.meta.url),
  'utf8',
);

/** Passerelle's own summary: the text of the DEMO agreement only. */
export const NATIONAL_SUMMARY = `# Convention de partenariat UNML – Cités Unies France (résumé)

Résumé rédigé par l'équipe Passerelle ; il ne remplace pas le document signé.

## Objet (art. 1 et 2)
Rapprocher les collectivités territoriales engagées à l'international et les Missions Locales
de leur territoire pour monter des projets communs : mobilité internationale des jeunes
accompagnés, projets d'éducation à la citoyenneté et à la solidarité internationale (ECSI),
mobilité des professionnels de l'insertion, information sur les financements disponibles.

## Engagements (art. 3)
Informer chaque réseau des occasions de rapprochement locales ; communiquer ensemble sur les
actions communes ; organiser des temps d'échange et des webinaires ; faciliter les mises en
relation ; sensibiliser à l'ECSI ; présenter chaque partie aux événements de l'autre ; aider à
trouver des partenaires à l'étranger et des financements ; suivre et renouveler chaque année
une feuille de route commune.

## Suivi (art. 4)
Partage des données utiles à la demande (hors données confidentielles) et au moins une réunion
par an pour valider la feuille de route, dresser un bilan et communiquer sur les résultats.

## Durée, avenant, résiliation, litiges (art. 5 à 8)
Trois ans à compter de la signature par les deux parties ; dénonciation possible avec un mois de
préavis ; modifications par avenant approuvé par chaque partie ; résiliation possible quinze
jours après une mise en demeure restée sans effet, ou de plein droit en cas d'impossibilité
légale ; recherche d'un règlement amiable des litiges (médiation, arbitrage).
`;

async function ensureOrganisation(
  tx: Queryable,
  kind: 'unml' | 'cuf',
  name: string,
  code: string,
): Promise<string> {
  const found = await tx.maybeOne<{ id: string }>(
    sql`SELECT id FROM organisations WHERE kind = ${kind} AND code = ${code} ORDER BY created_at LIMIT 1`,
  );
  if (found) return found.id;
  const row = await tx.one<{ id: string }>(sql`INSERT INTO organisations (kind, name, short_name, code)
    VALUES (${kind}, ${name}, ${code}, ${code}) RETURNING id`);
  return row.id;
}

const findNational = (tx: Queryable, unml: string, cuf: string, demo: boolean) =>
  tx.maybeOne<{ id: string }>(sql`SELECT a.id FROM agreements a
    WHERE a.kind = 'national_partnership' AND a.is_demo = ${demo}
      AND EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.organisation_id = ${unml})
      AND EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.organisation_id = ${cuf})
    ORDER BY a.created_at LIMIT 1`);

async function createSigned(op: OpContext, unml: string, cuf: string, demo: boolean) {
  const created = await createAgreement(op, {
    title: demo ? `${NATIONAL_TITLE} (démo)` : NATIONAL_TITLE,
    kind: 'national_partnership',
    partyIds: [unml, cuf],
    termYears: 3,
    withdrawalNoticeMonths: 1,
    formalNoticeDays: 15,
    signedAtPlace: 'Paris',
    summary: demo
      ? 'Exemple de démonstration : feuilles de route fictives, pour essayer Passerelle.'
      : 'Rapprocher Missions Locales et collectivités engagées à l’international (convention du 4 juillet 2025).',
    body: { format: 'markdown', text: demo ? NATIONAL_SUMMARY : NATIONAL_TEXT },
    isDemo: demo,
  });
  const sign = (organisationId: string, signerName: string) =>
    approveVersion(op, created.id, {
      organisationId,
      hash: created.version.hash,
      signedOn: '2025-07-04',
      signerName,
      signerRole: 'Président',
      signedAtPlace: 'Paris',
      method: 'signed_scan',
      recordedByPlatformAdmin: true,
    });
  await sign(unml, 'Stéphane Valli');
  await sign(cuf, 'Michaël Delafosse');
  return created;
}

/**
 * Records the real national convention once (idempotent), demo mode or not: text, parties,
 * signatures at Paris on 4 July 2025. No roadmap: the year-2 reminder stays real.
 */
export async function seedNationalConvention(db: Db, now: Date): Promise<{ id: string; created: boolean }> {
  return db.transaction(async (tx) => {
    const unml = await ensureOrganisation(tx, 'unml', 'Union nationale des Missions Locales', 'UNML');
    const cuf = await ensureOrganisation(tx, 'cuf', 'Cités Unies France', 'CUF');
    const existing = await findNational(tx, unml, cuf, false);
    if (existing) return { id: existing.id, created: false };
    const op: OpContext = {
      tx,
      audit: { actor: { kind: 'system', label: 'seed: national convention' } },
      now,
    };
    const created = await createSigned(op, unml, cuf, false);
    return { id: created.id, created: true };
  });
}

/**
 * Demo mode only: a copy of the national convention marked "(démo)" (is_demo), with
 * illustrative roadmaps for years 1 and 2 — never on the real convention.
 */
export async function seedDemoNationalAgreement(
  db: Db,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  return db.transaction(async (tx) => {
    const unml = await ensureOrganisation(tx, 'unml', 'Union nationale des Missions Locales', 'UNML');
    const cuf = await ensureOrganisation(tx, 'cuf', 'Cités Unies France', 'CUF');
    const existing = await findNational(tx, unml, cuf, true);
    if (existing) return { id: existing.id, created: false };
    const op: OpContext = {
      tx,
      audit: { actor: { kind: 'system', label: 'démo : convention nationale' } },
      now,
    };
    const created = await createSigned(op, unml, cuf, true);
    await seedRoadmaps(op, created.id, unml, cuf);
    return { id: created.id, created: true };
  });
}

type SeedAction = [
  title: string,
  engagement: Engagement,
  owner: 'unml' | 'cuf',
  indicator: string,
  target: number,
  dueOn: string,
];

/**
 * Illustrative roadmaps of the DEMO agreement (Passerelle's own examples, drawn from art. 3): year 1 validated by
 * both parties with one action left unfinished, carried over into the year-2 roadmap.
 */
async function seedRoadmaps(op: OpContext, agreementId: string, unml: string, cuf: string) {
  const add = async (year: number, a: SeedAction) =>
    (
      await addRoadmapAction(op, agreementId, year, {
        title: a[0],
        description: '',
        engagement: a[1],
        ownerOrganisationId: a[2] === 'unml' ? unml : cuf,
        coOwnerIds: [a[2] === 'unml' ? cuf : unml],
        indicator: a[3],
        targetValue: a[4],
        dueOn: a[5],
        status: 'planned',
        progress: 0,
        weight: 1,
      })
    ).id;
  const approveBoth = async (year: number) => {
    const r = await loadRoadmap(op.tx, agreementId, year, [unml, cuf]);
    await approveRoadmap(op, agreementId, year, { organisationId: unml, hash: r.hash });
    await approveRoadmap(op, agreementId, year, { organisationId: cuf, hash: r.hash });
  };
  await createRoadmap(op, agreementId, 1);
  const y1 = [
    await add(1, [
      'Webinaire de présentation croisée des deux réseaux',
      'exchange_events',
      'cuf',
      'participants',
      150,
      '2025-12-15',
    ]),
    await add(1, [
      'Article commun dans les lettres d’information',
      'joint_communication',
      'unml',
      'parutions',
      2,
      '2026-02-28',
    ]),
    await add(1, [
      'Mises en relation Missions Locales – collectivités pilotes',
      'facilitate_connections',
      'unml',
      'binômes formés',
      10,
      '2026-06-30',
    ]),
  ];
  await approveBoth(1);
  await updateRoadmapAction(op, agreementId, 1, y1[0], { status: 'done', progress: 100 });
  await updateRoadmapAction(op, agreementId, 1, y1[1], { status: 'done', progress: 100 });
  await updateRoadmapAction(op, agreementId, 1, y1[2], { status: 'in_progress', progress: 40 });
  await createRoadmap(op, agreementId, 2);
  await add(2, [
    'Module de sensibilisation à l’ECSI pour les conseillers',
    'ecsi_awareness',
    'cuf',
    'Missions Locales sensibilisées',
    30,
    '2027-03-31',
  ]);
  await add(2, [
    'Guide des financements de la mobilité internationale des jeunes',
    'partners_abroad_funding',
    'cuf',
    'guide publié',
    1,
    '2027-05-31',
  ]);
  await approveBoth(2);
}
