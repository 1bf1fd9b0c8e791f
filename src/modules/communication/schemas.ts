import { z } from 'zod';
import { fields } from '../../http/validation.js';
import { charCount, SOCIAL_MAX } from './domain/approval.js';

const blankToNull = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v;

/** A news item's content (one version); shared by the forms and the API. */
export const newsSchema = z.object({
  title: fields.requiredText('le titre'),
  body: fields.requiredText('le texte pour les lettres d’information et les sites', 20000),
  socialText: z
    .string({ error: 'Indiquez la version courte pour les réseaux sociaux.' })
    .trim()
    .min(1, 'Indiquez la version courte pour les réseaux sociaux.')
    .refine((s) => charCount(s) <= SOCIAL_MAX, {
      message: `Version courte : ${SOCIAL_MAX} caractères au plus.`,
    }),
  imageAlt: z.string().trim().max(500, 'Texte de l’image : 500 caractères au plus.').default(''),
  link: z
    .preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .max(500, 'Lien : 500 caractères au plus.')
        .regex(/^https?:\/\/\S+$/, 'Lien : indiquez une adresse qui commence par https://.')
        .nullable(),
    )
    .default(null),
});
export type NewsInput = z.infer<typeof newsSchema>;

export const approveSchema = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/i, 'L’empreinte de la version n’est pas valide.'),
});

/** Newsletter subscription: an address and at least one list. */
export const subscribeSchema = z.object({
  email: fields.email(),
  lists: z
    .preprocess(
      (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string().max(80)).max(50),
    )
    .refine((l) => l.length > 0, 'Choisissez au moins une lettre.'),
});
