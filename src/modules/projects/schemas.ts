import { z } from 'zod';
import { fields } from '../../http/validation.js';
import { isCountryCode, parseCountryList, resolveCountry } from '../directory/index.js';
import { PROJECT_KINDS } from '../funding/domain/programme.js';
import { CRITERIA, STATUSES } from './domain/lifecycle.js';

const blankToNull = (v: unknown) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v;
const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

export const amount = (label: string) =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      const n = Number(v.replace(/[\s\u202f\u00a0€]/g, '').replace(',', '.'));
      return v.trim() === '' ? undefined : Number.isNaN(n) ? v : n;
    },
    z
      .number({ error: `${label} : indiquez un montant en euros.` })
      .min(0, `${label} : un montant ne peut pas être négatif.`)
      .max(1e10, `${label} : montant trop élevé.`),
  );

const optionalDate = (label: string) => z.preprocess(blankToNull, fields.isoDate(label).nullable());

const countries = z.preprocess((v) => {
  if (Array.isArray(v)) return v.map((x) => String(x).trim().toUpperCase());
  if (typeof v !== 'string' || !v.trim()) return [];
  return v
    .split(/[,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}, z.array(z.string()));

/** "Sénégal, MA" → ['SN', 'MA'] with a French message naming the unknown entries. */
export function resolveCountries(input: string[]): { codes: string[]; unknown: string[] } {
  const r = parseCountryList(input.join(', '));
  return { codes: [...new Set(r.codes)].filter((c) => c !== 'FR'), unknown: r.unknown };
}

export const detailsSchema = z
  .object({
    title: fields.requiredText('le titre du projet'),
    kind: z.enum(PROJECT_KINDS, 'Type de projet : choisissez un des types proposés.'),
    summary: z.string().trim().max(5000, 'Résumé : 5 000 caractères au plus.').default(''),
    objectives: z.string().trim().max(5000, 'Objectifs : 5 000 caractères au plus.').default(''),
    startsOn: optionalDate('la date de début'),
    endsOn: optionalDate('la date de fin'),
    countries,
  })
  .superRefine((p, ctx) => {
    if (p.startsOn && p.endsOn && p.startsOn > p.endsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['endsOn'],
        message: 'Date de fin : elle doit suivre la date de début.',
      });
    const r = resolveCountries(p.countries);
    if (r.unknown.length)
      ctx.addIssue({
        code: 'custom',
        path: ['countries'],
        message: `Pays : « ${r.unknown.join(', ')} » n’est pas un pays connu (nom ou code ISO, par exemple SN).`,
      });
  });
export type DetailsInput = z.infer<typeof detailsSchema>;

export const createSchema = z.intersection(
  detailsSchema,
  z.object({
    organisationId: fields.uuid('votre organisation'),
    partnerIds: z.preprocess(list, z.array(fields.uuid('l’organisation partenaire'))),
  }),
);

export const partnerSchema = z
  .object({
    organisationId: z.preprocess(blankToNull, fields.uuid('l’organisation').nullable()),
    foreignName: z.preprocess(
      blankToNull,
      z.string().trim().max(200, 'Nom : 200 caractères au plus.').nullable(),
    ),
    country: z.preprocess(
      // One country input everywhere (issue 9 §5): a name ("Sénégal") or an ISO code ("SN").
      (v) =>
        typeof blankToNull(v) === 'string'
          ? (resolveCountry(String(v)) ?? String(v).trim().toUpperCase())
          : null,
      z
        .string()
        .refine(isCountryCode, 'Pays : indiquez un nom de pays ou un code ISO, par exemple Sénégal ou SN.')
        .nullable(),
    ),
    role: z.string().trim().max(300, 'Rôle : 300 caractères au plus.').default(''),
  })
  .superRefine((p, ctx) => {
    if (!p.organisationId && !p.foreignName)
      ctx.addIssue({
        code: 'custom',
        path: ['foreignName'],
        message: 'Partenaire : choisissez une organisation de l’annuaire ou nommez le partenaire étranger.',
      });
    if (p.foreignName && !p.country)
      ctx.addIssue({
        code: 'custom',
        path: ['country'],
        message: 'Pays : indiquez le pays du partenaire étranger.',
      });
  });

export const milestoneSchema = z.object({
  title: fields.requiredText('l’intitulé de l’étape'),
  dueOn: fields.isoDate('la date prévue'),
});

export const budgetLineSchema = z.object({
  label: fields.requiredText('l’intitulé de la dépense'),
  amount: amount('Montant'),
});

export const FUNDING_STATUSES = ['planned', 'requested', 'obtained', 'refused'] as const;
export const fundingLineSchema = z
  .object({
    source: z.string().trim().max(300, 'Source : 300 caractères au plus.').default(''),
    programmeId: z.preprocess(blankToNull, fields.uuid('le programme').nullable()),
    requested: amount('Montant demandé'),
    obtained: z.preprocess((v) => (blankToNull(v) === null ? null : v), amount('Montant obtenu').nullable()),
    status: z.enum(FUNDING_STATUSES, 'Statut : choisissez prévu, demandé, obtenu ou refusé.'),
  })
  .superRefine((f, ctx) => {
    if (!f.source && !f.programmeId)
      ctx.addIssue({
        code: 'custom',
        path: ['source'],
        message: 'Source : nommez le financeur ou choisissez un programme.',
      });
    if (f.status === 'obtained' && !(f.obtained && f.obtained > 0))
      ctx.addIssue({
        code: 'custom',
        path: ['obtained'],
        message: 'Montant obtenu : indiquez le montant obtenu (plus que 0 €).',
      });
  });
export type FundingLineInput = z.infer<typeof fundingLineSchema>;

export const transitionSchema = z.object({
  to: z.enum(STATUSES, 'Statut : choisissez un des statuts proposés.'),
  reason: z.string().trim().max(2000, 'Raison : 2 000 caractères au plus.').optional(),
});

export const assessmentSchema = z.object(
  Object.fromEntries(
    CRITERIA.flatMap((c) => [
      [
        `${c}Level`,
        z.preprocess(
          (v) => (typeof v === 'string' && v !== '' ? Number(v) : v === '' ? undefined : v),
          z
            .number({ error: 'Niveau : choisissez de 0 à 3.' })
            .int()
            .min(0, 'Niveau : de 0 à 3.')
            .max(3, 'Niveau : de 0 à 3.')
            .optional(),
        ),
      ],
      [`${c}Comment`, z.string().trim().max(3000, 'Commentaire : 3 000 caractères au plus.').default('')],
    ]),
  ),
);
