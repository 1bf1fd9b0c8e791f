import { z } from 'zod';
import { isCountryCode, resolveCountry } from '../directory/index.js';

export const PROJECT_KINDS = ['youth_mobility', 'ecsi', 'staff_mobility'] as const;

const list = (v: unknown) =>
  v === undefined || v === null || v === ''
    ? []
    : (Array.isArray(v) ? v : String(v).split(',')).map((x) => String(x).trim()).filter(Boolean);

/** A connection request, from the form or the API (same rules, French messages naming the field). */
export const requestSchema = z.object({
  requesterId: z.uuid('Choisissez l’organisation qui fait la demande.'),
  receiverId: z.uuid('L’organisation destinataire n’est pas valide.'),
  message: z
    .string({ error: 'Écrivez un message à l’organisation.' })
    .trim()
    .min(10, 'Écrivez un message d’au moins 10 caractères.')
    .max(4000, '4 000 caractères au plus.'),
  projectKind: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.enum(PROJECT_KINDS, 'Choisissez un type de projet de la liste.').optional(),
  ),
  projectCountries: z.preprocess(
    // One country input everywhere (issue 9 §5): a name ("Sénégal") or an ISO code ("SN").
    (v) => list(v).map((x) => resolveCountry(x) ?? x.toUpperCase()),
    z
      .array(
        z
          .string()
          .refine(isCountryCode, 'Pays inconnu : indiquez des noms de pays ou des codes ISO (Sénégal, MA…).'),
      )
      .max(10, '10 pays au plus.'),
  ),
  projectThemes: z.preprocess(
    list,
    z.array(z.string().regex(/^[a-z_]+$/, 'Thème inconnu.')).max(10, '10 thèmes au plus.'),
  ),
});
export type RequestInput = z.infer<typeof requestSchema>;

export const declineSchema = z.object({
  reason: z
    .string({ error: 'Indiquez la raison du refus.' })
    .trim()
    .min(3, 'Indiquez la raison du refus.')
    .max(2000, '2 000 caractères au plus.'),
});

/** Network staff pass a relayed request on (form and API): the address, optionally a name and a word. */
export const relayContactSchema = z.object({
  email: z
    .string({ error: 'Indiquez l’adresse e-mail de la personne.' })
    .trim()
    .toLowerCase()
    .pipe(z.email('Indiquez une adresse e-mail valide, par exemple prenom.nom@mairie.fr.')),
  name: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(200, '200 caractères au plus.').optional(),
  ),
  note: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(2000, '2 000 caractères au plus.').optional(),
  ),
});
export type RelayContactInput = z.infer<typeof relayContactSchema>;
