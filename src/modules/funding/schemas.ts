import { z } from 'zod';
import { fields } from '../../http/validation.js';
import { isCountryCode } from '../directory/domain/countries.js';
import { APPLICANT_TYPES, PROJECT_KINDS, ZONES } from './domain/programme.js';

const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const blankToNull = (v: unknown) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v;

/** An amount in euros typed in French ("10 000", "1500,50") or a number; never negative. */
const amount = (label: string) =>
  z.preprocess(
    (v) => {
      const b = blankToNull(v);
      if (typeof b !== 'string') return b;
      const n = Number(b.replace(/[\s\u202f\u00a0€]/g, '').replace(',', '.'));
      return Number.isNaN(n) ? b : n;
    },
    z
      .number({ error: `${label} : indiquez un nombre en euros.` })
      .min(0, `${label} : un montant ne peut pas être négatif.`)
      .max(1e11, `${label} : montant trop élevé.`)
      .nullable(),
  );

const url = (label: string) =>
  z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .max(500, `${label} : 500 caractères au plus.`)
      .regex(/^https?:\/\/\S+$/, `${label} : indiquez une adresse qui commence par https://.`)
      .nullable(),
  );

export const programmeSchema = z
  .object({
    name: fields.requiredText('le nom du programme'),
    funder: fields.requiredText('le financeur', 300),
    summary: z.string().trim().max(3000, 'Présentation : 3 000 caractères au plus.').default(''),
    applicantTypes: z.preprocess(
      list,
      z.array(z.enum(APPLICANT_TYPES, 'Type de porteur inconnu.'), 'Type de porteur inconnu.'),
    ),
    projectKinds: z.preprocess(list, z.array(z.enum(PROJECT_KINDS, 'Type de projet inconnu.'))),
    zones: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split(/[\s,;]+/)
              .map((s) => s.trim())
              .filter(Boolean)
              .map((s) =>
                /^[a-z]{2}$/i.test(s) && !(ZONES as readonly string[]).includes(s) ? s.toUpperCase() : s,
              )
          : list(v),
      z.array(
        z
          .string()
          .refine(
            (s) => (ZONES as readonly string[]).includes(s) || isCountryCode(s),
            'Zones : indiquez world, oda, eu, eu_neighbours ou des codes pays ISO à deux lettres (SN, MA…).',
          ),
      ),
    ),
    amountMin: amount('Montant minimum'),
    amountMax: amount('Montant maximum'),
    cofundingMaxPercent: z.preprocess((v) => {
      const b = blankToNull(v);
      return typeof b === 'string' ? Number(b.replace(',', '.')) : b;
    }, z
      .number({ error: 'Taux de cofinancement : indiquez un pourcentage.' })
      .gt(0, 'Taux de cofinancement : indiquez un pourcentage entre 1 et 100.')
      .max(100, 'Taux de cofinancement : indiquez un pourcentage entre 1 et 100.')
      .nullable()),
    recurrence: z.string().trim().max(300, 'Périodicité : 300 caractères au plus.').default(''),
    officialUrl: url('Page officielle'),
    factsYear: z.string().trim().max(40, 'Année des chiffres : 40 caractères au plus.').default(''),
    sources: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split(/\r?\n/)
              .map((s) => s.trim())
              .filter(Boolean)
          : list(v),
      z.array(z.string().regex(/^https?:\/\/\S+$/, 'Sources : une adresse https:// par ligne.')).max(20),
    ),
  })
  .superRefine((p, ctx) => {
    if (p.amountMin !== null && p.amountMax !== null && p.amountMin > p.amountMax)
      ctx.addIssue({
        code: 'custom',
        path: ['amountMax'],
        message: 'Montant maximum : il doit être supérieur ou égal au montant minimum.',
      });
  });
export type ProgrammeInput = z.infer<typeof programmeSchema>;

export const callSchema = z
  .object({
    title: fields.requiredText('l’intitulé de l’appel'),
    opensOn: fields.isoDate('la date d’ouverture'),
    closesOn: fields.isoDate('la date de clôture'),
  })
  .superRefine((c, ctx) => {
    if (c.opensOn > c.closesOn)
      ctx.addIssue({
        code: 'custom',
        path: ['closesOn'],
        message: 'Date de clôture : elle doit suivre la date d’ouverture.',
      });
  });
export type CallInput = z.infer<typeof callSchema>;

export const suggestionSchema = z.object({
  name: z.string().trim().max(200, 'Nom : 200 caractères au plus.').default(''),
  funder: z.string().trim().max(300, 'Financeur : 300 caractères au plus.').default(''),
  officialUrl: url('Page officielle'),
  message: fields.requiredText('votre proposition', 3000),
});
export type SuggestionInput = z.infer<typeof suggestionSchema>;

export const rejectSchema = z.object({ reason: fields.requiredText('la raison du refus', 1000) });

/**
 * A saved funding search (e-mail alerts): the list filters, all optional. Shared by the
 * alerts page form (which drops blank fields first: "Tous") and POST /api/v1/funding-searches.
 */
export const savedSearchSchema = z.object({
  q: z
    .string({ error: 'La recherche doit être un texte.' })
    .trim()
    .max(200, 'La recherche : 200 caractères au plus.')
    .optional(),
  projectKind: z.enum(PROJECT_KINDS, { error: 'Type de projet inconnu.' }).optional(),
  applicantType: z.enum(APPLICANT_TYPES, { error: 'Type de porteur inconnu.' }).optional(),
});
export type SavedSearchInput = z.infer<typeof savedSearchSchema>;
