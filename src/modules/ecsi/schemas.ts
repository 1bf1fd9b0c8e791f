import { z } from 'zod';
import { fields } from '../../http/validation.js';
import { ACTION_KINDS, RESOURCE_AUDIENCES, RESOURCE_KINDS } from './domain/moderation.js';

const blankToNull = (v: unknown) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v;
const list = (v: unknown) => (v === undefined || v === '' || v === null ? [] : Array.isArray(v) ? v : [v]);

export const resourceSchema = z.object({
  title: fields.requiredText('le titre'),
  kind: z.enum(RESOURCE_KINDS, 'Type inconnu : guide, formation, exemple de projet ou outil.'),
  summary: fields.requiredText('un résumé en langage simple', 2000),
  audience: z.enum(RESOURCE_AUDIENCES, 'Public inconnu.'),
  themes: z.preprocess(list, z.array(z.string().max(60)).max(20)).default([]),
  language: z
    .preprocess(
      (v) => blankToNull(v) ?? 'fr',
      z.string().regex(/^[a-z]{2}$/, 'Langue : un code de deux lettres, par exemple fr.'),
    )
    .default('fr'),
  licence: fields.requiredText('la licence (par exemple CC BY 4.0, ou « droits réservés »)', 200),
  source: fields.requiredText('la source (qui publie la ressource)', 300),
  url: z
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
export type ResourceInput = z.infer<typeof resourceSchema>;

export const rejectSchema = z.object({ reason: fields.requiredText('le motif du refus', 1000) });

export const actionSchema = z.object({
  title: fields.requiredText('le titre'),
  kind: z.enum(ACTION_KINDS, 'Type inconnu : formation, atelier ou présentation.'),
  heldOn: fields.isoDate('la date'),
  organiserId: fields.uuid('l’organisation qui organise'),
  participantIds: z.preprocess(
    (v) =>
      (Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,;]+/) : [])
        .map((x) => String(x).trim())
        .filter(Boolean),
    z.array(fields.uuid('l’organisation participante')).max(500),
  ),
  description: z.string().trim().max(3000, 'Description : 3 000 caractères au plus.').default(''),
});
export type ActionInput = z.infer<typeof actionSchema>;

/** Files accepted in the library (documents people open, never executables or HTML). */
export const FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  odt: 'application/vnd.oasis.opendocument.text',
  odp: 'application/vnd.oasis.opendocument.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
