import { z } from 'zod';
import { isCountryCode } from './countries.js';
import { SHARING_LEVELS } from './sharing.js';

/** Theme codes (mirrors the `themes` reference table of migration 0011). */
export const THEMES = [
  'youth_mobility',
  'ecsi',
  'staff_mobility',
  'youth',
  'crises_rehabilitation',
  'europe_world',
  'economic_development',
  'development',
  'climate',
  'gender',
] as const;
export type Theme = (typeof THEMES)[number];

export const PARTNER_TYPES = [
  'municipality',
  'intermediate_authority',
  'region',
  'state_agency',
  'association',
  'other',
] as const;

export const ORG_KINDS = [
  'unml',
  'cuf',
  'regional_association',
  'mission_locale',
  'local_authority',
  'foreign_partner',
] as const;

export const LEVELS = [
  'commune',
  'epci',
  'departement',
  'region',
  'collectivite_unique',
  'collectivite_statut_particulier',
  'metropole_statut_particulier',
  'collectivite_outre_mer',
  'province',
  'ept',
] as const;

/** Optional free text: trimmed, empty → null. */
const optText = (max: number) =>
  z
    .string({ error: 'Saisissez du texte.' })
    .trim()
    .max(max, `${max} caractères au plus.`)
    .nullish()
    .transform((v) => (v ? v : null));

const website = z
  .string({ error: 'Saisissez une adresse web.' })
  .trim()
  .max(300, '300 caractères au plus.')
  .nullish()
  .transform((v) => (v ? v : null))
  .refine(
    (v) => v === null || /^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]+$/i.test(v),
    'Indiquez une adresse web complète, commençant par https://, par exemple https://www.exemple.fr.',
  );

const optEmail = z
  .string({ error: 'Saisissez une adresse e-mail.' })
  .trim()
  .toLowerCase()
  .max(254, 'Adresse e-mail trop longue.')
  .nullish()
  .transform((v) => (v ? v : null))
  .refine(
    (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    'Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.',
  );

const countryCode = z
  .string({ error: 'Indiquez un code pays.' })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'Pays inconnu : indiquez un code ISO 3166 à deux lettres, par exemple SN.');

export const contactSchema = z.object({
  name: z
    .string({ error: 'Indiquez le nom du contact.' })
    .trim()
    .min(1, 'Indiquez le nom du contact.')
    .max(200, '200 caractères au plus.'),
  roleTitle: optText(200),
  email: optEmail,
  phone: optText(40).refine(
    (v) => v === null || /^[+0-9 ().-]{6,40}$/.test(v),
    'Indiquez un numéro de téléphone, par exemple 01 23 45 67 89.',
  ),
  sharingLevel: z.enum(SHARING_LEVELS, {
    error: 'Choisissez un niveau de partage : public, partenaires ou confidentiel.',
  }),
});
export type ContactInput = z.infer<typeof contactSchema>;

export const newPartnerSchema = z.object({
  name: z
    .string({ error: 'Indiquez le nom du partenaire.' })
    .trim()
    .min(1, 'Indiquez le nom du partenaire.')
    .max(200, '200 caractères au plus.'),
  country: countryCode,
  city: optText(120),
  type: z.enum(PARTNER_TYPES, { error: 'Choisissez le type de partenaire.' }).nullish(),
});

/** A partner abroad: an existing foreign partner (`id`) or a new one (name, country, city, type). */
export const partnerRefSchema = z
  .object({
    id: z.uuid('Identifiant de partenaire invalide.').optional(),
    name: z
      .string({ error: 'Indiquez le nom du partenaire.' })
      .trim()
      .max(200, '200 caractères au plus.')
      .optional(),
    country: countryCode.optional(),
    city: optText(120),
    type: z.enum(PARTNER_TYPES, { error: 'Choisissez le type de partenaire.' }).nullish(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.id) return;
    if (!p.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Indiquez le nom du partenaire.' });
    if (!p.country)
      ctx.addIssue({ code: 'custom', path: ['country'], message: 'Indiquez le pays du partenaire.' });
  })
  .transform((p): { id: string } | z.infer<typeof newPartnerSchema> =>
    p.id
      ? { id: p.id }
      : { name: p.name ?? '', country: p.country ?? '', city: p.city ?? null, type: p.type ?? null },
  );
export type PartnerRef = z.infer<typeof partnerRefSchema>;

/**
 * A change to a profile (API PATCH body; the form is turned into the same shape). Every
 * key is optional; lists replace the whole list.
 */
export const profilePatchSchema = z
  .object({
    description: optText(4000).optional(),
    website: website.optional(),
    email: optEmail.optional(),
    openToPartnership: z.boolean({ error: 'Indiquez oui ou non.' }).optional(),
    partnershipWanted: optText(2000).optional(),
    countries: z.array(countryCode).max(100, '100 pays au plus.').optional(),
    countryGroups: z
      .array(z.string().regex(/^[a-z0-9_]+$/, 'Groupe pays inconnu.'))
      .max(50)
      .optional(),
    themes: z.array(z.enum(THEMES, { error: 'Thème inconnu.' })).optional(),
    contacts: z.array(contactSchema).max(20, '20 contacts au plus.').optional(),
    partners: z.array(partnerRefSchema).max(50, '50 partenaires au plus.').optional(),
    /** "Je confirme que ces informations sont à jour": sets the verification date to today. */
    verified: z.boolean({ error: 'Indiquez oui ou non.' }).optional(),
    /** Foreign partners only. */
    country: countryCode.nullish(),
    city: optText(120).optional(),
    partnerType: z.enum(PARTNER_TYPES, { error: 'Choisissez le type de partenaire.' }).nullish(),
    /** Local authorities only; platform admins only. */
    cufMember: z.boolean({ error: 'Indiquez oui ou non.' }).optional(),
  })
  .strict();
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

/** What the audit log keeps of a profile, before and after a change. */
export interface ProfileSnapshot {
  description: string | null;
  website: string | null;
  email: string | null;
  openToPartnership: boolean;
  partnershipWanted: string | null;
  lastVerifiedOn: string | null;
  cufMember: boolean;
  country: string | null;
  city: string | null;
  partnerType: string | null;
  countries: string[];
  countryGroups: string[];
  themes: string[];
  partners: { id: string; name: string; country: string | null }[];
  contacts: ContactInput[];
}

/** Keys whose value differs between two snapshots (order of the snapshot). */
export function changedKeys(before: ProfileSnapshot, after: ProfileSnapshot): (keyof ProfileSnapshot)[] {
  return (Object.keys(after) as (keyof ProfileSnapshot)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}

/** Only the changed keys of both snapshots, for the audit log. */
export function diffSnapshots(before: ProfileSnapshot, after: ProfileSnapshot) {
  const keys = changedKeys(before, after);
  const pick = (s: ProfileSnapshot) => Object.fromEntries(keys.map((k) => [k, s[k]]));
  return { keys, before: pick(before), after: pick(after) };
}

/** The calendar day in Paris of an instant ('YYYY-MM-DD'). */
export function parisDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** A profile needs verifying when it was never verified or last verified 12 months ago or more. */
export function needsVerification(lastVerifiedOn: string | null, today: string): boolean {
  if (!lastVerifiedOn) return true;
  const [y, m, d] = lastVerifiedOn.split('-').map(Number);
  const due = new Date(Date.UTC(y + 1, m - 1, d));
  // 29 February + 1 year → 1 March (Date rolls over), acceptable for a reminder.
  return today >= due.toISOString().slice(0, 10);
}
